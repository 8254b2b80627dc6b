import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Key-path exchange for all key paths at once, on graphs small enough to check by hand.
@Suite struct KeyPathSweepTests {
  /// Terminals 0, 1, 2 on the path 0 -5- 3 -5- 1 -5- 4 -5- 2 (edges 0-3), so rooted at 0
  /// the tree has two key paths of cost 10: 1-3-0 and 2-4-1. `links` adds more edges.
  func pathOfTwoKeyPaths(_ links: [(Int32, Int32, Double)]) -> SteinerProblem {
    var u: [Int32] = [0, 3, 1, 4], v: [Int32] = [3, 1, 4, 2]
    var w: [Double] = [5, 5, 5, 5]
    for l in links { u.append(l.0); v.append(l.1); w.append(l.2) }
    let n = Int(max(u.max()!, v.max()!)) + 1
    return SteinerProblem(graph: CSRGraph(nodeCount: n, edgeU: u, edgeV: v), weight: w, terminals: [0, 1, 2])
  }

  /// Hub 5 joins 0 and 1 at cost 4, hub 6 joins 1 and 2 at cost 4: both key paths are
  /// replaced in one sweep (their tree paths are disjoint), reaching the optimum 8.
  @Test func disjointMovesInOneSweep() {
    let p = pathOfTwoKeyPaths([(0, 5, 2), (5, 1, 2), (1, 6, 2), (6, 2, 2)])
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    var tree: [Int32] = [0, 1, 2, 3]
    let improved = ls.keyPathSweep(&tree)
    #expect(improved)
    #expect(tree.sorted() == [4, 5, 6, 7])
    #expect(p.cost(tree) == 8 && bruteForce(p) == 8)
    let again = ls.keyPathSweep(&tree)
    #expect(!again)
  }

  /// Hub 5 joins 0 and 2 at cost 2, the cheapest cover of both key paths. Only one of
  /// them may go (the second move's tree path lost the first one's key path): 12, the
  /// optimum; dropping both would cut terminal 1 off.
  @Test func oneLinkReplacesOneKeyPath() {
    let p = pathOfTwoKeyPaths([(0, 5, 1), (5, 2, 1)])
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    var tree: [Int32] = [0, 1, 2, 3]
    let improved = ls.keyPathSweep(&tree)
    #expect(improved)
    #expect(p.cost(tree) == 12 && bruteForce(p) == 12)
    #expect(ls.spansTerminals(tree))
    let again = ls.keyPathSweep(&tree)
    #expect(!again)
  }

  /// A link from an inner node of a key path covers the other key paths only: from inner
  /// node 3 (on 1-3-0) to terminal 2 at cost 3 replaces 2-4-1 (10), giving 13.
  @Test func innerNodeLinksSkipTheirOwnKeyPath() {
    let p = pathOfTwoKeyPaths([(3, 5, 1), (5, 2, 2)])
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    var tree: [Int32] = [0, 1, 2, 3]
    let improved = ls.keyPathSweep(&tree)
    #expect(improved)
    #expect(tree.sorted() == [0, 1, 4, 5])
    #expect(p.cost(tree) == 13 && bruteForce(p) == 13)
  }

  /// Seeded random graphs: sweeps never worsen a tree, keep it spanning the terminals
  /// and acyclic, and a full descent with them still ends at least as low as its start.
  @Test func randomGraphsStayValid() {
    var rng = TestRNG(77)
    for _ in 0..<80 {
      let inst = randomInstance(&rng, maxNodes: 14)
      let original = OriginalGraph(inst)
      let p = original.problem
      guard p.terminals.count > 1 else { continue }
      var sp = ShortestPaths(nodeCount: p.nodeCount)
      let start = p.shortestPathTree(root: Int(p.terminals.last!), weights: p.weight, scratch: &sp)
      var ls = LocalSearch(p, weights: p.weight, budget: 100_000)
      var tree = start
      _ = ls.keyPathSweeps(&tree)
      #expect(p.cost(tree) <= p.cost(start) + 1e-9)
      #expect(ls.spansTerminals(tree))
      #expect(p.pruned(tree).count == tree.count)
      var sets = DisjointSets(count: p.nodeCount)
      var acyclic = true
      for e in tree where !sets.union(Int(p.graph.edgeU[Int(e)]), Int(p.graph.edgeV[Int(e)])) { acyclic = false }
      #expect(acyclic)
      #expect(bruteForce(p) <= p.cost(tree) + 1e-9)
    }
  }
}

/// The search (not the exact DP: too many terminals) gives the same tree with one
/// and two threads.
@Suite struct SteinerThreadsTests {
  @Test func oneAndTwoThreadsSameTree() {
    var rng = TestRNG(404)
    let (u, v, w) = randomGraph(nodes: 60, extraEdges: 120, maxWeight: 20, &rng)
    let inst = SteinerInstance(nodeCount: 60, edgeU: u, edgeV: v, edgeWeight: w,
                               terminals: Array((0..<Int32(60)).shuffled(using: &rng).prefix(24)))
    let a = SteinerSolver.solve(inst, options: .init(timeLimit: 1, threads: 2, seed: 9, maxRounds: 6))
    let b = SteinerSolver.solve(inst, options: .init(timeLimit: 1, threads: 1, seed: 9, maxRounds: 6))
    #expect(SteinerSolver.verify(a, for: inst) == nil)
    #expect(a.edges == b.edges && a.cost == b.cost && a.lowerBound == b.lowerBound)
  }
}
