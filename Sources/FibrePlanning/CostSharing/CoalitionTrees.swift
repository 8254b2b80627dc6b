import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Trench trees for coalitions of municipalities on one shared network: the POP's
/// component is compacted once (local node and edge ids), and every coalition's tree
/// is solved on it with only the drop edges of its own members' buildings kept.
/// Value type, read-only after construction, so coalitions can be solved in parallel.
package struct CoalitionTrees: Sendable {
  package let nodeCount: Int
  package let edgeU: [Int32]
  package let edgeV: [Int32]
  package let weight: [Double]
  /// Network edge id of each local edge.
  package let networkEdge: [Int32]
  package let pop: Int32
  /// Local terminal nodes of each player (buildings with households, sites).
  package let playerTerminals: [[Int32]]
  /// A demand node at the end of a single drop: left out of coalitions it is not in.
  package let isDemandLeaf: [Bool]
  /// The plan's own tree in local edge ids, the grand coalition's tree.
  package let grandTree: [Int32]
  package let grandCost: Double

  /// - Parameters:
  ///   - terminalPlayer: for each network node, the player whose terminal it is (-1:
  ///     none). A node shared by two players' buildings belongs to the first.
  package init(network: RoadNetwork, popNode: Int32, treeEdges: [Int32], terminalPlayer: [Int32], playerCount: Int) {
    let component = network.nodeComponent[Int(popNode)]
    var local = [Int32](repeating: -1, count: network.nodeCount)
    var count: Int32 = 0
    for v in 0..<network.nodeCount where network.nodeComponent[v] == component {
      local[v] = count
      count += 1
    }
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], ids: [Int32] = []
    var localEdge = [Int32](repeating: -1, count: network.edgeCount)
    var degree = [Int32](repeating: 0, count: Int(count))
    for e in 0..<network.edgeCount {
      let u = local[Int(network.edgeU[e])], v = local[Int(network.edgeV[e])]
      guard u >= 0, v >= 0, u != v, network.edgeCost[e].isFinite, network.edgeCost[e] >= 0 else { continue }
      localEdge[e] = Int32(us.count)
      us.append(u); vs.append(v); ws.append(network.edgeCost[e]); ids.append(Int32(e))
      degree[Int(u)] += 1; degree[Int(v)] += 1
    }
    var terminals = [[Int32]](repeating: [], count: playerCount)
    var leaf = [Bool](repeating: false, count: Int(count))
    for v in 0..<network.nodeCount {
      let p = Int(terminalPlayer[v]), l = local[v]
      guard p >= 0, p < playerCount, l >= 0, l != local[Int(popNode)] else { continue }
      terminals[p].append(l)
      leaf[Int(l)] = degree[Int(l)] == 1
    }
    nodeCount = Int(count)
    edgeU = us; edgeV = vs; weight = ws; networkEdge = ids
    pop = local[Int(popNode)]
    playerTerminals = terminals
    isDemandLeaf = leaf
    grandTree = treeEdges.compactMap { localEdge[Int($0)] >= 0 ? localEdge[Int($0)] : nil }
    grandCost = grandTree.reduce(0.0) { $0 + ws[Int($1)] }
  }

  package func cost(_ tree: [Int32]) -> Double { tree.reduce(0.0) { $0 + weight[Int($1)] } }

  package func terminalMask(_ coalition: UInt64) -> [Bool] {
    var mark = [Bool](repeating: false, count: nodeCount)
    mark[Int(pop)] = true
    for p in 0..<playerTerminals.count where coalition & (1 << UInt64(p)) != 0 {
      for t in playerTerminals[p] { mark[Int(t)] = true }
    }
    return mark
  }

  /// The coalition's tree by the Steiner engine, on the network without the drops of
  /// other players' buildings. Roughly O(m log n) in fast mode (time limit 0).
  package func solve(_ coalition: UInt64, options: SteinerOptions) -> (tree: [Int32], cost: Double) {
    let mark = terminalMask(coalition)
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], ids: [Int32] = []
    us.reserveCapacity(edgeU.count); vs.reserveCapacity(edgeU.count)
    ws.reserveCapacity(edgeU.count); ids.reserveCapacity(edgeU.count)
    for e in 0..<edgeU.count {
      let u = Int(edgeU[e]), v = Int(edgeV[e])
      if (isDemandLeaf[u] && !mark[u]) || (isDemandLeaf[v] && !mark[v]) { continue }
      us.append(Int32(u)); vs.append(Int32(v)); ws.append(weight[e]); ids.append(Int32(e))
    }
    var terminals: [Int32] = [pop]
    for p in 0..<playerTerminals.count where coalition & (1 << UInt64(p)) != 0 {
      terminals += playerTerminals[p]
    }
    guard terminals.count > 1 else { return ([], 0) }
    let instance = SteinerInstance(nodeCount: nodeCount, edgeU: us, edgeV: vs, edgeWeight: ws, terminals: terminals)
    let solution = SteinerSolver.solve(instance, options: options)
    let tree = solution.edges.map { ids[Int($0)] }.sorted()
    return (tree, cost(tree))
  }

  /// A larger coalition's tree cut down to this one: non-terminal leaves removed until
  /// none is left. Still a tree spanning the coalition's terminals, so its cost is an
  /// upper bound for the coalition as well. O(tree size).
  package func pruned(_ tree: [Int32], to coalition: UInt64) -> (tree: [Int32], cost: Double) {
    let mark = terminalMask(coalition)
    var degree = [Int32](repeating: 0, count: nodeCount)
    for e in tree { degree[Int(edgeU[Int(e)])] += 1; degree[Int(edgeV[Int(e)])] += 1 }
    // Incident tree edges per node, CSR over the tree only.
    var start = [Int32](repeating: 0, count: nodeCount + 1)
    for v in 0..<nodeCount { start[v + 1] = start[v] + degree[v] }
    var fill = start
    var incident = [Int32](repeating: 0, count: 2 * tree.count)
    for (k, e) in tree.enumerated() {
      for v in [Int(edgeU[Int(e)]), Int(edgeV[Int(e)])] {
        incident[Int(fill[v])] = Int32(k); fill[v] += 1
      }
    }
    var removed = [Bool](repeating: false, count: tree.count)
    var stack: [Int32] = []
    for v in 0..<nodeCount where degree[v] == 1 && !mark[v] { stack.append(Int32(v)) }
    while let v32 = stack.popLast() {
      let v = Int(v32)
      guard degree[v] == 1 else { continue }
      for a in Int(start[v])..<Int(start[v + 1]) where !removed[Int(incident[a])] {
        let k = Int(incident[a])
        removed[k] = true
        degree[v] -= 1
        let e = Int(tree[k])
        let w = Int(edgeU[e]) == v ? Int(edgeV[e]) : Int(edgeU[e])
        degree[w] -= 1
        if degree[w] == 1 && !mark[w] { stack.append(Int32(w)) }
        break
      }
    }
    var kept: [Int32] = []
    for (k, e) in tree.enumerated() where !removed[k] { kept.append(e) }
    return (kept, cost(kept))
  }
}
