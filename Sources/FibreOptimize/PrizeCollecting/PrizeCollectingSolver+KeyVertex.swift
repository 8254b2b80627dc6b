import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver.Search {
  /// The tree's adjacency in CSR over all vertices: degree, start, incident edge ids.
  package func treeAdjacency(_ cur: PrizeCollectingSolver.Tree) -> (degree: [Int32], start: [Int32], adj: [Int32]) {
    let n = g.nodeCount
    var degree = [Int32](repeating: 0, count: n)
    for e in cur.edges { degree[Int(g.edgeU[Int(e)])] += 1; degree[Int(g.edgeV[Int(e)])] += 1 }
    var start = [Int32](repeating: 0, count: n + 1)
    for v in 0..<n { start[v + 1] = start[v] + degree[v] }
    var fill = start
    var adj = [Int32](repeating: 0, count: 2 * cur.edges.count)
    for e in cur.edges {
      let u = Int(g.edgeU[Int(e)]), v = Int(g.edgeV[Int(e)])
      adj[Int(fill[u])] = e; fill[u] += 1
      adj[Int(fill[v])] = e; fill[v] += 1
    }
    return (degree, start, adj)
  }

  /// Key-vertex elimination (Uchoa & Werneck 2010), adapted to prizes: drop a vertex of
  /// tree degree ≥ 3 (or a prize vertex of degree 2) with the key paths it starts, then
  /// rejoin the pieces by an MST over shortest connections found by one Voronoi-style
  /// multi-source Dijkstra through non-tree vertices. Kept when the re-evaluated tree
  /// is better. Returns at the first improvement. O(k · m log n) for k candidates.
  package mutating func keyVertexStep(_ cur: inout PrizeCollectingSolver.Tree) -> Bool {
    if cur.vertices.count < 3 { return false }
    let (degree, start, adj) = treeAdjacency(cur)
    ws.work += g.nodeCount
    func isKey(_ v: Int) -> Bool { degree[v] != 2 || g.prize[v] > 0 }
    let candidates = cur.vertices.filter { degree[Int($0)] >= 3 || (degree[Int($0)] == 2 && g.prize[Int($0)] > 0) }.sorted()
    var removed: [Int32] = []
    for x in candidates {
      if expired { return false }
      ws.work += cur.vertices.count
      // Drop x and the inner vertices of its key paths.
      removed.removeAll(keepingCapacity: true)
      removed.append(x)
      var removedCost = 0.0
      for v in cur.vertices { label[Int(v)] = -1 }
      label[Int(x)] = 0
      for k in Int(start[Int(x)])..<Int(start[Int(x) + 1]) {
        var e = Int(adj[k]), prev = Int(x), y = g.other(e, Int(x))
        removedCost += g.weight[e]
        while !isKey(y) {
          label[y] = 0; removed.append(Int32(y))
          let k0 = Int(start[y])
          e = Int(adj[k0]) == e ? Int(adj[k0 + 1]) : Int(adj[k0])
          prev = y; y = g.other(e, prev)
          removedCost += g.weight[e]
        }
      }
      // Label the pieces 1, 2, … by a traversal of what is left of the tree.
      var count: Int32 = 0
      var sources: [Int32] = []
      for r in cur.vertices where label[Int(r)] == -1 {
        count += 1
        label[Int(r)] = count
        var stack: [Int32] = [r]
        while let v = stack.popLast() {
          sources.append(v)
          for k in Int(start[Int(v)])..<Int(start[Int(v) + 1]) {
            let w = g.other(Int(adj[k]), Int(v))
            if label[w] == -1 { label[w] = count; stack.append(Int32(w)) }
          }
        }
      }
      var candidate: [Int32] = []
      if count >= 2, let joins = join(pieces: Int(count), sources: sources, limit: removedCost) {
        if joins.cost < removedCost - eps {
          candidate = sources + joins.vertices
        }
      }
      for v in cur.vertices { label[Int(v)] = 0 }
      if !candidate.isEmpty {
        let cand = evaluate(Array(Set(candidate)).sorted())
        if cand.objective < cur.objective - eps { cur = cand; return true }
      }
    }
    return false
  }

  /// Connects `pieces` labelled vertex sets (label[v] = 1…pieces for the sources) by an
  /// MST over shortest connections through unlabelled vertices; nil when they cannot
  /// all be joined within `limit` per connection. Returns the cost and the new vertices.
  package mutating func join(pieces: Int, sources: [Int32], limit: Double) -> (cost: Double, vertices: [Int32])? {
    heap.removeAll()
    for s in sources {
      dist[Int(s)] = 0; pred[Int(s)] = -1; base[Int(s)] = label[Int(s)]
      reached.append(s); heap.push(0, s)
    }
    while !heap.isEmpty {
      let (d, v32) = heap.popMin()
      let v = Int(v32)
      if d > dist[v] { continue }
      // A connection cheaper than `limit` has every vertex within limit/2 of one of its
      // ends, so settling that far finds it; labels beyond are tentative but still real paths.
      if d > limit / 2 { break }
      ws.work += 1 + Int(g.start[v + 1] - g.start[v])
      for k in Int(g.start[v])..<Int(g.start[v + 1]) {
        let w = Int(g.adjNode[k])
        if label[w] > 0 { continue }
        let nd = d + g.weight[Int(g.adjEdge[k])]
        if nd < dist[w] {
          if dist[w] == .infinity { reached.append(Int32(w)) }
          dist[w] = nd; pred[w] = g.adjEdge[k]; base[w] = base[v]
          heap.push(nd, Int32(w))
        }
      }
    }
    heap.removeAll()
    // Boundary edges between Voronoi regions are the candidate connections.
    var links: [(cost: Double, edge: Int32)] = []
    for v in reached {
      for k in Int(g.start[Int(v)])..<Int(g.start[Int(v) + 1]) {
        let w = Int(g.adjNode[k])
        guard dist[w] < .infinity, base[w] != base[Int(v)], Int(v) < w else { continue }
        links.append((dist[Int(v)] + g.weight[Int(g.adjEdge[k])] + dist[w], g.adjEdge[k]))
      }
    }
    links.sort { $0.cost != $1.cost ? $0.cost < $1.cost : $0.edge < $1.edge }
    var sets = DisjointSets(count: pieces + 1)
    var cost = 0.0, joined = 0
    var vertices: [Int32] = []
    for (c, e) in links where joined < pieces - 1 {
      let a = Int(g.edgeU[Int(e)]), b = Int(g.edgeV[Int(e)])
      guard sets.union(Int(base[a]), Int(base[b])) else { continue }
      cost += c; joined += 1
      for end in [a, b] {
        var v = end
        while label[v] <= 0 { vertices.append(Int32(v)); v = g.other(Int(pred[v]), v) }
      }
    }
    for v in reached { base[Int(v)] = -1 }
    clearDijkstra()
    return joined == pieces - 1 ? (cost, vertices) : nil
  }
}
