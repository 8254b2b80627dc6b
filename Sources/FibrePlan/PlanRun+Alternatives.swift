import FibreCore
import FibrePlanning

extension PlanRun {
  /// `--eligible-only` plans the eligible homes only (keeping the scenario's threshold);
  /// `--alternatives` turns on the default alternatives unless the scenario lists its own.
  package static func applyEligibilityFlags(_ options: PlanCommandOptions, to scenario: inout Scenario) {
    if options.eligibleOnly {
      var e = scenario.eligibility ?? EligibilityOptions()
      e.only = true
      scenario.eligibility = e
    }
    if options.alternatives && scenario.alternatives == nil {
      scenario.alternatives = AlternativeTechnology.defaultList
    }
  }

  /// The technology for every household fibre does not serve, over the business case's
  /// horizon and discount rate when the scenario has `economics`, else 20 years
  /// undiscounted. Nil when alternatives are off.
  package static func chooseTechnologies(_ plan: FibrePlanResult, scenario: Scenario) -> TechnologyChoice? {
    guard let list = scenario.alternatives else { return nil }
    var o = AlternativesOptions()
    o.technologies = list
    o.factor = scenario.alternativesFactor
    if let e = scenario.economics {
      o.horizonYears = e.horizonYears
      o.discountRate = e.discountRate
    }
    return TechnologyChoice.choose(plan, options: o)
  }
}
