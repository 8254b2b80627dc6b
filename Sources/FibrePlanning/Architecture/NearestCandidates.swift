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
    while let top = heap.pop() {
      let (d, v, s) = (top.key, top.node, top.label)
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
        if w == tree.barrier { continue }
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

/// A queued label: distance, node, label; ordered by all three so that the labelling
/// is deterministic.
package struct CandidateLabel: Comparable {
  package var key: Double
  package var node: Int32
  package var label: Int32

  package static func < (a: Self, b: Self) -> Bool {
    (a.key, a.node, a.label) < (b.key, b.node, b.label)
  }
}

/// A binary min-heap of labels with lazy deletion.
package typealias LabelHeap = BinaryHeap<CandidateLabel>

extension BinaryHeap where Element == CandidateLabel {
  package mutating func push(_ key: Double, node: Int32, label: Int32) {
    push(CandidateLabel(key: key, node: node, label: label))
  }
}
