import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// Local search for the PCSTP on vertex sets, each evaluated as MST + strong pruning:
  /// vertex insertion, vertex elimination, shortest-path insertion of profitable
  /// vertices and key-path exchange (Uchoa & Werneck 2010, adapted to prizes).
  package struct Search {
    package let g: Graph
    package var ws: Workspace
    package var inSet: [Bool]
    package var dist: [Double]
    package var pred: [Int32]
    package var pathPrize: [Double]
    package var reached: [Int32] = []
    package var heap = MinHeap()
    /// Skip key-path and key-vertex exchanges (see `SteinerOptions.vertexMovesOnly`).
    package var vertexMovesOnly = false
    package var label: [Int32]
    package var upEdge: [Int32]
    package var depth: [Int32]
    /// Tree size above which insertion trials are screened.
    package var screenThreshold = 1500
    package var base: [Int32]
    package var buffer: [Int32] = []
    /// Improvements smaller than this are noise.
    package let eps: Double
    /// Counted-work stop (see `Workspace.work`), checked between trials; deterministic.
    package var workStop = Int.max
    /// Wall-clock stop, the safety net behind `workStop`.
    package var stopAt: ContinuousClock.Instant? = nil
    package var expired: Bool { ws.work >= workStop || (stopAt.map { ContinuousClock.now >= $0 } ?? false) }

    package init(_ g: Graph) {
      self.g = g
      ws = Workspace(g)
      inSet = [Bool](repeating: false, count: g.nodeCount)
      dist = [Double](repeating: .infinity, count: g.nodeCount)
      pred = [Int32](repeating: -1, count: g.nodeCount)
      pathPrize = [Double](repeating: 0, count: g.nodeCount)
      label = [Int32](repeating: 0, count: g.nodeCount)
      upEdge = [Int32](repeating: -1, count: g.nodeCount)
      depth = [Int32](repeating: 0, count: g.nodeCount)
      base = [Int32](repeating: -1, count: g.nodeCount)
      let scale = max(1, g.totalPrize, g.weight.reduce(0) { max($0, $1) })
      eps = 1e-9 * scale
    }

    package mutating func setMembers(_ vs: [Int32], _ flag: Bool) { for v in vs { inSet[Int(v)] = flag } }

    /// MST of G[vertices] + strong pruning. O(m α(n)).
    package mutating func evaluate(_ vertices: [Int32]) -> Tree {
      setMembers(vertices, true)
      let t = ws.evaluate(members: vertices, inSet: inSet)
      setMembers(vertices, false)
      return t
    }

    /// Runs all moves until none improves. Each pass is a whole unit of work.
    package mutating func improve(_ start: Tree) -> Tree {
      var cur = evaluate(start.vertices)
      if start.objective < cur.objective { cur = start }
      var rounds = 0
      while rounds < 10_000 && !expired {
        rounds += 1
        var improved = insertionPass(&cur)
        if pathPass(&cur) { improved = true }
        if eliminationPass(&cur) { improved = true }
        if !vertexMovesOnly {
          while !expired && keyPathStep(&cur) { improved = true }
          while !expired && keyVertexStep(&cur) { improved = true }
        }
        if !improved { break }
      }
      return cur
    }

    // MARK: Vertex insertion (incremental MST: old tree edges + edges of the newcomer)

    package mutating func insertionPass(_ cur: inout Tree) -> Bool {
      var improved = false
      setMembers(cur.vertices, true)
      var members = cur.vertices
      // Large trees: screen each trial with an O(depth) estimate first (exact trials cost O(|S|)).
      var screen = cur.vertices.count > screenThreshold
      if screen { root(cur) }
      ws.work += g.nodeCount
      for v in 0..<g.nodeCount where !inSet[v] {
        if v & 31 == 0 && expired { break }
        buffer.removeAll(keepingCapacity: true)
        for k in Int(g.start[v])..<Int(g.start[v + 1]) where inSet[Int(g.adjNode[k])] {
          buffer.append(g.adjEdge[k])
        }
        // A zero-prize vertex helps only as a Steiner vertex, joining two tree vertices.
        if buffer.isEmpty || (buffer.count < 2 && g.prize[v] == 0) { continue }
        let extra = ws.sortedByWeight(buffer)
        if screen && !promising(v, extra) { continue }
        let merged = mergeByWeight(cur.edges, extra)
        inSet[v] = true
        members.append(Int32(v))
        let forest = ws.spanningForest(candidates: merged, inSet: inSet, members: members)
        var cand = ws.strongPrune(forest: forest, members: members, extract: false)
        if cand.objective < cur.objective - eps { cand = ws.strongPrune(forest: forest, members: members) }
        members.removeLast()
        inSet[v] = false
        if cand.objective < cur.objective - eps {
          setMembers(cur.vertices, false)
          let full = evaluate(cand.vertices)
          cur = full.objective <= cand.objective ? full : cand
          setMembers(cur.vertices, true)
          members = cur.vertices
          improved = true
          screen = cur.vertices.count > screenThreshold
          if screen { root(cur) }
        }
      }
      setMembers(cur.vertices, false)
      return improved
    }

    /// Roots the tree at its first vertex: parent edge and depth per tree vertex. O(|S|).
    package mutating func root(_ cur: Tree) {
      let (_, start, adj) = treeAdjacency(cur)
      guard let r = cur.vertices.first else { return }
      upEdge[Int(r)] = -1; depth[Int(r)] = 0
      var queue: [Int32] = [r], i = 0
      while i < queue.count {
        let x = Int(queue[i]); i += 1
        for k in Int(start[x])..<Int(start[x + 1]) where adj[k] != upEdge[x] {
          let y = g.other(Int(adj[k]), x)
          upEdge[y] = adj[k]; depth[y] = depth[x] + 1; queue.append(Int32(y))
        }
      }
    }

    /// Screen for inserting `v` (edges to the tree sorted by weight): hang v on its
    /// cheapest edge, then let the best other edge replace the dearest tree edge on the
    /// cycle it closes. Trials failing this estimate are skipped. O(d · depth).
    package func promising(_ v: Int, _ extra: [Int32]) -> Bool {
      let e0 = Int(extra[0])
      let a0 = g.other(e0, v)
      var saving = 0.0
      for e in extra.dropFirst() {
        var x = a0, y = g.other(Int(e), v)
        var heaviest = 0.0
        while x != y {
          if depth[x] < depth[y] { swap(&x, &y) }
          let up = Int(upEdge[x])
          heaviest = max(heaviest, g.weight[up])
          x = g.other(up, x)
        }
        saving = max(saving, heaviest - g.weight[Int(e)])
      }
      return g.prize[v] - g.weight[e0] + saving > eps
    }

    package func mergeByWeight(_ a: [Int32], _ b: [Int32]) -> [Int32] {
      var out: [Int32] = []
      out.reserveCapacity(a.count + b.count)
      var i = 0, j = 0
      let rank = g.rank
      while i < a.count || j < b.count {
        if j == b.count { out.append(a[i]); i += 1; continue }
        if i == a.count { out.append(b[j]); j += 1; continue }
        if rank[Int(a[i])] < rank[Int(b[j])] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
      }
      return out
    }

    // MARK: Vertex elimination (Kruskal over the edges induced by the current set)

    package mutating func eliminationPass(_ cur: inout Tree) -> Bool {
      if cur.vertices.count < 2 { return false }
      var improved = false
      setMembers(cur.vertices, true)
      var leaf = [Bool](repeating: false, count: g.nodeCount)
      var treeDegree = [Int32](repeating: 0, count: g.nodeCount)
      for e in cur.edges { treeDegree[Int(g.edgeU[Int(e)])] += 1; treeDegree[Int(g.edgeV[Int(e)])] += 1 }
      for v in cur.vertices where treeDegree[Int(v)] <= 1 { leaf[Int(v)] = true }
      var induced = g.edgesByWeight.filter { inSet[Int(g.edgeU[Int($0)])] && inSet[Int(g.edgeV[Int($0)])] }
      var onCycle = reconnecting(cur, induced: induced)
      let snapshot = cur.vertices.sorted()
      var members: [Int32] = []
      // A leaf of a strongly pruned tree pays for itself: dropping it cannot help.
      for (i, v) in snapshot.enumerated() where inSet[Int(v)] && !leaf[Int(v)] && (onCycle?[Int(v)] ?? true) {
        if i & 15 == 0 && expired { break }
        members.removeAll(keepingCapacity: true)
        for u in cur.vertices where u != v { members.append(u) }
        if members.isEmpty { continue }
        inSet[Int(v)] = false
        let forest = ws.spanningForest(candidates: induced, inSet: inSet, members: members)
        var cand = ws.strongPrune(forest: forest, members: members, extract: false)
        if cand.objective < cur.objective - eps { cand = ws.strongPrune(forest: forest, members: members) }
        inSet[Int(v)] = true
        if cand.objective < cur.objective - eps {
          setMembers(cur.vertices, false)
          let full = evaluate(cand.vertices)
          cur = full.objective <= cand.objective ? full : cand
          setMembers(cur.vertices, true)
          induced = g.edgesByWeight.filter { inSet[Int(g.edgeU[Int($0)])] && inSet[Int(g.edgeV[Int($0)])] }
          ws.work += g.edgesByWeight.count
          onCycle = reconnecting(cur, induced: induced)
          improved = true
        }
      }
      setMembers(cur.vertices, false)
      return improved
    }

    /// The vertices whose elimination lets the spanning forest reconnect the tree another
    /// way: those on the tree path between the ends of an induced edge off the tree (its
    /// fundamental cycle). Without any other vertex v the forest is the tree minus v,
    /// whose best subtree is no better than the tree's own, since strong pruning is
    /// optimal over subtrees; so elimination tries only these. Nil (try every vertex)
    /// when the tree is not a minimum spanning tree of the edges its vertices induce.
    /// O(tree + induced edges + fundamental cycles).
    mutating func reconnecting(_ cur: Tree, induced: [Int32]) -> [Bool]? {
      let forest = ws.spanningForest(candidates: induced, inSet: inSet, members: cur.vertices)
      let mstWeight = forest.reduce(0.0) { $0 + g.weight[Int($1)] }
      let treeWeight = cur.edges.reduce(0.0) { $0 + g.weight[Int($1)] }
      guard forest.count == cur.edges.count, mstWeight >= treeWeight - eps else { return nil }
      let n = g.nodeCount
      var inTree = [Bool](repeating: false, count: g.edgeU.count)
      var start = [Int32](repeating: 0, count: n + 1)
      for e in cur.edges {
        inTree[Int(e)] = true
        start[Int(g.edgeU[Int(e)]) + 1] += 1; start[Int(g.edgeV[Int(e)]) + 1] += 1
      }
      for v in 0..<n { start[v + 1] += start[v] }
      var fill = start, adjacent = [Int32](repeating: 0, count: 2 * cur.edges.count)
      for e in cur.edges {
        let u = Int(g.edgeU[Int(e)]), v = Int(g.edgeV[Int(e)])
        adjacent[Int(fill[u])] = Int32(v); fill[u] += 1
        adjacent[Int(fill[v])] = Int32(u); fill[v] += 1
      }
      // Root the tree; then walk each off-tree edge's ends up to their meeting vertex.
      var parent = [Int32](repeating: -1, count: n), level = [Int32](repeating: -1, count: n)
      var queue: [Int32] = [cur.vertices[0]]
      level[Int(cur.vertices[0])] = 0
      var head = 0
      while head < queue.count {
        let v = Int(queue[head]); head += 1
        for k in Int(start[v])..<Int(start[v + 1]) where level[Int(adjacent[k])] < 0 {
          let w = Int(adjacent[k])
          level[w] = level[v] + 1; parent[w] = Int32(v); queue.append(Int32(w))
        }
      }
      var onCycle = [Bool](repeating: false, count: n)
      var walked = 0
      for e in induced where !inTree[Int(e)] {
        var a = Int(g.edgeU[Int(e)]), b = Int(g.edgeV[Int(e)])
        while a != b {
          if level[a] < level[b] { swap(&a, &b) }
          onCycle[a] = true
          a = Int(parent[a])
          walked += 1
        }
        onCycle[a] = true
      }
      ws.work += 2 * n + induced.count + walked
      return onCycle
    }

    // MARK: Shortest-path insertion: any vertex whose path from the tree collects more
    // prize than it costs is added with that path.

    package mutating func pathPass(_ cur: inout Tree) -> Bool {
      var improved = false
      while !expired {
        setMembers(cur.vertices, true)
        dijkstra(from: cur.vertices, limit: .infinity) { _ in true }
        // Every vertex whose path collects more prize than it costs, best first; paths
        // are grafted together as long as they share no vertex (gains then add up).
        var gainers: [(gain: Double, v: Int32)] = []
        for v in reached where !inSet[Int(v)] {
          let gain = pathPrize[Int(v)] - dist[Int(v)]
          if gain > eps { gainers.append((gain, v)) }
        }
        gainers.sort { $0.gain != $1.gain ? $0.gain > $1.gain : $0.v < $1.v }
        var grown = cur.vertices
        var taken: [Int32] = []
        for (_, t) in gainers {
          var v = Int(t), free = true
          while !inSet[v] {
            if base[v] >= 0 { free = false; break }
            v = g.other(Int(pred[v]), v)
          }
          if !free { continue }
          v = Int(t)
          while !inSet[v] { base[v] = 0; taken.append(Int32(v)); grown.append(Int32(v)); v = g.other(Int(pred[v]), v) }
        }
        for v in taken { base[Int(v)] = -1 }
        let best = taken.isEmpty ? -1 : 0
        clearDijkstra()
        setMembers(cur.vertices, false)
        if best < 0 { break }
        let cand = evaluate(grown)
        if cand.objective < cur.objective - eps { cur = cand; improved = true } else { break }
      }
      return improved
    }

    /// Multi-source Dijkstra over vertices with `pass(v)`; sets dist, pred, pathPrize
    /// (prize collected outside `inSet` along the path) and `reached`. Stops at `limit`.
    /// O(m log n) on the reached part only.
    package mutating func dijkstra(from sources: [Int32], limit: Double, stopAt target: ((Int) -> Bool)? = nil,
                           pass: (Int) -> Bool) -> Int {
      heap.removeAll()
      for s in sources {
        dist[Int(s)] = 0; pred[Int(s)] = -1; pathPrize[Int(s)] = 0
        reached.append(s); heap.push(0, s)
      }
      while !heap.isEmpty {
        let (d, v32) = heap.popMin()
        let v = Int(v32)
        if d > dist[v] { continue }
        if d >= limit { break }
        if let target, target(v) { heap.removeAll(); return v }
        ws.work += 1 + Int(g.start[v + 1] - g.start[v])
        for k in Int(g.start[v])..<Int(g.start[v + 1]) {
          let w = Int(g.adjNode[k])
          let nd = d + g.weight[Int(g.adjEdge[k])]
          if nd < dist[w] && pass(w) {
            if dist[w] == .infinity { reached.append(Int32(w)) }
            dist[w] = nd; pred[w] = g.adjEdge[k]
            pathPrize[w] = pathPrize[v] + (inSet[w] ? 0 : g.prize[w])
            heap.push(nd, Int32(w))
          }
        }
      }
      heap.removeAll()
      return -1
    }

    package mutating func dijkstra(from sources: [Int32], limit: Double, pass: (Int) -> Bool) {
      _ = dijkstra(from: sources, limit: limit, stopAt: nil, pass: pass)
    }

    package mutating func clearDijkstra() {
      for v in reached { dist[Int(v)] = .infinity; pred[Int(v)] = -1; pathPrize[Int(v)] = 0 }
      reached.removeAll(keepingCapacity: true)
    }
  }
}

extension PrizeCollectingSolver.Search {
  /// The prize vertices of the component of `v`, sorted. O(n + m).
  package mutating func prizeVertices(reachableFrom v: Int32) -> [Int32] {
    var queue: [Int32] = [v], i = 0
    inSet[Int(v)] = true
    while i < queue.count {
      let x = Int(queue[i]); i += 1
      for k in Int(g.start[x])..<Int(g.start[x + 1]) where !inSet[Int(g.adjNode[k])] {
        inSet[Int(g.adjNode[k])] = true
        queue.append(g.adjNode[k])
      }
    }
    setMembers(queue, false)
    ws.work += queue.count + g.adjNode.count / 4
    return queue.filter { g.prize[Int($0)] > 0 }.sorted()
  }
}
