import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The exact subset DP against answers known by hand and by enumeration.
@Suite struct TerminalSubsetDPTests {
  /// Terminals 0, 1, 2 around Steiner hub 3 (edges of weight 2) with a triangle of
  /// weight-3 edges: the star costs 6, any two triangle edges 6 as well; with the hub's
  /// edges at 1.5 the star (4.5) is the only optimum.
  @Test func hubStarIsOptimal() {
    let g = CSRGraph(nodeCount: 4, edgeU: [3, 3, 3, 0, 1, 2], edgeV: [0, 1, 2, 1, 2, 0])
    let p = SteinerProblem(graph: g, weight: [1.5, 1.5, 1.5, 3, 3, 3], terminals: [0, 1, 2])
    let tree = TerminalSubsetDP(p).tree()
    #expect(tree.sorted() == [0, 1, 2])
    #expect(p.cost(tree) == 4.5)
  }

  /// Seeded random graphs with up to 7 terminals: the DP's tree spans the terminals,
  /// is pruned and costs exactly the enumerated optimum.
  @Test func randomGraphsMatchEnumeration() {
    var rng = TestRNG(31)
    for _ in 0..<60 {
      var inst = randomInstance(&rng, maxNodes: 12)
      inst.terminals = Array(inst.terminals.prefix(7))
      let p = OriginalGraph(inst).problem
      guard p.terminals.count > 1 else { continue }
      let tree = TerminalSubsetDP(p).tree()
      let ls = LocalSearch(p, weights: p.weight, budget: 0)
      #expect(ls.spansTerminals(tree))
      #expect(p.pruned(tree).count == tree.count)
      #expect(abs(p.cost(tree) - bruteForce(p)) < 1e-9)
    }
  }

  /// The solver takes the exact path for few terminals: the bound equals the cost.
  @Test func solverCertifiesSmallTerminalSets() {
    var rng = TestRNG(5)
    let inst = randomInstance(&rng, maxNodes: 12)
    let s = SteinerSolver.solve(inst, options: .init(timeLimit: 1, seed: 1))
    #expect(SteinerSolver.verify(s, for: inst) == nil)
    #expect(abs(s.cost - bruteForce(inst)) < 1e-9)
    #expect(s.lowerBound == s.cost)
  }
}
