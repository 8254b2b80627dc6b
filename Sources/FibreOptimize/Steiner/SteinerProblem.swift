import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// The graph a Steiner search works on (the instance after reductions): CSR adjacency,
/// edge weights and terminal flags, all indexed by the reduced numbering.
package struct SteinerProblem: Sendable {
  package var graph: CSRGraph
  package var weight: [Double]
  package var isTerminal: [Bool]
  package var terminals: [Int32]

  package init(graph: CSRGraph, weight: [Double], terminals: [Int32]) {
    self.graph = graph
    self.weight = weight
    self.terminals = terminals
    isTerminal = [Bool](repeating: false, count: graph.nodeCount)
    for t in terminals { isTerminal[Int(t)] = true }
  }

  package var nodeCount: Int { graph.nodeCount }
  package var edgeCount: Int { graph.edgeCount }

  package func cost(_ edges: [Int32]) -> Double {
    var c = 0.0
    for e in edges { c += weight[Int(e)] }
    return c
  }
}

/// Turning edge sets into Steiner trees: a minimum spanning forest (Kruskal 1956) of
/// the candidates, then repeated removal of non-terminal leaves.
extension SteinerProblem {
  /// A minimum spanning forest of `candidates` under `weights`, pruned of non-terminal
  /// leaves. Ties are broken by edge index, so the result is deterministic.
  /// O(k + n) for k candidates.
  package func tree(from candidates: [Int32], weights: [Double]) -> [Int32] {
    // Sorted as (weight, edge) pairs by radix: the order is total, so it is the order
    // any sort of the edges by weight and index gives (the sort was half the cost of
    // a tree over a whole region).
    let sorted = KeyedOrder.ascending(keys: candidates.map { weights[Int($0)] }, ids: candidates)
    var sets = DisjointSets(count: nodeCount)
    var kept: [Int32] = []
    kept.reserveCapacity(sorted.count)
    for e in sorted {
      let u = Int(graph.edgeU[Int(e)]), v = Int(graph.edgeV[Int(e)])
      if sets.union(u, v) { kept.append(e) }
    }
    return pruned(kept)
  }

  /// A minimum spanning forest of the subgraph induced by the nodes of `edges`,
  /// pruned. O(sum of degrees · log).
  package func inducedTree(of edges: [Int32], weights: [Double]) -> [Int32] {
    var inSet = [Bool](repeating: false, count: nodeCount)
    var nodes: [Int32] = []
    for e in edges {
      for v in [graph.edgeU[Int(e)], graph.edgeV[Int(e)]] where !inSet[Int(v)] {
        inSet[Int(v)] = true; nodes.append(v)
      }
    }
    var candidates: [Int32] = []
    for v in nodes {
      for a in graph.arcs(Int(v)) {
        let w = Int(graph.arcHead[a])
        if inSet[w] && Int(v) < w { candidates.append(graph.arcEdge[a]) }
      }
    }
    return tree(from: candidates, weights: weights)
  }

  /// Removes non-terminal leaves until none is left. Expects a forest. O(n + k).
  package func pruned(_ edges: [Int32]) -> [Int32] {
    let incidence = EdgeSubsetIncidence(nodeCount: nodeCount, edges: edges, edgeU: graph.edgeU, edgeV: graph.edgeV)
    var degree = (0..<nodeCount).map { incidence.degree($0) }
    var alive = [Bool](repeating: true, count: edges.count)
    var stack: [Int32] = []
    for e in edges {
      for v in [graph.edgeU[Int(e)], graph.edgeV[Int(e)]] where degree[Int(v)] == 1 && !isTerminal[Int(v)] {
        stack.append(v)
      }
    }
    while let v32 = stack.popLast() {
      let v = Int(v32)
      guard degree[v] == 1 else { continue }
      for k in incidence.positions(at: v) {
        let i = Int(incidence.position[k])
        guard alive[i] else { continue }
        alive[i] = false
        degree[v] -= 1
        let w = graph.opposite(Int(edges[i]), v)
        degree[w] -= 1
        if degree[w] == 1 && !isTerminal[w] { stack.append(Int32(w)) }
        break
      }
    }
    var result: [Int32] = []
    result.reserveCapacity(edges.count)
    for (i, e) in edges.enumerated() where alive[i] { result.append(e) }
    return result
  }
}
