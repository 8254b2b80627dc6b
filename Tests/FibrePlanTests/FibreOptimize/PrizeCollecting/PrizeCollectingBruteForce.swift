@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Exact PCSTP optimum of a small graph (≤ 12 nodes) by enumeration: the best tree on a
/// vertex set is its MST, so the optimum is the minimum over connected vertex subsets
/// of MST cost plus the prizes left out. O(2^n · m).
enum PrizeCollectingBruteForce {
  static func optimum(_ inst: SteinerInstance, root: Int32? = nil) -> Double {
    let n = inst.nodeCount
    precondition(n <= 12)
    let order = (0..<inst.edgeCount).sorted { inst.edgeWeight[$0] < inst.edgeWeight[$1] }
    var best = Double.infinity
    for mask in 1..<(1 << n) {
      if let root, mask & (1 << Int(root)) == 0 { continue }
      var parent = Array(0..<n)
      func find(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
      var cost = 0.0, joins = 0
      for e in order {
        let u = Int(inst.edgeU[e]), v = Int(inst.edgeV[e])
        guard mask & (1 << u) != 0, mask & (1 << v) != 0 else { continue }
        let a = find(u), b = find(v)
        if a != b { parent[a] = b; cost += inst.edgeWeight[e]; joins += 1 }
      }
      guard joins == mask.nonzeroBitCount - 1 else { continue }  // G[mask] disconnected
      for v in 0..<n where mask & (1 << v) == 0 { cost += inst.prizes[v] }
      best = min(best, cost)
    }
    return best
  }

  /// Seeded random connected graph: a random spanning tree plus extra edges; integer
  /// weights 1...20, about half the nodes with prizes 1...25.
  static func randomInstance(nodes n: Int, extraEdges: Int, seed: UInt64) -> SteinerInstance {
    var rng = PrizeCollectingSolver.SplitMix(seed: seed)
    var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
    for i in 1..<n {
      u.append(Int32(Int(rng.next() % UInt64(i)))); v.append(Int32(i)); w.append(Double(1 + rng.next() % 20))
    }
    for _ in 0..<extraEdges {
      let a = Int32(rng.next() % UInt64(n)), b = Int32(rng.next() % UInt64(n))
      if a != b { u.append(a); v.append(b); w.append(Double(1 + rng.next() % 20)) }
    }
    let prizes = (0..<n).map { _ in rng.next() % 2 == 0 ? Double(1 + rng.next() % 25) : 0 }
    let terminals = (0..<Int32(n)).filter { prizes[Int($0)] > 0 }
    return SteinerInstance(nodeCount: n, edgeU: u, edgeV: v, edgeWeight: w, terminals: terminals, prizes: prizes)
  }
}
