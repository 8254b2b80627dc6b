import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Everything a plan run needs besides the map data itself. Read from a scenario
/// JSON file (schema in README, "Scenario files") and overridden by CLI flags.
public struct Scenario: Sendable {
  public struct LayerPaths: Sendable, Equatable {
    public var roads: String?
    public var buildings: String?
    public var sites: String?
    public var ducts: String?
    public var boundaries: String?
    /// Routing areas (issue 17): no-go polygons and lines, preferred lines.
    public var forbidden: String?
    public var preferred: String?
    /// Existing pole lines and poles (issue 17): cable can be lashed to them.
    public var aerial: String?
    public var poles: String?
    /// Railways and waterways that drops cross by a bore.
    public var barriers: String?
    /// Cabinet positions the planner must keep (leased parcels): always opened.
    public var cabinets: String?
    public init(roads: String? = nil, buildings: String? = nil, sites: String? = nil,
                ducts: String? = nil, boundaries: String? = nil) {
      self.roads = roads
      self.buildings = buildings
      self.sites = sites
      self.ducts = ducts
      self.boundaries = boundaries
    }
  }

  public var name: String
  /// Layer file paths, already resolved against the scenario file's folder.
  public var layers: LayerPaths
  /// Where the POP (central office) stands; nil = the road vertex nearest to the
  /// household-weighted centre of demand.
  public var pop: LonLat?
  public var costs: TrenchCostModel
  public var network: NetworkOptions
  /// Wall-clock budget for the Steiner engine, seconds.
  public var timeLimit: Double
  public var seed: UInt64
  /// Which households to connect: all, within a budget, or below a cost per home.
  public var coverage = CoverageOptions()
  /// Output folder; nil = `./plan-<name>/`.
  public var outputDirectory: String?
  /// Text that data sources require on every derived product (ODbL for OSM).
  public var attribution: String?
  /// Problems found while reading the scenario that did not stop it.
  public var warnings: [String]
  /// Regional boards: the cost statement between municipalities (nil = none), ring
  /// protection of critical sites, the ring hub (nil = the POP) and data-centre
  /// candidates to rank.
  public var costSharing: CostSharingOptions?
  public var rings = false
  public var hub: LonLat?
  public var dataCentreCandidates: [(name: String, position: LonLat)] = []
  /// Cabinets, splitters, cables and optics laid on the trench tree.
  public var architecture: FTTHArchitecture = .defaults
  /// Construction phases (nil: one plan, no phases).
  public var phasing: PhasingOptions?
  /// The operator's business case (nil: none).
  public var economics: EconomicsOptions?
  /// Several POPs, the POP search and the backbone to the data centre.
  public var hierarchy = HierarchyOptions()
  /// Eligibility by today's speed (nil: not asked for; a buildings layer with
  /// `existing_mbps` still gets the default threshold).
  public var eligibility: EligibilityOptions?
  /// Wireless and satellite for the households fibre does not serve (nil: off), and
  /// the factor above which a fibre-served household is flagged.
  public var alternatives: [AlternativeTechnology]?
  public var alternativesFactor = 3.0

  public init(name: String, layers: LayerPaths = .init(), pop: LonLat? = nil,
              costs: TrenchCostModel = .europeanDefaults, network: NetworkOptions = .init(),
              timeLimit: Double = 10, seed: UInt64 = 1, outputDirectory: String? = nil,
              attribution: String? = nil) {
    self.name = name
    self.layers = layers
    self.pop = pop
    self.costs = costs
    self.network = network
    self.timeLimit = timeLimit
    self.seed = seed
    self.outputDirectory = outputDirectory
    self.attribution = attribution
    self.warnings = []
  }
}
