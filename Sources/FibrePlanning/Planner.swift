import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// A plan run: a scenario plus run-time switches.
public struct PlanRequest: Sendable {
  public var scenario: Scenario
  /// Every metre of trench, duct and drop costs 1 and connections cost nothing, so that
  /// plan cost equals length and can be compared with other tools.
  public var uniformCost: Bool
  public var threads: Int
  /// Called with a short stage name as planning proceeds (for a progress line).
  public var progress: (@Sendable (String) -> Void)?

  public init(scenario: Scenario, uniformCost: Bool = false, threads: Int = 2,
              progress: (@Sendable (String) -> Void)? = nil) {
    self.scenario = scenario
    self.uniformCost = uniformCost
    self.threads = threads
    self.progress = progress
  }
}

public enum Planner {
  /// Reads the scenario's layers, builds the shared-trench network, routes one
  /// Steiner tree from the POP to every reachable building and site, and accounts
  /// for every building. Throws for unusable input (missing roads, no demand).
  public static func plan(_ request: PlanRequest) throws -> FibrePlanResult {
    let started = DispatchTime.now().uptimeNanoseconds
    let scenario = request.scenario
    guard let roadsPath = scenario.layers.roads else {
      throw FibrePlanError(.usage, "no roads layer: give one in the scenario's layers.roads or with --roads FILE")
    }
    guard scenario.layers.buildings != nil || scenario.layers.sites != nil else {
      throw FibrePlanError(.usage, "nothing to connect: give a buildings or sites layer (--buildings FILE, --sites FILE)")
    }
    request.progress?("reading layers")
    var diagnostics: [Diagnostic] = []
    let roads = try LineLayer.read(path: roadsPath)
    diagnostics += roads.diagnostics
    guard roads.count > 0 else {
      throw FibrePlanError(.data, "\(roadsPath): the roads layer holds no usable line")
    }
    let ducts = try scenario.layers.ducts.map { try LineLayer.readDucts(path: $0) }
    diagnostics += ducts?.diagnostics ?? []
    let buildings = try scenario.layers.buildings.map { try BuildingLayer.read(path: $0) } ?? BuildingLayer(path: "")
    diagnostics += buildings.diagnostics
    let sites = try scenario.layers.sites.map { try SiteLayer.read(path: $0) } ?? SiteLayer(path: "")
    diagnostics += sites.diagnostics
    let boundaries = try scenario.layers.boundaries.map { try BoundaryLayer.read(path: $0) }
    diagnostics += boundaries?.diagnostics ?? []
    let areas = RoutingAreas(forbidden: try scenario.layers.forbidden.map { try AreaLayer.read(path: $0) },
                             preferred: try scenario.layers.preferred.map { try LineLayer.readLines(path: $0) })
    diagnostics += (areas.forbidden?.diagnostics ?? []) + (areas.preferred?.diagnostics ?? [])
    let households = buildings.units.reduce(0) { $0 + Int($1) }
    guard households > 0 || sites.count > 0 else {
      throw FibrePlanError(.data, "\(buildings.path.isEmpty ? roadsPath : buildings.path): no household and no site to connect")
    }

    request.progress?("building the network")
    let costs = request.uniformCost ? TrenchCostModel.uniform : scenario.costs
    var network = try NetworkBuilder.build(roads: roads, ducts: ducts, buildings: buildings,
                                       sites: sites.count > 0 ? sites : nil, pop: scenario.pop, areas: areas,
                                       costs: costs, options: scenario.network)
    diagnostics += network.diagnostics

    let popNode: Int32
    if scenario.pop != nil, network.popNode >= 0 {
      popNode = network.popNode
    } else {
      if scenario.pop != nil {
        diagnostics.append(Diagnostic(.warning, file: "scenario", field: "pop", code: "pop_unattached",
                                      "the POP is farther than \(Int(scenario.network.maxDropLength)) m from any road; using the road node nearest the centre of demand"))
      }
      guard let chosen = centreOfDemandNode(network: network, buildings: buildings, sites: sites) else {
        throw FibrePlanError(.data, "\(roadsPath): no building or site lies within \(Int(scenario.network.maxDropLength)) m of a road")
      }
      popNode = chosen
      network.popNode = chosen
    }
    let popComponent = network.nodeComponent[Int(popNode)]

    // Outcomes: every building and site ends in exactly one state.
    var buildingOutcome = [DemandOutcome](repeating: .connected, count: buildings.count)
    var terminals: [Int32] = [popNode]
    for b in 0..<buildings.count {
      switch network.buildingStatus[b] {
      case .invalidGeometry: buildingOutcome[b] = .invalidGeometry
      case .noRoadWithin(let d): buildingOutcome[b] = .noRoadWithin(metres: d)
      case .forbiddenArea: buildingOutcome[b] = .forbiddenArea
      case .attached:
        if buildings.units[b] <= 0 {
          buildingOutcome[b] = .noHouseholds
        } else if network.nodeComponent[Int(network.buildingNode[b])] != popComponent {
          buildingOutcome[b] = .disconnectedRoadNetwork
        } else {
          terminals.append(network.buildingNode[b])
        }
      }
    }
    var siteOutcome = [DemandOutcome](repeating: .connected, count: sites.count)
    for s in 0..<sites.count {
      switch network.siteStatus[s] {
      case .invalidGeometry: siteOutcome[s] = .invalidGeometry
      case .noRoadWithin(let d): siteOutcome[s] = .noRoadWithin(metres: d)
      case .forbiddenArea: siteOutcome[s] = .forbiddenArea
      case .attached:
        if network.nodeComponent[Int(network.siteNode[s])] != popComponent {
          siteOutcome[s] = .disconnectedRoadNetwork
        } else {
          terminals.append(network.siteNode[s])
        }
      }
    }

    request.progress?("routing the trench tree (\(terminals.count) terminals)")
    let steinerOptions = SteinerOptions(timeLimit: scenario.timeLimit, threads: request.threads, seed: scenario.seed)
    let coverage = scenario.coverage
    var (treeEdges, steiner) = routeTree(
      network: network, component: popComponent, terminals: terminals,
      options: coverage.mode == .full ? steinerOptions : SteinerOptions(timeLimit: 0, threads: request.threads, seed: scenario.seed))

    // The coverage view: the same component with per-connection costs on the drops.
    let buildingIsTerminal = buildingOutcome.map { $0 == .connected }
    let siteIsTerminal = siteOutcome.map { $0 == .connected }
    let coverageGraph = CoverageGraph(network: network, component: popComponent, root: popNode,
                                      buildingUnits: buildings.units, buildingIsTerminal: buildingIsTerminal,
                                      siteIsTerminal: siteIsTerminal, costs: costs)
    var localOfEdge = [Int32](repeating: -1, count: network.edgeCount)
    for (k, e) in coverageGraph.networkEdge.enumerated() { localOfEdge[Int(e)] = Int32(k) }
    let fullLocal = treeEdges.map { localOfEdge[Int($0)] }
    let fullPoint = CoveragePoint(capex: coverageGraph.cost(fullLocal),
                                  households: coverageGraph.households(spannedBy: fullLocal), lambda: .infinity)
    // The order in which to build the full tree when money is short: for budgets,
    // thresholds and the cost–coverage curve alike.
    let peeling = coverageGraph.peeling(tree: fullLocal, siteWeight: coverage.siteWeight)
    var coverageMethod = "steiner"
    var chosenPoint: CoveragePoint?
    if coverage.mode != .full {
      request.progress?("choosing households under the \(coverage.mode.label)")
      let choice = CoveragePlanner.choose(coverageGraph, mode: coverage.mode, options: coverage, steiner: steinerOptions,
                                          peeling: peeling)
      chosenPoint = CoveragePoint(capex: choice.capex, households: choice.households, lambda: 0)
      coverageMethod = choice.method
      treeEdges = choice.edges.map { coverageGraph.networkEdge[Int($0)] }.sorted()
      steiner = SteinerSolution(edges: treeEdges, cost: choice.capex, lowerBound: 0, seconds: 0)
      var spanned = [Bool](repeating: false, count: network.nodeCount)
      spanned[Int(popNode)] = true
      for e in treeEdges { spanned[Int(network.edgeU[Int(e)])] = true; spanned[Int(network.edgeV[Int(e)])] = true }
      let gap: DemandOutcome = { if case .budget = coverage.mode { return .overBudget }; return .aboveCostThreshold }()
      for b in 0..<buildings.count where buildingOutcome[b] == .connected && !spanned[Int(network.buildingNode[b])] {
        buildingOutcome[b] = gap
      }
      for s in 0..<sites.count where siteOutcome[s] == .connected && !spanned[Int(network.siteNode[s])] {
        siteOutcome[s] = gap
      }
    }
    var curve: [CoveragePoint] = []
    if coverage.curvePoints >= 2 {
      request.progress?("tracing the cost–coverage curve")
      curve = CoveragePlanner.curve(coverageGraph, peeling: peeling, full: fullPoint,
                                    extra: chosenPoint.map { [$0] } ?? [], options: coverage)
    }
    // What it would cost to add each unserved point to the plan as built.
    let local = CoveragePlanner.marginalCosts(coverageGraph, tree: treeEdges.map { localOfEdge[Int($0)] })
    func marginal(_ node: Int32, _ outcome: DemandOutcome) -> Double {
      guard outcome != .connected, node >= 0 else { return .nan }
      let v = coverageGraph.localOf[Int(node)]
      return v >= 0 ? local[Int(v)] : .nan
    }
    let buildingMarginalCost = (0..<buildings.count).map { marginal(network.buildingNode[$0], buildingOutcome[$0]) }
    let siteMarginalCost = (0..<sites.count).map { marginal(network.siteNode[$0], siteOutcome[$0]) }

    // Demand per node: households for buildings, one fibre per site.
    var demand = [Int32](repeating: 0, count: network.nodeCount)
    for b in 0..<buildings.count where buildingOutcome[b] == .connected {
      demand[Int(network.buildingNode[b])] += buildings.units[b]
    }
    for s in 0..<sites.count where siteOutcome[s] == .connected {
      demand[Int(network.siteNode[s])] += 1
    }
    let fibres = TrenchTree.downstreamDemand(network: network, treeEdges: treeEdges, root: popNode, demand: demand)

    request.progress?("accounting")
    let municipalityIndex = boundaries.map { MunicipalityIndex($0) }
    let municipalityNames = boundaries?.names ?? []
    func municipality(_ p: LonLat) -> Int32 {
      guard let municipalityIndex, p.isValid, let m = municipalityIndex.municipality(containing: p) else { return -1 }
      return Int32(m)
    }
    let buildingMunicipality = buildings.points.map(municipality)
    let siteMunicipality = sites.points.map(municipality)
    var edgeMunicipality = [Int32](repeating: -1, count: network.edgeCount)
    for e in treeEdges {
      edgeMunicipality[Int(e)] = municipality(TrenchTree.midpoint(network: network, edge: Int(e)))
    }

    var result = FibrePlanResult(
      scenario: scenario, network: network, buildings: buildings, sites: sites,
      municipalityNames: municipalityNames, buildingMunicipality: buildingMunicipality,
      siteMunicipality: siteMunicipality, edgeMunicipality: edgeMunicipality,
      buildingOutcome: buildingOutcome, siteOutcome: siteOutcome, treeEdges: treeEdges,
      treeEdgeFibres: fibres, pop: TrenchTree.position(network: network, node: Int(popNode)), popNode: popNode,
      steiner: steiner, region: PlanFigures(name: scenario.name), municipalities: [],
      diagnostics: diagnostics, seconds: 0, coverageCurve: curve, coverageMethod: coverageMethod,
      buildingMarginalCost: buildingMarginalCost, siteMarginalCost: siteMarginalCost)
    result.tally(costs: costs)
    result.boundaries = boundaries
    request.progress?("designing the fibre architecture")
    result.architecture = ArchitectureDesigner.design(result)
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return result
  }

  /// The road node nearest the household-weighted centre of demand, within the
  /// component that holds the most households (a POP in a stray fragment would serve
  /// nobody).
  package static func centreOfDemandNode(network: RoadNetwork, buildings: BuildingLayer, sites: SiteLayer) -> Int32? {
    var weightByComponent: [Int: Double] = [:]
    var sx = 0.0, sy = 0.0, sw = 0.0
    func add(_ node: Int32, weight: Double) {
      guard node >= 0, weight > 0 else { return }
      weightByComponent[Int(network.nodeComponent[Int(node)]), default: 0] += weight
      sx += network.nodeX[Int(node)] * weight
      sy += network.nodeY[Int(node)] * weight
      sw += weight
    }
    for b in 0..<buildings.count where network.buildingStatus[b] == .attached {
      add(network.buildingNode[b], weight: Double(buildings.units[b]))
    }
    for s in 0..<sites.count where network.siteStatus[s] == .attached {
      add(network.siteNode[s], weight: 1)
    }
    guard sw > 0, let best = weightByComponent.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else {
      return nil
    }
    let cx = sx / sw, cy = sy / sw
    // Prefer a road node (not a building's own node at the end of a drop).
    var isDemandNode = [Bool](repeating: false, count: network.nodeCount)
    for n in network.buildingNode where n >= 0 { isDemandNode[Int(n)] = true }
    for n in network.siteNode where n >= 0 { isDemandNode[Int(n)] = true }
    var bestNode: Int32 = -1
    var bestDistance = Double.infinity
    for v in 0..<network.nodeCount where Int(network.nodeComponent[v]) == best && !isDemandNode[v] {
      let d = (network.nodeX[v] - cx) * (network.nodeX[v] - cx) + (network.nodeY[v] - cy) * (network.nodeY[v] - cy)
      if d < bestDistance { bestDistance = d; bestNode = Int32(v) }
    }
    return bestNode >= 0 ? bestNode : nil
  }

  /// Solves the Steiner problem on the POP's component only and maps the tree back to
  /// network edge ids.
  package static func routeTree(network: RoadNetwork, component: Int32, terminals: [Int32],
                        options: SteinerOptions) -> ([Int32], SteinerSolution) {
    var local = [Int32](repeating: -1, count: network.nodeCount)
    var count: Int32 = 0
    for v in 0..<network.nodeCount where network.nodeComponent[v] == component {
      local[v] = count
      count += 1
    }
    var edgeU: [Int32] = [], edgeV: [Int32] = [], weight: [Double] = [], original: [Int32] = []
    for e in 0..<network.edgeCount {
      let u = local[Int(network.edgeU[e])], v = local[Int(network.edgeV[e])]
      guard u >= 0, v >= 0 else { continue }
      edgeU.append(u); edgeV.append(v); weight.append(network.edgeCost[e]); original.append(Int32(e))
    }
    var seen = Set<Int32>()
    let localTerminals = terminals.map { local[Int($0)] }.filter { seen.insert($0).inserted }
    let instance = SteinerInstance(nodeCount: Int(count), edgeU: edgeU, edgeV: edgeV, edgeWeight: weight,
                                   terminals: localTerminals)
    let solution = SteinerSolver.solve(instance, options: options)
    return (solution.edges.map { original[Int($0)] }.sorted(), solution)
  }
}
