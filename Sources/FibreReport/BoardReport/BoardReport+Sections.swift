import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The report's sections beyond the plan itself: the cost–coverage curve, the homes the
/// architecture cannot serve, and the cost statement between municipalities.
extension BoardReport {
  package static func coverageSection(_ out: inout SVGText, _ plan: FibrePlanResult) {
    guard plan.coverage.curve.count >= 2 else { return }
    out.raw("<section class=\"coverage-chart\">\n<h2>Cost and coverage</h2>\n<figure>\n")
    out.bytes.append(contentsOf: inlineSVG(Array(CoverageReport.svg(plan).utf8), label: "Households connected against capex"))
    out.raw("</figure>\n<p class=\"note-below\">")
    out.text("Households connected for each level of capex, building the network outwards from the POP where it "
      + "reaches the most households per euro first. The dot marks this plan; coverage.csv holds the points.")
    out.raw("</p>\n</section>\n")
  }

  /// Homes the trench reaches that the fibre architecture cannot serve as designed.
  package static func serviceGapSection(_ out: inout SVGText, _ plan: FibrePlanResult) {
    guard let arch = plan.architecture, !arch.gaps.isEmpty else { return }
    var reasons: [String: (points: Int, households: Int)] = [:]
    for g in arch.gaps {
      reasons[g.reason, default: (0, 0)].points += 1
      reasons[g.reason, default: (0, 0)].households += g.households
    }
    let titles = ["optical_budget": "Optical budget exceeded (too far from the POP)",
                  "drop_too_long": "Drop longer than the architecture allows",
                  "cabinet_capacity": "No cabinet port left"]
    out.raw("<section>\n<h2>Reached by the trench, not servable as designed</h2>\n<table>\n")
    header(&out, ["Reason", "Buildings and sites", "Households"])
    for k in reasons.keys.sorted() {
      let title = titles[k] ?? (k.hasPrefix("no_cabinet_within_") ? "No cabinet within reach (\(k))" : k)
      row(&out, [title, HumanNumber.grouped(reasons[k]!.points), HumanNumber.grouped(reasons[k]!.households)])
    }
    out.raw("</tbody>\n</table>\n<p class=\"note-below\">")
    out.text("gaps.geojson lists each of them with its reason. A second POP, a smaller split ratio or a higher "
      + "optical class closes optical-budget gaps; the scenario's architecture object sets all three.")
    out.raw("</p>\n</section>\n")
  }

  package static func costSharingSection(_ out: inout SVGText, _ s: CostSharingStatement?) {
    guard let s else { return }
    out.raw("<section>\n<h2>Cost sharing between municipalities</h2>\n<table>\n")
    header(&out, ["Municipality", "Households", "Built alone", "By households", "By trench", "Shapley", "Saving", "Core"])
    for r in s.shares {
      var shapley = HumanNumber.grouped(r.shapley)
      if let low = r.shapleyLow, let high = r.shapleyHigh { shapley += " ±" + HumanNumber.grouped((high - low) / 2) }
      row(&out, [r.name, HumanNumber.grouped(r.householdsConnected), HumanNumber.grouped(r.standAlone),
                 HumanNumber.grouped(r.proportionalHouseholds), HumanNumber.grouped(r.proportionalTrench), shapley,
                 HumanNumber.grouped(r.savingVsStandAlone), r.coreOK ? "ok" : "over stand-alone"])
    }
    row(&out, ["Total", HumanNumber.grouped(s.shares.reduce(0) { $0 + $1.householdsConnected }),
               HumanNumber.grouped(s.standAloneTotal), HumanNumber.grouped(s.jointCost), HumanNumber.grouped(s.jointCost),
               HumanNumber.grouped(s.shares.reduce(0) { $0 + $1.shapley }), HumanNumber.grouped(s.saving),
               s.coreOK ? "ok" : "no"], rowClass: "total")
    out.raw("</tbody>\n</table>\n<p class=\"note-below\">")
    let percent = s.standAloneTotal > 0 ? s.saving / s.standAloneTotal * 100 : 0
    out.text("Built together the network costs EUR \(HumanNumber.grouped(s.jointCost)); each municipality alone, "
      + "EUR \(HumanNumber.grouped(s.standAloneTotal)) in all: cooperation saves \(HumanNumber.percent(percent)). "
      + (s.exact ? "The Shapley value is exact over every coalition." : "The Shapley value is sampled (seeded); ± is the 95 % interval."))
    out.raw("</p>\n</section>\n")
  }
}
