import FibreCore

/// Which edges of a chosen subset (a tree, a route set) meet at each node, in CSR form:
/// `position[start[v] ..< start[v+1]]` are positions in the subset's edge list. Trees
/// and pruning walk this instead of the whole graph. Built by counting sort, O(n + k).
public struct EdgeSubsetIncidence: Sendable {
  /// `nodeCount + 1` offsets into `position`.
  public let start: [Int32]
  public let position: [Int32]

  /// - Precondition: every endpoint of `edges` lies in `0..<nodeCount`.
  public init(nodeCount: Int, edges: [Int32], edgeU: [Int32], edgeV: [Int32]) {
    var start = [Int32](repeating: 0, count: nodeCount + 1)
    for e in edges {
      start[Int(edgeU[Int(e)]) + 1] += 1
      start[Int(edgeV[Int(e)]) + 1] += 1
    }
    for v in 0..<nodeCount { start[v + 1] += start[v] }
    var fill = start
    var position = [Int32](repeating: 0, count: 2 * edges.count)
    for (k, e) in edges.enumerated() {
      let u = Int(edgeU[Int(e)]), v = Int(edgeV[Int(e)])
      position[Int(fill[u])] = Int32(k); fill[u] += 1
      position[Int(fill[v])] = Int32(k); fill[v] += 1
    }
    self.start = start
    self.position = position
  }

  /// Positions of the subset's edges at `v`.
  @inlinable public func positions(at v: Int) -> Range<Int> { Int(start[v])..<Int(start[v + 1]) }

  /// How many of the subset's edges meet at `v`.
  @inlinable public func degree(_ v: Int) -> Int32 { start[v + 1] - start[v] }
}
