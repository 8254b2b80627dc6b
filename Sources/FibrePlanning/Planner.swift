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
  /// Layers already read and the network already built for this scenario's region
  /// (`Planner.prepare`), so that re-plans that change only the architecture or the
  /// POPs do not read and build them again.
  package var prepared: PreparedRegion? = nil
  /// Only the totals and the architecture are wanted (a re-plan whose figures are
  /// compared, not written): no cost–coverage curve, no marginal costs, and at full
  /// coverage no build order. Totals and architecture are those of a full plan.
  package var totalsOnly = false
  /// Start the optical fixes that keep the plan's one POP as soon as a home is known to
  /// lie beyond optical reach (`FixesAhead`), on another thread; `OpticalFix.check`
  /// then takes them from the region it is given.
  package var startsFixesAhead = false

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
  /// Steiner tree from the POP to every household within optical reach, lays the FTTH
  /// architecture on it, keeps only the trench that carries a served home's cable, and
  /// accounts for every building. A budget or cost threshold binds the total capex,
  /// architecture included. Throws for unusable input (missing roads, no demand).
  public static func plan(_ request: PlanRequest) throws -> FibrePlanResult {
    try planKeepingRegion(request).plan
  }

  /// The plan, and the layers, network and full-coverage tree it was made from, for
  /// re-plans of the same region (the optical fixes) to start from.
  package static func planKeepingRegion(_ request: PlanRequest) throws -> (plan: FibrePlanResult, region: PreparedRegion) {
    let started = DispatchTime.now().uptimeNanoseconds
    var scenario = request.scenario
    let regionalMode = scenario.hierarchy.isRegional
    if regionalMode, scenario.hierarchy.pops.isEmpty, let p = scenario.pop {
      scenario.hierarchy.pops = [NamedPosition(name: "POP", position: p)]
    }
    let costs = request.uniformCost ? TrenchCostModel.uniform : scenario.costs
    var prepared = try request.prepared.flatMap { $0.fits(scenario, uniformCost: request.uniformCost) ? $0 : nil }
      ?? prepare(scenario, uniformCost: request.uniformCost, threads: request.threads, progress: request.progress)
    let inputs = prepared.inputs
    var network = prepared.network
    var diagnostics = inputs.diagnostics + network.diagnostics
    // Length-only runs (`--uniform-cost`) compare trees with other tools: no optics.
    let architecture: FTTHArchitecture? = request.uniformCost ? nil : scenario.architecture
    var regional: RegionalSetup?
    if regionalMode {
      request.progress?("choosing the POPs")
      let perHousehold = PlanContext.choosingCosts(costs, architecture: architecture).equipmentPerConnection
      regional = try RegionalSetup.choose(&network, inputs: inputs, scenario: scenario, architecture: architecture,
                                          perHousehold: perHousehold, threads: request.threads, diagnostics: &diagnostics)
    }
    let popNode = regionalMode ? network.popNode
      : try choosePOP(&network, inputs: inputs, scenario: scenario, diagnostics: &diagnostics)
    var demand = DemandSet.classify(network: network, popNode: popNode, inputs: inputs)
    if let eligibility = scenario.activeEligibility(buildings: inputs.buildings), eligibility.only {
      demand.leaveIneligibleToExistingNetwork(eligible: eligibility.classify(inputs.buildings),
                                              units: inputs.buildings.units)
    }
    if let architecture {
      let ahead = request.startsFixesAhead && request.threads >= 2 && !regionalMode
      // One search from the POP for the plan and the fixes it may start ahead.
      let reach = ahead ? ReachFromPOP(network: network, popNode: popNode,
                                       bound: FixesAhead.farthestReach(scenario)) : prepared.reach
      demand.excludeBeyondOpticalReach(network: network, popNode: popNode, architecture: architecture, known: reach)
      if ahead && demand.anyBeyondOpticalReach {
        prepared.reach = reach
        prepared.fixesAhead = FixesAhead.start(scenario, region: prepared,
                                               households: inputs.buildings.units.reduce(0) { $0 + Int($1) })
      }
    }
    func context(feederAreas: Bool) -> PlanContext {
      PlanContext(request: request, inputs: inputs, network: network, popNode: popNode, costs: costs,
                  architecture: architecture, diagnostics: diagnostics, demand: demand, regional: regional,
                  known: prepared.routed, feederAreas: feederAreas)
    }
    let free = context(feederAreas: false)
    prepared.routed = free.routed
    var result = finish(free)
    if let regional, regional.popNodes.count >= 2,
       result.architecture?.gaps.contains(where: { $0.reason == "optical_budget" }) == true {
      // The cheapest tree may feed a home from a farther POP over the budget; each POP
      // feeding its own area keeps every home on its shortest route's POP. (Homes beyond
      // reach of every POP stay so either way.)
      request.progress?("re-routing each POP's own area")
      let areas = context(feederAreas: true)
      let fed = finish(areas)
      if worth(fed, over: result, householdValue: regional.options.unservedHouseholdCost) {
        result = fed
        prepared.routed = areas.routed
      }
    }
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return (result, prepared)
  }

  /// The finished plan of `context` under its scenario's coverage mode.
  static func finish(_ context: PlanContext) -> FibrePlanResult {
    switch context.request.scenario.coverage.mode {
    case .budget(let budget) where context.architecture != nil:
      return bindBudget(budget, context: context)
    case let mode:
      return context.plan(mode: mode)
    }
  }

  /// Whether `plan` beats `other` when every household left unserved is worth
  /// `householdValue` (the scenario's `unserved_household_cost`): capex plus that value
  /// per household not served, lower wins; a tie keeps `other`.
  static func worth(_ plan: FibrePlanResult, over other: FibrePlanResult, householdValue: Double) -> Bool {
    func cost(_ p: FibrePlanResult) -> Double {
      p.totals.region.capexTotal - Double(p.totals.region.householdsServed) * householdValue
    }
    return cost(plan) < cost(other)
  }

  /// Reads the scenario's layers and builds the shared-trench network (before any POP
  /// is chosen on it).
  package static func prepare(_ scenario: Scenario, uniformCost: Bool, threads: Int = 2,
                              progress: (@Sendable (String) -> Void)? = nil) throws -> PreparedRegion {
    try prepare(scenario, inputs: PlanInputs.read(scenario, threads: threads, progress: progress),
                uniformCost: uniformCost, threads: threads, progress: progress)
  }

  /// Builds the shared-trench network of `scenario` on layers already read (the caller
  /// keeps the layers, network options and costs).
  static func prepare(_ scenario: Scenario, inputs: PlanInputs, uniformCost: Bool, threads: Int = 1,
                      progress: (@Sendable (String) -> Void)? = nil) throws -> PreparedRegion {
    progress?("building the network")
    let pop = PreparedRegion.networkPOP(scenario)
    let network = try NetworkBuilder.build(roads: inputs.roads, ducts: inputs.ducts, buildings: inputs.buildings,
                                           sites: inputs.sites.count > 0 ? inputs.sites : nil, pop: pop,
                                           areas: inputs.areas, costs: uniformCost ? TrenchCostModel.uniform : scenario.costs,
                                           options: scenario.network, threads: threads)
    return PreparedRegion(inputs: inputs, network: network, pop: pop, uniformCost: uniformCost)
  }

  /// The POP's road node: the scenario's POP where it attached, else the node nearest
  /// the centre of demand (with a warning when a POP was given but is off the network).
  static func choosePOP(_ network: inout RoadNetwork, inputs: PlanInputs, scenario: Scenario,
                        diagnostics: inout [Diagnostic]) throws -> Int32 {
    if scenario.pop != nil, network.popNode >= 0 { return network.popNode }
    if scenario.pop != nil {
      diagnostics.append(Diagnostic(.warning, file: "scenario", field: "pop", code: "pop_unattached",
                                    "the POP is farther than \(Int(scenario.network.maxDropLength)) m from any road; using the road node nearest the centre of demand"))
    }
    guard let chosen = centreOfDemandNode(network: network, buildings: inputs.buildings, sites: inputs.sites) else {
      throw FibrePlanError(.data, "\(inputs.roadsPath): no building or site lies within \(Int(scenario.network.maxDropLength)) m of a road")
    }
    network.popNode = chosen
    return chosen
  }

  /// A budget binds the total capex, architecture included, of homes served as
  /// designed. The coverage solve prices trench and connections (with an estimate of
  /// the equipment per home); the budget it is given is scaled down by the measured
  /// overshoot until the built plan fits (at most eight rounds, the first with the
  /// whole time limit and the others with a quarter of it; the fitting plan serving
  /// most households wins, and an empty plan always fits).
  static func bindBudget(_ budget: Double, context: PlanContext) -> FibrePlanResult {
    var inner = budget
    var best: FibrePlanResult?
    let limit = context.request.scenario.timeLimit
    for round in 0..<8 {
      // The first round searches for the whole limit; later ones, which move the inner
      // budget by a few per cent, a quarter of it each.
      let plan = context.plan(mode: .budget(inner), timeLimit: round == 0 ? limit : limit / 4)
      let total = plan.totals.region.capexTotal
      if total <= budget + 1e-6 {
        if best.map({ plan.totals.region.householdsServed > $0.totals.region.householdsServed }) ?? true { best = plan }
        if total >= budget * 0.99 { break }
        inner *= min(1.05, budget / max(total, 1))
        if inner > budget * 4 { break }
      } else {
        inner *= budget / total * 0.995
      }
    }
    return best ?? context.plan(mode: .budget(0))
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

  /// Solves the Steiner problem on the POP's component only (on its `routable` edges,
  /// when given) and maps the tree back to network edge ids.
  package static func routeTree(network: RoadNetwork, component: Int32, terminals: [Int32],
                        options: SteinerOptions, routable: [Bool]? = nil) -> ([Int32], SteinerSolution) {
    let kept = treeCandidates(network: network, component: component, terminals: terminals, routable: routable)
    var local = [Int32](repeating: -1, count: network.nodeCount)
    var count: Int32 = 0
    for v in 0..<network.nodeCount where kept[v] {
      local[v] = count
      count += 1
    }
    var edgeU: [Int32] = [], edgeV: [Int32] = [], weight: [Double] = [], original: [Int32] = []
    for e in 0..<network.edgeCount {
      let u = local[Int(network.edgeU[e])], v = local[Int(network.edgeV[e])]
      guard u >= 0, v >= 0, routable?[e] ?? true else { continue }
      edgeU.append(u); edgeV.append(v); weight.append(network.edgeCost[e]); original.append(Int32(e))
    }
    // Each terminal once, first occurrence first (a mask: the list is every home).
    var seen = [Bool](repeating: false, count: Int(count))
    var localTerminals: [Int32] = []
    localTerminals.reserveCapacity(terminals.count)
    for t in terminals where !seen[Int(local[Int(t)])] {
      seen[Int(local[Int(t)])] = true
      localTerminals.append(local[Int(t)])
    }
    let instance = SteinerInstance(nodeCount: Int(count), edgeU: edgeU, edgeV: edgeV, edgeWeight: weight,
                                   terminals: localTerminals)
    let solution = SteinerSolver.solve(instance, options: options)
    return (solution.edges.map { original[Int($0)] }.sorted(), solution)
  }
}

extension Planner {
  /// The nodes of `component` a Steiner tree over its routable edges may use: all but
  /// the non-terminal ones left with at most one edge once such nodes are peeled off,
  /// one after another (the degree test of Beasley 1984, done before the instance is
  /// built: at a million homes, a million buildings out of reach hang off the streets).
  /// Kept nodes keep their order, so the instance is numbered as before.
  /// - Complexity: O(nodes + edges).
  static func treeCandidates(network: RoadNetwork, component: Int32, terminals: [Int32], routable: [Bool]?) -> [Bool] {
    let n = network.nodeCount
    var kept = [Bool](repeating: false, count: n)
    for v in 0..<n where network.nodeComponent[v] == component { kept[v] = true }
    var degree = [Int32](repeating: 0, count: n)
    for e in 0..<network.edgeCount where routable?[e] ?? true {
      let u = Int(network.edgeU[e]), v = Int(network.edgeV[e])
      guard kept[u], kept[v], u != v else { continue }
      degree[u] += 1; degree[v] += 1
    }
    var isTerminal = [Bool](repeating: false, count: n)
    for t in terminals { isTerminal[Int(t)] = true }
    let graph = CSRGraph(nodeCount: n, edgeU: network.edgeU, edgeV: network.edgeV)
    var stack = (0..<n).filter { kept[$0] && !isTerminal[$0] && degree[$0] <= 1 }
    while let v = stack.popLast() {
      guard kept[v] else { continue }
      kept[v] = false
      for a in graph.arcs(v) {
        let e = Int(graph.arcEdge[a]), w = Int(graph.arcHead[a])
        guard routable?[e] ?? true, kept[w], w != v else { continue }
        degree[w] -= 1
        if degree[w] <= 1 && !isTerminal[w] { stack.append(w) }
      }
    }
    return kept
  }
}

/// A region's layers and network as `Planner.prepare` left them, for plans of the same
/// layers, network options and costs.
package struct PreparedRegion: Sendable {
  var inputs: PlanInputs
  var network: RoadNetwork
  /// The POP the network was built with (nil with several POPs, chosen later).
  var pop: LonLat?
  var uniformCost: Bool
  /// The last full-coverage tree routed on this region, for a re-plan with the same
  /// instance (`RoutedTree.answers`).
  var routed: RoutedTree? = nil
  /// The same-POP optical fixes, when the plan started them ahead, and the search from
  /// the POP they share with the plan.
  var fixesAhead: FixesAhead? = nil
  var reach: ReachFromPOP? = nil

  /// The POP a scenario builds its network with.
  static func networkPOP(_ scenario: Scenario) -> LonLat? {
    scenario.hierarchy.isRegional ? nil : scenario.pop
  }

  /// Whether `scenario` would build the same network (the caller keeps the layers,
  /// network options and costs).
  func fits(_ scenario: Scenario, uniformCost: Bool) -> Bool {
    self.uniformCost == uniformCost && PreparedRegion.networkPOP(scenario) == pop
  }
}
