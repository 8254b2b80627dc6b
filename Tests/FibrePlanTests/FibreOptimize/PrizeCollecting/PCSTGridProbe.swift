import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Scale probe on a seeded street-like grid (side² nodes, 10 % prize vertices), off by
/// default: FIBREPLAN_PCST_GRID=150 swift test -c release --filter PCSTGridProbe
@Suite struct PCSTGridProbe {
  static let side = ProcessInfo.processInfo.environment["FIBREPLAN_PCST_GRID"].flatMap(Int.init)

  @Test(.enabled(if: PCSTGridProbe.side != nil)) func grid() {
    let side = Self.side ?? 100
    var rng = PrizeCollectingSolver.SplitMix(seed: 3)
    var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
    for r in 0..<side {
      for c in 0..<side {
        let id = Int32(r * side + c)
        if c + 1 < side { u.append(id); v.append(id + 1); w.append(Double(10 + rng.next() % 90)) }
        if r + 1 < side { u.append(id); v.append(id + Int32(side)); w.append(Double(10 + rng.next() % 90)) }
      }
    }
    let prizes = (0..<side * side).map { _ in rng.next() % 10 == 0 ? Double(50 + rng.next() % 200) : 0 }
    let inst = SteinerInstance(nodeCount: side * side, edgeU: u, edgeV: v, edgeWeight: w, terminals: [], prizes: prizes)
    let s = PrizeCollectingSolver.solve(inst, options: SteinerOptions(timeLimit: 10, threads: 1, seed: 1))
    let gw = PrizeCollectingSolver.growthObjective(inst)
    print("grid \(side)x\(side): cost \(s.cost), bound \(s.lowerBound), GW+SP \(gw), \(s.seconds) s")
    #expect(PrizeCollectingSolver.verify(s, for: inst) == nil)
    #expect(s.cost <= gw)
  }
}
