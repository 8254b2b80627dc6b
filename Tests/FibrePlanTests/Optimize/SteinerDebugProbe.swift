// TEMPORARY
#if DEBUG
import Foundation
import Testing
@testable import FibrePlan

@Suite struct SteinerDebugProbe {
  @Test func debug() throws {
    guard let f = ProcessInfo.processInfo.environment["STEINER_DEBUG"], let inst = probeLoad(f) else { return }
    let o = OriginalGraph(inst)
    let p = o.problem
    var sp = ShortestPaths(nodeCount: p.nodeCount)
    print("voronoi", p.cost(p.voronoiTree(weights: p.weight, scratch: &sp)))
    for r in 0..<5 {
      let t = p.shortestPathTree(root: Int(p.terminals[r]), weights: p.weight, scratch: &sp)
      var ls = LocalSearch(p, weights: p.weight, budget: 100_000_000)
      let t2 = ls.improve(t)
      print("sph", r, p.cost(t), t.count, "ls", p.cost(t2), ls.spansTerminals(t2))
    }
  }
}
#endif
