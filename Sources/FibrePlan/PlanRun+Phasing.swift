import FibreCore
import FibrePlanning

extension PlanRun {
  /// `--phases N` and `--annual-budget EUR` override the scenario's `phasing` (and
  /// keep its `critical_sites_first`).
  package static func applyPhasingFlags(_ options: PlanCommandOptions, to scenario: inout Scenario) throws {
    if options.phases != nil && options.annualBudget != nil {
      throw FibrePlanError(.usage, "give --phases or --annual-budget, not both")
    }
    let critical = scenario.phasing?.criticalSitesFirst ?? true
    if let n = options.phases {
      guard n >= 1 && n <= 1000 else { throw FibrePlanError(.usage, "--phases must be from 1 to 1000, got \(n)") }
      scenario.phasing = PhasingOptions(split: .phases(n), criticalSitesFirst: critical)
    }
    if let x = options.annualBudget {
      guard x.isFinite && x > 0 else { throw FibrePlanError(.usage, "--annual-budget must be a number of EUR above 0") }
      scenario.phasing = PhasingOptions(split: .annualBudget(x), criticalSitesFirst: critical,
                                        budgetName: "--annual-budget", errorKind: .usage)
    }
  }
}
