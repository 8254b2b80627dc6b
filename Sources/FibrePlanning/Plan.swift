import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// What happened to one demand point (building or site) in a plan. Every input
/// building ends in exactly one of these, so none is silently dropped.
public enum DemandOutcome: Sendable, Equatable {
  case connected
  /// `units` is 0: a shed, church or garage with no household to serve.
  case noHouseholds
  /// No road within the maximum drop length.
  case noRoadWithin(metres: Double)
  /// Attached to a road network component that does not reach the POP.
  case disconnectedRoadNetwork
  /// Reachable, but left out to keep total capex within the budget.
  case overBudget
  /// Reachable, but its marginal cost per household is above the threshold.
  case aboveCostThreshold
  /// The input point was unusable (NaN, out of range).
  case invalidGeometry
  /// Reachable only through a forbidden area (`layers.forbidden`).
  case forbiddenArea

  /// The `reason` property written for unserved points (nil when connected). The
  /// names are those of the coverage-gap layer.
  public func reason(maxDropLength: Double) -> String? {
    switch self {
    case .connected: return nil
    case .noHouseholds: return "no_households"
    case .noRoadWithin: return "no_road_within_\(Int(maxDropLength.rounded()))m"
    case .disconnectedRoadNetwork: return "disconnected_road_network"
    case .overBudget: return "over_budget"
    case .aboveCostThreshold: return "above_cost_threshold"
    case .invalidGeometry: return "invalid_geometry"
    case .forbiddenArea: return "forbidden_area"
    }
  }

  public var isUnreachable: Bool {
    switch self {
    case .noRoadWithin, .disconnectedRoadNetwork, .invalidGeometry, .forbiddenArea: return true
    case .connected, .noHouseholds, .overBudget, .aboveCostThreshold: return false
    }
  }

  /// Left out by choice (budget or cost threshold): a coverage gap.
  public var isCoverageGap: Bool { self == .overBudget || self == .aboveCostThreshold }

  /// Not served for any reason other than having no household: shown in gaps.geojson.
  public var isGap: Bool { isUnreachable || isCoverageGap }
}

/// Lengths and costs for one area (the region, or one municipality).
public struct PlanFigures: Sendable, Equatable {
  public var name: String
  public var buildingsTotal = 0
  public var buildingsConnected = 0
  public var householdsTotal = 0
  public var householdsConnected = 0
  public var householdsUnreachable = 0
  public var householdsGap = 0
  public var sitesTotal = 0
  public var sitesConnected = 0
  public var trenchMetres = 0.0
  public var ductReuseMetres = 0.0
  public var dropMetres = 0.0
  /// Trench, duct and drop metres priced by the cost model.
  public var networkCost = 0.0
  /// Per-connection costs: drop installation and equipment.
  public var connectionCost = 0.0

  public init(name: String) { self.name = name }

  public var capexTotal: Double { networkCost + connectionCost }
  public var capexPerHousehold: Double {
    householdsConnected > 0 ? capexTotal / Double(householdsConnected) : 0
  }
  public var coveragePercent: Double {
    householdsTotal > 0 ? Double(householdsConnected) / Double(householdsTotal) * 100 : 0
  }
}

/// A finished plan: the network it was routed on, the chosen trench tree and what
/// happened to every demand point. Report turns it into files.
public struct FibrePlanResult: Sendable {
  public var scenario: Scenario
  public var network: RoadNetwork
  public var buildings: BuildingLayer
  public var sites: SiteLayer
  public var municipalityNames: [String]
  /// Municipality of each building / site / network edge (-1: outside every boundary).
  public var buildingMunicipality: [Int32]
  public var siteMunicipality: [Int32]
  public var edgeMunicipality: [Int32]
  public var buildingOutcome: [DemandOutcome]
  public var siteOutcome: [DemandOutcome]
  /// Tree edges (network edge ids, ascending) and the fibres each carries downstream.
  public var treeEdges: [Int32]
  public var treeEdgeFibres: [Int32]
  public var pop: LonLat
  public var popNode: Int32
  /// The Steiner engine's view: tree cost in its own weights and its lower bound.
  public var steiner: SteinerSolution
  public var region: PlanFigures
  public var municipalities: [PlanFigures]
  public var diagnostics: [Diagnostic]
  public var seconds: Double
  /// The cost–coverage curve (capex against households), monotone; empty if not traced.
  public var coverageCurve: [CoveragePoint]
  /// How the connected set was chosen: `steiner` (full coverage), `prize-collecting` or `greedy`.
  public var coverageMethod: String
  /// Cost to add each unserved building / site to the plan as built (NaN when connected
  /// or not on the POP's network).
  public var buildingMarginalCost: [Double]
  public var siteMarginalCost: [Double]
  /// Municipality polygons, for maps (nil when the scenario has no boundaries layer).
  public var boundaries: BoundaryLayer? = nil
  /// Cabinets, cables, closures and optics on the tree (nil until designed).
  public var architecture: ArchitecturePlan? = nil
}
