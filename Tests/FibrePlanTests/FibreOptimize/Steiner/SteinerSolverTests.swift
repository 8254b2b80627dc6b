import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct SteinerSolverTests {
  /// Three terminals on a triangle of weight-4 edges with a hub at distance 2.
  /// A stage of a longer search (`clockLimit`) is paced by its counted work alone: on
  /// the unit 6-cube with its 32 even vertices as terminals, a 5 ms stage (whose
  /// reductions alone take longer in a debug build) gives the same tree on 1 and 2
  /// threads and on a second run, never worse than the construction at limit 0.
  @Test func aStageWithAFarClockLimitIsPacedByWork() {
    var cube = PrizeCollectingPacingTests.unitCube(dimension: 6)
    cube.prizes = []
    var stage = SteinerOptions(timeLimit: 0.005, threads: 1, seed: 1)
    stage.clockLimit = 600
    #expect(stage.clockSpan == 600 && SteinerOptions(timeLimit: 3).clockSpan == 3)
    let one = SteinerSolver.solve(cube, options: stage)
    stage.threads = 2
    let two = SteinerSolver.solve(cube, options: stage), again = SteinerSolver.solve(cube, options: stage)
    #expect(one.edges == two.edges && two.edges == again.edges)
    #expect(one.cost <= SteinerSolver.solve(cube, options: SteinerOptions(timeLimit: 0)).cost)
  }

  @Test func hubBeatsTriangle() {
    let inst = SteinerInstance(nodeCount: 4, edgeU: [0, 1, 2, 0, 1, 2], edgeV: [1, 2, 0, 3, 3, 3],
                               edgeWeight: [4, 4, 4, 2, 2, 2], terminals: [0, 1, 2])
    for limit in [0.0, 0.05] {
      let s = SteinerSolver.solve(inst, options: .init(timeLimit: limit, maxRounds: 5))
      #expect(SteinerSolver.verify(s, for: inst) == nil)
      #expect(s.cost == 6)
      #expect(s.edges == [3, 4, 5])
      #expect(s.lowerBound <= 6)
    }
  }

  /// A 3x3 grid with terminals at three corners: optimum 4 (unit weights).
  @Test func gridCorners() {
    var u: [Int32] = [], v: [Int32] = []
    for r in 0..<3 {
      for c in 0..<3 {
        let x = Int32(3 * r + c)
        if c < 2 { u.append(x); v.append(x + 1) }
        if r < 2 { u.append(x); v.append(x + 3) }
      }
    }
    let inst = SteinerInstance(nodeCount: 9, edgeU: u, edgeV: v,
                               edgeWeight: [Double](repeating: 1, count: u.count), terminals: [0, 2, 6])
    let s = SteinerSolver.solve(inst, options: .init(timeLimit: 0))
    #expect(SteinerSolver.verify(s, for: inst) == nil)
    #expect(s.cost == 4)
    #expect(s.lowerBound == 4)  // dual ascent closes this one
  }

  @Test func degenerateInputsNeverCrash() {
    // No terminals, one terminal, repeated terminals.
    let path = SteinerInstance(nodeCount: 3, edgeU: [0, 1], edgeV: [1, 2], edgeWeight: [1, 1], terminals: [])
    #expect(SteinerSolver.solve(path).edges.isEmpty)
    var one = path; one.terminals = [1, 1]
    #expect(SteinerSolver.solve(one).cost == 0)
    // Self-loops, parallel edges, zero weights, isolated nodes, invalid edges.
    let messy = SteinerInstance(
      nodeCount: 6, edgeU: [0, 0, 0, 1, 1, 2, 7, 3, 2], edgeV: [0, 1, 1, 2, 2, 2, 1, 4, 3],
      edgeWeight: [5, 4, 2, 0, 3, 1, 1, -1, .nan], terminals: [0, 2, 9])
    let s = SteinerSolver.solve(messy, options: .init(timeLimit: 0))
    #expect(SteinerSolver.verify(s, for: messy) == nil)
    #expect(s.cost == 2)
    #expect(s.edges == [2, 3])
    // Terminals in two components: a tree spanning those reachable from the first.
    let split = SteinerInstance(nodeCount: 5, edgeU: [0, 1, 3], edgeV: [1, 2, 4], edgeWeight: [1, 2, 7],
                                terminals: [0, 2, 3, 4])
    let f = SteinerSolver.solve(split, options: .init(timeLimit: 0.01, maxRounds: 2))
    #expect(f.edges == [0, 1])
    #expect(f.cost == 3)
    #expect(SteinerSolver.verify(f, for: split) == nil)
  }

  @Test func verifyNamesTheProblem() {
    let inst = SteinerInstance(nodeCount: 3, edgeU: [0, 1, 0], edgeV: [1, 2, 2], edgeWeight: [1, 1, 5],
                               terminals: [0, 2])
    #expect(SteinerSolver.verify(.init(edges: [0, 1], cost: 2, lowerBound: 2, seconds: 0), for: inst) == nil)
    #expect(SteinerSolver.verify(.init(edges: [0, 1, 2], cost: 7, lowerBound: 0, seconds: 0), for: inst)?
      .contains("cycle") == true)
    #expect(SteinerSolver.verify(.init(edges: [0], cost: 1, lowerBound: 0, seconds: 0), for: inst)?
      .contains("terminal 2") == true)
    #expect(SteinerSolver.verify(.init(edges: [0, 1], cost: 3, lowerBound: 0, seconds: 0), for: inst)?
      .contains("cost") == true)
    #expect(SteinerSolver.verify(.init(edges: [0, 1], cost: 2, lowerBound: 3, seconds: 0), for: inst)?
      .contains("lower bound") == true)
    #expect(SteinerSolver.verify(.init(edges: [4], cost: 0, lowerBound: 0, seconds: 0), for: inst)?
      .contains("out of range") == true)
  }

  /// Seeded random graphs against enumeration: valid tree, bound ≤ optimum ≤ cost, and
  /// with a few multi-start rounds the optimum itself nearly always.
  @Test func randomGraphsAgainstBruteForce() {
    var rng = TestRNG(2024)
    var optimalFast = 0, optimalSearch = 0
    let cases = 60
    for _ in 0..<cases {
      let inst = randomInstance(&rng)
      let opt = bruteForce(inst)
      for (limit, rounds) in [(0.0, 0), (0.5, 8)] {
        let s = SteinerSolver.solve(inst, options: .init(timeLimit: limit, seed: 3, maxRounds: rounds))
        #expect(SteinerSolver.verify(s, for: inst) == nil)
        #expect(s.lowerBound <= opt + 1e-9)
        #expect(opt <= s.cost + 1e-9)
        if s.cost == opt { if limit == 0 { optimalFast += 1 } else { optimalSearch += 1 } }
      }
    }
    #expect(optimalFast >= cases * 8 / 10)
    #expect(optimalSearch >= cases * 95 / 100)
  }

  @Test func sameOptionsSameAnswer() {
    var rng = TestRNG(99)
    let inst = randomInstance(&rng, maxNodes: 12)
    let a = SteinerSolver.solve(inst, options: .init(timeLimit: 1, seed: 5, maxRounds: 4))
    let b = SteinerSolver.solve(inst, options: .init(timeLimit: 1, threads: 1, seed: 5, maxRounds: 4))
    #expect(a.edges == b.edges && a.cost == b.cost && a.lowerBound == b.lowerBound)
  }
}
