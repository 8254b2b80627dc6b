import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// The POPs of a regional plan, chosen on the network before the access trench is
/// routed, and the data centre the backbone joins them to.
package struct RegionalSetup: Sendable {
  package var pops: [NamedPosition]
  package var popNodes: [Int32]
  /// What serving anyone through each POP costs besides its trench: the POP (unless it
  /// is fixed) and its backbone route. The coverage choice under a budget prices the
  /// hub's link to the POP with it.
  package var linkCosts: [Double]
  package var dataCentre: NamedPosition
  package var dataCentreNode: Int32
  package var search: RegionalHierarchy.Search
  package var options: HierarchyOptions

  /// Places the fixed POPs, the candidates and the data centre on road nodes, runs
  /// the POP search and joins the open POPs to the network's hub.
  static func choose(_ network: inout RoadNetwork, inputs: PlanInputs, scenario: Scenario,
                     architecture: FTTHArchitecture?, perHousehold: Double, threads: Int = 1,
                     diagnostics: inout [Diagnostic]) throws -> RegionalSetup {
    let options = scenario.hierarchy
    guard let centre = Planner.centreOfDemandNode(network: network, buildings: inputs.buildings, sites: inputs.sites) else {
      throw FibrePlanError(.data, "\(inputs.roadsPath): no building or site lies within \(Int(scenario.network.maxDropLength)) m of a road")
    }
    let roads = RoadNodes(network)
    let maxDrop = scenario.network.maxDropLength
    var places: [(name: String, node: Int32)] = []
    for (i, p) in options.pops.enumerated() {
      guard let node = roads.place(p, field: "pops[\(i)]", maxDistance: maxDrop, diagnostics: &diagnostics) else { continue }
      if let twin = places.first(where: { $0.node == node }) {
        diagnostics.append(Diagnostic(.warning, file: "scenario", field: "pops[\(i)]", code: "pop_duplicate",
                                      "POP '\(p.name)' stands where POP '\(twin.name)' does; counted once"))
        continue
      }
      places.append((p.name, node))
    }
    let fixedCount = places.count
    var candidates = options.candidates
    if candidates == .none, case .exactly(let n) = options.effectiveCount, n > fixedCount { candidates = .auto }
    if candidates == .none, options.count == .auto { candidates = .auto }
    var candidateCount = 0
    switch candidates {
    case .none: break
    case .list(let list):
      for (i, p) in list.enumerated() {
        guard let node = roads.place(p, field: "pop_candidates[\(i)]", maxDistance: maxDrop, diagnostics: &diagnostics),
              !places.contains(where: { $0.node == node }) else { continue }
        places.append((p.name, node))
      }
    case .auto:
      for c in POPCandidateSites.auto(network: network, roads: roads, inputs: inputs, centre: centre, seed: scenario.seed)
      where !places.contains(where: { $0.node == c }) {
        candidateCount += 1
        places.append(("POP \(candidateCount)", c))
      }
    }
    if places.isEmpty { places.append(("POP", centre)) }

    let dcGiven = options.dataCentre.flatMap { roads.place($0, field: "data_centre", maxDistance: maxDrop, diagnostics: &diagnostics) }
    let reach = (architecture.map(Self.opticalReach) ?? .infinity) * Self.reachShare
    let model = POPCostModel(
      network: network, candidates: places.map(\.node), fixedCount: fixedCount,
      demands: Self.demands(network: network, inputs: inputs), dataCentre: dcGiven ?? centre,
      reachMetres: reach, options: options, perHousehold: perHousehold,
      backboneCablePerMetre: scenario.architecture.cables.first?.costPerMetre ?? 0, threads: threads)
    let result = POPSearch.search(model, count: options.effectiveCount, maxPOPs: options.maxPOPs)
    var open = result.open.map { places[$0] }
    // Auto-named POPs are numbered in the order they are kept, past the names of the
    // fixed ones (`--pop` names them "POP 1", "POP 2", ...).
    let fixedNames = Set(places.prefix(fixedCount).map(\.name))
    var autoNumber = 0
    for k in 0..<open.count where result.open[k] >= fixedCount && candidates == .auto {
      repeat { autoNumber += 1 } while fixedNames.contains("POP \(autoNumber)")
      open[k].name = "POP \(autoNumber)"
    }
    let popNodes = open.map(\.node)
    let (dataCentre, dcNode) = Self.dataCentre(options.dataCentre, given: dcGiven, open: open, centre: centre, roads: roads)
    network.addPOPHub(pops: popNodes, at: dataCentre.position)
    return RegionalSetup(
      pops: open.map { NamedPosition(name: $0.name, position: roads.position($0.node)) }, popNodes: popNodes,
      linkCosts: result.open.map { k in (k < fixedCount ? 0 : options.popCost) + model.backboneEstimate(k) },
      dataCentre: dataCentre, dataCentreNode: dcNode,
      search: .init(candidates: places.count, evaluations: result.evaluations, modelCost: result.evaluation.cost,
                    reachMetres: reach,
                    method: places.count == fixedCount ? "fixed" : "greedy+local search"),
      options: options)
  }

  /// The network the coverage choice prices: the hub's links cost `linkCosts`.
  func pricingLinks(_ network: RoadNetwork) -> RoadNetwork {
    var priced = network
    var k = 0
    for e in 0..<priced.edgeCount where priced.edgeKind[e] == .popLink {
      priced.edgeCost[e] = linkCosts[k]
      k += 1
    }
    return priced
  }

  /// The data centre as given, else at the open POP nearest the centre of demand.
  private static func dataCentre(_ given: NamedPosition?, given node: Int32?, open: [(name: String, node: Int32)],
                                 centre: Int32, roads: RoadNodes) -> (NamedPosition, Int32) {
    let network = roads.network
    if let given, let node { return (NamedPosition(name: given.name, position: roads.position(node)), node) }
    func d2(_ v: Int32) -> Double {
      let dx = network.nodeX[Int(v)] - network.nodeX[Int(centre)], dy = network.nodeY[Int(v)] - network.nodeY[Int(centre)]
      return dx * dx + dy * dy
    }
    let at = open.min { (d2($0.node), $0.node) < (d2($1.node), $1.node) }!
    return (NamedPosition(name: "data centre (\(at.name))", position: roads.position(at.node)), at.node)
  }

  /// Every building with households and every site that has a drop.
  static func demands(network: RoadNetwork, inputs: PlanInputs) -> [POPCostModel.Demand] {
    var list: [POPCostModel.Demand] = []
    for b in 0..<inputs.buildings.count where network.buildingStatus[b] == .attached && inputs.buildings.units[b] > 0 {
      list.append(.init(node: network.buildingNode[b], households: inputs.buildings.units[b]))
    }
    for s in 0..<inputs.sites.count where network.siteStatus[s] == .attached {
      list.append(.init(node: network.siteNode[s], households: 1))
    }
    return list
  }

  /// The share of the optical reach the search counts on: a home's fibre runs along
  /// the tree and through its cabinet, which is longer than the cheapest route.
  static let reachShare = 1.0

  /// The longest fibre run (metres) whose loss fits the optical budget. Bisection on
  /// the monotone loss.
  package static func opticalReach(_ a: FTTHArchitecture) -> Double {
    guard a.withinBudget(a.opticalLoss(metres: 0)) else { return 0 }
    var low = 0.0, high = 200_000.0
    if a.withinBudget(a.opticalLoss(metres: high)) { return high }
    for _ in 0..<60 {
      let mid = (low + high) / 2
      if a.withinBudget(a.opticalLoss(metres: mid)) { low = mid } else { high = mid }
    }
    return low
  }
}

/// The network's road nodes (no building, site or POP at the end of a drop), for
/// placing POPs and the data centre.
struct RoadNodes {
  var network: RoadNetwork
  var isRoad: [Bool]

  init(_ network: RoadNetwork) {
    self.network = network
    var isRoad = [Bool](repeating: false, count: network.nodeCount)
    for e in 0..<network.edgeCount where network.edgeKind[e] == .trench || network.edgeKind[e] == .ductReuse {
      isRoad[Int(network.edgeU[e])] = true
      isRoad[Int(network.edgeV[e])] = true
    }
    for n in network.buildingNode where n >= 0 { isRoad[Int(n)] = false }
    for n in network.siteNode where n >= 0 { isRoad[Int(n)] = false }
    self.isRoad = isRoad
  }

  func position(_ v: Int32) -> LonLat { network.projection.unproject(x: network.nodeX[Int(v)], y: network.nodeY[Int(v)]) }

  /// The road node nearest `point` and its distance in metres. O(nodes).
  func nearest(_ point: LonLat) -> (node: Int32, metres: Double)? {
    let (x, y) = network.projection.project(point)
    var best: Int32 = -1
    var bestD = Double.infinity
    for v in 0..<network.nodeCount where isRoad[v] {
      let dx = network.nodeX[v] - x, dy = network.nodeY[v] - y
      let d = dx * dx + dy * dy
      if d < bestD { bestD = d; best = Int32(v) }
    }
    return best >= 0 ? (best, bestD.squareRoot()) : nil
  }

  /// The road node for a named place, with a warning when it is far from every road.
  func place(_ p: NamedPosition, field: String, maxDistance: Double, diagnostics: inout [Diagnostic]) -> Int32? {
    guard let (node, metres) = nearest(p.position) else { return nil }
    if metres > maxDistance {
      diagnostics.append(Diagnostic(.warning, file: "scenario", field: field, code: "far_from_road",
                                    "'\(p.name)' is \(Int(metres.rounded())) m from the nearest road, beyond \(Int(maxDistance)) m; the nearest road node is used"))
    }
    return node
  }
}
