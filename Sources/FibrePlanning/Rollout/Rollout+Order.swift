import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The built tree as local nodes (preorder ids, the POP is 0) with every cost of the
/// plan folded onto the node that pays it, and the order in which to build them.
package struct BuildOrder: Sendable {
  /// Local nodes in build order, the root left out (its cost is `fixedCost`).
  package var sequence: [Int32]
  /// Parent of each local node (-1 for the root).
  package var parent: [Int32]
  package var nodeCost: [Double]
  package var networkNode: [Int32]
  package var root: Int32 { 0 }
  /// Capex paid before any step: items at the POP and ring trench, first phase.
  package var fixedCost: Double
}

extension Rollout {
  /// Horn's densest-first order of the built tree (`CoverageGraph.peeling`), weighing
  /// households served as designed and sites at the scenario's site weight. With
  /// `criticalSitesFirst`, the paths to connected critical sites come first, in the same
  /// order; the rest follows. Both parts keep parents before children.
  package static func buildOrder(_ plan: FibrePlanResult, tree: RootedTree, ledger: RolloutLedger,
                                 options: PhasingOptions) -> BuildOrder {
    let network = plan.network
    var localOf = [Int32](repeating: -1, count: network.nodeCount)
    for (i, v) in tree.preorder.enumerated() { localOf[Int(v)] = Int32(i) }
    let n = tree.preorder.count
    var parent = [Int32](repeating: -1, count: n)
    var edgeU: [Int32] = [], edgeV: [Int32] = []
    for (i, v) in tree.preorder.enumerated() where i > 0 {
      parent[i] = localOf[Int(tree.parent[Int(v)])]
      edgeU.append(parent[i]); edgeV.append(Int32(i))
    }
    var nodeCost = [Double](repeating: 0, count: n)
    var fixed = 0.0
    for item in ledger.items {
      let v = item.node >= 0 ? localOf[Int(item.node)] : -1
      if v > 0 { nodeCost[Int(v)] += item.amount } else { fixed += item.amount }
    }
    var households = [Int32](repeating: 0, count: n)
    for b in 0..<plan.demand.buildings.count where ledger.buildingHouseholds[b] > 0 {
      let v = localOf[Int(network.buildingNode[b])]
      if v >= 0 { households[Int(v)] += Int32(ledger.buildingHouseholds[b]) }
    }
    var sites = [Int32](repeating: 0, count: n)
    var priority = [Bool](repeating: false, count: n)
    for s in 0..<plan.demand.sites.count where plan.outcomes.sites.outcome[s] == .connected {
      var v = localOf[Int(network.siteNode[s])]
      guard v >= 0 else { continue }
      sites[Int(v)] += 1
      guard options.criticalSitesFirst && plan.demand.sites.critical[s] else { continue }
      while v >= 0 && !priority[Int(v)] { priority[Int(v)] = true; v = parent[Int(v)] }
    }
    let graph = CoverageGraph(nodeCount: n, edgeU: edgeU, edgeV: edgeV, weight: edgeV.map { nodeCost[Int($0)] },
                              households: households, sites: sites, root: 0)
    let peeled = graph.peeling(tree: (0..<Int32(edgeU.count)).map { $0 }, siteWeight: plan.scenario.coverage.siteWeight)
    let steps = peeled.order.dropFirst()
    let sequence = steps.filter { priority[Int($0)] } + steps.filter { !priority[Int($0)] }
    return BuildOrder(sequence: sequence, parent: parent, nodeCost: nodeCost,
                      networkNode: tree.preorder, fixedCost: fixed + nodeCost[0])
  }

  /// Phases of edges, demand and cabinets from the phases of nodes, and each phase's
  /// figures from the ledger. A building is served from the later of its own node's
  /// phase and its cabinets' phases.
  package static func assemble(_ plan: FibrePlanResult, ledger: RolloutLedger, nodePhase: [Int32],
                               options: PhasingOptions) -> Rollout {
    let network = plan.network
    var edgePhase = [Int32](repeating: 0, count: network.edgeCount)
    for e in plan.tree.edges {
      edgePhase[Int(e)] = max(nodePhase[Int(network.edgeU[Int(e)])], nodePhase[Int(network.edgeV[Int(e)])])
    }
    var buildingPhase = [Int32](repeating: 0, count: plan.demand.buildings.count)
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b] == .connected {
      var p = nodePhase[Int(network.buildingNode[b])]
      for c in ledger.buildingCabinetNodes[b] { p = max(p, nodePhase[Int(c)]) }
      buildingPhase[b] = p
    }
    // A site the trench reaches but the architecture cannot serve is not built.
    let sitePhase = (0..<plan.demand.sites.count).map { s in
      s < plan.outcomes.sites.served.count && plan.outcomes.sites.served[s] ? nodePhase[Int(network.siteNode[s])] : 0
    }
    let cabinetPhase = ledger.cabinetNodes.map { nodePhase[Int($0)] }
    let count = Int(max(1, nodePhase.max() ?? 1))
    let slots = plan.demand.municipalityNames.count + 1
    var phases = (1...count).map {
      Phase(number: $0, households: 0, capex: 0, trenchMetres: 0,
            capexByMunicipality: [Double](repeating: 0, count: slots),
            householdsByMunicipality: [Int](repeating: 0, count: slots),
            trenchMetresByMunicipality: [Double](repeating: 0, count: slots))
    }
    for item in ledger.items {
      let p = item.node >= 0 ? max(1, Int(nodePhase[Int(item.node)])) : 1
      phases[p - 1].capex += item.amount
      phases[p - 1].trenchMetres += item.trenchMetres
      let m = item.municipality >= 0 ? Int(item.municipality) : slots - 1
      phases[p - 1].capexByMunicipality[m] += item.amount
      phases[p - 1].trenchMetresByMunicipality[m] += item.trenchMetres
    }
    for b in 0..<plan.demand.buildings.count where buildingPhase[b] > 0 {
      let m = plan.demand.buildingMunicipality[b] >= 0 ? Int(plan.demand.buildingMunicipality[b]) : slots - 1
      phases[Int(buildingPhase[b]) - 1].households += ledger.buildingHouseholds[b]
      phases[Int(buildingPhase[b]) - 1].householdsByMunicipality[m] += ledger.buildingHouseholds[b]
    }
    var budget: Double? = nil
    if case .annualBudget(let x) = options.split { budget = x }
    return Rollout(phases: phases, nodePhase: nodePhase, edgePhase: edgePhase, buildingPhase: buildingPhase,
                   sitePhase: sitePhase, cabinetPhase: cabinetPhase, annualBudget: budget)
  }
}
