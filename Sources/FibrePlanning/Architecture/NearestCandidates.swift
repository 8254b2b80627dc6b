import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The k nearest cabinet candidates of every tree node, along the tree, within a
/// distance bound: a multi-source Dijkstra in which each node keeps up to k labels from
/// distinct sources (k-nearest Voronoi labelling, as in Erwig 2000's graph Voronoi
/// diagrams generalised to k sites). A label that loses at a node cannot win farther
/// on, so each node accepts at most k labels.
package struct NearestCandidates: Sendable {
  package var k: Int
  /// Labels of node v: `source[v*k ..< v*k + count[v]]`, nearest first.
  package var count: [UInt8]
  package var source: [Int32]
  package var distance: [Double]

  /// - Parameters: `candidates` are tree nodes; labels name positions in that list.
  /// - Complexity: O(k · (n + m) · log(k · m)) for a tree of n nodes and m edges.
  package init(tree: RootedTree, candidates: [Int32], k requested: Int, bound: Double) {
    let k = max(1, min(requested, 255))
    self.k = k
    let n = tree.parent.count
    count = [UInt8](repeating: 0, count: n)
    source = [Int32](repeating: -1, count: n * k)
    distance = [Double](repeating: .infinity, count: n * k)
    var heap = LabelHeap()
    for (i, c) in candidates.enumerated() { heap.push(0, node: c, label: Int32(i)) }
    while let (d, v, s) = heap.pop() {
      let base = Int(v) * k
      let have = Int(count[Int(v)])
      if have >= k { continue }
      var duplicate = false
      for i in 0..<have where source[base + i] == s { duplicate = true; break }
      if duplicate { continue }
      source[base + have] = s
      distance[base + have] = d
      count[Int(v)] = UInt8(have + 1)
      for e in tree.edges(at: v) {
        let edge = Int(tree.adjacentEdge[e])
        let w = tree.neighbour(v, across: edge)
        let nd = d + tree.edgeLength[edge]
        let held = Int(count[Int(w)])
        guard nd <= bound && held < k else { continue }
        // A label never returns to a node that holds it (on a tree, the one it came
        // from): such entries would only be popped and dropped, and they made up
        // most of the heap.
        let wBase = Int(w) * k
        var holds = false
        for i in 0..<held where source[wBase + i] == s { holds = true; break }
        if !holds { heap.push(nd, node: w, label: s) }
      }
    }
  }

  /// Labels of `v` as (candidate position, metres), nearest first.
  package func labels(of v: Int32) -> [(candidate: Int32, metres: Double)] {
    let base = Int(v) * k
    return (0..<Int(count[Int(v)])).map { (source[base + $0], distance[base + $0]) }
  }
}

/// A binary min-heap of (distance, node, label) entries with lazy deletion; ties broken
/// by node then label so that the labelling is deterministic.
package struct LabelHeap {
  private var keys: [Double] = []
  private var nodes: [Int32] = []
  private var labels: [Int32] = []

  private func less(_ i: Int, _ j: Int) -> Bool {
    (keys[i], nodes[i], labels[i]) < (keys[j], nodes[j], labels[j])
  }

  private mutating func swapAt(_ i: Int, _ j: Int) {
    keys.swapAt(i, j); nodes.swapAt(i, j); labels.swapAt(i, j)
  }

  package mutating func push(_ key: Double, node: Int32, label: Int32) {
    keys.append(key); nodes.append(node); labels.append(label)
    var i = keys.count - 1
    while i > 0 {
      let p = (i - 1) / 2
      if !less(i, p) { break }
      swapAt(i, p); i = p
    }
  }

  package mutating func pop() -> (Double, Int32, Int32)? {
    guard !keys.isEmpty else { return nil }
    let top = (keys[0], nodes[0], labels[0])
    let last = keys.count - 1
    swapAt(0, last)
    keys.removeLast(); nodes.removeLast(); labels.removeLast()
    var i = 0
    while true {
      let l = 2 * i + 1, r = l + 1
      var m = i
      if l < keys.count && less(l, m) { m = l }
      if r < keys.count && less(r, m) { m = r }
      if m == i { break }
      swapAt(i, m); i = m
    }
    return top
  }
}
