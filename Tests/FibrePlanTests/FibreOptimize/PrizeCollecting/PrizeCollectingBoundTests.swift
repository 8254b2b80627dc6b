import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Lower bounds, the elite pool and restarts of the PCSTP solver, against enumeration.
@Suite struct PrizeCollectingBoundTests {
  static func graph(_ inst: SteinerInstance) -> PrizeCollectingSolver.Graph {
    PrizeCollectingSolver.Graph(nodeCount: inst.nodeCount, edgeU: inst.edgeU, edgeV: inst.edgeV,
                                weight: inst.edgeWeight, prize: inst.prizes)
  }

  /// The unit-cost 3-cube with prize 2 on its four even-parity vertices (0, 3, 5, 6).
  /// Each odd vertex touches three of them: one odd vertex and three even ones (3 edges,
  /// one prize of 2 left) cost 5; all four even vertices need two odd ones (5 edges) = 5.
  static let cube: SteinerInstance = {
    var u: [Int32] = [], v: [Int32] = []
    for x in 0..<8 { for b in 0..<3 where x & (1 << b) == 0 { u.append(Int32(x)); v.append(Int32(x | (1 << b))) } }
    let prizes = (0..<8).map { $0.nonzeroBitCount % 2 == 0 ? 2.0 : 0 }
    return SteinerInstance(nodeCount: 8, edgeU: u, edgeV: v, edgeWeight: [Double](repeating: 1, count: u.count),
                           terminals: [0, 3, 5, 6], prizes: prizes)
  }()

  @Test func cubeOptimum() {
    #expect(PrizeCollectingBruteForce.optimum(Self.cube) == 5)
    let s = PrizeCollectingSolver.solve(Self.cube, options: SteinerOptions(timeLimit: 1, threads: 1, seed: 1, maxRounds: 200))
    #expect(PrizeCollectingSolver.verify(s, for: Self.cube) == nil)
    #expect(s.cost == 5)
    #expect(s.lowerBound > 0 && s.lowerBound <= 5)
  }

  /// Σ_v min(p(v), c_min(v)/2) and the best one-vertex tree: by hand on the star of the
  /// solver tests (min(0, 1.5) + 1.5 + 1.5 + 4 = 7; Σp − max p = 15: bound 7 ≤ 11).
  @Test func degreeBoundByHand() {
    let star = SteinerInstance(nodeCount: 4, edgeU: [0, 0, 0], edgeV: [1, 2, 3], edgeWeight: [3, 3, 8],
                               terminals: [1, 2, 3], prizes: [0, 10, 10, 5])
    #expect(PrizeCollectingSolver.DualAscent.degreeBound(Self.graph(star)) == 7)
    // The 3-cube: odd vertices give 0, even ones min(2, 0.5) each: 2; one vertex alone: 6.
    #expect(PrizeCollectingSolver.DualAscent.degreeBound(Self.graph(Self.cube)) == 2)
  }

  /// Every bound is at most the enumerated optimum, and positive where the optimum is.
  @Test func boundsNeverExceedTheOptimum() {
    for seed in UInt64(300)...330 {
      let inst = PrizeCollectingBruteForce.randomInstance(nodes: 7 + Int(seed % 5), extraEdges: 8, seed: seed)
      let opt = PrizeCollectingBruteForce.optimum(inst)
      let g = Self.graph(inst)
      let degree = PrizeCollectingSolver.DualAscent.degreeBound(g)
      #expect(degree <= opt + 1e-9, "seed \(seed): degree bound \(degree) > optimum \(opt)")
      // No work at all beyond the first root's allowance, and a clock already expired.
      var da = PrizeCollectingSolver.DualAscent(g)
      let starved = da.bound(upper: .infinity, workLimit: 0) { true }
      #expect(starved <= opt + 1e-9, "seed \(seed)")
      if opt > 0 && inst.terminals.count > 1 { #expect(starved > 0, "seed \(seed): starved bound is 0") }
    }
  }

  /// Time limit 0 (one pass) still certifies a positive bound (it used to print 0).
  @Test func fastPassBoundIsPositive() {
    for seed in UInt64(400)...410 {
      let inst = PrizeCollectingBruteForce.randomInstance(nodes: 9, extraEdges: 9, seed: seed)
      let opt = PrizeCollectingBruteForce.optimum(inst)
      let s = PrizeCollectingSolver.solve(inst, options: SteinerOptions(timeLimit: 0, threads: 1, seed: 1))
      #expect(s.lowerBound <= opt + 1e-9, "seed \(seed)")
      if opt > 0 { #expect(s.lowerBound > 0, "seed \(seed)") }
    }
  }

  /// The pool keeps distinct vertex sets, the best `capacity` of them.
  @Test func treePoolKeepsTheBestDistinct() {
    typealias Tree = PrizeCollectingSolver.Tree
    var pool = PrizeCollectingSolver.TreePool(capacity: 2)
    pool.insert(Tree(vertices: [1, 2], edges: [0], objective: 10))
    pool.insert(Tree(vertices: [2, 1], edges: [0], objective: 10))  // same set
    #expect(pool.trees.count == 1)
    pool.insert(Tree(vertices: [3], edges: [], objective: 12))
    pool.insert(Tree(vertices: [4], edges: [], objective: 15))      // worse than a full pool
    #expect(pool.trees.map(\.objective).sorted() == [10, 12])
    pool.insert(Tree(vertices: [5], edges: [], objective: 11))      // replaces the worst
    #expect(pool.trees.map(\.objective).sorted() == [10, 11])
  }

  /// Recombination evaluates the union of two trees: on the 3-cube with prizes 3, two
  /// stars around different odd vertices (3 edges + one prize of 3 = 6 each) unite to the
  /// tree of all four even vertices (5 edges = 5).
  @Test func recombinationUnitesVertexSets() {
    var rich = Self.cube
    rich.prizes = rich.prizes.map { $0 * 1.5 }
    let run = PrizeCollectingSolver.Run(instance: rich, usableEdges: Array(0..<Int32(12)), prizes: rich.prizes,
                                        root: nil, options: SteinerOptions(timeLimit: 0), clock: .now)
    var search = PrizeCollectingSolver.Search(run.reduced.graph)
    let a = search.evaluate([1, 0, 3, 5]), b = search.evaluate([2, 0, 3, 6])
    #expect(a.objective == 6 && b.objective == 6)
    let c = run.recombine(a, b, search: &search)
    #expect(Set(c.vertices) == [0, 1, 2, 3, 5, 6])
    #expect(c.objective == 5)
  }

  /// Goemans–Williamson growth with strong pruning on the star: leaf 3 (prize 5, edge 8)
  /// is merged last and pruned again, leaving 3 + 3 + 5 = 11.
  @Test func growthOnTheStar() {
    let star = SteinerInstance(nodeCount: 4, edgeU: [0, 0, 0], edgeV: [1, 2, 3], edgeWeight: [3, 3, 8],
                               terminals: [1, 2, 3], prizes: [0, 10, 10, 5])
    let g = Self.graph(star)
    #expect(PrizeCollectingSolver.growthForest(g, weight: g.weight, prize: g.prize).sorted() == [0, 1, 2])
    #expect(PrizeCollectingSolver.growthObjective(star) == 11)
  }

  /// The unit-cost 6-cube with prizes 1...3 on its even vertices: the bound (36, by
  /// counting) stays below the optimum (37), so the search must run past its stagnation
  /// rule (here 5 rounds) up to the round cap instead of stopping.
  @Test func searchRunsPastStagnation() {
    let cube = PrizeCollectingPacingTests.randomPrizeCube()
    let prizes = cube.prizes
    func run(_ options: SteinerOptions) -> (run: PrizeCollectingSolver.Run, cost: Double, bound: Double) {
      var r = PrizeCollectingSolver.Run(instance: cube, usableEdges: Array(0..<Int32(cube.edgeCount)), prizes: prizes,
                                        root: nil, options: options, clock: .now)
      r.stallLimit = 5
      let (edges, bound) = r.solve()
      return (r, PrizeCollectingSolver.objective(edges: edges, instance: cube), bound)
    }
    let capped = run(SteinerOptions(timeLimit: 100, threads: 1, seed: 1, maxRounds: 60))
    #expect(capped.bound < capped.cost)
    #expect(capped.run.spent.rounds == 60)
  }
}
