import FibreCore

/// How a plan is cut into construction phases (`phasing` in a scenario, `--phases`,
/// `--annual-budget`).
public struct PhasingOptions: Sendable, Equatable {
  public enum Split: Sendable, Equatable {
    /// N phases of about equal capex.
    case phases(Int)
    /// Phases of at most this capex each, EUR; the count follows.
    case annualBudget(Double)
  }

  public var split: Split
  /// Build the trench to every connected critical site before anything else.
  public var criticalSitesFirst: Bool
  /// How the budget is named in messages: the scenario field or the CLI flag.
  public var budgetName: String
  /// 65 when the budget came from a scenario file, 64 from a flag.
  public var errorKind: FibrePlanError.Kind

  public init(split: Split, criticalSitesFirst: Bool = true, budgetName: String = "phasing.annual_budget_eur",
              errorKind: FibrePlanError.Kind = .data) {
    self.split = split
    self.criticalSitesFirst = criticalSitesFirst
    self.budgetName = budgetName
    self.errorKind = errorKind
  }
}
