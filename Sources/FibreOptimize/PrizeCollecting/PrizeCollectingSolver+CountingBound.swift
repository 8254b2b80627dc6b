import FibreCore
import FibreGraph

extension PrizeCollectingSolver {
  /// Counting bound for instances whose usable edges cost between c > 0 and 2c (the
  /// argument that bounds Steiner trees in hypercubes); every tree edge costs at least c,
  /// so with equal costs it is exact in c. Take an independent set B of prize vertices;
  /// its complement A covers every edge. A tree on the vertex set S has |S| − 1 edges,
  /// each with an end in S ∩ A, so
  ///   |S ∩ B| ≤ λ + Σ_{a ∈ S ∩ A} (deg(a) − λ),
  /// where λ = 1 in general. When A is independent too, S ∩ B lies in the union of the
  /// neighbourhoods of S ∩ A, which S links through shared neighbours; Hunter's bound on a
  /// union (Hunter 1976: minus the overlaps along a spanning tree) then allows λ, the
  /// fewest neighbours that two A vertices with a common neighbour share (2 in a
  /// hypercube, which makes hc6u's 39, hc8u's 148 and hc9u's 292 tight).
  /// Its objective is P − c + Σ_{v ∈ S} (c − p(v)). For each j = |S ∩ A|, the j smallest
  /// values c − p(a) bound A's part from below, the j largest degrees bound the room for
  /// B, and the most negative c − p(b) that fit bound B's part: the minimum over j is a
  /// valid bound for rooted and unrooted trees alike. nil when some edge costs more
  /// than 2c: there c · (|S| − 1) is too far below a tree's cost to help (and planning's
  /// street graphs skip the O(n log n) work). O(n log n + m + Σ_b deg(b)²), the last
  /// term capped (λ = 1 beyond it).
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
    let lambda = sharedNeighbourFloor(graph, inB: inB, workLimit: 50_000_000)
    var gainB: [Double] = [], costA: [Double] = [], roomA: [Int] = []
    for v in 0..<n where graph.degree(v) > 0 || prizes[v] > 0 {
      if inB[v] { gainB.append(c - prizes[v]) } else { costA.append(c - prizes[v]); roomA.append(graph.degree(v) - lambda) }
    }
    gainB.sort(); costA.sort(); roomA.sort(by: >)
    var bestB = [0.0]  // bestB[t]: the t most negative gains (or the least positive one for t = 1)
    for g in gainB { bestB.append(bestB[bestB.count - 1] + g) }
    let helpful = gainB.firstIndex { $0 >= 0 } ?? gainB.count
    var best = Double.infinity, partA = 0.0, room = lambda
    for j in 0...costA.count {
      if j > 0 { partA += costA[j - 1]; room += max(0, roomA[j - 1]) }
      // With no A vertex, S is one B vertex (B is independent).
      let t = j == 0 ? (gainB.isEmpty ? -1 : 1) : min(room, helpful)
      if t >= 0 { best = min(best, partA + bestB[t]) }
    }
    guard best.isFinite else { return nil }
    return max(0, prizes.reduce(0, +) - c + best)
  }

  /// λ of `countingBound`: the fewest distinct neighbours that two vertices outside B
  /// with a common neighbour share; 1 when some edge joins two vertices outside B (then a
  /// tree may link them directly), when no two share a neighbour, or past `workLimit`
  /// neighbour visits. O(Σ_b deg(b)²).
  static func sharedNeighbourFloor(_ graph: CSRGraph, inB: [Bool], workLimit: Int) -> Int {
    let n = graph.nodeCount
    for v in 0..<n where !inB[v] && graph.arcs(v).contains(where: { !inB[Int(graph.arcHead[$0])] }) { return 1 }
    var shared = [Int32](repeating: 0, count: n)
    var lastVia = [Int32](repeating: -1, count: n)   // the last b counted for each a2 (parallel edges)
    var seenFrom = [Int32](repeating: -1, count: n)  // b already walked from the current a
    var touched: [Int32] = []
    var floor = Int32.max, work = 0
    for a in 0..<n where !inB[a] {
      for k in graph.arcs(a) {
        let b = Int(graph.arcHead[k])
        if seenFrom[b] == Int32(a) { continue }
        seenFrom[b] = Int32(a)
        work += graph.degree(b)
        if work > workLimit { return 1 }
        for k2 in graph.arcs(b) {
          let a2 = Int(graph.arcHead[k2])
          if a2 == a || lastVia[a2] == Int32(b) { continue }
          lastVia[a2] = Int32(b)
          if shared[a2] == 0 { touched.append(Int32(a2)) }
          shared[a2] += 1
        }
      }
      for t in touched {
        floor = min(floor, shared[Int(t)])
        shared[Int(t)] = 0
        lastVia[Int(t)] = -1
      }
      touched.removeAll(keepingCapacity: true)
      if floor <= 1 { return 1 }
    }
    return floor == Int32.max ? 1 : Int(floor)
  }
}
