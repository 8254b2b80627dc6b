import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Key-vertex elimination (Uchoa & Werneck 2010): drop a Steiner node of degree ≥ 3
/// with its key paths and reconnect the pieces by a minimum spanning tree over their
/// Voronoi boundaries (as in Mehlhorn 1988), if that is cheaper.
extension LocalSearch {
  /// Tries each key node once, in preorder, rebuilding the layout after every
  /// improvement. One pass only: on big trees a pass costs far more than a key-path
  /// sweep, and the moves it makes open new key-path exchanges.
  package mutating func keyVertexElimination(_ tree: inout [Int32]) -> Bool {
    layout.build(problem, edges: tree, root: root)
    var improved = false
    var index = 0, tried = 0
    while tried < layout.keyNodes.count && budget > 0 {
      tried += 1
      let v = Int(layout.keyNodes[index % layout.keyNodes.count])
      if !problem.isTerminal[v] && eliminate(v, tree: &tree) {
        improved = true
        layout.build(problem, edges: tree, root: root)
        spend(2 * tree.count)
        if layout.keyNodes.isEmpty { break }
      } else {
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

  mutating func eliminate(_ v: Int, tree: inout [Int32]) -> Bool {
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
    let pieces = Pieces(layout, lows: lows, top: up.top)
    seed(pieces)
    let links = boundaryLinks(pieces, bound: removedCost)
    guard let added = reconnection(pieces, links, removedCost: removedCost) else { return false }
    return replace(&tree, removing: removed, adding: added)
  }

  /// The pieces the tree falls into without a key vertex and its key paths: the
  /// subtrees below `lows` (pieces 0..<k) and the part above `top` (piece k).
  private struct Pieces {
    let pre: [Int32], last: [Int32], order: [Int32]
    let lows: [Int]
    let top: Int
    var k: Int { lows.count }
    /// The largest piece: the searches grow from all the others towards it.
    let big: Int

    init(_ layout: TreeLayout, lows: [Int], top: Int) {
      pre = layout.pre; last = layout.last; order = layout.order
      self.lows = lows
      self.top = top
      var sizes = lows.map { Int(layout.last[$0] - layout.pre[$0]) + 1 }
      sizes.append(layout.order.count - Int(layout.last[top] - layout.pre[top]) - 1)
      var big = 0
      for i in 1...lows.count where sizes[i] > sizes[big] { big = i }
      self.big = big
    }

    func piece(_ x: Int) -> Int {
      let i = pre[x]
      if i < 0 { return -1 }
      if i < pre[top] || i > last[top] { return k }
      for (c, b) in lows.enumerated() where i >= pre[b] && i <= last[b] { return c }
      return -1
    }
  }

  /// Seeds every piece but the largest, labelled by its index.
  private mutating func seed(_ pieces: Pieces) {
    let pre = pieces.pre, last = pieces.last, order = pieces.order, top = pieces.top
    paths.reset()
    for c in 0...pieces.k where c != pieces.big {
      if c < pieces.k {
        let b = pieces.lows[c]
        for i in Int(pre[b])...Int(last[b]) { paths.seed(Int(order[i]), label: Int32(c)) }
      } else {
        for i in 0..<Int(pre[top]) { paths.seed(Int(order[i]), label: Int32(c)) }
        for i in (Int(last[top]) + 1)..<order.count { paths.seed(Int(order[i]), label: Int32(c)) }
      }
    }
  }

  /// The cheapest known link per piece pair (index `min · (k+1) + max`): its cost and
  /// the path ends x -e- y (e = -1 when x lies in the largest piece).
  private struct Links {
    var cost: [Double]
    var ends: [(x: Int32, e: Int32, y: Int32)]
  }

  /// Multi-source Dijkstra from the seeded pieces up to `bound`, recording the
  /// cheapest link between each pair of pieces across Voronoi boundaries.
  private mutating func boundaryLinks(_ pieces: Pieces, bound: Double) -> Links {
    let g = problem.graph
    let k = pieces.k, big = pieces.big
    let pairs = (k + 1) * (k + 1)
    var links = Links(cost: [Double](repeating: .infinity, count: pairs),
                      ends: [(x: Int32, e: Int32, y: Int32)](repeating: (-1, -1, -1), count: pairs))
    var pops = 0
    while !paths.heap.isEmpty && paths.heap.minKey < bound {
      let (x, d) = paths.heap.pop()
      pops += 1
      paths.settled[x] = true
      let lx = Int(paths.base[x])
      if pieces.pre[x] >= 0 && pieces.piece(x) == big {
        let p = min(lx, big) * (k + 1) + max(lx, big)
        if d < links.cost[p] { links.cost[p] = d; links.ends[p] = (Int32(x), -1, -1) }
        continue
      }
      for a in g.arcs(x) {
        let y = Int(g.arcHead[a]), e = Int(g.arcEdge[a])
        let nd = d + weights[e]
        let ly = Int(paths.base[y])
        if ly >= 0 && ly != lx {
          let c = nd + paths.dist[y]
          let p = min(lx, ly) * (k + 1) + max(lx, ly)
          if c < links.cost[p] { links.cost[p] = c; links.ends[p] = (Int32(x), Int32(e), Int32(y)) }
        }
        if !paths.settled[y] && nd < paths.dist[y] {
          paths.seed(y, distance: nd, label: Int32(lx))
          paths.predEdge[y] = Int32(e)
        }
      }
    }
    spend(pops + pieces.order.count / 8)
    return links
  }

  /// The edges of a minimum spanning tree over the pieces by their links, or nil when
  /// the links do not join them all or cost no less than `removedCost`.
  private func reconnection(_ pieces: Pieces, _ links: Links, removedCost: Double) -> [Int32]? {
    let g = problem.graph
    let k = pieces.k
    var order: [Int] = (0..<links.cost.count).filter { links.cost[$0] < .infinity }
    order.sort { links.cost[$0] < links.cost[$1] || (links.cost[$0] == links.cost[$1] && $0 < $1) }
    var sets = DisjointSets(count: k + 1)
    var total = 0.0, joined = 0
    var added: [Int32] = []
    for p in order where sets.union(p / (k + 1), p % (k + 1)) {
      total += links.cost[p]; joined += 1
      let ends = links.ends[p]
      added += paths.pathEdges(g, to: Int(ends.x))
      if ends.e >= 0 {
        added.append(ends.e)
        added += paths.pathEdges(g, to: Int(ends.y))
      }
    }
    guard joined == k, total < removedCost - 1e-9 * max(1, removedCost) else { return nil }
    return added
  }
}
