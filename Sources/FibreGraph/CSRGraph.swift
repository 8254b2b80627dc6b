import FibreCore

/// An undirected multigraph in compressed sparse row form: the arcs leaving node `v`
/// are `rowStart[v]..<rowStart[v+1]`; arc `a` leads to `arcHead[a]` along edge
/// `arcEdge[a]`. Every edge contributes two arcs (a self-loop both at its one node),
/// so parallel edges and self-loops are kept as they are.
public struct CSRGraph: Sendable {
  public let nodeCount: Int
  /// `nodeCount + 1` offsets into the arc arrays.
  public let rowStart: [Int32]
  public let arcHead: [Int32]
  public let arcEdge: [Int32]
  public let edgeU: [Int32]
  public let edgeV: [Int32]

  public var edgeCount: Int { edgeU.count }

  /// Builds the adjacency by counting sort. O(n + m).
  /// - Precondition: every endpoint lies in `0..<nodeCount`.
  public init(nodeCount: Int, edgeU: [Int32], edgeV: [Int32]) {
    precondition(edgeU.count == edgeV.count, "edge arrays differ in length")
    self.nodeCount = nodeCount
    self.edgeU = edgeU
    self.edgeV = edgeV
    let m = edgeU.count
    var start = [Int32](repeating: 0, count: nodeCount + 1)
    for e in 0..<m {
      start[Int(edgeU[e]) + 1] += 1
      start[Int(edgeV[e]) + 1] += 1
    }
    for v in 0..<nodeCount { start[v + 1] += start[v] }
    var fill = start
    var head = [Int32](repeating: 0, count: 2 * m)
    var edge = [Int32](repeating: 0, count: 2 * m)
    for e in 0..<m {
      let u = Int(edgeU[e]), v = Int(edgeV[e])
      head[Int(fill[u])] = Int32(v); edge[Int(fill[u])] = Int32(e); fill[u] += 1
      head[Int(fill[v])] = Int32(u); edge[Int(fill[v])] = Int32(e); fill[v] += 1
    }
    rowStart = start
    arcHead = head
    arcEdge = edge
  }

  /// The arcs leaving `v`. O(1).
  @inline(__always)
  public func arcs(_ v: Int) -> Range<Int> { Int(rowStart[v])..<Int(rowStart[v + 1]) }

  @inline(__always)
  public func degree(_ v: Int) -> Int { Int(rowStart[v + 1] - rowStart[v]) }

  /// The endpoint of edge `e` that is not `v` (`v` itself for a self-loop). O(1).
  @inline(__always)
  public func opposite(_ e: Int, _ v: Int) -> Int {
    let u = Int(edgeU[e])
    return u == v ? Int(edgeV[e]) : u
  }

  /// Nodes reachable from `source`, as a membership mask. O(n + m).
  public func reachable(from source: Int) -> [Bool] {
    var seen = [Bool](repeating: false, count: nodeCount)
    guard source >= 0 && source < nodeCount else { return seen }
    var stack: [Int32] = [Int32(source)]
    seen[source] = true
    while let v = stack.popLast() {
      for a in arcs(Int(v)) {
        let w = Int(arcHead[a])
        if !seen[w] { seen[w] = true; stack.append(Int32(w)) }
      }
    }
    return seen
  }
}
