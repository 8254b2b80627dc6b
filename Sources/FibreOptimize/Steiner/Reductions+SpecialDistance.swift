import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Bottleneck Steiner distance test (Duin & Volgenant 1989), restricted: an edge
/// (u, v) of weight c can go when u and v are joined, without that edge, by a path
/// whose pieces between terminals are each at most c long. Searching is capped, so the
/// test may miss edges but never removes a needed one.
extension ReductionGraph {
  /// Deletes the edges the capped search proves redundant; returns how many.
  /// O(m · cap · log n).
  package mutating func specialDistanceTest(scansPerEdge cap: Int) -> Int {
    var label = SparseLabels(count: nodeCount)
    var heap = IndexedHeap(capacity: nodeCount)
    var deleted = 0
    for e in 0..<edgeCapacity where edgeAlive[e] {
      // Search from the end with fewer arcs; skip edges whose both ends are hubs.
      var (u, v) = endpoints(e)
      if degree[v] < degree[u] { swap(&u, &v) }
      if Int(degree[u]) > cap { continue }
      let c = weight[e]
      _ = label.lower(u, to: 0)
      heap.push(u, 0)
      var scans = 0
      var reached = false
      while !heap.isEmpty && scans < cap {
        let (x, d) = heap.pop()
        if x == v { reached = true; break }
        scans += 1 + Int(degree[x])
        if scans > cap && x != u { break }
        var a = first[x]
        while a >= 0 {
          let ai = Int(a)
          a = next[ai]
          if ai >> 1 == e { continue }
          let y = Int(head[ai])
          var nd = d + weight[ai >> 1]
          if nd > c { continue }
          if isTerminal[y] || y == v { nd = y == v ? nd : 0 }
          if label.lower(y, to: nd) { heap.push(y, nd) }
        }
      }
      label.reset()
      heap.removeAll()
      if reached { deleteEdge(e); deleted += 1 }
    }
    return deleted
  }
}
