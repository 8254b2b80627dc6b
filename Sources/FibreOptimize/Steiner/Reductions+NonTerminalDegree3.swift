import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Non-terminal degree-3 test (Duin 1993): a non-terminal v with neighbours a, b, c and
/// edge weights c_a, c_b, c_c meets some optimal tree in at most two edges when the
/// minimum spanning tree of {a, b, c} under bottleneck Steiner distances costs at most
/// c_a + c_b + c_c. Then v is pseudo-eliminated: replaced by the edges a–b, b–c, c–a of
/// weights c_a + c_b and so on, each standing for its two original edges. Distances
/// here are capped shortest paths in G − v, which are never below the bottleneck Steiner
/// distance, so the test can miss a vertex but never drops a needed one.
extension ReductionGraph {
  /// Pseudo-eliminates the degree-3 non-terminals the capped searches allow; returns
  /// how many. O(n · cap · log n).
  package mutating func nonTerminalDegree3Test(scansPerSearch cap: Int) -> Int {
    var label = SparseLabels(count: nodeCount)
    var heap = IndexedHeap(capacity: nodeCount)
    var eliminated = 0

    /// Shortest distances from `source` to `targets` avoiding `avoid`, each +infinity
    /// when above `limit` or beyond the scan cap.
    func distances(from source: Int, to targets: (Int, Int), avoiding avoid: Int, limit: Double) -> (Double, Double) {
      var found = (Double.infinity, Double.infinity)
      var remaining = targets.1 < 0 ? 1 : 2
      _ = label.lower(source, to: 0)
      heap.push(source, 0)
      var scans = 0
      while !heap.isEmpty && scans < cap && remaining > 0 {
        let (x, d) = heap.pop()
        if x == targets.0 { found.0 = d; remaining -= 1 }
        if x == targets.1 { found.1 = d; remaining -= 1 }
        scans += 1 + Int(degree[x])
        var a = first[x]
        while a >= 0 {
          let ai = Int(a)
          a = next[ai]
          let y = Int(head[ai])
          if y == avoid { continue }
          let nd = d + weight[ai >> 1]
          if nd > limit || !label.lower(y, to: nd) { continue }
          heap.push(y, nd)
        }
      }
      label.reset()
      heap.removeAll()
      return found
    }

    for v in 0..<nodeCount where nodeAlive[v] && !isTerminal[v] && degree[v] == 3 {
      let arcsOut = arcs(v)
      let n = arcsOut.map { Int(head[Int($0)]) }
      guard n[0] != n[1], n[0] != n[2], n[1] != n[2] else { continue }
      let c = arcsOut.map { weight[Int($0) >> 1] }
      let bound = c[0] + c[1] + c[2]
      let (d01, d02) = distances(from: n[0], to: (n[1], n[2]), avoiding: v, limit: bound)
      let (d12, _) = distances(from: n[1], to: (n[2], -1), avoiding: v, limit: bound)
      let sorted = [d01, d02, d12].sorted()
      guard sorted[0] + sorted[1] <= bound else { continue }

      // Edge slot of arc i becomes the edge n[i] – n[i+1]: its end at v moves there.
      let origins = arcsOut.map { origin[Int($0) >> 1] }
      for i in 0..<3 {
        let a = Int(arcsOut[i]), e = a >> 1, j = (i + 1) % 3
        weight[e] = c[i] + c[j]
        origin[e] = ancestry.join(origins[i], origins[j])
        moveTail(of: a, to: n[j])
      }
      nodeAlive[v] = false
      eliminated += 1
      // Keep the cheaper of any parallel pair the new edges made.
      for i in 0..<3 {
        let e = Int(arcsOut[i]) >> 1
        guard edgeAlive[e] else { continue }
        let (x, y) = endpoints(e)
        if let other = edge(between: x, and: y, except: e) {
          deleteEdge(weight[other] <= weight[e] ? e : other)
        }
      }
    }
    return eliminated
  }
}
