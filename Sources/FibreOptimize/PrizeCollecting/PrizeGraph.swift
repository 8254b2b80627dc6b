import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// Undirected graph in CSR form with prizes, the working representation of every
  /// PCSTP routine here. Self-loops are dropped; parallel edges are kept (the MST and the
  /// shortest-path routines simply never pick the dearer one).
  package struct Graph {
    package let nodeCount: Int
    package let edgeU: [Int32]
    package let edgeV: [Int32]
    package let weight: [Double]
    package let prize: [Double]
    /// CSR: the arcs of node `v` are `start[v]..<start[v+1]`.
    package let start: [Int32]
    package let adjNode: [Int32]
    package let adjEdge: [Int32]
    /// Edge ids sorted by (weight, id): Kruskal over any vertex subset scans this once.
    package let edgesByWeight: [Int32]
    /// rank[e] = position of e in `edgesByWeight`: sorting by it sorts by (weight, id).
    package let rank: [Int32]
    package let totalPrize: Double

    /// O(n + m log m).
    package init(nodeCount n: Int, edgeU: [Int32], edgeV: [Int32], weight: [Double], prize: [Double]) {
      nodeCount = n
      self.edgeU = edgeU
      self.edgeV = edgeV
      self.weight = weight
      self.prize = prize
      let m = edgeU.count
      var degree = [Int32](repeating: 0, count: n + 1)
      for e in 0..<m where edgeU[e] != edgeV[e] {
        degree[Int(edgeU[e])] += 1
        degree[Int(edgeV[e])] += 1
      }
      var start = [Int32](repeating: 0, count: n + 1)
      for i in 0..<n { start[i + 1] = start[i] + degree[i] }
      var fill = start
      var adjNode = [Int32](repeating: 0, count: Int(start[n]))
      var adjEdge = [Int32](repeating: 0, count: Int(start[n]))
      for e in 0..<m where edgeU[e] != edgeV[e] {
        let u = Int(edgeU[e]), v = Int(edgeV[e])
        adjNode[Int(fill[u])] = Int32(v); adjEdge[Int(fill[u])] = Int32(e); fill[u] += 1
        adjNode[Int(fill[v])] = Int32(u); adjEdge[Int(fill[v])] = Int32(e); fill[v] += 1
      }
      self.start = start
      self.adjNode = adjNode
      self.adjEdge = adjEdge
      edgesByWeight = (0..<Int32(m)).filter { edgeU[Int($0)] != edgeV[Int($0)] }.sorted {
        weight[Int($0)] != weight[Int($1)] ? weight[Int($0)] < weight[Int($1)] : $0 < $1
      }
      var rank = [Int32](repeating: Int32.max, count: m)
      for (i, e) in edgesByWeight.enumerated() { rank[Int(e)] = Int32(i) }
      self.rank = rank
      totalPrize = prize.reduce(0, +)
    }

    @inline(__always) package func other(_ e: Int, _ v: Int) -> Int {
      Int(edgeU[e]) == v ? Int(edgeV[e]) : Int(edgeU[e])
    }
  }

  /// Binary min-heap of (key, id) pairs with ties broken by id, so pops are deterministic.
  package typealias MinHeap = BinaryHeap<KeyedID>

  package struct KeyedID: Comparable {
    package var key: Double
    package var id: Int32
    @inline(__always) package static func < (a: Self, b: Self) -> Bool {
      a.key != b.key ? a.key < b.key : a.id < b.id
    }
  }
}

extension BinaryHeap where Element == PrizeCollectingSolver.KeyedID {
  /// O(log n).
  @inline(__always) package mutating func push(_ key: Double, _ id: Int32) {
    push(PrizeCollectingSolver.KeyedID(key: key, id: id))
  }

  /// The smallest (key, id). O(log n). Precondition: not empty.
  @inline(__always) package mutating func popMin() -> (key: Double, id: Int32) {
    let top = pop()!
    return (top.key, top.id)
  }
}
