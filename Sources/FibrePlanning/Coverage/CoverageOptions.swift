import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Which households a plan sets out to connect.
public enum CoverageMode: Sendable, Equatable {
  /// Every reachable household (the default).
  case full
  /// As many households as the capex budget allows (EUR); total capex ≤ budget.
  case budget(Double)
  /// Every household whose marginal cost stays below this many EUR per household.
  case maxCostPerHome(Double)

  package var label: String {
    switch self {
    case .full: return "full coverage"
    case .budget(let b): return "budget of EUR \(Int(b))"
    case .maxCostPerHome(let t): return "cost threshold of EUR \(Int(t)) per household"
    }
  }
}

public struct CoverageOptions: Sendable, Equatable {
  public var mode: CoverageMode = .full
  /// Points on the cost–coverage curve (0 = no curve).
  public var curvePoints: Int = 12
  /// A municipal site counts as this many households when money is short.
  public var siteWeight: Double = 5
  public init() {}
}
