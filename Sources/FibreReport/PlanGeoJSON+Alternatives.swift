import FibreCore
import FibrePlanning

extension PlanGeoJSON {
  /// Eligibility and technology properties of building `b`, when the plan has them:
  /// `eligible`; `technology` (fibre, existing_network, fwa, satellite, none; null
  /// without households), `alternative` and `alternative_cost` (EUR over the horizon,
  /// all its households) for a home fibre does not serve, `no_alternative_reason` when
  /// none applies, and `alternative_recommended` for a fibre-served home whose fibre
  /// costs more than `alternatives_factor` times the alternative, with the estimate
  /// it was judged on (`fibre_marginal_cost`: what leaving it out would save).
  package static func eligibilityAndTechnology(_ out: inout JSONText, _ plan: FibrePlanResult, building b: Int) {
    if plan.coverage.eligibility != nil, b < plan.coverage.buildingEligible.count {
      out.raw(",\"eligible\":"); out.bool(plan.coverage.buildingEligible[b])
    }
    guard let choice = plan.coverage.technologies else { return }
    func optional(_ s: String?) { if let s { out.string(s) } else { out.raw("null") } }
    out.raw(",\"technology\":"); optional(choice.technology[b])
    alternative(&out, choice, building: b)
    out.raw(",\"alternative_recommended\":"); optional(choice.recommended[b])
    out.raw(",\"fibre_marginal_cost\":"); out.number(choice.fibreMarginalCost[b], decimals: 2)
  }

  /// `alternative`, `alternative_cost` and `no_alternative_reason` of building `b`
  /// (gaps.geojson writes these alone).
  package static func alternative(_ out: inout JSONText, _ choice: TechnologyChoice, building b: Int) {
    let t = choice.technology[b]
    let alternative = t == "fwa" || t == "satellite" ? t : nil
    out.raw(",\"alternative\":")
    if let alternative { out.string(alternative) } else { out.raw("null") }
    out.raw(",\"alternative_cost\":"); out.number(choice.alternativeCost[b], decimals: 2)
    if let reason = choice.noneReason[b] { out.raw(",\"no_alternative_reason\":"); out.string(reason) }
  }
}
