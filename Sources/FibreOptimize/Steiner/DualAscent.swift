import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Dual ascent on the bidirected cut formulation (Wong 1984): a lower bound with
/// reduced arc costs, used to certify solutions and to delete edges that cannot be in
/// any tree cheaper than the incumbent (reduced-cost test, Polzin & Vahdati Daneshmand).
package struct DualAscent {
  /// Lower bound on the optimum of the problem.
  package var bound: Double = 0
  /// Reduced cost per CSR arc (arc `a` leaves its row node towards `arcHead[a]`).
  package var reducedCost: [Double]
  /// The CSR arc that runs the other way along the same edge.
  package var reverse: [Int32]
  package let root: Int

  /// Runs the ascent from `root` (a terminal) until every terminal is reached from
  /// the root by zero-cost arcs or `workLimit` arc scans are spent. Each step costs
  /// O(|S| + arcs into S) for the grown component S.
  package init(_ p: SteinerProblem, root: Int, workLimit: Int) {
    let g = p.graph
    self.root = root
    let arcCount = g.arcHead.count
    var rc = [Double](repeating: 0, count: arcCount)
    var rev = [Int32](repeating: -1, count: arcCount)
    var firstArc = [Int32](repeating: -1, count: g.edgeCount)
    for v in 0..<g.nodeCount {
      for a in g.arcs(v) {
        let e = Int(g.arcEdge[a])
        rc[a] = p.weight[e]
        if firstArc[e] < 0 { firstArc[e] = Int32(a) } else {
          rev[a] = firstArc[e]; rev[Int(firstArc[e])] = Int32(a)
        }
      }
    }
    var inSet = [Bool](repeating: false, count: g.nodeCount)
    var members: [Int32] = []
    var active = [Bool](repeating: false, count: g.nodeCount)
    var queue = IndexedHeap(capacity: g.nodeCount)
    for t in p.terminals where Int(t) != root { active[Int(t)] = true; queue.push(Int(t), 1) }
    var work = 0
    var lb = 0.0
    let eps = 1e-12
    while !queue.isEmpty && work < workLimit {
      let t = queue.pop().node
      // S: nodes that reach t along zero-cost arcs (arc x->y enters y).
      members.removeAll(keepingCapacity: true)
      members.append(Int32(t)); inSet[t] = true
      var index = 0
      var done = false
      while index < members.count {
        let y = Int(members[index]); index += 1
        if y == root || (y != t && active[y]) { done = true; break }
        for a in g.arcs(y) {
          let x = Int(g.arcHead[a])
          work += 1
          if !inSet[x] && rc[Int(rev[a])] <= eps { inSet[x] = true; members.append(Int32(x)) }
        }
      }
      if done {
        for v in members { inSet[Int(v)] = false }
        active[t] = false
        continue
      }
      var delta = Double.infinity
      for y in members {
        for a in g.arcs(Int(y)) where !inSet[Int(g.arcHead[a])] {
          delta = min(delta, rc[Int(rev[a])])
        }
      }
      work += members.count
      if delta == .infinity {
        for v in members { inSet[Int(v)] = false }
        active[t] = false
        continue
      }
      lb += delta
      for y in members {
        for a in g.arcs(Int(y)) where !inSet[Int(g.arcHead[a])] {
          let r = Int(rev[a])
          rc[r] = max(0, rc[r] - delta)
        }
      }
      for v in members { inSet[Int(v)] = false }
      queue.push(t, Double(members.count))
    }
    bound = lb
    reducedCost = rc
    reverse = rev
  }

  /// Edges that no tree costing at most `upperBound` can use: for both directions
  /// x->y, bound + d(root, x) + rc(x, y) + d(y, terminals) exceeds it, with reduced-cost
  /// distances. Returns a keep-mask over edges. O(m log n).
  package func survivors(_ p: SteinerProblem, upperBound: Double) -> [Bool] {
    let g = p.graph
    let n = g.nodeCount
    // Distances from the root along arcs.
    var fromRoot = [Double](repeating: .infinity, count: n)
    var heap = IndexedHeap(capacity: n)
    fromRoot[root] = 0; heap.push(root, 0)
    while !heap.isEmpty {
      let (x, d) = heap.pop()
      for a in g.arcs(x) {
        let y = Int(g.arcHead[a]), nd = d + reducedCost[a]
        if nd < fromRoot[y] { fromRoot[y] = nd; heap.push(y, nd) }
      }
    }
    // Distances to the nearest terminal along arcs (searching backwards).
    var toTerminal = [Double](repeating: .infinity, count: n)
    for t in p.terminals { toTerminal[Int(t)] = 0; heap.push(Int(t), 0) }
    while !heap.isEmpty {
      let (y, d) = heap.pop()
      for a in g.arcs(y) {
        let x = Int(g.arcHead[a]), nd = d + reducedCost[Int(reverse[a])]
        if nd < toTerminal[x] { toTerminal[x] = nd; heap.push(x, nd) }
      }
    }
    let limit = upperBound + 1e-9 * max(1, abs(upperBound))
    var keep = [Bool](repeating: false, count: g.edgeCount)
    for x in 0..<n {
      for a in g.arcs(x) {
        let e = Int(g.arcEdge[a])
        if keep[e] { continue }
        let y = Int(g.arcHead[a])
        if bound + fromRoot[x] + reducedCost[a] + toTerminal[y] <= limit { keep[e] = true }
      }
    }
    return keep
  }
}
