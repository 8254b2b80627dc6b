import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Exact Steiner trees for few terminals: dynamic programming over terminal subsets
/// (Dreyfus & Wagner 1971, with the Dijkstra step of Erickson, Monma & Veinott 1987).
/// `cost[S][v]` is the cheapest tree joining the terminals in S and node v: the best
/// split of S at v, then one Dijkstra that lets each tree grow along a path. With k
/// terminals it costs O(3^k · n + 2^k · (m + n log n)) time and O(2^k · n) memory, so it
/// pays only after the reductions have left a handful of terminals.
package struct TerminalSubsetDP {
  let problem: SteinerProblem
  /// Terminals in the subsets; the last terminal is the root the full set joins.
  let members: [Int32]
  var cost: [Double]
  /// Per (S, v): the edge along which the Dijkstra step reached v (>= 0), a split into
  /// subset `-back - 2` and the rest (<= -2), or nothing (-1).
  var back: [Int32]

  /// Whether the solve fits in `work` elementary steps and about 100 MB.
  package static func fits(_ p: SteinerProblem, work: Double) -> Bool {
    let k = p.terminals.count - 1
    guard k >= 1, k <= 16 else { return false }
    let n = Double(p.nodeCount), m = Double(p.edgeCount)
    let subsets = Double(1 << k)
    return subsets * n <= 8e6 && pow3(k) * n + subsets * (m + 20 * n) <= work
  }

  private static func pow3(_ k: Int) -> Double { (0..<k).reduce(1.0) { r, _ in r * 3 } }

  package init(_ p: SteinerProblem) {
    problem = p
    members = Array(p.terminals.dropLast())
    let n = p.nodeCount, full = 1 << members.count
    cost = [Double](repeating: .infinity, count: full * n)
    back = [Int32](repeating: -1, count: full * n)
    var heap = IndexedHeap(capacity: n)
    for s in 1..<full {
      if s & (s - 1) == 0 {
        let t = Int(members[s.trailingZeroBitCount])
        cost[s * n + t] = 0
      } else {
        split(s)
      }
      grow(s, &heap)
    }
  }

  /// cost[S][v] = min over splits S = A + B (A holding S's lowest terminal) of
  /// cost[A][v] + cost[B][v].
  private mutating func split(_ s: Int) {
    let n = problem.nodeCount
    let low = s & -s, rest = s ^ low
    var sub = rest
    repeat {
      sub = (sub &- 1) & rest
      let a = low | sub, b = s ^ a
      let base = s * n, ba = a * n, bb = b * n
      for v in 0..<n {
        let c = cost[ba + v] + cost[bb + v]
        if c < cost[base + v] { cost[base + v] = c; back[base + v] = Int32(-2 - a) }
      }
    } while sub != 0
  }

  /// Dijkstra from every node at its current cost[S][v].
  private mutating func grow(_ s: Int, _ heap: inout IndexedHeap) {
    let g = problem.graph, n = problem.nodeCount, base = s * n
    for v in 0..<n where cost[base + v] < .infinity { heap.push(v, cost[base + v]) }
    while !heap.isEmpty {
      let (v, d) = heap.pop()
      for a in g.arcs(v) {
        let w = Int(g.arcHead[a]), e = g.arcEdge[a]
        let nd = d + problem.weight[Int(e)]
        if nd < cost[base + w] { cost[base + w] = nd; back[base + w] = e; heap.push(w, nd) }
      }
    }
  }

  /// An optimal tree (problem edge ids), pruned; repeated edges are dropped by the
  /// spanning tree. O(2^k + tree size).
  package func tree() -> [Int32] {
    let n = problem.nodeCount
    let root = Int(problem.terminals.last!)
    var edges: [Int32] = []
    var stack: [(s: Int, v: Int)] = [((1 << members.count) - 1, root)]
    while let top = stack.popLast() {
      let s = top.s, v = top.v
      let b = back[s * n + v]
      if b >= 0 {
        edges.append(b)
        stack.append((s, problem.graph.opposite(Int(b), v)))
      } else if b <= -2 {
        let a = Int(-2 - b)
        stack.append((a, v)); stack.append((s ^ a, v))
      }
    }
    return problem.tree(from: edges, weights: problem.weight)
  }
}
