import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The swap search over fixed-size Steiner-vertex sets (equal weights only): it returns
/// a valid tree no costlier than its start, finds the hub that replaces several Steiner
/// vertices, and reaches the optimum on small bipartite unit-weight graphs.
@Suite struct UniformCostSwapSearchTests {
  /// Terminals t0…t3; Steiner a ~ {t0,t1}, b ~ {t2,t3}, c ~ {t1,t2}; hub d ~ all four.
  /// The start a, b, c costs 6; the hub alone costs 4. With |S| = 2 no set connects,
  /// so the walk must swap its way to {d, x} and then drop x.
  @Test func hubReplacesThreeSteinerVertices() {
    let inst = hubInstance()
    let p = steinerProblem(inst)
    let start: [Int32] = [0, 1, 2, 3, 4, 5]
    var walk = UniformCostSwapSearch(p, budget: 20_000, seed: 1)
    let tree = walk.run(from: start)
    #expect(isValidTree(tree, inst))
    #expect(tree.sorted() == [6, 7, 8, 9])
  }

  /// Random bipartite unit-weight graphs (the bip*u shape) against enumeration.
  @Test func bipartiteUnitGraphsAgainstBruteForce() {
    var rng = TestRNG(16)
    let cases = 30
    var optimal = 0, counted = 0
    for seed in 0..<cases {
      let inst = randomBipartite(&rng, terminals: 7, steiner: 11, degree: 3)
      let p = steinerProblem(inst)
      let opt = bruteForce(inst)
      guard opt.isFinite else { continue }
      counted += 1
      var sp = ShortestPaths(nodeCount: p.nodeCount)
      let start = p.shortestPathTree(root: Int(p.terminals[0]), weights: p.weight, scratch: &sp)
      var walk = UniformCostSwapSearch(p, budget: 100_000, seed: UInt64(seed))
      let tree = walk.run(from: start)
      #expect(isValidTree(tree, inst))
      #expect(p.cost(tree) <= p.cost(start))
      #expect(p.cost(tree) >= opt)
      if p.cost(tree) == opt { optimal += 1 }
    }
    #expect(optimal >= counted * 95 / 100)
  }

  /// Only equal weights qualify: elsewhere the vertex count is not the cost.
  @Test func appliesToEqualWeightsOnly() {
    let g = CSRGraph(nodeCount: 3, edgeU: [0, 1], edgeV: [1, 2])
    #expect(UniformCostSwapSearch.applies(to: SteinerProblem(graph: g, weight: [2, 2], terminals: [0, 2])))
    #expect(!UniformCostSwapSearch.applies(to: SteinerProblem(graph: g, weight: [1, 2], terminals: [0, 2])))
  }

  /// Same seed, same tree; and the whole solver, with rounds fixed (no clock), gives the
  /// same tree on 1 and 2 threads on an equal-weight instance.
  @Test func deterministic() {
    var rng = TestRNG(5)
    let inst = randomBipartite(&rng, terminals: 20, steiner: 60, degree: 4)
    let p = steinerProblem(inst)
    var sp = ShortestPaths(nodeCount: p.nodeCount)
    let start = p.shortestPathTree(root: Int(p.terminals[0]), weights: p.weight, scratch: &sp)
    var a = UniformCostSwapSearch(p, budget: 100_000, seed: 9)
    var b = UniformCostSwapSearch(p, budget: 100_000, seed: 9)
    let first = a.run(from: start)
    #expect(first == b.run(from: start))
    let one = SteinerSolver.solve(inst, options: SteinerOptions(timeLimit: 5, threads: 1, seed: 3, maxRounds: 2))
    let two = SteinerSolver.solve(inst, options: SteinerOptions(timeLimit: 5, threads: 2, seed: 3, maxRounds: 2))
    #expect(one.edges == two.edges)
    #expect(SteinerSolver.verify(one, for: inst) == nil)
  }
}
