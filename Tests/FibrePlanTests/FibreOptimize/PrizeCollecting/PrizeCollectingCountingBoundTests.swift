import Testing
@testable import FibreOptimize

/// `PrizeCollectingSolver.countingBound`: trees on equal-cost edges, bounded by counting.
@Suite struct PrizeCollectingCountingBoundTests {
  static func bound(_ inst: SteinerInstance) -> Double? {
    PrizeCollectingSolver.countingBound(nodeCount: inst.nodeCount, edgeU: inst.edgeU, edgeV: inst.edgeV,
                                        weight: inst.edgeWeight, usableEdges: Array(0..<Int32(inst.edgeCount)),
                                        prizes: inst.prizes)
  }

  /// The unit 6-cube with prize 2 on its 32 even vertices: j odd vertices give room for
  /// at most 1 + 5j even ones, so the best relaxed set is 6 odd and 31 even (or 7 and
  /// 32) vertices: 64 − 1 + 6 − 62 = 38, the value the MIP bound reaches too (optimum 39).
  @Test func sixCubeWithEvenPrizes() {
    #expect(Self.bound(PrizeCollectingPacingTests.unitCube(dimension: 6)) == 38)
  }

  /// The unit 4-cube: 2 odd vertices make room for 7 even ones, 3 for all 8, so the
  /// bound is 16 − 1 + 2 − 7 = 10 = 16 − 1 + 3 − 8: the enumerated optimum, so the
  /// solver proves its tree optimal and stops.
  @Test func fourCubeIsCertifiedOptimal() {
    let cube = PrizeCollectingPacingTests.unitCube(dimension: 4)
    #expect(Self.bound(cube) == 10)
    let s = PrizeCollectingSolver.solve(cube, options: SteinerOptions(timeLimit: 5, threads: 1, seed: 1, maxRounds: 100))
    #expect(s.cost == 10 && s.lowerBound == 10)
  }

  /// A star of four leaves with prize 5 on edges of 1: the centre makes room for all
  /// four, 20 − 1 + 1 − 16 = 4, the tree of all edges.
  @Test func starIsTight() {
    let star = SteinerInstance(nodeCount: 5, edgeU: [0, 0, 0, 0], edgeV: [1, 2, 3, 4], edgeWeight: [1, 1, 1, 1],
                               terminals: [1, 2, 3, 4], prizes: [0, 5, 5, 5, 5])
    #expect(Self.bound(star) == 4)
  }

  /// Path 0 – 1 – 2 with edges of 2 and 3 and prizes 4, 0, 4: every edge costs at least
  /// 2, so 8 − 2 + (2 − 0) + 2 × (2 − 4) = 4, the optimum (one end alone; both cost 5).
  @Test func nearlyEqualWeightsBoundByTheCheapest() {
    let path = SteinerInstance(nodeCount: 3, edgeU: [0, 1], edgeV: [1, 2], edgeWeight: [2, 3],
                               terminals: [0, 2], prizes: [4, 0, 4])
    #expect(Self.bound(path) == 4)
  }

  @Test func weightsBeyondAFactorTwoGiveNoBound() {
    let path = SteinerInstance(nodeCount: 3, edgeU: [0, 1], edgeV: [1, 2], edgeWeight: [1, 3],
                               terminals: [0, 2], prizes: [4, 0, 4])
    #expect(Self.bound(path) == nil)
  }

  /// Never above the enumerated optimum, rooted or not (random graphs, weights all 4 or,
  /// for odd seeds, 4 to 7, prizes 0–9), and it reaches the optimum on some of them.
  @Test func neverAboveTheOptimum() {
    var tight = 0
    for seed in UInt64(1)...30 {
      var inst = PrizeCollectingBruteForce.randomInstance(nodes: 7 + Int(seed % 5), extraEdges: 8, seed: seed)
      inst.edgeWeight = inst.edgeWeight.map { seed % 2 == 0 ? 4 : 4 + Double(Int($0) % 4) }
      inst.prizes = inst.prizes.map { Double(Int($0) % 10) }
      guard let b = Self.bound(inst) else { Issue.record("seed \(seed): no bound"); continue }
      let opt = PrizeCollectingBruteForce.optimum(inst)
      #expect(b <= opt + 1e-9, "seed \(seed): bound \(b) above the optimum \(opt)")
      #expect(b <= PrizeCollectingBruteForce.optimum(inst, root: 0) + 1e-9, "seed \(seed), rooted at 0")
      if abs(b - opt) < 1e-9 { tight += 1 }
    }
    #expect(tight > 0)
  }
}
