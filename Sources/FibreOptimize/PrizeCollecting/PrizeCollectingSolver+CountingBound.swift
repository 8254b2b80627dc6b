import FibreCore

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
    var degree = [Int](repeating: 0, count: n)
    var start = [Int32](repeating: 0, count: n + 1)
    for e in usableEdges { degree[Int(edgeU[Int(e)])] += 1; degree[Int(edgeV[Int(e)])] += 1 }
    for v in 0..<n { start[v + 1] = start[v] + Int32(degree[v]) }
    var fill = Array(start.dropLast()), neighbour = [Int32](repeating: 0, count: Int(start[n]))
    for e in usableEdges {
      let u = Int(edgeU[Int(e)]), v = Int(edgeV[Int(e)])
      neighbour[Int(fill[u])] = Int32(v); fill[u] += 1
      neighbour[Int(fill[v])] = Int32(u); fill[v] += 1
    }
    // B: prize vertices, greedily by prize (largest first, then id), no two adjacent.
    let order = (0..<n).filter { prizes[$0] > 0 }.sorted { prizes[$0] != prizes[$1] ? prizes[$0] > prizes[$1] : $0 < $1 }
    var inB = [Bool](repeating: false, count: n)
    for v in order where !(Int(start[v])..<Int(start[v + 1])).contains(where: { inB[Int(neighbour[$0])] }) {
      inB[v] = true
    }
    var gainB: [Double] = [], costA: [Double] = [], roomA: [Int] = []
    for v in 0..<n where degree[v] > 0 || prizes[v] > 0 {
      if inB[v] { gainB.append(c - prizes[v]) } else { costA.append(c - prizes[v]); roomA.append(degree[v] - 1) }
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
