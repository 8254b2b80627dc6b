import FibreCore
import FibreGraph

extension PrizeCollectingSolver {
  /// Counting bound for instances whose usable edges cost between c > 0 and 2c (the
  /// argument that bounds Steiner trees in hypercubes, e.g. hc6u: 38 ≤ 39); every tree
  /// edge costs at least c, so with equal costs it is exact in c. Take an
  /// independent set B of prize vertices; its complement A covers every edge. A tree on
  /// the vertex set S has |S| − 1 edges, each with an end in S ∩ A, so
  ///   |S ∩ B| ≤ 1 + Σ_{a ∈ S ∩ A} (deg(a) − 1).
  /// Its objective is P − c + Σ_{v ∈ S} (c − p(v)). For each j = |S ∩ A|, the j smallest
  /// values c − p(a) bound A's part from below, the j largest degrees bound the room for
  /// B, and the most negative c − p(b) that fit bound B's part: the minimum over j is a
  /// valid bound for rooted and unrooted trees alike. nil when some edge costs more
  /// than 2c: there c · (|S| − 1) is too far below a tree's cost to help (and planning's
  /// street graphs skip the O(n log n) work). O(n log n + m).
  package static func countingBound(nodeCount n: Int, edgeU: [Int32], edgeV: [Int32], weight: [Double],
                                    usableEdges: [Int32], prizes: [Double]) -> Double? {
    var c = Double.infinity, dearest = 0.0
    for e in usableEdges { c = min(c, weight[Int(e)]); dearest = max(dearest, weight[Int(e)]) }
    guard c > 0, c.isFinite, dearest <= 2 * c else { return nil }
    let graph = CSRGraph(nodeCount: n, edgeU: usableEdges.map { edgeU[Int($0)] },
                         edgeV: usableEdges.map { edgeV[Int($0)] })
    // B: prize vertices, greedily by prize (largest first, then id), no two adjacent.
    let order = (0..<n).filter { prizes[$0] > 0 }.sorted { prizes[$0] != prizes[$1] ? prizes[$0] > prizes[$1] : $0 < $1 }
    var inB = [Bool](repeating: false, count: n)
    for v in order where !graph.arcs(v).contains(where: { inB[Int(graph.arcHead[$0])] }) {
      inB[v] = true
    }
    var gainB: [Double] = [], costA: [Double] = [], roomA: [Int] = []
    for v in 0..<n where graph.degree(v) > 0 || prizes[v] > 0 {
      if inB[v] { gainB.append(c - prizes[v]) } else { costA.append(c - prizes[v]); roomA.append(graph.degree(v) - 1) }
    }
    gainB.sort(); costA.sort(); roomA.sort(by: >)
    var bestB = [0.0]  // bestB[t]: the t most negative gains (or the least positive one for t = 1)
    for g in gainB { bestB.append(bestB[bestB.count - 1] + g) }
    let helpful = gainB.firstIndex { $0 >= 0 } ?? gainB.count
    var best = Double.infinity, partA = 0.0, room = 1
    for j in 0...costA.count {
      if j > 0 { partA += costA[j - 1]; room += max(0, roomA[j - 1]) }
      var t = min(room, helpful)
      if j == 0 { t = gainB.isEmpty ? -1 : max(1, t) }  // S is not empty
      if t >= 0 { best = min(best, partA + bestB[t]) }
    }
    guard best.isFinite else { return nil }
    return max(0, prizes.reduce(0, +) - c + best)
  }
}
