import Testing
import FibreGraph
@testable import FibreOptimize

/// `PrizeCollectingSolver.countingBound`: trees on equal-cost edges, bounded by counting.
@Suite struct PrizeCollectingCountingBoundTests {
  static func bound(_ inst: SteinerInstance) -> Double? {
    PrizeCollectingSolver.countingBound(nodeCount: inst.nodeCount, edgeU: inst.edgeU, edgeV: inst.edgeV,
                                        weight: inst.edgeWeight, usableEdges: Array(0..<Int32(inst.edgeCount)),
                                        prizes: inst.prizes)
  }

  /// The unit 6-cube with prize 2 on its 32 even vertices. Two odd vertices with a common
  /// neighbour share exactly two, so j linked odd vertices reach at most 2 + 4j even ones
  /// (with one shared, 1 + 5j: 38, where HiGHS's bound stops too). 7 odd vertices reach 30
  /// (64 − 1 + 7 − 60 = 40), 8 reach all 32: 64 − 1 + 8 − 64 = 39, SteinLib's hc6u optimum.
  @Test func sixCubeWithEvenPrizes() {
    #expect(Self.bound(PrizeCollectingPacingTests.unitCube(dimension: 6)) == 39)
  }

  /// Shared neighbours: two in a cube, however many parallel edges there are; one as soon
  /// as two vertices outside B are adjacent (a tree may link them directly).
  @Test func sharedNeighbourFloor() {
    func floor(_ n: Int, _ edges: [(Int32, Int32)], b: Set<Int>) -> Int {
      let g = CSRGraph(nodeCount: n, edgeU: edges.map(\.0), edgeV: edges.map(\.1))
      return PrizeCollectingSolver.sharedNeighbourFloor(g, inB: (0..<n).map { b.contains($0) }, workLimit: .max)
    }
    let cube = PrizeCollectingPacingTests.unitCube(dimension: 3)
    let cubeEdges = Array(zip(cube.edgeU, cube.edgeV))
    #expect(floor(8, cubeEdges, b: [0, 3, 5, 6]) == 2)
    #expect(floor(4, [(0, 2), (1, 2), (1, 2), (0, 3)], b: [2, 3]) == 1)  // 0 and 1 share only 2
    #expect(floor(4, [(0, 2), (1, 2), (0, 3), (1, 3), (0, 1)], b: [2, 3]) == 1)
    #expect(floor(5, [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)], b: [2, 3, 4]) == 3)
  }

  /// The unit 4-cube: 2 linked odd vertices reach 6 even ones, 3 all 8, so the bound is
  /// 16 − 1 + 3 − 8 = 10 (2 give 16 − 1 + 2 − 6 = 11): the enumerated optimum, so the
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

  /// The same on random bipartite graphs (up to 4 + 8 vertices, each edge with
  /// probability 3/4, prizes on one side and, for some seeds, on both), where two vertices
  /// often share two or more neighbours, so that the bound counts with λ ≥ 2.
  @Test func neverAboveTheOptimumOnBipartiteGraphs() {
    var sharedTwo = 0, tight = 0
    for seed in UInt64(1)...40 {
      var rng = PrizeCollectingSolver.SplitMix(seed: seed)
      let left = 2 + Int(rng.next() % 3), n = left + 4 + Int(rng.next() % 5)
      var u: [Int32] = [], v: [Int32] = []
      for a in 0..<left { for b in left..<n where rng.next() % 4 != 0 { u.append(Int32(a)); v.append(Int32(b)) } }
      for b in left..<n where !v.contains(Int32(b)) { u.append(0); v.append(Int32(b)) }
      let prizes = (0..<n).map { x in x < left ? (seed % 3 == 0 ? Double(rng.next() % 3) : 0) : Double(1 + rng.next() % 4) }
      let inst = SteinerInstance(nodeCount: n, edgeU: u, edgeV: v,
                                 edgeWeight: u.indices.map { _ in seed % 2 == 0 ? 3 : 3 + Double(rng.next() % 4) },
                                 terminals: (0..<Int32(n)).filter { prizes[Int($0)] > 0 }, prizes: prizes)
      guard let b = Self.bound(inst) else { Issue.record("seed \(seed): no bound"); continue }
      let opt = PrizeCollectingBruteForce.optimum(inst)
      #expect(b <= opt + 1e-9, "seed \(seed): bound \(b) above the optimum \(opt)")
      #expect(b <= PrizeCollectingBruteForce.optimum(inst, root: 0) + 1e-9, "seed \(seed), rooted at 0")
      if abs(b - opt) < 1e-9 { tight += 1 }
      if seed % 3 != 0 {  // then B is the right side
        let g = CSRGraph(nodeCount: n, edgeU: u, edgeV: v)
        if PrizeCollectingSolver.sharedNeighbourFloor(g, inB: (0..<n).map { $0 >= left }, workLimit: .max) >= 2 {
          sharedTwo += 1
        }
      }
    }
    #expect(sharedTwo > 0 && tight > 0, "λ ≥ 2 on \(sharedTwo), tight on \(tight)")
  }
}
