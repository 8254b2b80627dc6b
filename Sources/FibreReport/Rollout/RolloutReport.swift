import FibreCore
import FibreGeo
import FibrePlanning

/// The rollout for people and tools: rollout.csv, the `"rollout"` member of
/// summary.json, the phase table of summary.txt, and the board report's section with a
/// chart of cumulative households over the phases.
public enum RolloutReport {
  /// `phase,households,households_cumulative,capex,capex_cumulative,trench_m`, one row
  /// per phase; capex to the cent.
  public static func csv(_ rollout: Rollout) -> String {
    var out = "phase,households,households_cumulative,capex,capex_cumulative,trench_m\n"
    var households = 0, capex = 0.0
    for p in rollout.phases {
      households += p.households
      capex += p.capex
      out += "\(p.number),\(p.households),\(households),\(JSONText.fixed(p.capex, decimals: 2)),"
        + "\(JSONText.fixed(capex, decimals: 2)),\(JSONText.fixed(p.trenchMetres, decimals: 1))\n"
    }
    return out
  }

  /// `"rollout":{"phases":N,"annual_budget_eur":X|null,"capex_total":…,"households_total":…,"by_phase":[…]}`.
  package static func json(_ rollout: Rollout, into out: inout JSONText) {
    out.raw("\"rollout\":{\"phases\":"); out.integer(rollout.phases.count)
    out.raw(",\"annual_budget_eur\":")
    if let b = rollout.annualBudget { out.number(b, decimals: 2) } else { out.raw("null") }
    out.raw(",\"capex_total\":"); out.number(rollout.capexTotal, decimals: 2)
    out.raw(",\"households_total\":"); out.integer(rollout.householdsTotal)
    out.raw(",\"by_phase\":[")
    for (i, p) in rollout.phases.enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("{\"phase\":"); out.integer(p.number)
      out.raw(",\"households\":"); out.integer(p.households)
      out.raw(",\"capex\":"); out.number(p.capex, decimals: 2)
      out.raw(",\"trench_m\":"); out.number(p.trenchMetres, decimals: 1); out.raw("}")
    }
    out.raw("]}")
  }

  /// The phase table for summary.txt.
  public static func text(_ rollout: Rollout) -> String {
    var t = TextTable(["Phase", "Households", "Cumulative", "Capex EUR", "Trench m"])
    var households = 0
    for p in rollout.phases {
      households += p.households
      t.add(["\(p.number)", HumanNumber.grouped(p.households), HumanNumber.grouped(households),
             HumanNumber.grouped(p.capex), HumanNumber.grouped(p.trenchMetres)])
    }
    let budget = rollout.annualBudget.map { ", at most EUR \(HumanNumber.grouped($0)) a year" } ?? ""
    return "\n  Rollout in \(rollout.phases.count) phases\(budget) (rollout.csv):\n" + t.render()
  }

  /// Colour of phase k of n: from deep blue (first) to pale orange (last).
  package static func colour(_ phase: Int, of count: Int) -> String {
    let palette = ["#08306b", "#2171b5", "#41ab5d", "#d9a400", "#e6550d", "#a63603", "#756bb1", "#636363"]
    guard count > palette.count else { return palette[(phase - 1) % palette.count] }
    // More phases than colours: spread them over the palette in order.
    return palette[min(palette.count - 1, (phase - 1) * palette.count / count)]
  }

  /// Cumulative households against phases, as a step chart.
  package static func chart(_ rollout: Rollout) -> String {
    let w = 720.0, h = 300.0, left = 70.0, bottom = 40.0, top = 20.0, right = 20.0
    let total = max(1, rollout.householdsTotal)
    let n = rollout.phases.count
    let barWidth = (w - left - right) / Double(max(n, 1))
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
    s += "<line x1=\"\(left)\" y1=\"\(h - bottom)\" x2=\"\(w - right)\" y2=\"\(h - bottom)\" stroke=\"#1d2433\"/>\n"
    s += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(HumanNumber.grouped(total))</text>\n"
    s += "<text x=\"\(left - 6)\" y=\"\(h - bottom)\" text-anchor=\"end\">0</text>\n"
    var cumulative = 0
    for p in rollout.phases {
      cumulative += p.households
      let height = Double(cumulative) / Double(total) * (h - top - bottom)
      let x = left + Double(p.number - 1) * barWidth
      s += "<rect x=\"\(JSONText.fixed(x + 2, decimals: 1))\" y=\"\(JSONText.fixed(h - bottom - height, decimals: 1))\" width=\"\(JSONText.fixed(barWidth - 4, decimals: 1))\" height=\"\(JSONText.fixed(height, decimals: 1))\" fill=\"\(colour(p.number, of: n))\"><title>phase \(p.number): \(HumanNumber.grouped(cumulative)) households</title></rect>\n"
      if n <= 20 {
        s += "<text x=\"\(JSONText.fixed(x + barWidth / 2, decimals: 1))\" y=\"\(h - bottom + 16)\" text-anchor=\"middle\">\(p.number)</text>\n"
      }
    }
    s += "<text x=\"\((left + w - right) / 2)\" y=\"\(h - 6)\" text-anchor=\"middle\">phase (year)</text>\n"
    s += "</svg>\n"
    return s
  }

  /// The board report's rollout section: table and chart.
  package static func section(_ out: inout SVGText, _ rollout: Rollout) {
    out.raw("<section class=\"rollout\">\n<h2>Rollout by phase</h2>\n<figure>\n")
    out.bytes.append(contentsOf: BoardReport.inlineSVG(Array(chart(rollout).utf8), label: "Cumulative households by phase"))
    out.raw("</figure>\n<table>\n")
    BoardReport.header(&out, ["Phase", "Households", "Cumulative", "Capex", "Cumulative capex", "Trench m"])
    var households = 0, capex = 0.0
    for p in rollout.phases {
      households += p.households
      capex += p.capex
      BoardReport.row(&out, ["\(p.number)", HumanNumber.grouped(p.households), HumanNumber.grouped(households),
                             BoardReport.eur(p.capex), BoardReport.eur(capex), HumanNumber.grouped(p.trenchMetres)])
    }
    out.raw("</tbody>\n</table>\n<p class=\"note-below\">")
    let budget = rollout.annualBudget.map { " Each phase spends at most \(BoardReport.eur($0))." } ?? ""
    out.text("Each phase extends the trench dug before it, so no street is opened twice; the streets that reach "
      + "the most households per euro come first, after the critical sites." + budget
      + " The map colours trench by phase; rollout.csv holds the figures.")
    out.raw("</p>\n</section>\n")
  }
}
