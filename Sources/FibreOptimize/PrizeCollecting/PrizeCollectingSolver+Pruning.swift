import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// A connected solution of the working graph: its vertices, tree edges (sorted by
  /// weight, then id) and objective (edge cost plus prizes of unspanned vertices).
  package struct Tree {
    package var vertices: [Int32]
    package var edges: [Int32]
    package var objective: Double
  }

  /// Reusable scratch space for MSTs over vertex subsets and strong pruning, so that the
  /// local search allocates almost nothing per trial.
  package struct Workspace {
    package let g: Graph
    package var sets: DisjointSets
    package var mark: [Int32]          // stamp per vertex
    package var stamp: Int32 = 0
    // Forest adjacency as linked arcs: head[v] (valid when mark[v] == stamp), two arcs per edge.
    package var head: [Int32]
    package var arcNext: [Int32] = []
    package var arcTo: [Int32] = []
    package var arcEdge: [Int32] = []
    package var value: [Double]
    package var upEdge: [Int32]
    package var order: [Int32] = []
    package var stack: [Int32] = []
    /// Elements examined (edges scanned, vertices and forest edges pruned, arcs relaxed by
    /// the search's Dijkstras): the counted work that stands in for the clock.
    package var work = 0

    package init(_ g: Graph) {
      self.g = g
      sets = DisjointSets(count: g.nodeCount)
      mark = [Int32](repeating: 0, count: g.nodeCount)
      head = [Int32](repeating: -1, count: g.nodeCount)
      value = [Double](repeating: 0, count: g.nodeCount)
      upEdge = [Int32](repeating: -1, count: g.nodeCount)
    }

    /// Kruskal over candidate edges already sorted by (weight, id), keeping those with
    /// both ends in `inSet`. O(k α(n)) for k candidates.
    package mutating func spanningForest<C: Collection>(candidates: C, inSet: [Bool], members: [Int32])
      -> [Int32] where C.Element == Int32 {
      var forest: [Int32] = []
      forest.reserveCapacity(members.count)
      let need = members.count - 1
      var scanned = 0
      for e in candidates {
        scanned += 1
        let u = Int(g.edgeU[Int(e)]), v = Int(g.edgeV[Int(e)])
        guard inSet[u], inSet[v] else { continue }
        if sets.union(u, v) {
          forest.append(e)
          if forest.count == need { break }
        }
      }
      work += scanned + members.count
      sets.reset(members)
      return forest
    }

    /// Strong pruning (Johnson, Minkoff & Phillips 2000): the best connected subtree of
    /// a forest, net worth = prizes − edge costs, by one post-order DP per component:
    /// worth(v) = p(v) + Σ_children max(0, worth(c) − c(e)). `members` lists every
    /// vertex that may stand alone. O(|members| + |forest|).
    /// With `extract` false only the objective is computed (vertices and edges stay
    /// empty): local-search trials need nothing more.
    package mutating func strongPrune(forest: [Int32], members: [Int32], extract: Bool = true) -> Tree {
      let prize = g.prize
      work += 2 * members.count + forest.count
      stamp &+= 1
      if stamp == Int32.max { for i in mark.indices { mark[i] = 0 }; stamp = 1 }
      for v in members { mark[Int(v)] = stamp; head[Int(v)] = -1; upEdge[Int(v)] = -2 }
      arcNext.removeAll(keepingCapacity: true)
      arcTo.removeAll(keepingCapacity: true)
      arcEdge.removeAll(keepingCapacity: true)
      for e in forest {
        let u = g.edgeU[Int(e)], v = g.edgeV[Int(e)]
        arcNext.append(head[Int(u)]); arcTo.append(v); arcEdge.append(e)
        head[Int(u)] = Int32(arcTo.count - 1)
        arcNext.append(head[Int(v)]); arcTo.append(u); arcEdge.append(e)
        head[Int(v)] = Int32(arcTo.count - 1)
      }
      var bestVertex = -1
      var bestWorth = -Double.infinity
      order.removeAll(keepingCapacity: true)
      for r in members where upEdge[Int(r)] == -2 {
        // Iterative DFS: `order` receives a pre-order; children follow their parent.
        let first = order.count
        upEdge[Int(r)] = -1
        stack.removeAll(keepingCapacity: true)
        stack.append(r)
        while let v = stack.popLast() {
          order.append(v)
          var a = head[Int(v)]
          while a >= 0 {
            let w = Int(arcTo[Int(a)])
            if upEdge[w] == -2 { upEdge[w] = arcEdge[Int(a)]; stack.append(Int32(w)) }
            a = arcNext[Int(a)]
          }
        }
        for i in first..<order.count { value[Int(order[i])] = prize[Int(order[i])] }
        for i in stride(from: order.count - 1, through: first, by: -1) {
          let v = Int(order[i])
          let worth = value[v]
          if worth > bestWorth || (worth == bestWorth && v < bestVertex) { bestWorth = worth; bestVertex = v }
          let e = upEdge[v]
          if e >= 0 {
            let gain = worth - g.weight[Int(e)]
            if gain > 0 { value[g.other(Int(e), v)] += gain }
          }
        }
      }
      guard bestVertex >= 0 else { return Tree(vertices: [], edges: [], objective: g.totalPrize) }
      if !extract { return Tree(vertices: [], edges: [], objective: g.totalPrize - bestWorth) }
      // Collect the best subtree: descend from its top into children that pay for themselves.
      var vertices: [Int32] = [Int32(bestVertex)]
      var edges: [Int32] = []
      stack.removeAll(keepingCapacity: true)
      stack.append(Int32(bestVertex))
      while let v = stack.popLast() {
        var a = head[Int(v)]
        while a >= 0 {
          let w = Int(arcTo[Int(a)]), e = arcEdge[Int(a)]
          if upEdge[w] == e && w != bestVertex && value[w] - g.weight[Int(e)] > 0 {
            vertices.append(Int32(w)); edges.append(e); stack.append(Int32(w))
          }
          a = arcNext[Int(a)]
        }
      }
      return Tree(vertices: vertices, edges: sortedByWeight(edges), objective: g.totalPrize - bestWorth)
    }

    package func sortedByWeight(_ edges: [Int32]) -> [Int32] {
      let rank = g.rank
      return edges.sorted { rank[Int($0)] < rank[Int($1)] }
    }

    /// MST of the subgraph induced by `members`, then strong pruning. O(m α(n)).
    package mutating func evaluate(members: [Int32], inSet: [Bool]) -> Tree {
      let forest = spanningForest(candidates: g.edgesByWeight, inSet: inSet, members: members)
      return strongPrune(forest: forest, members: members)
    }
  }
}
