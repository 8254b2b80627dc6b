import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The vertex-set annealing walks Steiner-vertex sets; these specify that it returns a
/// valid tree no costlier than its start, that it finds the many-for-one exchanges
/// key-path moves cannot, and that it reaches the optimum on small unit-weight
/// bipartite graphs (the PUC shape, where every path is a tie).
@Suite struct VertexSetAnnealingTests {
  /// Terminals t0…t3; Steiner a ~ {t0,t1}, b ~ {t2,t3}, c ~ {t1,t2}; hub d ~ all four.
  /// The start tree a, b, c costs 6; the optimum, the hub alone, costs 4. Getting there
  /// takes an insertion that pays nothing until three vertices have left.
  @Test func hubReplacesThreeSteinerVertices() {
    let inst = hubInstance()
    let p = steinerProblem(inst)
    let start: [Int32] = [0, 1, 2, 3, 4, 5]
    #expect(p.cost(start) == 6)
    var walk = VertexSetAnnealing(p, budget: 20_000, seed: 1)
    let tree = walk.run(from: start)
    #expect(isValidTree(tree, inst))
    #expect(p.cost(tree) == 4)
    #expect(tree.sorted() == [6, 7, 8, 9])
  }

  /// Random bipartite unit-weight graphs (terminals on one side, as in bip*u) against
  /// enumeration, started from a shortest-path tree.
  @Test func bipartiteUnitGraphsAgainstBruteForce() {
    var rng = TestRNG(62)
    let cases = 40
    var optimal = 0
    for seed in 0..<cases {
      let inst = randomBipartite(&rng, terminals: 7, steiner: 11, degree: 3)
      let p = steinerProblem(inst)
      let opt = bruteForce(inst)
      guard opt.isFinite else { continue }
      var sp = ShortestPaths(nodeCount: p.nodeCount)
      let start = p.shortestPathTree(root: Int(p.terminals[0]), weights: p.weight, scratch: &sp)
      var walk = VertexSetAnnealing(p, budget: 200_000, seed: UInt64(seed))
      let tree = walk.run(from: start)
      #expect(isValidTree(tree, inst))
      #expect(p.cost(tree) <= p.cost(start))
      #expect(p.cost(tree) >= opt)
      if p.cost(tree) == opt { optimal += 1 }
    }
    #expect(optimal >= cases * 95 / 100)
  }

  /// Weighted graphs too: the walk keeps the exact cost of the pruned spanning tree.
  @Test func weightedGraphsNeverWorsen() {
    var rng = TestRNG(7)
    for seed in 0..<40 {
      let inst = randomInstance(&rng, maxNodes: 12)
      let p = steinerProblem(inst)
      guard p.terminals.count > 1 else { continue }
      var sp = ShortestPaths(nodeCount: p.nodeCount)
      let start = p.shortestPathTree(root: Int(p.terminals[0]), weights: p.weight, scratch: &sp)
      var walk = VertexSetAnnealing(p, budget: 50_000, seed: UInt64(seed))
      let tree = walk.run(from: start)
      #expect(isValidTree(tree, inst))
      #expect(p.cost(tree) <= p.cost(start) + 1e-9)
      #expect(p.cost(tree) >= bruteForce(inst) - 1e-9)
    }
  }

  @Test func sameSeedSameTree() {
    var rng = TestRNG(5)
    let inst = randomBipartite(&rng, terminals: 20, steiner: 60, degree: 4)
    let p = steinerProblem(inst)
    var sp = ShortestPaths(nodeCount: p.nodeCount)
    let start = p.shortestPathTree(root: Int(p.terminals[0]), weights: p.weight, scratch: &sp)
    var a = VertexSetAnnealing(p, budget: 100_000, seed: 9)
    var b = VertexSetAnnealing(p, budget: 100_000, seed: 9)
    #expect(a.run(from: start) == b.run(from: start))
  }
}
