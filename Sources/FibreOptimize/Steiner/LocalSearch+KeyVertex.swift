import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Key-vertex elimination (Uchoa & Werneck 2010): drop a Steiner node of degree ≥ 3
/// with its key paths and reconnect the pieces by a minimum spanning tree over their
/// Voronoi boundaries (as in Mehlhorn 1988), if that is cheaper.
extension LocalSearch {
  package mutating func keyVertexElimination(_ tree: inout [Int32]) -> Bool {
    layout.build(problem, edges: tree, root: root)
    var improved = false
    var index = 0, failures = 0
    while failures < layout.keyNodes.count && budget > 0 {
      let v = Int(layout.keyNodes[index % layout.keyNodes.count])
      if !problem.isTerminal[v] && eliminate(v, tree: &tree) {
        improved = true
        failures = 0
        layout.build(problem, edges: tree, root: root)
        spend(2 * tree.count)
        if layout.keyNodes.isEmpty { break }
      } else {
        failures += 1
        index += 1
      }
    }
    return improved
  }

  /// The key node below `c` (a child of a key node) and the path's edges and cost.
  private func descend(from c: Int, edge: Int, removed: inout [Int32]) -> (key: Int, cost: Double) {
    let g = problem.graph
    var x = c
    var cost = weights[edge]
    removed.append(Int32(edge))
    while !layout.isKey(problem, x) {
      var next = -1
      for a in g.arcs(x) {
        let w = Int(g.arcHead[a])
        if layout.parent[w] == Int32(x) && layout.parentEdge[w] == g.arcEdge[a] {
          next = w; cost += weights[Int(g.arcEdge[a])]; removed.append(g.arcEdge[a]); break
        }
      }
      if next < 0 { break }
      x = next
    }
    return (x, cost)
  }

  private mutating func eliminate(_ v: Int, tree: inout [Int32]) -> Bool {
    let g = problem.graph
    let up = layout.keyPath(problem, below: v, weights: weights)
    var removed = up.edges
    var removedCost = up.cost
    var lows: [Int] = []
    for a in g.arcs(v) {
      let w = Int(g.arcHead[a])
      if layout.parent[w] == Int32(v) && layout.parentEdge[w] == g.arcEdge[a] {
        let d = descend(from: w, edge: Int(g.arcEdge[a]), removed: &removed)
        lows.append(d.key); removedCost += d.cost
      }
    }
    let pre = layout.pre, last = layout.last, order = layout.order
    let top = up.top
    let k = lows.count  // component k is the part above `top`
    var sizes = lows.map { Int(last[$0] - pre[$0]) + 1 }
    sizes.append(order.count - Int(last[top] - pre[top]) - 1)
    var big = 0
    for i in 1...k where sizes[i] > sizes[big] { big = i }
    func component(_ x: Int) -> Int {
      let i = pre[x]
      if i < 0 { return -1 }
      if i < pre[top] || i > last[top] { return k }
      for (c, b) in lows.enumerated() where i >= pre[b] && i <= last[b] { return c }
      return -1
    }
    paths.reset()
    for c in 0...k where c != big {
      if c < k {
        for i in Int(pre[lows[c]])...Int(last[lows[c]]) { paths.seed(Int(order[i]), label: Int32(c)) }
      } else {
        for i in 0..<Int(pre[top]) { paths.seed(Int(order[i]), label: Int32(c)) }
        for i in (Int(last[top]) + 1)..<order.count { paths.seed(Int(order[i]), label: Int32(c)) }
      }
    }
    // Cheapest known link per component pair: cost, and the path ends x -e- y.
    let pairs = (k + 1) * (k + 1)
    var linkCost = [Double](repeating: .infinity, count: pairs)
    var linkEnds = [(x: Int32, e: Int32, y: Int32)](repeating: (-1, -1, -1), count: pairs)
    let bound = removedCost
    var pops = 0
    while !paths.heap.isEmpty && paths.heap.minKey < bound {
      let (x, d) = paths.heap.pop()
      pops += 1
      paths.settled[x] = true
      let lx = Int(paths.base[x])
      if pre[x] >= 0 && component(x) == big {
        let p = min(lx, big) * (k + 1) + max(lx, big)
        if d < linkCost[p] { linkCost[p] = d; linkEnds[p] = (Int32(x), -1, -1) }
        continue
      }
      for a in g.arcs(x) {
        let y = Int(g.arcHead[a]), e = Int(g.arcEdge[a])
        let nd = d + weights[e]
        let ly = Int(paths.base[y])
        if ly >= 0 && ly != lx {
          let c = nd + paths.dist[y]
          let p = min(lx, ly) * (k + 1) + max(lx, ly)
          if c < linkCost[p] { linkCost[p] = c; linkEnds[p] = (Int32(x), Int32(e), Int32(y)) }
        }
        if !paths.settled[y] && nd < paths.dist[y] {
          paths.seed(y, distance: nd, label: Int32(lx))
          paths.predEdge[y] = Int32(e)
        }
      }
    }
    spend(pops + order.count / 8)
    var links: [Int] = (0..<pairs).filter { linkCost[$0] < .infinity }
    links.sort { linkCost[$0] < linkCost[$1] || (linkCost[$0] == linkCost[$1] && $0 < $1) }
    var sets = DisjointSets(count: k + 1)
    var total = 0.0, joined = 0
    var added: [Int32] = []
    for p in links where sets.union(p / (k + 1), p % (k + 1)) {
      total += linkCost[p]; joined += 1
      let ends = linkEnds[p]
      added += paths.pathEdges(g, to: Int(ends.x))
      if ends.e >= 0 {
        added.append(ends.e)
        added += paths.pathEdges(g, to: Int(ends.y))
      }
    }
    guard joined == k, total < removedCost - 1e-9 * max(1, removedCost) else { return false }
    return replace(&tree, removing: removed, adding: added)
  }
}
