import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The search's steps on graphs small enough to know the answer by hand.
@Suite struct SteinerSearchTests {
  /// Terminals 0, 1, 2 joined through Steiner node 3 by weight-5 edges (edges 0-2);
  /// direct edges 0-1 and 1-2 of weight 4 (edges 3, 4); Steiner node 4 joined to each
  /// terminal by weight-1 edges (edges 5-7).
  func threeTerminals(hub: Bool) -> SteinerProblem {
    var u: [Int32] = [3, 3, 3, 0, 1], v: [Int32] = [0, 1, 2, 1, 2]
    var w: [Double] = [5, 5, 5, 4, 4]
    if hub { u += [4, 4, 4]; v += [0, 1, 2]; w += [1, 1, 1] }
    return SteinerProblem(graph: CSRGraph(nodeCount: 5, edgeU: u, edgeV: v), weight: w, terminals: [0, 1, 2])
  }

  /// Dropping Steiner node 3 leaves the induced edges 0-1 and 1-2: cost 8 instead of 15.
  @Test func vertexEliminationDropsTheExpensiveStar() {
    let p = threeTerminals(hub: false)
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    var tree: [Int32] = [0, 1, 2]
    let dropped = ls.vertexElimination(&tree)
    #expect(dropped)
    #expect(tree.sorted() == [3, 4])
    #expect(p.cost(tree) == 8)
    // The path 0-1-2 has no Steiner vertex left to drop.
    let again = ls.vertexElimination(&tree)
    #expect(!again)
  }

  /// Key vertex 3 and its three key paths (15) go; the pieces {0}, {1}, {2} are rejoined
  /// through hub 4 at cost 3, which beats the direct edges (8).
  @Test func keyVertexEliminationRejoinsThroughTheCheaperHub() {
    let p = threeTerminals(hub: true)
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    var tree: [Int32] = [0, 1, 2]
    let rejoined = ls.keyVertexElimination(&tree)
    #expect(rejoined)
    #expect(tree.sorted() == [5, 6, 7])
    #expect(p.cost(tree) == 3)
  }

  /// A descent from the star ends at the optimum, 3 (checked by enumeration).
  @Test func descentReachesTheOptimum() {
    let p = threeTerminals(hub: true)
    var ls = LocalSearch(p, weights: p.weight, budget: 10_000)
    let tree = ls.improve([0, 1, 2])
    #expect(p.cost(tree) == 3)
    #expect(bruteForce(p) == 3)
  }

  /// The incumbent takes the pool's best only when cheaper, mapped to problem edges.
  @Test func incumbentAdoptsOnlyCheaperTrees() {
    var elite = ElitePool(capacity: 2)
    elite.insert([1, 0], cost: 7)
    var incumbent = SteinerSearch.Incumbent(tree: [9], cost: 7)
    incumbent.adopt(elite, coreEdge: [10, 11, 12])
    #expect(incumbent.tree == [9])  // a tie is no improvement
    elite.insert([2], cost: 5)
    elite.insert([0], cost: 6)
    elite.insert([1], cost: 8)  // worse than both kept: ignored
    #expect(elite.entries.map(\.cost) == [5, 6])
    incumbent.adopt(elite, coreEdge: [10, 11, 12])
    #expect(incumbent.tree == [12])
    #expect(incumbent.cost == 5)
    #expect(incumbent.closes(5) && !incumbent.closes(4.9))
  }
}
