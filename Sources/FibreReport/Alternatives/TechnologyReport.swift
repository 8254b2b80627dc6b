import FibreCore
import FibrePlanning

/// Nobody left behind, in summary.json and summary.txt: households by technology, why
/// any have none, and the fibre-served households flagged for an alternative.
package enum TechnologyReport {
  static func mix(_ m: TechnologyMix, into out: inout JSONText) {
    out.raw("{\"fibre\":"); out.integer(m.fibre)
    out.raw(",\"existing_network\":"); out.integer(m.existingNetwork)
    out.raw(",\"fwa\":"); out.integer(m.fwa)
    out.raw(",\"satellite\":"); out.integer(m.satellite)
    out.raw(",\"none\":"); out.integer(m.none); out.raw("}")
  }

  /// `"technology_mix"` (households; sums to `households_total`) and `"alternatives"`:
  /// each technology with its lifetime cost, the horizon, the factor, the reasons for
  /// `none` and the households flagged `alternative_recommended`.
  package static func json(_ c: TechnologyChoice, into out: inout JSONText) {
    out.raw("\"technology_mix\":"); mix(c.region, into: &out)
    out.raw(",\n  \"alternatives\":{\"horizon_years\":"); out.integer(c.options.horizonYears)
    out.raw(",\"discount_rate\":"); out.number(c.options.discountRate, decimals: 4)
    out.raw(",\"alternatives_factor\":"); out.number(c.options.factor, decimals: 4)
    out.raw(",\"technologies\":[")
    for (k, t) in c.options.technologies.enumerated() {
      if k > 0 { out.raw(",") }
      out.raw("{\"technology\":"); out.string(t.technology)
      out.raw(",\"capex_per_home\":"); out.number(t.capexPerHome, decimals: 2)
      out.raw(",\"opex_per_home_year\":"); out.number(t.opexPerHomeYear, decimals: 2)
      out.raw(",\"max_distance_m\":")
      if let d = t.maxDistance { out.number(d, decimals: 1) } else { out.raw("null") }
      out.raw(",\"lifetime_cost_per_home\":"); out.number(c.lifetimeCost[k], decimals: 2); out.raw("}")
    }
    out.raw("],\"none_reasons\":{")
    for (i, r) in c.noneReasons.keys.sorted().enumerated() {
      if i > 0 { out.raw(",") }
      out.key(r); out.integer(c.noneReasons[r]!)
    }
    out.raw("},\"households_alternative_recommended\":"); out.integer(c.householdsRecommended); out.raw("}")
  }

  /// Eligible households and, with `--eligible-only`, those left to the existing
  /// network, for summary.txt; empty when the plan says nothing about eligibility.
  package static func eligibilityText(_ plan: FibrePlanResult) -> String {
    guard let e = plan.coverage.eligibility else { return "" }
    let r = plan.totals.region
    var t = TextTable(["Eligibility (below \(HumanNumber.grouped(e.thresholdMbps)) Mbit/s today)", "Households"])
    t.add(["Eligible (white area or speed unknown)", HumanNumber.grouped(r.householdsEligible)])
    t.add(["Not eligible", HumanNumber.grouped(r.householdsTotal - r.householdsEligible)])
    if e.only { t.add(["Left to the existing network (--eligible-only)", HumanNumber.grouped(r.householdsServedByExistingNetwork)]) }
    return "\n" + t.render()
  }

  /// Table of households by technology for summary.txt; empty without `--alternatives`.
  package static func text(_ plan: FibrePlanResult) -> String {
    guard let c = plan.coverage.technologies else { return "" }
    var t = TextTable(["Nobody left behind", "Households"])
    t.add(["Fibre (served as designed)", HumanNumber.grouped(c.region.fibre)])
    if c.region.existingNetwork > 0 { t.add(["Existing network (not eligible)", HumanNumber.grouped(c.region.existingNetwork)]) }
    t.add(["Fixed wireless access", HumanNumber.grouped(c.region.fwa)])
    t.add(["Satellite", HumanNumber.grouped(c.region.satellite)])
    t.add(["None" + (c.noneReasons.isEmpty ? "" : " (" + c.noneReasons.keys.sorted().joined(separator: ", ") + ")"),
           HumanNumber.grouped(c.region.none)])
    t.add(["On fibre, alternative recommended (×\(HumanNumber.grouped(c.options.factor, decimals: 1)) cost)",
           HumanNumber.grouped(c.householdsRecommended)])
    return "\n" + t.render()
  }
}

extension PlanSummary {
  /// `"eligibility"`: the threshold and whether the plan is of eligible homes only.
  static func eligibilityJSON(_ out: inout JSONText, _ plan: FibrePlanResult) {
    guard let e = plan.coverage.eligibility else { return }
    out.raw(",\n  \"eligibility\":{\"threshold_mbps\":"); out.number(e.thresholdMbps, decimals: 3)
    out.raw(",\"eligible_only\":"); out.bool(e.only); out.raw("}")
  }

  /// A municipality's `technology_mix` (its index in `plan.municipalities`, whose last
  /// entry may be the area outside every boundary, as in the choice's slots).
  static func municipalityMix(_ out: inout JSONText, _ c: TechnologyChoice, plan: FibrePlanResult, index: Int) {
    guard index < c.municipalities.count else { return }
    out.raw(",\"technology_mix\":"); TechnologyReport.mix(c.municipalities[index], into: &out)
  }
}
