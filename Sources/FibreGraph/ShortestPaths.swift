import FibreCore

/// Reusable Dijkstra state over a `CSRGraph` (Dijkstra 1959, binary heap). Buffers are
/// sized once; `reset()` only clears the nodes the last search touched, so many small
/// bounded searches on a big graph stay cheap.
public struct ShortestPaths: Sendable {
  /// Distance from the nearest source, +infinity if not reached.
  public var dist: [Double]
  /// Edge by which each node was reached, -1 for sources and unreached nodes.
  public var predEdge: [Int32]
  /// Label of the source each node was reached from (Voronoi base), -1 if unreached.
  public var base: [Int32]
  /// Whether the node was settled (popped with its final distance).
  public var settled: [Bool]
  public var heap: IndexedHeap
  /// Nodes whose entries differ from the cleared state.
  public private(set) var touched: [Int32] = []

  public init(nodeCount: Int) {
    dist = [Double](repeating: .infinity, count: nodeCount)
    predEdge = [Int32](repeating: -1, count: nodeCount)
    base = [Int32](repeating: -1, count: nodeCount)
    settled = [Bool](repeating: false, count: nodeCount)
    heap = IndexedHeap(capacity: nodeCount)
  }

  /// Clears what the last search wrote. O(nodes touched).
  public mutating func reset() {
    for v in touched {
      let i = Int(v)
      dist[i] = .infinity; predEdge[i] = -1; base[i] = -1; settled[i] = false
    }
    touched.removeAll(keepingCapacity: true)
    heap.removeAll()
  }

  /// Makes `v` a source at distance `d` with label `label`. O(log n).
  public mutating func seed(_ v: Int, distance d: Double = 0, label: Int32) {
    if d < dist[v] {
      if dist[v] == .infinity { touched.append(Int32(v)) }
      dist[v] = d; base[v] = label; predEdge[v] = -1
      heap.push(v, d)
    }
  }

  /// Runs Dijkstra from the seeded sources until the heap is empty, the next key
  /// exceeds `bound`, or `stop` returns true for a settled node (that node is then the
  /// return value). `allowed` filters the edges that may be used. O(m log n) worst case,
  /// proportional to the explored region when bounded.
  public mutating func run(_ g: CSRGraph, weights: [Double], bound: Double = .infinity,
                           allowed: (Int) -> Bool = { _ in true },
                           stop: (Int) -> Bool = { _ in false }) -> Int? {
    while !heap.isEmpty {
      if heap.minKey > bound { return nil }
      let (v, d) = heap.pop()
      settled[v] = true
      if stop(v) { return v }
      let label = base[v]
      for a in g.arcs(v) {
        let e = Int(g.arcEdge[a])
        let w = Int(g.arcHead[a])
        if settled[w] || !allowed(e) { continue }
        let nd = d + weights[e]
        if nd < dist[w] {
          if dist[w] == .infinity { touched.append(Int32(w)) }
          dist[w] = nd; predEdge[w] = Int32(e); base[w] = label
          heap.push(w, nd)
        }
      }
    }
    return nil
  }

  /// Shortest distances from one node. O(m log n).
  public mutating func singleSource(_ g: CSRGraph, weights: [Double], from s: Int,
                                    bound: Double = .infinity) {
    reset()
    seed(s, label: Int32(s))
    _ = run(g, weights: weights, bound: bound)
  }

  /// Edges of the shortest-path-tree path from `v` back to its source, nearest first.
  /// O(path length).
  public func pathEdges(_ g: CSRGraph, to v: Int) -> [Int32] {
    Self.pathEdges(g, predEdge: predEdge, to: v)
  }

  /// Edges from `v` back along `predEdge` (the edge to each node's predecessor, -1 at a
  /// source), nearest first. O(path length).
  public static func pathEdges(_ g: CSRGraph, predEdge: [Int32], to v: Int) -> [Int32] {
    var path: [Int32] = []
    var x = v
    while predEdge[x] >= 0 {
      let e = Int(predEdge[x])
      path.append(Int32(e))
      x = g.opposite(e, x)
    }
    return path
  }
}
