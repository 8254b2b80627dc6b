import FibreCore
import FibrePlanning

extension TechnologyReport {
  /// The board report's section: households by technology per municipality, so that a
  /// board sees that nobody is left with nothing (and who is, and why).
  package static func section(_ out: inout SVGText, _ plan: FibrePlanResult) {
    guard let c = plan.coverage.technologies else { return }
    let g = HumanNumber.grouped
    out.raw("<section class=\"technologies\">\n<h2>Nobody left behind</h2>\n<p>")
    var lede = "Every household fibre does not serve gets the cheapest alternative that reaches it over "
      + "\(c.options.horizonYears) years: \(g(c.region.fwa)) by fixed wireless, \(g(c.region.satellite)) by satellite"
    lede += c.region.none == 0 ? "; none is left without a technology."
      : "; \(g(c.region.none)) have none (" + c.noneReasons.keys.sorted().joined(separator: ", ") + ")."
    if c.householdsRecommended > 0 {
      lede += " \(g(c.householdsRecommended)) households on fibre would cost more than "
        + "\(HumanNumber.grouped(c.options.factor, decimals: 1)) times an alternative; they stay in the plan, flagged."
    }
    out.text(lede)
    out.raw("</p>\n<table>\n")
    let existing = c.region.existingNetwork > 0
    BoardReport.header(&out, ["Municipality", "Fibre"] + (existing ? ["Existing network"] : []) + ["Fixed wireless", "Satellite", "None"])
    func cells(_ name: String, _ m: TechnologyMix) -> [String] {
      [name, g(m.fibre)] + (existing ? [g(m.existingNetwork)] : []) + [g(m.fwa), g(m.satellite), g(m.none)]
    }
    for (i, m) in plan.totals.municipalities.enumerated() where i < c.municipalities.count {
      BoardReport.row(&out, cells(m.name, c.municipalities[i]))
    }
    BoardReport.row(&out, cells("Region", c.region), rowClass: "total")
    out.raw("</tbody>\n</table>\n</section>\n")
  }
}
