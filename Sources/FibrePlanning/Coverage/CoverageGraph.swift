import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The POP's component of the network as a CSR graph in which every demand point's drop
/// edge also carries that point's per-connection costs, so that the cost of any tree
/// from the POP is exactly the capex of serving the demand it spans.
package struct CoverageGraph {
  package var graph: CSRGraph
  /// Edge weight in EUR, per-connection costs folded into drops.
  package var weight: [Double]
  /// Network edge of each local edge.
  package var networkEdge: [Int32]
  /// Local id of each network node (-1 outside the POP's component).
  package var localOf: [Int32]
  /// Network node of each local node.
  package var networkNode: [Int32]
  /// Connectable households and sites at each local node.
  package var households: [Int32]
  package var sites: [Int32]
  package var root: Int32

  package init(network: RoadNetwork, component: Int32, root: Int32, buildingUnits: [Int32],
       buildingIsTerminal: [Bool], siteIsTerminal: [Bool], costs: TrenchCostModel, routable: [Bool]? = nil) {
    var localOf = [Int32](repeating: -1, count: network.nodeCount)
    var networkNode: [Int32] = []
    for v in 0..<network.nodeCount where network.nodeComponent[v] == component {
      localOf[v] = Int32(networkNode.count)
      networkNode.append(Int32(v))
    }
    let n = networkNode.count
    var households = [Int32](repeating: 0, count: n)
    var sites = [Int32](repeating: 0, count: n)
    var connectionCost = [Double](repeating: 0, count: n)
    for b in 0..<buildingUnits.count where buildingIsTerminal[b] {
      let v = Int(localOf[Int(network.buildingNode[b])])
      households[v] += buildingUnits[b]
      connectionCost[v] += costs.dropPerConnection + Double(buildingUnits[b]) * costs.equipmentPerConnection
    }
    for s in 0..<siteIsTerminal.count where siteIsTerminal[s] {
      let v = Int(localOf[Int(network.siteNode[s])])
      sites[v] += 1
      connectionCost[v] += costs.dropPerConnection + costs.equipmentPerConnection
    }
    var edgeU: [Int32] = [], edgeV: [Int32] = [], weight: [Double] = [], networkEdge: [Int32] = []
    var folded = [Bool](repeating: false, count: n)
    for e in 0..<network.edgeCount {
      let u = localOf[Int(network.edgeU[e])], v = localOf[Int(network.edgeV[e])]
      guard u >= 0, v >= 0, routable?[e] ?? true else { continue }
      var w = network.edgeCost[e]
      // A demand node hangs off one drop: fold its connection cost into that drop once.
      if network.edgeKind[e] == .drop {
        for x in [Int(u), Int(v)] where connectionCost[x] > 0 && !folded[x] {
          w += connectionCost[x]
          folded[x] = true
        }
      }
      edgeU.append(u); edgeV.append(v); weight.append(w); networkEdge.append(Int32(e))
    }
    self.graph = CSRGraph(nodeCount: n, edgeU: edgeU, edgeV: edgeV)
    self.weight = weight
    self.networkEdge = networkEdge
    self.localOf = localOf
    self.networkNode = networkNode
    self.households = households
    self.sites = sites
    self.root = localOf[Int(root)]
  }

  /// A coverage graph given directly (hand-made graphs in tests, one node per local id).
  package init(nodeCount: Int, edgeU: [Int32], edgeV: [Int32], weight: [Double], households: [Int32],
       sites: [Int32]? = nil, root: Int32) {
    self.graph = CSRGraph(nodeCount: nodeCount, edgeU: edgeU, edgeV: edgeV)
    self.weight = weight
    self.networkEdge = (0..<edgeU.count).map(Int32.init)
    self.localOf = (0..<nodeCount).map(Int32.init)
    self.networkNode = self.localOf
    self.households = households
    self.sites = sites ?? [Int32](repeating: 0, count: nodeCount)
    self.root = root
  }

  package var nodeCount: Int { graph.nodeCount }

  /// Capex of a tree given by local edges: its weights, connection costs included.
  package func cost(_ edges: [Int32]) -> Double {
    var sum = 0.0
    for e in edges { sum += weight[Int(e)] }
    return sum
  }

  /// Households the tree spans (the root alone spans its own node).
  package func households(spannedBy edges: [Int32]) -> Int {
    var seen = [Bool](repeating: false, count: nodeCount)
    seen[Int(root)] = true
    var sum = Int(households[Int(root)])
    for e in edges {
      for x in [Int(graph.edgeU[Int(e)]), Int(graph.edgeV[Int(e)])] where !seen[x] {
        seen[x] = true
        sum += Int(households[x])
      }
    }
    return sum
  }

  /// The prize-collecting instance in which each demand node is worth `lambda` EUR per
  /// household (sites `siteWeight` households each).
  package func prizeInstance(lambda: Double, siteWeight: Double) -> SteinerInstance {
    var prizes = [Double](repeating: 0, count: nodeCount)
    for v in 0..<nodeCount {
      prizes[v] = lambda * (Double(households[v]) + siteWeight * Double(sites[v]))
    }
    return SteinerInstance(nodeCount: nodeCount, edgeU: graph.edgeU, edgeV: graph.edgeV, edgeWeight: weight,
                           terminals: (0..<nodeCount).filter { prizes[$0] > 0 }.map(Int32.init), prizes: prizes)
  }
}
