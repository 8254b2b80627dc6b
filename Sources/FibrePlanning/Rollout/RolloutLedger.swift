import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Every euro of a plan, each anchored at the tree node whose construction pays it:
/// a trench edge at its far end from the POP, a connection at its building, a cabinet
/// or closure at its node, a cable at its edge's far end. Items the tree does not order
/// (ring trench, anything at the POP) are anchored at the root and fall in the first
/// phase. This is the rollout's only view of the plan: when the plan gains new kinds of
/// capex, they are added here and the phases still sum to the plan's total.
package struct RolloutLedger: Sendable {
  package struct Item: Sendable, Equatable {
    /// Network node whose construction pays for the item (-1: the root, first phase).
    package var node: Int32
    package var amount: Double
    /// Municipality index (-1: outside every boundary).
    package var municipality: Int32
    /// Metres of new trench the item digs (0 for everything else).
    package var trenchMetres: Double
  }

  package var items: [Item] = []
  /// Households served as designed at each building, and the cabinets' nodes it needs.
  package var buildingHouseholds: [Int]
  package var buildingCabinetNodes: [[Int32]]
  package var cabinetNodes: [Int32]

  /// - Complexity: O(tree edges + buildings + sites + cables + cabinets).
  package init(_ plan: FibrePlanResult, costs: TrenchCostModel) {
    let network = plan.network
    func anchor(edge e: Int, tree: RootedTree) -> Int32 {
      let u = network.edgeU[e], v = network.edgeV[e]
      return tree.parent[Int(v)] == u ? v : u
    }
    let tree = RootedTree(network: network, treeEdges: plan.tree.edges, root: plan.tree.popNode)
    for e32 in plan.tree.edges {
      let e = Int(e32)
      items.append(Item(node: anchor(edge: e, tree: tree), amount: network.edgeCost[e],
                        municipality: plan.tree.edgeMunicipality[e],
                        trenchMetres: network.edgeKind[e] == .trench ? network.edgeLength[e] : 0))
    }
    // Connections are built (and priced) for served homes only, as in the tally.
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.served[b] {
      let units = Double(plan.demand.buildings.units[b])
      items.append(Item(node: network.buildingNode[b], amount: costs.dropPerConnection + units * costs.equipmentPerConnection,
                        municipality: plan.demand.buildingMunicipality[b], trenchMetres: 0))
    }
    for s in 0..<plan.demand.sites.count where plan.outcomes.sites.served[s] {
      items.append(Item(node: network.siteNode[s], amount: costs.dropPerConnection + costs.equipmentPerConnection,
                        municipality: plan.demand.siteMunicipality[s], trenchMetres: 0))
    }
    buildingHouseholds = (0..<plan.demand.buildings.count).map {
      plan.outcomes.buildings.outcome[$0] == .connected && plan.architecture == nil ? Int(plan.demand.buildings.units[$0]) : 0
    }
    buildingCabinetNodes = [[Int32]](repeating: [], count: plan.demand.buildings.count)
    cabinetNodes = []
    if let arch = plan.architecture {
      let closureCost = plan.scenario.architecture.spliceClosureCost
      for c in arch.cabinets {
        items.append(Item(node: c.node, amount: c.cost, municipality: c.municipality, trenchMetres: 0))
        cabinetNodes.append(c.node)
      }
      for c in arch.cables {
        items.append(Item(node: anchor(edge: Int(c.edge), tree: tree), amount: c.cost,
                          municipality: plan.tree.edgeMunicipality[Int(c.edge)], trenchMetres: 0))
      }
      for c in arch.closures {
        items.append(Item(node: c.node, amount: closureCost, municipality: c.municipality, trenchMetres: 0))
      }
      for a in arch.assignments where a.demand >= 0 {
        buildingHouseholds[Int(a.demand)] += a.households
        buildingCabinetNodes[Int(a.demand)].append(arch.cabinets[Int(a.cabinet)].node)
      }
    }
    // Ring trench the tree does not hold: dug with the first phase, where the
    // critical sites it protects are built.
    for e32 in plan.tree.ringEdges {
      let e = Int(e32)
      items.append(Item(node: -1, amount: network.edgeCost[e], municipality: plan.tree.edgeMunicipality[e],
                        trenchMetres: network.edgeKind[e] == .trench ? network.edgeLength[e] : 0))
    }
  }

  /// Σ amount, EUR: the plan's capex.
  package var total: Double { items.reduce(0) { $0 + $1.amount } }
}
