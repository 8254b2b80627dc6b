import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Key-path exchange for all key paths of a tree at once (Uchoa & Werneck 2010, "Fast
/// local search for Steiner trees in graphs"). One multi-source Dijkstra gives the
/// Voronoi regions of the tree's nodes. A key path P splits the tree in two, and the
/// cheapest path joining the halves crosses one boundary edge between their regions
/// (Mehlhorn 1988) once the regions of P's inner nodes are given back to the halves:
/// links between regions of other nodes are shared by all key paths (the cheapest cover
/// of each comes from one pass over them in cost order, with union-find, as for MST
/// replacement edges), and P's own regions are repaired by a Dijkstra inside them. The
/// regions partition the graph, so a sweep evaluates every key path in O(m log n) and
/// applies together all improving moves that leave each other's tree paths intact,
/// where the one-at-a-time exchange searched from a whole half for each key path.
extension LocalSearch {
  /// Sweeps until one finds nothing or the budget runs out; true if the tree improved.
  package mutating func keyPathSweeps(_ tree: inout [Int32]) -> Bool {
    var improved = false
    while budget > 0, keyPathSweep(&tree) { improved = true }
    return improved
  }

  /// One sweep: every key path's best replacement, as many applied as do not interfere.
  package mutating func keyPathSweep(_ tree: inout [Int32]) -> Bool {
    layout.build(problem, edges: tree, root: root)
    guard !layout.keyNodes.isEmpty else { return false }
    var keys = KeyTree(layout, problem, weights)
    spend(2 * layout.order.count)
    paths.reset()
    for v in layout.order { paths.seed(Int(v), label: v) }
    _ = paths.run(problem.graph, weights: weights, bound: keys.maxCost)
    spend(paths.touched.count)
    let links = boundaryLinks(keys)
    keys.cover(links)
    let regions = innerRegions(keys)
    var moves: [SweepMove] = []
    for k in 0..<keys.count where budget > 0 {
      let shared = keys.coverLink[k] >= 0 ? links[Int(keys.coverLink[k])].cost : .infinity
      let limit = min(keys.cost[k], shared) - 1e-9 * max(1, keys.cost[k])
      if let move = repairedMove(k, keys, regions, below: limit) {
        moves.append(move)
      } else if shared < keys.cost[k] - 1e-9 * max(1, keys.cost[k]) {
        moves.append(sharedMove(k, keys, links[Int(keys.coverLink[k])]))
      }
    }
    return applyMoves(&tree, moves, keys)
  }

  /// A link between the regions of tree nodes `base[u]` and `base[v]` across edge `e`,
  /// with its ends lifted to key nodes (`x`, `y`: key indices).
  struct SweepLink {
    var cost: Double
    var u: Int32, e: Int32, v: Int32
    var x: Int32, y: Int32
  }

  /// A replacement for key path `key`: the path's edges, its nodes other than its ends
  /// `a` and `c` (tree nodes on either side), and its gain.
  struct SweepMove {
    var gain: Double
    var key: Int32
    var edges: [Int32], inner: [Int32]
    var a: Int32, c: Int32
  }

  /// Boundary edges cheaper than the dearest key path, cheapest first (ties by edge).
  private mutating func boundaryLinks(_ keys: KeyTree) -> [SweepLink] {
    let g = problem.graph
    var links: [SweepLink] = []
    for u32 in paths.touched where paths.settled[Int(u32)] {
      let u = Int(u32)
      for a in g.arcs(u) {
        let v = Int(g.arcHead[a])
        guard u < v, paths.settled[v], paths.base[u] != paths.base[v] else { continue }
        let e = Int(g.arcEdge[a])
        let c = paths.dist[u] + weights[e] + paths.dist[v]
        guard c < keys.maxCost else { continue }
        let (x, y) = keys.lift(Int(paths.base[u]), Int(paths.base[v]), layout)
        if x != y { links.append(SweepLink(cost: c, u: Int32(u), e: Int32(e), v: Int32(v), x: x, y: y)) }
      }
    }
    links.sort { $0.cost < $1.cost || ($0.cost == $1.cost && $0.e < $1.e) }
    spend(paths.touched.count + 2 * links.count)
    return links
  }

  /// The move along a shared link: region path, edge, region path.
  private func sharedMove(_ k: Int, _ keys: KeyTree, _ link: SweepLink) -> SweepMove {
    let g = problem.graph
    var edges: [Int32] = [], inner: [Int32] = []
    var ends: [Int32] = []
    for (i, end) in [Int(link.u), Int(link.v)].enumerated() {
      if i == 1 { edges.append(link.e) }
      var x = end
      while paths.predEdge[x] >= 0 {
        inner.append(Int32(x)); edges.append(paths.predEdge[x]); x = g.opposite(Int(paths.predEdge[x]), x)
      }
      ends.append(Int32(x))
    }
    return SweepMove(gain: keys.cost[k] - link.cost, key: Int32(k), edges: edges, inner: inner,
                     a: ends[0], c: ends[1])
  }

  /// The settled nodes of the regions of each key path's inner nodes, grouped by key
  /// path (CSR: key `k` owns `nodes[start[k]..<start[k+1]]`).
  private func innerRegions(_ keys: KeyTree) -> (start: [Int32], nodes: [Int32]) {
    var start = [Int32](repeating: 0, count: keys.count + 1)
    func owner(_ v: Int32) -> Int {
      let b = Int(paths.base[Int(v)])
      return paths.settled[Int(v)] && keys.isInner(b, layout) ? Int(keys.index[b]) : -1
    }
    for v in paths.touched { let k = owner(v); if k >= 0 { start[k + 1] += 1 } }
    for k in 0..<keys.count { start[k + 1] += start[k] }
    var fill = start
    var nodes = [Int32](repeating: 0, count: Int(start[keys.count]))
    for v in paths.touched {
      let k = owner(v)
      if k >= 0 { nodes[Int(fill[k])] = v; fill[k] += 1 }
    }
    return (start, nodes)
  }
  /// Gives the regions of key path `k`'s inner nodes back to the two halves (a Dijkstra
  /// inside them from their borders) and returns the cheapest join of the halves that
  /// enters them, if it costs less than `limit`.
  private mutating func repairedMove(_ k: Int, _ keys: KeyTree, _ regions: (start: [Int32], nodes: [Int32]),
                                     below limit: Double) -> SweepMove? {
    let lo = Int(regions.start[k]), hi = Int(regions.start[k + 1])
    guard lo < hi else { return nil }
    let area = RepairArea(key: k, nodes: regions.nodes[lo..<hi], keys: keys, layout: layout, voronoi: paths)
    let scanned = growRepair(area, below: limit)
    let link = cheapestRepairedLink(area, below: limit)
    spend(scanned + 2 * area.nodes.count)
    guard let link else { return nil }
    return repairedPath(area, link, gain: keys.cost[k] - link.cost)
  }

  /// The regions of one key path's inner nodes: `inside` tells their nodes, `side` the
  /// half (0 below the key path, 1 above) a tree node lies in.
  private struct RepairArea {
    let key: Int
    let nodes: ArraySlice<Int32>
    let keys: KeyTree
    let layout: TreeLayout
    let voronoi: ShortestPaths

    func inside(_ x: Int) -> Bool { voronoi.settled[x] && keys.owner(Int(voronoi.base[x]), layout) == key }
    func side(_ t: Int) -> Int32 { layout.inSubtree(t, of: Int(keys.node[key])) ? 0 : 1 }
  }

  /// Dijkstra inside the area from its border, each node labelled with the half it is
  /// reached from; stops at `limit`. Returns the arcs scanned.
  private mutating func growRepair(_ area: RepairArea, below limit: Double) -> Int {
    let g = problem.graph, vor = area.voronoi
    repair.reset()
    for v32 in area.nodes {
      let v = Int(v32)
      for a in g.arcs(v) {
        let x = Int(g.arcHead[a])
        guard vor.settled[x], !area.inside(x) else { continue }
        let d = vor.dist[x] + weights[Int(g.arcEdge[a])]
        guard d < repair.dist[v] else { continue }
        repair.seed(v, distance: d, label: area.side(Int(vor.base[x])))
        repair.predEdge[v] = g.arcEdge[a]
      }
    }
    var scanned = 0
    while !repair.heap.isEmpty && repair.heap.minKey < limit {
      let (v, d) = repair.heap.pop()
      repair.settled[v] = true
      for a in g.arcs(v) {
        let x = Int(g.arcHead[a])
        scanned += 1
        guard area.inside(x), !repair.settled[x] else { continue }
        let nd = d + weights[Int(g.arcEdge[a])]
        guard nd < repair.dist[x] else { continue }
        repair.seed(x, distance: nd, label: repair.base[v])
        repair.predEdge[x] = g.arcEdge[a]
      }
    }
    return scanned
  }

  /// The cheapest edge from a repaired node to a node of the other half (repaired, or
  /// outside the area), below `limit`.
  private func cheapestRepairedLink(_ area: RepairArea,
                                    below limit: Double) -> (cost: Double, v: Int, e: Int32, x: Int)? {
    let g = problem.graph, vor = area.voronoi
    var best: (cost: Double, v: Int, e: Int32, x: Int)?
    for v32 in area.nodes where repair.settled[Int(v32)] {
      let v = Int(v32)
      for a in g.arcs(v) {
        let x = Int(g.arcHead[a]), e = Int(g.arcEdge[a])
        let there = area.inside(x)
        guard there ? repair.settled[x] : vor.settled[x] else { continue }
        let c = repair.dist[v] + weights[e] + (there ? repair.dist[x] : vor.dist[x])
        let sx = there ? repair.base[x] : area.side(Int(vor.base[x]))
        if sx != repair.base[v] && c < (best?.cost ?? limit) { best = (c, v, Int32(e), x) }
      }
    }
    return best
  }

  /// The move along a repaired link: back to the tree from both ends, along repaired
  /// predecessors inside the area and Voronoi ones outside.
  private func repairedPath(_ area: RepairArea, _ link: (cost: Double, v: Int, e: Int32, x: Int),
                            gain: Double) -> SweepMove {
    let g = problem.graph
    var edges: [Int32] = [], inner: [Int32] = [], tips: [Int32] = []
    for (i, end) in [link.v, link.x].enumerated() {
      if i == 1 { edges.append(link.e) }
      var x = end
      while true {
        let e = area.inside(x) ? repair.predEdge[x] : area.voronoi.predEdge[x]
        if e < 0 { break }
        inner.append(Int32(x)); edges.append(e); x = g.opposite(Int(e), x)
      }
      tips.append(Int32(x))
    }
    return SweepMove(gain: gain, key: Int32(area.key), edges: edges, inner: inner, a: tips[0], c: tips[1])
  }

  /// Applies the moves, largest gain first. A move is taken when the tree path between
  /// its ends keeps every edge the moves before it removed, its inner nodes are off
  /// their paths, and its key path holds none of their ends: then that path is still
  /// the tree path, so dropping the key path on it and adding the new one leaves a tree.
  private mutating func applyMoves(_ tree: inout [Int32], _ moves: [SweepMove], _ keys: KeyTree) -> Bool {
    guard !moves.isEmpty else { return false }
    let order = moves.indices.sorted {
      moves[$0].gain > moves[$1].gain || (moves[$0].gain == moves[$1].gain && moves[$0].key < moves[$1].key)
    }
    var gone = [Bool](repeating: false, count: problem.edgeCount)
    var used = [Bool](repeating: false, count: problem.nodeCount)
    var anchor = [Bool](repeating: false, count: problem.nodeCount)
    var removed: [Int32] = [], added: [Int32] = []
    for i in order {
      let move = moves[i]
      let path = layout.keyPath(problem, below: Int(keys.node[Int(move.key)]), weights: weights).edges
      spend(move.edges.count + path.count)
      // The key path's inner nodes are the upper ends of all its edges but the last.
      guard !move.inner.contains(where: { used[Int($0)] }),
            !path.dropLast().contains(where: { anchor[upperEnd($0)] }),
            treePathKeeps(Int(move.a), Int(move.c), gone) else { continue }
      for x in move.inner { used[Int(x)] = true }
      anchor[Int(move.a)] = true; anchor[Int(move.c)] = true
      for e in path { gone[Int(e)] = true }
      removed += path
      added += move.edges
    }
    return replace(&tree, removing: removed, adding: added)
  }

  /// The end of tree edge `e` nearer the root.
  private func upperEnd(_ e: Int32) -> Int {
    let u = Int(problem.graph.edgeU[Int(e)]), v = Int(problem.graph.edgeV[Int(e)])
    return layout.parentEdge[u] == e ? v : u
  }

  /// Whether no edge of the tree path between `a` and `c` is marked `gone`.
  /// O(path length), charged to the budget.
  private mutating func treePathKeeps(_ a: Int, _ c: Int, _ gone: [Bool]) -> Bool {
    var x = a, y = c, steps = 0
    defer { spend(steps) }
    while !layout.inSubtree(c, of: x) {
      steps += 1
      if gone[Int(layout.parentEdge[x])] { return false }
      x = Int(layout.parent[x])
    }
    while y != x {
      steps += 1
      if gone[Int(layout.parentEdge[y])] { return false }
      y = Int(layout.parent[y])
    }
    return true
  }
}

/// The key paths of a tree layout as a tree of their lower key nodes (index `count` is
/// the root), with costs, depths and the cheapest covering link of each.
struct KeyTree {
  /// Lower key node of each key path.
  var node: [Int32]
  var cost: [Double]
  /// Key index of the key node above each key path (`count` for the root).
  var up: [Int32]
  var depth: [Int32]
  /// Key index of each key node, or of the key path an inner node lies on; -1 elsewhere.
  var index: [Int32]
  var coverLink: [Int32]
  var maxCost = 0.0
  var count: Int { node.count }

  init(_ layout: TreeLayout, _ p: SteinerProblem, _ weights: [Double]) {
    node = layout.keyNodes
    let k = node.count
    cost = [Double](repeating: 0, count: k)
    up = [Int32](repeating: Int32(k), count: k + 1)
    depth = [Int32](repeating: 0, count: k + 1)
    coverLink = [Int32](repeating: -1, count: k)
    index = [Int32](repeating: -1, count: p.nodeCount)
    for (i, b) in node.enumerated() { index[Int(b)] = Int32(i) }
    index[Int(layout.order[0])] = Int32(k)
    // Key nodes come in preorder, so the key node above is indexed before its depth is
    // needed.
    for (i, b) in node.enumerated() {
      let path = layout.keyPath(p, below: Int(b), weights: weights)
      cost[i] = path.cost
      maxCost = max(maxCost, path.cost)
      var x = Int(layout.parent[Int(b)])
      while index[x] < 0 { index[x] = Int32(i); x = Int(layout.parent[x]) }
      up[i] = index[x]
      depth[i] = depth[Int(up[i])] + 1
    }
  }

  /// Whether tree node `v` lies inside a key path (not a key node or the root).
  func isInner(_ v: Int, _ layout: TreeLayout) -> Bool {
    let i = Int(index[v])
    return i >= 0 && i < count && Int(node[i]) != v
  }

  /// The key path whose inner node is `v`, or -1.
  func owner(_ v: Int, _ layout: TreeLayout) -> Int { isInner(v, layout) ? Int(index[v]) : -1 }

  /// The key nodes a link between tree nodes `a` and `c` runs between in the key tree:
  /// an inner node stands for the end of its key path the tree path leaves by.
  func lift(_ a: Int, _ c: Int, _ layout: TreeLayout) -> (Int32, Int32) {
    func end(_ v: Int, towards w: Int) -> Int32 {
      guard isInner(v, layout) else { return index[v] }
      let i = Int(index[v])
      return layout.inSubtree(w, of: Int(node[i])) ? Int32(i) : up[i]
    }
    if isInner(a, layout) && isInner(c, layout) && index[a] == index[c] { return (0, 0) }
    return (end(a, towards: c), end(c, towards: a))
  }

  func find(_ parent: inout [Int32], _ x: Int32) -> Int32 {
    var x = x
    while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
    return x
  }

  /// Gives each key path the first link (in the given order) whose tree path covers
  /// it: links walk up from both ends, and covered key paths are skipped by union-find.
  mutating func cover(_ links: [LocalSearch.SweepLink]) {
    var parent = (0...Int32(count)).map { $0 }
    for (l, link) in links.enumerated() {
      var x = find(&parent, link.x), y = find(&parent, link.y)
      while x != y {
        if depth[Int(x)] < depth[Int(y)] { swap(&x, &y) }
        coverLink[Int(x)] = Int32(l)
        parent[Int(x)] = up[Int(x)]
        x = find(&parent, x)
      }
    }
  }
}
