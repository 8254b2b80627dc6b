import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The scenario's layers as read, with their diagnostics.
struct PlanInputs {
  var roadsPath: String
  var roads: LineLayer
  var ducts: LineLayer?
  var buildings: BuildingLayer
  var sites: SiteLayer
  var boundaries: BoundaryLayer?
  var areas: RoutingAreas
  /// Pinned cabinet positions (`layers.cabinets`).
  var cabinets: SiteLayer?
  var diagnostics: [Diagnostic] = []
  /// Municipality of each building and site (-1: none), looked up once for every plan
  /// of these layers (`municipalities()`).
  private var municipalityOf: (buildings: [Int32], sites: [Int32])?

  /// Reads every layer the scenario names, large ones with `threads` workers (the
  /// layers do not depend on the count). Throws for a missing roads layer, no demand
  /// layer, or layers that hold nothing to plan.
  static func read(_ scenario: Scenario, threads: Int,
                   progress: (@Sendable (String) -> Void)?) throws -> PlanInputs {
    guard let roadsPath = scenario.layers.roads else {
      throw FibrePlanError(.usage, "no roads layer: give one in the scenario's layers.roads or with --roads FILE")
    }
    guard scenario.layers.buildings != nil || scenario.layers.sites != nil else {
      throw FibrePlanError(.usage, "nothing to connect: give a buildings or sites layer (--buildings FILE, --sites FILE)")
    }
    progress?("reading layers")
    @Sendable func table(_ path: String) throws -> FeatureTable { try GeoJSONReader.read(path: path, threads: threads) }
    // The roads and the buildings (the two large files) are read at once; an error is
    // thrown where the reads one after the other would throw it.
    let (roadsRead, buildingsRead) = concurrently(threads: threads, {
      // One read of the roads file gives the roads and the railways and waterways in it.
      Result { () throws -> (FeatureTable, LineLayer) in
        let roadsTable = try table(roadsPath)
        return (roadsTable, LineLayer(roads: roadsTable, threads: threads))
      }
    }, {
      Result { try scenario.layers.buildings.map { BuildingLayer(try table($0)) } ?? BuildingLayer(path: "") }
    })
    let (roadsTable, roads) = try roadsRead.get()
    guard roads.count > 0 else {
      throw FibrePlanError(.data, "\(roadsPath): the roads layer holds no usable line")
    }
    var inputs = PlanInputs(
      roadsPath: roadsPath, roads: roads,
      ducts: try scenario.layers.ducts.map { LineLayer(ducts: try table($0), threads: threads) },
      buildings: try buildingsRead.get(),
      sites: try scenario.layers.sites.map { SiteLayer(try table($0)) } ?? SiteLayer(path: ""),
      boundaries: try scenario.layers.boundaries.map { BoundaryLayer(try table($0)) },
      areas: RoutingAreas(forbidden: try scenario.layers.forbidden.map { try AreaLayer.read(path: $0) },
                          preferred: try scenario.layers.preferred.map { LineLayer(ducts: try table($0)) }))
    if let path = scenario.layers.cabinets {
      inputs.cabinets = try SiteLayer.read(path: path)
    }
    if scenario.network.aerial, let path = scenario.layers.aerial {
      inputs.areas.aerial = try AerialLayer.read(path: path, polesPath: scenario.layers.poles)
    }
    var barriers = BarrierLayer(roadsTable, skippingRoads: true)
    // The layers keep what they need (the roads share its points): freeing the rest of
    // the table is left off the critical path.
    releaseInBackground(consume roadsTable)
    if let path = scenario.layers.barriers { barriers.append(try BarrierLayer.read(path: path)) }
    if barriers.count > 0 { inputs.areas.barriers = barriers }
    inputs.diagnostics = roads.diagnostics + (inputs.ducts?.diagnostics ?? []) + inputs.buildings.diagnostics
      + inputs.sites.diagnostics + (inputs.boundaries?.diagnostics ?? [])
      + (inputs.areas.forbidden?.diagnostics ?? []) + (inputs.areas.preferred?.diagnostics ?? [])
      + (inputs.areas.aerial?.diagnostics ?? []) + (inputs.areas.barriers?.diagnostics ?? [])
      + (inputs.cabinets?.diagnostics ?? [])
    let households = inputs.buildings.units.reduce(0) { $0 + Int($1) }
    guard households > 0 || inputs.sites.count > 0 else {
      let file = inputs.buildings.path.isEmpty ? roadsPath : inputs.buildings.path
      throw FibrePlanError(.data, "\(file): no household and no site to connect")
    }
    inputs.municipalityOf = inputs.lookUpMunicipalities()
    return inputs
  }

  /// The municipality of each building and of each site (-1 outside every boundary).
  func municipalities() -> (buildings: [Int32], sites: [Int32]) {
    municipalityOf ?? lookUpMunicipalities()
  }

  private func lookUpMunicipalities() -> (buildings: [Int32], sites: [Int32]) {
    let index = boundaries.map { MunicipalityIndex($0) }
    func municipality(_ p: LonLat) -> Int32 {
      guard let index, p.isValid, let m = index.municipality(containing: p) else { return -1 }
      return Int32(m)
    }
    return (buildings.points.map(municipality), sites.points.map(municipality))
  }
}

/// What can be connected: every building and site in exactly one outcome, before the
/// trench is routed.
struct DemandSet {
  var building: [DemandOutcome]
  var site: [DemandOutcome]

  static func classify(network: RoadNetwork, popNode: Int32, inputs: PlanInputs) -> DemandSet {
    let popComponent = network.nodeComponent[Int(popNode)]
    func outcome(_ status: AttachmentStatus, node: Int32, empty: Bool) -> DemandOutcome {
      switch status {
      case .invalidGeometry: return .invalidGeometry
      case .noRoadWithin(let d): return .noRoadWithin(metres: d)
      case .forbiddenArea: return .forbiddenArea
      case .attached:
        if empty { return .noHouseholds }
        return network.nodeComponent[Int(node)] == popComponent ? .connected : .disconnectedRoadNetwork
      }
    }
    let b = (0..<inputs.buildings.count).map {
      outcome(network.buildingStatus[$0], node: network.buildingNode[$0], empty: inputs.buildings.units[$0] <= 0)
    }
    let s = (0..<inputs.sites.count).map { outcome(network.siteStatus[$0], node: network.siteNode[$0], empty: false) }
    return DemandSet(building: b, site: s)
  }

  /// Marks as `beyondOpticalReach` every point whose shortest route from the POP
  /// already loses more than the budget allows: any route through a cabinet is at
  /// least as long, so no trench is built towards it. The search stops at a length no
  /// route fits within (a node beyond it keeps no distance or one at least as long, and
  /// fails either way), so a region wider than the reach is searched only within it.
  /// O(m log n).
  /// `known` is a search from the same POP on the same network to at least this reach,
  /// whose distances are then taken instead (see `ReachFromPOP`).
  mutating func excludeBeyondOpticalReach(network: RoadNetwork, popNode: Int32, architecture a: FTTHArchitecture,
                                          known: ReachFromPOP? = nil) {
    let bound = a.metresBeyondBudget ?? .infinity
    let dist = known.flatMap { $0.answers(network: network, popNode: popNode, bound: bound) ? $0.dist : nil }
      ?? ReachFromPOP(network: network, popNode: popNode, bound: bound).dist
    func reachable(_ node: Int32) -> Bool {
      let d = dist[Int(node)]
      return d.isFinite && a.withinBudget(a.opticalLoss(metres: d))
    }
    for b in 0..<building.count where building[b] == .connected && !reachable(network.buildingNode[b]) {
      building[b] = .beyondOpticalReach
    }
    for s in 0..<site.count where site[s] == .connected && !reachable(network.siteNode[s]) {
      site[s] = .beyondOpticalReach
    }
  }

  /// Whether a building or site lies beyond optical reach of the POP.
  var anyBeyondOpticalReach: Bool {
    building.contains(.beyondOpticalReach) || site.contains(.beyondOpticalReach)
  }

  /// The POP first, then the node of every connectable point.
  func terminals(network: RoadNetwork, popNode: Int32) -> [Int32] {
    var list: [Int32] = [popNode]
    for b in 0..<building.count where building[b] == .connected { list.append(network.buildingNode[b]) }
    for s in 0..<site.count where site[s] == .connected { list.append(network.siteNode[s]) }
    return list
  }
}

/// Metres from the POP along the network, searched up to `bound`: exact for every node
/// within it, and at least `bound` (or ∞) for the others. A search to a farther bound
/// settles the nodes within a nearer one by the same steps in the same order, so it
/// answers for any nearer bound with the same distances; and a node past a reach's own
/// bound fails its budget whatever distance it is given. So the plan searches once to
/// the farthest reach of itself and its same-POP optical fixes, which take it from the
/// region.
struct ReachFromPOP: Sendable {
  var popNode: Int32
  var bound: Double
  var dist: [Double]

  /// O(m log n) over the part of the network within `bound`.
  init(network: RoadNetwork, popNode: Int32, bound: Double) {
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    var paths = ShortestPaths(nodeCount: network.nodeCount)
    paths.singleSource(g, weights: network.edgeLength, from: Int(popNode), bound: bound)
    self.popNode = popNode
    self.bound = bound
    dist = paths.dist
  }

  /// Whether these distances serve a search from `popNode` up to `bound` on `network`
  /// (the plan's own network: one that gained a hub has more nodes).
  func answers(network: RoadNetwork, popNode: Int32, bound: Double) -> Bool {
    self.popNode == popNode && self.bound >= bound && dist.count == network.nodeCount
  }
}
