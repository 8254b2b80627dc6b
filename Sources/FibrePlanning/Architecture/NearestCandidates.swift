import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The k nearest cabinet candidates of every tree node, along the tree, within a
/// distance bound (k-nearest Voronoi labelling, as in Erwig 2000's graph Voronoi
/// diagrams generalised to k sites), by two passes over the tree instead of a
/// multi-source Dijkstra (the classic up/down tree dynamic programme, e.g. Tamir 1996
/// for tree location problems): leaves to root, each node keeps the k nearest
/// candidates in its own subtree; root to leaves, it merges in its parent's final list.
/// A candidate outside v's subtree that is among v's k nearest is among its parent's
/// k nearest (whatever beats it at the parent beats it at v too), so the merge is exact.
/// Labels at a node are ordered by (metres, candidate position).
package struct NearestCandidates: Sendable {
  package var k: Int
  /// Labels of the tree node at preorder position i: `source[i*k ..< i*k + count[i]]`,
  /// nearest first (`labelRange(of:)`).
  package var count: [UInt8]
  package var source: [Int32]
  package var distance: [Double]
  package var position: [Int32]

  /// - Parameters: `candidates` are tree nodes; labels name positions in that list.
  ///   Labels never enter the tree's barrier (the hub of several POPs) nor pass it.
  /// - Complexity: O(k² · n) for a tree of n nodes.
  package init(tree: RootedTree, candidates: [Int32], k requested: Int, bound: Double) {
    let position = tree.preorderPosition
    self.init(k: requested, slots: tree.preorder.count, position: position) { labels in
      labels.fill(tree: tree, candidates: candidates, position: position, bound: bound)
    }
  }

  /// The labels of the tree nodes at preorder positions `region` only (ascending), by
  /// the same two passes over the forest the region induces, offering `sources` (tree
  /// node and label, labels ascending). Labels at `labelRange(atRegionIndex:)`; the
  /// lists equal those of the whole tree wherever every candidate within `bound` of a
  /// node lies in the region with its path (`CabinetSiting.problem(open:from:)`).
  /// - Complexity: O(k² · region).
  package init(tree: RootedTree, region: [Int32], sources: [(node: Int32, label: Int32)], k requested: Int,
               bound: Double) {
    var local = [Int32](repeating: -1, count: tree.preorder.count)
    for (i, p) in region.enumerated() { local[Int(p)] = Int32(i) }
    self.init(k: requested, slots: region.count, position: local) { labels in
      labels.fill(tree: tree, region: region, local: local, sources: sources, bound: bound)
    }
  }

  /// Empty lists for `slots` nodes, filled by `fill`. The passes run on raw buffers:
  /// they are the labelling's whole cost, and array accesses in a mutating method paid
  /// a uniqueness check each.
  private init(k requested: Int, slots: Int, position: [Int32], fill: (Labels) -> Void) {
    let k = max(1, min(requested, 255))
    self.k = k
    var count = [UInt8](repeating: 0, count: slots)
    var source = [Int32](repeating: -1, count: slots * k)
    var distance = [Double](repeating: .infinity, count: slots * k)
    count.withUnsafeMutableBufferPointer { count in
      source.withUnsafeMutableBufferPointer { source in
        distance.withUnsafeMutableBufferPointer { distance in
          fill(Labels(k: k, count: count, source: source, distance: distance))
        }
      }
    }
    self.position = position
    self.count = count
    self.source = source
    self.distance = distance
  }

  /// The label lists being built, over the arrays' storage.
  private struct Labels {
    let k: Int
    let count: UnsafeMutableBufferPointer<UInt8>
    let source: UnsafeMutableBufferPointer<Int32>
    let distance: UnsafeMutableBufferPointer<Double>

    func fill(tree: RootedTree, candidates: [Int32], position: [Int32], bound: Double) {
      let n = tree.preorder.count
      for (i, c) in candidates.enumerated() where tree.isOnTree(c) { insert(Int(position[Int(c)]), Int32(i), 0) }
      let barrier = tree.barrier >= 0 ? Int(position[Int(tree.barrier)]) : -1
      // Leaves to root: each node's list is then the k nearest in its subtree.
      for i in stride(from: n - 1, to: 0, by: -1) {
        let v = Int(tree.preorder[i])
        let p = Int(position[Int(tree.parent[v])])
        guard p != barrier else { continue }
        shift(from: i, into: p, by: tree.edgeLength[Int(tree.parentEdge[v])], bound: bound)
      }
      // Root to leaves: a node adds its parent's final list; its own subtree's labels,
      // already held nearer, are skipped as duplicates.
      for i in 1..<max(n, 1) where i != barrier {
        let v = Int(tree.preorder[i])
        shift(from: Int(position[Int(tree.parent[v])]), into: i, by: tree.edgeLength[Int(tree.parentEdge[v])], bound: bound)
      }
    }

    /// `fill` on the forest of the preorder positions `region` (ascending), whose list
    /// index is `local[position]`: the same offers in the same order, those to or from
    /// outside the region left out.
    func fill(tree: RootedTree, region: [Int32], local: [Int32], sources: [(node: Int32, label: Int32)], bound: Double) {
      let position = tree.preorderPosition
      for (c, label) in sources where tree.isOnTree(c) {
        let i = local[Int(position[Int(c)])]
        if i >= 0 { insert(Int(i), label, 0) }
      }
      let barrier = tree.barrier >= 0 ? Int(position[Int(tree.barrier)]) : -1
      func parentIndex(_ p: Int32) -> (global: Int, local: Int)? {
        guard p > 0 else { return nil }
        let g = Int(position[Int(tree.parent[Int(tree.preorder[Int(p)])])])
        let l = Int(local[g])
        return l >= 0 ? (g, l) : nil
      }
      for i in stride(from: region.count - 1, through: 0, by: -1) {
        guard let p = parentIndex(region[i]), p.global != barrier else { continue }
        let v = Int(tree.preorder[Int(region[i])])
        shift(from: i, into: p.local, by: tree.edgeLength[Int(tree.parentEdge[v])], bound: bound)
      }
      for i in 0..<region.count where Int(region[i]) != barrier {
        guard let p = parentIndex(region[i]) else { continue }
        let v = Int(tree.preorder[Int(region[i])])
        shift(from: p.local, into: i, by: tree.edgeLength[Int(tree.parentEdge[v])], bound: bound)
      }
    }

    /// Offers every label of `from`, `length` metres farther, to `into`.
    private func shift(from: Int, into: Int, by length: Double, bound: Double) {
      let base = from * k
      for i in 0..<Int(count[from]) {
        let d = distance[base + i] + length
        // Labels are nearest first: once one is beyond the bound, so are the rest.
        guard d <= bound else { return }
        insert(into, source[base + i], d)
      }
    }

    /// Adds label `s` at `d` metres to node `v`'s sorted list of at most k, unless `v`
    /// holds `s` already (always at least as near) or k nearer labels.
    private func insert(_ v: Int, _ s: Int32, _ d: Double) {
      let base = v * k
      var i = Int(count[v])
      // Either test alone leaves the list as it is: the cheap one first, as a full list
      // turns most offers away.
      let last = base + k - 1
      if i == k && !((d, s) < (distance[last], source[last])) { return }
      for j in 0..<i where source[base + j] == s { return }
      if i == k {
        i -= 1
      } else {
        count[v] += 1
      }
      while i > 0, (d, s) < (distance[base + i - 1], source[base + i - 1]) {
        distance[base + i] = distance[base + i - 1]
        source[base + i] = source[base + i - 1]
        i -= 1
      }
      distance[base + i] = d
      source[base + i] = s
    }
  }

  /// Where the labels of node `v` are in `source` and `distance` (empty off the tree).
  package func labelRange(of v: Int32) -> Range<Int> {
    let p = Int(position[Int(v)])
    return p < 0 ? 0..<0 : p * k ..< p * k + Int(count[p])
  }

  /// Where the labels of the `i`th node of a region are (`init(tree:region:…)`).
  package func labelRange(atRegionIndex i: Int) -> Range<Int> {
    i * k ..< i * k + Int(count[i])
  }

  /// Labels of `v` as (candidate position, metres), nearest first.
  package func labels(of v: Int32) -> [(candidate: Int32, metres: Double)] {
    labelRange(of: v).map { (source[$0], distance[$0]) }
  }
}
