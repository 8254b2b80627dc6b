import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver.Search {
  /// Key-path exchange (Uchoa & Werneck 2010), adapted to prizes: a key path joins two
  /// key vertices (tree degree ≠ 2 or positive prize) through zero-prize degree-2
  /// vertices. Removing it splits the tree in two; if a shortest path between the parts
  /// (free to cross non-tree vertices and the removed ones) is cheaper, swap it in and
  /// re-evaluate. Returns at the first improvement. O(k · m log n) for k key paths, each Dijkstra capped by the path cost.
  package mutating func keyPathStep(_ cur: inout PrizeCollectingSolver.Tree) -> Bool {
    if cur.edges.isEmpty { return false }
    let (degree, start, adj) = treeAdjacency(cur)
    ws.work += g.nodeCount
    func isKey(_ v: Int) -> Bool { degree[v] != 2 || g.prize[v] > 0 }

    struct KeyPath { var a: Int32; var b: Int32; var edges: [Int32]; var inner: [Int32]; var cost: Double }
    var paths: [KeyPath] = []
    for a in cur.vertices where isKey(Int(a)) {
      for k in Int(start[Int(a)])..<Int(start[Int(a) + 1]) {
        var e = Int(adj[k]), prev = Int(a), x = g.other(e, Int(a))
        var p = KeyPath(a: a, b: -1, edges: [Int32(e)], inner: [], cost: g.weight[e])
        while !isKey(x) {
          let k0 = Int(start[x])
          let next = Int(adj[k0]) == e ? Int(adj[k0 + 1]) : Int(adj[k0])
          p.inner.append(Int32(x))
          prev = x
          e = next
          x = g.other(e, prev)
          p.edges.append(Int32(e)); p.cost += g.weight[e]
        }
        p.b = Int32(x)
        if a < p.b { paths.append(p) }
      }
    }
    paths.sort { $0.cost != $1.cost ? $0.cost > $1.cost : ($0.a, $0.b) < ($1.a, $1.b) }

    for p in paths {
      if expired { return false }
      ws.work += cur.vertices.count
      // Side A: tree vertices reachable from p.a without the path; label 1. Side B: label 2.
      for v in cur.vertices { label[Int(v)] = 2 }
      for v in p.inner { label[Int(v)] = 0 }
      var sideA: [Int32] = [p.a]
      label[Int(p.a)] = 1
      var i = 0
      let pathEdge = Set(p.edges)
      while i < sideA.count {
        let v = Int(sideA[i]); i += 1
        for k in Int(start[v])..<Int(start[v + 1]) where !pathEdge.contains(adj[k]) {
          let w = g.other(Int(adj[k]), v)
          if label[w] == 2 { label[w] = 1; sideA.append(Int32(w)) }
        }
      }
      let labels = label
      let hit = dijkstra(from: sideA, limit: p.cost - eps, stopAt: { labels[$0] == 2 }, pass: { labels[$0] != 1 })
      var candidate: [Int32] = []
      if hit >= 0 {
        for v in cur.vertices where label[Int(v)] != 0 { candidate.append(v) }
        var v = hit
        while label[v] != 1 {
          if label[v] == 0 { candidate.append(Int32(v)) }
          v = g.other(Int(pred[v]), v)
        }
      }
      clearDijkstra()
      for v in cur.vertices { label[Int(v)] = 0 }
      if hit >= 0 {
        let cand = evaluate(Array(Set(candidate)).sorted())
        if cand.objective < cur.objective - eps { cur = cand; return true }
      }
    }
    return false
  }
}
