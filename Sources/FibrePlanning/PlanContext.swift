import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// One planning run's fixed parts: the network, the POP, the demand, the full-coverage
/// trench tree and its coverage view. `plan(mode:)` turns them into a finished plan for
/// a coverage mode, so that a budget can be bound by re-planning without re-routing.
struct PlanContext {
  var request: PlanRequest
  var inputs: PlanInputs
  var network: RoadNetwork
  var popNode: Int32
  var costs: TrenchCostModel
  var architecture: FTTHArchitecture?
  var diagnostics: [Diagnostic]
  var demand: DemandSet
  /// The full-coverage tree (network edge ids, ascending) and the engine's view of it.
  var fullTree: [Int32]
  var fullSteiner: SteinerSolution
  /// The coverage view: nil in a totals-only plan at full coverage, which chooses no
  /// households, traces no curve and prices no marginal cost (`coverage`).
  var coverageView: CoverageView?
  var buildingMunicipality: [Int32]
  var siteMunicipality: [Int32]
  /// Several POPs and the data centre (nil: one POP).
  var regional: RegionalSetup?
  /// The full-coverage tree with its instance, for re-plans of the same region.
  var routed: RoutedTree

  /// Routes the full-coverage tree, or takes `known` when it was routed for the same
  /// instance. With `feederAreas` each POP feeds only its own area
  /// (`RegionalSetup.feederAreaEdges`).
  init(request: PlanRequest, inputs: PlanInputs, network: RoadNetwork, popNode: Int32, costs: TrenchCostModel,
       architecture: FTTHArchitecture?, diagnostics: [Diagnostic], demand: DemandSet, regional: RegionalSetup? = nil,
       known: RoutedTree? = nil, feederAreas: Bool = false) {
    self.regional = regional
    self.request = request
    self.inputs = inputs
    self.network = network
    self.popNode = popNode
    self.costs = costs
    self.architecture = architecture
    self.diagnostics = diagnostics
    self.demand = demand
    let scenario = request.scenario
    let terminals = demand.terminals(network: network, popNode: popNode)
    request.progress?("routing the trench tree (\(terminals.count) terminals)")
    let component = network.nodeComponent[Int(popNode)]
    let fast = scenario.coverage.mode != .full
    let options = SteinerOptions(timeLimit: fast ? 0 : scenario.timeLimit, threads: request.threads, seed: scenario.seed)
    let routable = feederAreas ? regional?.feederAreaEdges(network) : nil
    if let known, known.answers(network: network, component: component, terminals: terminals, options: options,
                                routable: routable) {
      routed = known
    } else {
      let (edges, solution) = Planner.routeTree(network: network, component: component, terminals: terminals,
                                                options: options, routable: routable)
      routed = RoutedTree(network: network, component: component, terminals: terminals, options: options,
                          routable: routable, edges: edges, solution: solution)
    }
    (fullTree, fullSteiner) = (routed.edges, routed.solution)
    // A totals-only plan at full coverage never reads the coverage view.
    coverageView = request.totalsOnly && scenario.coverage.mode == .full ? nil
      : CoverageView(network: network, component: component, popNode: popNode, fullTree: fullTree, demand: demand,
                     inputs: inputs, regional: regional, costs: Self.choosingCosts(costs, architecture: architecture),
                     siteWeight: scenario.coverage.siteWeight, routable: routable)
    (buildingMunicipality, siteMunicipality) = inputs.municipalities()
  }

  /// The coverage view; only plans that choose households, trace the curve or price
  /// marginal costs ask for it, and those always build it.
  var coverage: CoverageView {
    guard let coverageView else { preconditionFailure("a totals-only plan at full coverage has no coverage view") }
    return coverageView
  }

  /// Costs the coverage choice prices homes with: per connection, plus the equipment a
  /// home's fibre needs in the architecture (its share of a cabinet and a splitter),
  /// so that budgets and thresholds see what a home really costs.
  static func choosingCosts(_ costs: TrenchCostModel, architecture a: FTTHArchitecture?) -> TrenchCostModel {
    guard let a else { return costs }
    var c = costs
    let ports = Double(max(a.split.ports, 1))
    var splitters = 0.0
    switch a.split {
    case .single(let n): splitters = a.cost(ofSplitter: n) / Double(n)
    case .cascaded(let x, let y): splitters = a.cost(ofSplitter: x) / ports + a.cost(ofSplitter: y) / Double(y)
    }
    c.equipmentPerConnection += Double(a.fibresPerHousehold)
      * (a.cabinetCost / Double(max(a.cabinetCapacity, 1)) + splitters)
    return c
  }

  /// The finished plan under `mode`: the connected set, the architecture on its tree,
  /// only the trench that carries a served home's cable, and the tallies.
  /// `timeLimit` (default: the scenario's) bounds the coverage choice.
  func plan(mode: CoverageMode, timeLimit: Double? = nil) -> FibrePlanResult {
    let scenario = request.scenario
    var outcome = demand
    var treeEdges = fullTree
    var steiner = fullSteiner
    var method = "steiner"
    var chosenPoint: CoveragePoint?
    if mode != .full {
      request.progress?("choosing households under the \(mode.label)")
      let steinerOptions = SteinerOptions(timeLimit: timeLimit ?? scenario.timeLimit, threads: request.threads,
                                          seed: scenario.seed)
      let choice = CoveragePlanner.choose(coverage.graph, mode: mode, options: scenario.coverage,
                                          steiner: steinerOptions, peeling: coverage.peeling)
      chosenPoint = CoveragePoint(capex: choice.capex, households: choice.households, lambda: 0)
      method = choice.method
      treeEdges = choice.edges.map { coverage.graph.networkEdge[Int($0)] }.sorted()
      steiner = SteinerSolution(edges: treeEdges, cost: choice.capex, lowerBound: 0, seconds: 0)
      markLeftOut(&outcome, treeEdges: treeEdges, gap: { if case .budget = mode { return .overBudget }; return .aboveCostThreshold }())
    }
    // One rooted tree serves the fibre count, the architecture and the trimming: all
    // three walk these edges from this POP.
    let rooted = RootedTree(network: network, treeEdges: treeEdges, root: popNode)
    regional?.markOverCapacity(&outcome, network: network, tree: rooted, units: inputs.buildings.units)
    var curve: [CoveragePoint] = []
    if scenario.coverage.curvePoints >= 2 && !request.totalsOnly {
      request.progress?("tracing the cost–coverage curve")
      curve = CoveragePlanner.curve(coverage.graph, peeling: coverage.peeling, full: coverage.fullPoint,
                                    extra: chosenPoint.map { [$0] } ?? [], options: scenario.coverage)
    }
    var result = assemble(outcome, tree: rooted, steiner: steiner, method: method, curve: curve, mode: mode)
    if let architecture {
      request.progress?("designing the fibre architecture")
      let pins = pinnedCabinets(on: result.tree.edges, diagnostics: &result.diagnostics)
      result.architecture = ArchitectureDesigner.design(result, architecture: architecture, pins: pins,
                                                        threads: request.threads, tree: rooted)
      result.keepServedTrench(tree: rooted)
    }
    if let regional {
      let index = inputs.boundaries.map { MunicipalityIndex($0) }
      func municipality(_ p: LonLat) -> Int32 {
        guard let index, p.isValid, let m = index.municipality(containing: p) else { return -1 }
        return Int32(m)
      }
      result.hierarchy = regional.hierarchy(for: result, municipality: municipality)
      result.hierarchy?.homesFedByNearestPOP = routed.routable != nil
      for link in result.hierarchy?.backbone ?? [] where result.tree.edgeMunicipality[Int(link.edge)] < 0 {
        result.tree.edgeMunicipality[Int(link.edge)] = municipality(TrenchTree.midpoint(network: network, edge: Int(link.edge)))
      }
    }
    result.tally()
    return result
  }

  /// The tree node nearest each pinned cabinet (`layers.cabinets`), with a warning when
  /// it is farther than the maximum drop length. O(pins · tree).
  private func pinnedCabinets(on treeEdges: [Int32], diagnostics: inout [Diagnostic]) -> [Int32] {
    guard let layer = inputs.cabinets, layer.count > 0 else { return [] }
    var onTree = [Bool](repeating: false, count: network.nodeCount)
    for e in treeEdges where network.isBuilt(Int(e)) {
      onTree[Int(network.edgeU[Int(e)])] = true
      onTree[Int(network.edgeV[Int(e)])] = true
    }
    for n in network.buildingNode where n >= 0 { onTree[Int(n)] = false }
    for n in network.siteNode where n >= 0 { onTree[Int(n)] = false }
    var pins: [Int32] = []
    for (i, p) in layer.points.enumerated() where p.isValid {
      let (x, y) = network.projection.project(p)
      var best: Int32 = -1, bestD = Double.infinity
      for v in 0..<network.nodeCount where onTree[v] {
        let d = (network.nodeX[v] - x) * (network.nodeX[v] - x) + (network.nodeY[v] - y) * (network.nodeY[v] - y)
        if d < bestD { bestD = d; best = Int32(v) }
      }
      guard best >= 0 else { continue }
      if bestD.squareRoot() > request.scenario.network.maxDropLength {
        diagnostics.append(Diagnostic(.warning, file: layer.path, feature: i < layer.featureIndex.count ? Int(layer.featureIndex[i]) : i,
                                      field: "geometry", code: "cabinet_pin_far",
                                      "pinned cabinet is \(Int(bestD.squareRoot().rounded())) m from the trench; the nearest trench node is used"))
      }
      pins.append(best)
    }
    return pins
  }

  /// Points the chosen tree does not reach become coverage gaps.
  private func markLeftOut(_ outcome: inout DemandSet, treeEdges: [Int32], gap: DemandOutcome) {
    var spanned = [Bool](repeating: false, count: network.nodeCount)
    spanned[Int(popNode)] = true
    for e in treeEdges { spanned[Int(network.edgeU[Int(e)])] = true; spanned[Int(network.edgeV[Int(e)])] = true }
    for b in 0..<outcome.building.count where outcome.building[b] == .connected && !spanned[Int(network.buildingNode[b])] {
      outcome.building[b] = gap
    }
    for s in 0..<outcome.site.count where outcome.site[s] == .connected && !spanned[Int(network.siteNode[s])] {
      outcome.site[s] = gap
    }
  }

  /// The plan before its architecture: outcomes, tree, marginal costs, municipalities.
  private func assemble(_ outcome: DemandSet, tree rooted: RootedTree, steiner: SteinerSolution, method: String,
                        curve: [CoveragePoint], mode: CoverageMode) -> FibrePlanResult {
    let treeEdges = rooted.treeEdges
    var scenario = request.scenario
    scenario.coverage.mode = request.scenario.coverage.mode
    // What it would cost to add each unserved point to the plan as built (NaN in a
    // totals-only plan, which writes no outputs).
    let view = request.totalsOnly ? nil : self.coverage
    let localOf = view?.graph.localOf ?? []
    let local = view.map { v in CoveragePlanner.marginalCosts(v.graph, tree: treeEdges.map { v.localOfEdge[Int($0)] }) } ?? []
    func marginal(_ node: Int32, _ o: DemandOutcome) -> Double {
      guard o != .connected, node >= 0, !local.isEmpty else { return .nan }
      let v = localOf[Int(node)]
      return v >= 0 ? local[Int(v)] : .nan
    }
    // A totals-only plan reads region totals only, which the book adds up apart from
    // the municipalities: its edges need no point-in-polygon lookups.
    let index = request.totalsOnly ? nil : inputs.boundaries.map { MunicipalityIndex($0) }
    var edgeMunicipality = [Int32](repeating: -1, count: network.edgeCount)
    if let index {
      for e in treeEdges {
        let p = TrenchTree.midpoint(network: network, edge: Int(e))
        if p.isValid, let m = index.municipality(containing: p) { edgeMunicipality[Int(e)] = Int32(m) }
      }
    }
    let buildings = inputs.buildings, sites = inputs.sites
    let demand = PlanDemand(buildings: buildings, sites: sites, boundaries: inputs.boundaries,
                            buildingMunicipality: buildingMunicipality, siteMunicipality: siteMunicipality)
    let tree = PlanTree(edges: treeEdges, edgeMunicipality: edgeMunicipality,
                        pop: TrenchTree.position(network: network, node: Int(popNode)), popNode: popNode, steiner: steiner)
    let outcomes = PlanOutcomes(
      buildings: DemandOutcomes(outcome: outcome.building,
                                marginalCost: (0..<buildings.count).map { marginal(network.buildingNode[$0], outcome.building[$0]) }),
      sites: DemandOutcomes(outcome: outcome.site,
                            marginalCost: (0..<sites.count).map { marginal(network.siteNode[$0], outcome.site[$0]) }))
    var coverage = PlanCoverage(curve: curve, method: method)
    coverage.eligibility = scenario.activeEligibility(buildings: buildings)
    coverage.buildingEligible = coverage.eligibility?.classify(buildings) ?? []
    var result = FibrePlanResult(scenario: scenario, network: network, costs: costs, demand: demand, tree: tree,
                                 outcomes: outcomes, coverage: coverage, diagnostics: diagnostics)
    result.tree.edgeFibres = result.servedFibres(tree: rooted)
    return result
  }
}

extension FibrePlanResult {
  /// Fibres each tree edge carries downstream: households of served buildings, one
  /// per served site.
  package func servedFibres() -> [Int32] {
    servedFibres(tree: RootedTree(network: network, treeEdges: self.tree.edges, root: self.tree.popNode))
  }

  /// `servedFibres()` on `tree`, the plan's tree rooted at its POP (or a tree holding
  /// it whose other edges lead to no served point: they carry none).
  func servedFibres(tree: RootedTree) -> [Int32] {
    var demand = [Int32](repeating: 0, count: network.nodeCount)
    for b in 0..<self.demand.buildings.count where self.outcomes.buildings.served[b] { demand[Int(network.buildingNode[b])] += self.demand.buildings.units[b] }
    for s in 0..<self.demand.sites.count where self.outcomes.sites.served[s] { demand[Int(network.siteNode[s])] += 1 }
    return TrenchTree.downstreamDemand(tree: tree, demand: demand)
  }

  /// Marks what the architecture serves and keeps only the trench on a route from the
  /// POP to a served home or a cabinet: no trench is built that carries no served
  /// home's cable. Cable edges all lie on such routes. O(tree).
  package mutating func keepServedTrench() {
    keepServedTrench(tree: RootedTree(network: network, treeEdges: self.tree.edges, root: self.tree.popNode))
  }

  /// `keepServedTrench()` with the plan's tree already rooted at its POP. The trench
  /// kept holds every served point's route to the POP, so the fibres its edges carry
  /// are those the whole tree's edges carry (integer sums, any order).
  mutating func keepServedTrench(tree: RootedTree) {
    let reasons = architectureGapReasons
    self.outcomes.buildings.served = (0..<self.demand.buildings.count).map { self.outcomes.buildings.outcome[$0] == .connected && reasons.buildings[$0] == nil }
    self.outcomes.sites.served = (0..<self.demand.sites.count).map { self.outcomes.sites.outcome[$0] == .connected && reasons.sites[$0] == nil }
    var kept = [Bool](repeating: false, count: self.tree.edges.count)
    func keepRoute(from node: Int32) {
      var v = node
      while v >= 0, tree.parentEdge[Int(v)] >= 0, !kept[Int(tree.parentEdge[Int(v)])] {
        kept[Int(tree.parentEdge[Int(v)])] = true
        v = tree.parent[Int(v)]
      }
    }
    for b in 0..<self.demand.buildings.count where self.outcomes.buildings.served[b] { keepRoute(from: network.buildingNode[b]) }
    for s in 0..<self.demand.sites.count where self.outcomes.sites.served[s] { keepRoute(from: network.siteNode[s]) }
    for c in architecture?.cabinets ?? [] { keepRoute(from: c.node) }
    let fibres = servedFibres(tree: tree)
    let positions = (0..<self.tree.edges.count).filter { kept[$0] }
    self.tree.edges = positions.map { tree.treeEdges[$0] }
    self.tree.edgeFibres = positions.map { fibres[$0] }
  }
}

/// The coverage choice's view of a plan: the POP's component priced per home, the
/// full-coverage tree on it, its capex and households, and its build order.
struct CoverageView {
  var graph: CoverageGraph
  /// Local edge of each network edge (-1 outside the component).
  var localOfEdge: [Int32]
  var peeling: TreePeeling
  var fullPoint: CoveragePoint

  init(network: RoadNetwork, component: Int32, popNode: Int32, fullTree: [Int32], demand: DemandSet,
       inputs: PlanInputs, regional: RegionalSetup?, costs: TrenchCostModel, siteWeight: Double, routable: [Bool]?) {
    graph = CoverageGraph(network: regional?.pricingLinks(network) ?? network, component: component, root: popNode,
                          buildingUnits: inputs.buildings.units,
                          buildingIsTerminal: demand.building.map { $0 == .connected },
                          siteIsTerminal: demand.site.map { $0 == .connected }, costs: costs, routable: routable)
    var localOfEdge = [Int32](repeating: -1, count: network.edgeCount)
    for (k, e) in graph.networkEdge.enumerated() { localOfEdge[Int(e)] = Int32(k) }
    self.localOfEdge = localOfEdge
    let fullLocal = fullTree.map { localOfEdge[Int($0)] }
    fullPoint = CoveragePoint(capex: graph.cost(fullLocal), households: graph.households(spannedBy: fullLocal),
                              lambda: .infinity)
    // The order in which to build the full tree when money is short (and for the curve).
    peeling = graph.peeling(tree: fullLocal, siteWeight: siteWeight)
  }
}
