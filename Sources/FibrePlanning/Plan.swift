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
  /// On the POP's network, but even the shortest route from the POP loses more than
  /// the optical budget allows: no trench is built to it.
  case beyondOpticalReach
  /// Reachable only through a forbidden area (`layers.forbidden`).
  case forbiddenArea
  /// Reachable, but every POP that could serve it is full (`pop_capacity_households`).
  case popCapacity
  /// Not eligible (today's speed at or above `eligibility.threshold_mbps`) and left out
  /// of an `--eligible-only` plan: served by the existing network, neither a gap nor
  /// unreachable.
  case servedByExistingNetwork

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
    case .beyondOpticalReach: return "optical_budget"
    case .forbiddenArea: return "forbidden_area"
    case .popCapacity: return "pop_capacity"
    case .servedByExistingNetwork: return "served_by_existing_network"
    }
  }

  public var isUnreachable: Bool {
    switch self {
    case .noRoadWithin, .disconnectedRoadNetwork, .invalidGeometry, .forbiddenArea: return true
    case .connected, .noHouseholds, .overBudget, .aboveCostThreshold, .beyondOpticalReach, .popCapacity,
         .servedByExistingNetwork: return false
    }
  }

  /// Left out by choice (budget or cost threshold): a coverage gap.
  public var isCoverageGap: Bool { self == .overBudget || self == .aboveCostThreshold }

  /// Not served for any reason other than having no household: shown in gaps.geojson.
  public var isGap: Bool { isUnreachable || isCoverageGap || self == .beyondOpticalReach || self == .popCapacity }
}

/// Lengths and costs for one area (the region, or one municipality). Every cost is
/// something built; `capexTotal` is their sum and what bom.csv sums to.
public struct PlanFigures: Sendable, Equatable {
  public var name: String
  public var buildingsTotal = 0
  public var buildingsConnected = 0
  public var householdsTotal = 0
  /// Households the routed trench reaches (before the architecture is checked).
  public var householdsConnected = 0
  /// Households served as designed: connected, within the optical budget, on a
  /// cabinet with room, drop within its limit.
  public var householdsServed = 0
  public var householdsUnreachable = 0
  public var householdsGap = 0
  /// On the network, but not servable as designed (optical budget, cabinet rules).
  public var householdsNotServable = 0
  /// Households eligible for public money (below `eligibility.threshold_mbps` or of
  /// unknown speed), and those an `--eligible-only` plan leaves to the existing network.
  public var householdsEligible = 0
  public var householdsServedByExistingNetwork = 0
  public var sitesTotal = 0
  public var sitesConnected = 0
  public var sitesServed = 0
  public var trenchMetres = 0.0
  public var ductReuseMetres = 0.0
  public var dropMetres = 0.0
  public var trenchCost = 0.0
  public var ductReuseCost = 0.0
  public var dropCost = 0.0
  /// Per-connection costs of served homes: drop installation and equipment.
  public var connectionCost = 0.0
  public var cabinetCost = 0.0
  public var splitterCost = 0.0
  public var cableCost = 0.0
  public var closureCost = 0.0
  /// Trench and duct that ring protection adds beyond the tree (its metres are in
  /// `trenchMetres` and `ductReuseMetres`).
  public var ringCost = 0.0
  /// Cable on existing poles: metres, poles used (a share where part of a pole line is
  /// used) and cost (cable plus make-ready).
  public var aerialMetres = 0.0
  public var aerialPoles = 0.0
  public var aerialCost = 0.0
  /// Drops that cross their road, railway or waterway, and what the crossings cost.
  public var roadCrossings = 0
  public var crossingCost = 0.0
  /// POPs (shelter, OLT, power) and the backbone to the data centre: its new trench
  /// and its cable (`backboneMetres` is the route, not in `trenchMetres`).
  public var popCost = 0.0
  public var backboneCost = 0.0
  public var backboneMetres = 0.0

  public init(name: String) { self.name = name }

  /// Trench, duct and drop metres of the tree, priced by the cost model.
  public var networkCost: Double { trenchCost + ductReuseCost + dropCost + aerialCost + crossingCost }
  /// Cabinets, splitters, cables and splice closures.
  public var architectureCost: Double { cabinetCost + splitterCost + cableCost + closureCost }
  /// Everything built.
  public var capexTotal: Double { networkCost + connectionCost + architectureCost + ringCost + popCost + backboneCost }
  /// The parts of `capexTotal`, in the order of summary.json's `capex_breakdown`.
  public var capexBreakdown: [(key: String, value: Double)] {
    [("trench", trenchCost), ("duct_reuse", ductReuseCost), ("drops", dropCost), ("connections", connectionCost),
     ("cabinets", cabinetCost), ("splitters", splitterCost), ("cables", cableCost),
     ("splice_closures", closureCost), ("rings", ringCost), ("pops", popCost), ("backbone", backboneCost),
     ("aerial", aerialCost), ("crossings", crossingCost)]
  }
  public var capexPerHousehold: Double {
    householdsServed > 0 ? capexTotal / Double(householdsServed) : 0
  }
  /// Households served as designed, percent of all households.
  public var coveragePercent: Double {
    householdsTotal > 0 ? Double(householdsServed) / Double(householdsTotal) * 100 : 0
  }
  /// Households the trench reaches, percent of all households.
  public var connectedPercent: Double {
    householdsTotal > 0 ? Double(householdsConnected) / Double(householdsTotal) * 100 : 0
  }
}

/// The demand a plan was asked to serve: buildings and sites, and the municipality each
/// lies in.
public struct PlanDemand: Sendable {
  public var buildings: BuildingLayer
  public var sites: SiteLayer
  /// Municipality polygons, for maps (nil when the scenario has no boundaries layer).
  public var boundaries: BoundaryLayer?
  public var municipalityNames: [String]
  /// Municipality of each building / site (-1: outside every boundary).
  public var buildingMunicipality: [Int32]
  public var siteMunicipality: [Int32]

  public init(buildings: BuildingLayer, sites: SiteLayer, boundaries: BoundaryLayer?,
              buildingMunicipality: [Int32], siteMunicipality: [Int32]) {
    self.buildings = buildings
    self.sites = sites
    self.boundaries = boundaries
    self.municipalityNames = boundaries?.names ?? []
    self.buildingMunicipality = buildingMunicipality
    self.siteMunicipality = siteMunicipality
  }
}

/// The trench a plan builds: the Steiner tree from the POP, its ring additions and
/// the fibres each edge carries.
public struct PlanTree: Sendable {
  /// Tree edges (network edge ids, ascending) and the fibres each carries downstream.
  public var edges: [Int32]
  public var edgeFibres: [Int32] = []
  /// Ring trench beyond the tree (network edge ids), once ring protection is added.
  public var ringEdges: [Int32] = []
  /// Municipality of each network edge on the tree (-1: off the tree or outside every
  /// boundary).
  public var edgeMunicipality: [Int32]
  public var pop: LonLat
  /// The root: the POP's road node, or the virtual hub of several POPs.
  public var popNode: Int32
  /// The Steiner engine's view: tree cost in its own weights and its lower bound.
  public var steiner: SteinerSolution

  public init(edges: [Int32], edgeMunicipality: [Int32], pop: LonLat, popNode: Int32, steiner: SteinerSolution) {
    self.edges = edges
    self.edgeMunicipality = edgeMunicipality
    self.pop = pop
    self.popNode = popNode
    self.steiner = steiner
  }
}

/// What happened to each demand point of one kind (buildings, or sites).
public struct DemandOutcomes: Sendable {
  public var outcome: [DemandOutcome]
  /// Served as designed: connected, and not an architecture gap.
  public var served: [Bool]
  /// Cost to add each unserved point to the plan as built (NaN when connected or not on
  /// the POP's network).
  public var marginalCost: [Double]

  public init(outcome: [DemandOutcome], marginalCost: [Double]) {
    self.outcome = outcome
    self.served = outcome.map { $0 == .connected }
    self.marginalCost = marginalCost
  }
}

/// The outcome of every building and every site.
public struct PlanOutcomes: Sendable {
  public var buildings: DemandOutcomes
  public var sites: DemandOutcomes
}

/// How the connected set was chosen, and the rules that shaped it.
public struct PlanCoverage: Sendable {
  /// The cost–coverage curve (capex against households), monotone; empty if not traced.
  public var curve: [CoveragePoint]
  /// `steiner` (full coverage), `prize-collecting` or `greedy`.
  public var method: String
  /// The eligibility rules applied (nil: the plan says nothing about eligibility) and
  /// each building's eligibility (empty when nil).
  public var eligibility: EligibilityOptions? = nil
  public var buildingEligible: [Bool] = []
  /// The technology for every household fibre does not serve (nil: `--alternatives` off).
  public var technologies: TechnologyChoice? = nil

  public init(curve: [CoveragePoint], method: String) {
    self.curve = curve
    self.method = method
  }
}

/// Lengths, costs and counts: the region's, and each municipality's.
public struct PlanTotals: Sendable {
  public var region: PlanFigures
  public var municipalities: [PlanFigures] = []
}

/// A finished plan: the network it was routed on, the demand, the trench tree, what
/// happened to every demand point, and what is built on the tree. Report turns it into
/// files.
public struct FibrePlanResult: Sendable {
  public var scenario: Scenario
  public var network: RoadNetwork
  /// The cost model the plan was priced with (the scenario's, or uniform).
  public var costs: TrenchCostModel?
  public var demand: PlanDemand
  public var tree: PlanTree
  public var outcomes: PlanOutcomes
  public var coverage: PlanCoverage
  public var totals: PlanTotals
  /// Cabinets, cables, closures and optics on the tree (nil until designed, and with
  /// `--uniform-cost`, which measures length only).
  public var architecture: ArchitecturePlan? = nil
  /// Several POPs, their areas and the backbone (nil: one POP, no backbone).
  public var hierarchy: RegionalHierarchy? = nil
  public var diagnostics: [Diagnostic]
  public var seconds: Double = 0

  public init(scenario: Scenario, network: RoadNetwork, costs: TrenchCostModel?, demand: PlanDemand,
              tree: PlanTree, outcomes: PlanOutcomes, coverage: PlanCoverage, diagnostics: [Diagnostic]) {
    self.scenario = scenario
    self.network = network
    self.costs = costs
    self.demand = demand
    self.tree = tree
    self.outcomes = outcomes
    self.coverage = coverage
    self.totals = PlanTotals(region: PlanFigures(name: scenario.name))
    self.diagnostics = diagnostics
  }
}
