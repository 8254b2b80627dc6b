import FibreCore
import FibrePlanning

/// The business case for people and tools: economics.csv, the `"economics"` member of
/// summary.json, lines for summary.txt and a board report section.
public enum EconomicsReport {
  /// `year,municipality,capex,opex,revenue,net_cash_flow,discounted_cash_flow`, one row
  /// per year and municipality (the region's rows when there are no boundaries).
  public static func csv(_ b: BusinessCase) -> String {
    var out = "year,municipality,capex,opex,revenue,net_cash_flow,discounted_cash_flow\n"
    let areas = b.municipalities.isEmpty ? [b.region] : b.municipalities
    for year in 0..<b.options.horizonYears {
      for a in areas {
        let f = a.flows
        out += "\(year + 1),\(CostStatementReport.csvField(a.name)),\(JSONText.fixed(f.capex[year], decimals: 2)),"
          + "\(JSONText.fixed(f.opex[year], decimals: 2)),\(JSONText.fixed(f.revenue[year], decimals: 2)),"
          + "\(JSONText.fixed(f.net[year], decimals: 2)),\(JSONText.fixed(f.discounted[year], decimals: 2))\n"
      }
    }
    return out
  }

  package static func json(_ b: BusinessCase, into out: inout JSONText) {
    out.raw("\"economics\":{\"npv\":"); out.number(b.region.flows.npv, decimals: 2)
    out.raw(",\"payback_year\":")
    if let y = b.region.flows.paybackYear { out.integer(y) } else { out.raw("null") }
    out.raw(",\"funding_gap\":"); out.number(b.region.fundingGap, decimals: 2)
    out.raw(",\"funding_gap_per_home\":"); out.number(b.fundingGapPerHome, decimals: 2)
    out.raw(",\"funding_gap_years\":"); out.integer(b.options.fundingGapYears)
    out.raw(",\"horizon_years\":"); out.integer(b.options.horizonYears)
    out.raw(",\"discount_rate\":"); out.number(b.options.discountRate, decimals: 4)
    out.raw(",\"municipalities\":[")
    for (i, a) in b.municipalities.enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("{\"name\":"); out.string(a.name)
      out.raw(",\"npv\":"); out.number(a.flows.npv, decimals: 2)
      out.raw(",\"funding_gap\":"); out.number(a.fundingGap, decimals: 2); out.raw("}")
    }
    out.raw("]}")
  }

  public static func text(_ b: BusinessCase) -> String {
    let eur = { (x: Double) in "EUR " + HumanNumber.grouped(x) }
    var t = TextTable(["Business case", ""])
    t.add(["NPV over \(b.options.horizonYears) years at \(HumanNumber.percent(b.options.discountRate * 100))", eur(b.region.flows.npv)])
    t.add(["Payback year", b.region.flows.paybackYear.map(String.init) ?? "not within the horizon"])
    t.add(["Funding gap over \(b.options.fundingGapYears) years", eur(b.region.fundingGap)])
    t.add(["Funding gap per home", eur(b.fundingGapPerHome)])
    return "\n" + t.render()
  }

  /// The board report's section: what the region must fund, and each municipality.
  package static func section(_ out: inout SVGText, _ b: BusinessCase) {
    let eur = BoardReport.eur
    out.raw("<section class=\"economics\">\n<h2>Business case and funding gap</h2>\n<p>")
    out.text("After the revenue an operator can expect, the region must fund \(eur(b.region.fundingGap)) "
      + "(\(eur(b.fundingGapPerHome)) per home) over the first \(b.options.fundingGapYears) years. "
      + "Over \(b.options.horizonYears) years the network's net present value is \(eur(b.region.flows.npv))"
      + (b.region.flows.paybackYear.map { ", and it pays back in year \($0)." } ?? ", and it does not pay back within that time."))
    out.raw("</p>\n<table>\n")
    BoardReport.header(&out, ["Municipality", "Net present value", "Funding gap"])
    for a in b.municipalities { BoardReport.row(&out, [a.name, eur(a.flows.npv), eur(a.fundingGap)]) }
    BoardReport.row(&out, ["Region", eur(b.region.flows.npv), eur(b.region.fundingGap)], rowClass: "total")
    out.raw("</tbody>\n</table>\n<p class=\"note-below\">")
    out.text("Funding gap = capex + opex − revenue, discounted at \(HumanNumber.percent(b.options.discountRate * 100)) "
      + "a year, over \(b.options.fundingGapYears) years (Bavaria's gigabit guideline); take-up from "
      + "\(HumanNumber.percent((b.options.takeUp.first ?? 0) * 100)) to \(HumanNumber.percent((b.options.takeUp.last ?? 0) * 100)), "
      + "ARPU EUR \(JSONText.fixed(b.options.arpuPerMonth, decimals: 2)) a month. economics.csv holds every year.")
    out.raw("</p>\n</section>\n")
  }
}
