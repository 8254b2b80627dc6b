import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Which original edges a reduced edge stands for: leaves `0..<leafCount` are original
/// edges, every later id joins two earlier ids (a merged path). One append per merge,
/// no per-edge arrays.
package struct Ancestry: Sendable {
  package let leafCount: Int
  package var left: [Int32] = []
  package var right: [Int32] = []

  package mutating func join(_ a: Int32, _ b: Int32) -> Int32 {
    left.append(a); right.append(b)
    return Int32(leafCount + left.count - 1)
  }

  /// Appends the original edges behind `id`. O(size of the expansion).
  package func expand(_ id: Int32, into out: inout [Int32]) {
    var stack: [Int32] = [id]
    while let x = stack.popLast() {
      if Int(x) < leafCount { out.append(x); continue }
      let i = Int(x) - leafCount
      stack.append(right[i]); stack.append(left[i])
    }
  }
}

/// A mutable multigraph for reductions: doubly linked arc lists in flat arrays, so
/// deleting an edge, moving an edge end and contracting an edge cost O(1) per arc.
/// Edge `e` owns arcs `2e` (leaving its first end) and `2e+1`; arc `a` leaves
/// `head[a ^ 1]`.
package struct ReductionGraph: Sendable {
  package var nodeCount: Int
  package var first: [Int32]
  package var next: [Int32]
  package var prev: [Int32]
  package var head: [Int32]
  package var weight: [Double]
  package var origin: [Int32]
  package var edgeAlive: [Bool]
  package var degree: [Int32]
  package var nodeAlive: [Bool]
  package var isTerminal: [Bool]
  package var terminalCount: Int
  package var ancestry: Ancestry
  /// Edges forced into every solution, as ancestry ids, and their total cost.
  package var fixedOrigins: [Int32] = []
  package var fixedCost: Double = 0

  /// Edges `(u, v, w)` with ids `origins`; `alive` masks the nodes kept.
  package init(nodeCount: Int, edgeU: [Int32], edgeV: [Int32], weight: [Double], origins: [Int32],
       originalEdgeCount: Int, terminals: [Int32], alive: [Bool]) {
    self.nodeCount = nodeCount
    let m = edgeU.count
    first = [Int32](repeating: -1, count: nodeCount)
    next = [Int32](repeating: -1, count: 2 * m)
    prev = [Int32](repeating: -1, count: 2 * m)
    head = [Int32](repeating: -1, count: 2 * m)
    self.weight = weight
    origin = origins
    edgeAlive = [Bool](repeating: true, count: m)
    degree = [Int32](repeating: 0, count: nodeCount)
    nodeAlive = alive
    isTerminal = [Bool](repeating: false, count: nodeCount)
    for t in terminals { isTerminal[Int(t)] = true }
    terminalCount = terminals.count
    ancestry = Ancestry(leafCount: originalEdgeCount)
    for e in 0..<m {
      head[2 * e] = edgeV[e]; head[2 * e + 1] = edgeU[e]
      link(2 * e, at: Int(edgeU[e]))
      link(2 * e + 1, at: Int(edgeV[e]))
    }
  }

  package var edgeCapacity: Int { weight.count }

  @inline(__always) package func tail(_ a: Int) -> Int { Int(head[a ^ 1]) }

  @inline(__always)
  package mutating func link(_ a: Int, at v: Int) {
    let f = first[v]
    next[a] = f; prev[a] = -1
    if f >= 0 { prev[Int(f)] = Int32(a) }
    first[v] = Int32(a)
    degree[v] += 1
  }

  @inline(__always)
  package mutating func unlink(_ a: Int, at v: Int) {
    let p = prev[a], n = next[a]
    if p >= 0 { next[Int(p)] = n } else { first[v] = n }
    if n >= 0 { prev[Int(n)] = p }
    next[a] = -1; prev[a] = -1
    degree[v] -= 1
  }

  /// Arcs leaving `v`, snapshot (safe to mutate the graph while iterating). O(deg).
  package func arcs(_ v: Int) -> [Int32] {
    var out: [Int32] = []
    var a = first[v]
    while a >= 0 { out.append(a); a = next[Int(a)] }
    return out
  }

  package mutating func deleteEdge(_ e: Int) {
    guard edgeAlive[e] else { return }
    edgeAlive[e] = false
    unlink(2 * e, at: tail(2 * e))
    unlink(2 * e + 1, at: tail(2 * e + 1))
  }

  /// Moves the end of arc `a` (currently leaving some node) to leave `v` instead.
  package mutating func moveTail(of a: Int, to v: Int) {
    unlink(a, at: tail(a))
    head[a ^ 1] = Int32(v)
    link(a, at: v)
  }

  /// Puts edge `e` into every solution and merges its end `gone` into `kept`. O(deg).
  package mutating func contract(_ e: Int, keeping kept: Int, removing gone: Int) {
    fixedOrigins.append(origin[e]); fixedCost += weight[e]
    deleteEdge(e)
    for a32 in arcs(gone) {
      let a = Int(a32)
      moveTail(of: a, to: kept)
      if Int(head[a]) == kept { deleteEdge(a >> 1) }
    }
    if isTerminal[gone] {
      if isTerminal[kept] { terminalCount -= 1 }
      isTerminal[kept] = true
      isTerminal[gone] = false
    }
    nodeAlive[gone] = false
  }

  /// The live edge between `u` and `v` other than `except`, scanning the shorter list.
  package func edge(between u: Int, and v: Int, except: Int) -> Int? {
    let (s, t) = degree[u] <= degree[v] ? (u, v) : (v, u)
    var a = first[s]
    while a >= 0 {
      let ai = Int(a)
      if Int(head[ai]) == t && ai >> 1 != except { return ai >> 1 }
      a = next[ai]
    }
    return nil
  }

  /// Live edges as `(u, v)`, each once.
  package func endpoints(_ e: Int) -> (Int, Int) { (Int(head[2 * e + 1]), Int(head[2 * e])) }
}
