import Testing
@testable import FibreOptimize

/// The Steiner polish (`Run.steinerPolish`): the Steiner engine re-connects a tree's
/// prize vertices, then the descent adds or drops prize vertices.
@Suite struct PrizeCollectingPolishTests {
  static func run(_ inst: SteinerInstance) -> PrizeCollectingSolver.Run {
    PrizeCollectingSolver.Run(instance: inst, usableEdges: Array(0..<Int32(inst.edgeCount)), prizes: inst.prizes,
                              root: nil, options: SteinerOptions(timeLimit: 1, threads: 1, seed: 1, maxRounds: 50),
                              clock: .now)
  }

  /// The unit-cost 4-cube with prize 2 on its 8 even vertices. Every tree has k + j − 1
  /// edges for k even and j odd vertices, and each odd vertex has 4 neighbours, so
  /// k ≤ 3j + 1: spanning all 8 needs j ≥ 3, cost ≥ 10, and enumerating the connected
  /// vertex sets shows 10 is the optimum ({0, 3, 5, 6, 9, 10, 12, 15} through 1, 7, 8).
  /// From the tree of all 16 vertices (MST + pruning), the polish reaches 10.
  @Test func polishReconnectsThePrizeVerticesOptimally() {
    let inst = PrizeCollectingPacingTests.unitCube(dimension: 4)
    let run = Self.run(inst)
    var search = PrizeCollectingSolver.Search(run.reduced.graph)
    let start = search.evaluate((0..<16).map { Int32($0) })
    #expect(start.objective > 10)
    let polished = run.steinerPolish(start, search: &search, seconds: 1)
    #expect(polished.objective == 10)
    let spanned = Set(polished.vertices.filter { $0.nonzeroBitCount % 2 == 0 })
    #expect(spanned.count == 8)
  }

  /// Never worse than its start, and the tree it returns is a real tree of the instance
  /// with the objective it claims (small random graphs, checked against enumeration).
  @Test func polishIsNeverWorseAndStaysValid() {
    var checked = 0
    for seed in UInt64(1)...12 {
      let inst = PrizeCollectingBruteForce.randomInstance(nodes: 9, extraEdges: 9, seed: seed)
      let run = Self.run(inst)
      var search = PrizeCollectingSolver.Search(run.reduced.graph)
      let start = search.evaluate((0..<Int32(inst.nodeCount)).filter { inst.prizes[Int($0)] > 0 || $0 % 3 == 0 })
      let polished = run.steinerPolish(start, search: &search, seconds: 0.5)
      #expect(polished.objective <= start.objective + 1e-9, "seed \(seed)")
      guard !polished.edges.isEmpty else { continue }
      // The search's objectives leave out the prizes the reductions set aside (offset).
      let edges = run.reduced.originalEdges(of: polished.edges)
      let recomputed = PrizeCollectingSolver.objective(edges: edges, instance: inst)
      #expect(abs(recomputed - (polished.objective + run.reduced.offset)) < 1e-6, "seed \(seed)")
      #expect(PrizeCollectingBruteForce.optimum(inst) <= recomputed + 1e-9, "seed \(seed)")
      checked += 1
    }
    #expect(checked >= 8, "only \(checked) of 12 polished trees had edges")
  }

  /// The third set is every prize vertex of the start's component, not of the graph.
  @Test func prizeVerticesStayInTheComponent() {
    let g = PrizeCollectingSolver.Graph(nodeCount: 6, edgeU: [0, 1, 3, 4], edgeV: [1, 2, 4, 5], weight: [1, 1, 1, 1],
                                        prize: [5, 0, 5, 7, 0, 7])
    var search = PrizeCollectingSolver.Search(g)
    #expect(search.prizeVertices(reachableFrom: 1) == [0, 2])
    #expect(search.prizeVertices(reachableFrom: 5) == [3, 5])
    #expect(search.inSet.allSatisfy { !$0 })
  }
}
