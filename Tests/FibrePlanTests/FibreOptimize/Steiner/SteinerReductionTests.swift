import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Each reduction, alone and together, must keep the optimum: optimum of what is left
/// plus the cost of the fixed edges equals the optimum of the input (checked by
/// enumeration on seeded random graphs).
@Suite struct SteinerReductionTests {
  enum Step: CaseIterable { case parallel, degree, specialDistance, all }

  func reducedOptimum(_ inst: SteinerInstance, _ step: Step) -> (optimum: Double, edgesLeft: Int) {
    let original = OriginalGraph(inst)
    var r = original.reductionGraph()
    switch step {
    case .parallel: r.removeParallelEdges()
    case .degree: r.degreeTests()
    case .specialDistance: _ = r.specialDistanceTest(scansPerEdge: 1_000)
    case .all: r.reduce(effort: .thorough(seconds: 10))
    }
    let c = r.compacted()
    // The ancestry must expand to edges of the original graph.
    var expanded: [Int32] = []
    for id in c.origin { r.ancestry.expand(id, into: &expanded) }
    #expect(expanded.allSatisfy { Int($0) < original.problem.edgeCount })
    return (bruteForce(c.problem) + r.fixedCost, c.problem.edgeCount)
  }

  @Test(arguments: Step.allCases)
  func reductionKeepsOptimum(_ step: Step) {
    var rng = TestRNG(31)
    var removed = 0
    for _ in 0..<80 {
      let inst = randomInstance(&rng, maxNodes: 11, maxWeight: 6)
      let opt = bruteForce(inst)
      let (reduced, left) = reducedOptimum(inst, step)
      #expect(abs(reduced - opt) < 1e-9, "step \(step): \(reduced) vs \(opt)")
      removed += inst.edgeCount - left
    }
    #expect(removed > 0)  // the tests do fire
  }

  /// Pseudo-eliminating degree-3 non-terminals keeps the optimum, and fires.
  @Test func nonTerminalDegree3KeepsOptimum() {
    var rng = TestRNG(33)
    var eliminated = 0
    for _ in 0..<150 {
      let inst = randomInstance(&rng, maxNodes: 11, maxWeight: 6)
      let opt = bruteForce(inst)
      var r = OriginalGraph(inst).reductionGraph()
      eliminated += r.nonTerminalDegree3Test(scansPerSearch: 1_000)
      let c = r.compacted()
      #expect(abs(bruteForce(c.problem) + r.fixedCost - opt) < 1e-9)
    }
    #expect(eliminated > 0)
  }

  /// Hub v (non-terminal) joined to terminals a, b, c by weight-2 edges. With a cheap
  /// ring a–b–c (weights 1) v is never needed in degree 3 and goes; with an expensive
  /// ring (weights 5) the star (6) beats any two ring edges (10) and v must stay.
  @Test func degree3HubGoesOnlyWhenTheRingIsCheap() {
    for (ring, goes) in [(1.0, true), (5.0, false)] {
      let inst = SteinerInstance(nodeCount: 4, edgeU: [3, 3, 3, 0, 1, 2], edgeV: [0, 1, 2, 1, 2, 0],
                                 edgeWeight: [2, 2, 2, ring, ring, ring], terminals: [0, 1, 2])
      var r = OriginalGraph(inst).reductionGraph()
      #expect(r.nonTerminalDegree3Test(scansPerSearch: 100) == (goes ? 1 : 0))
      #expect(r.nodeAlive[3] == !goes)
      let c = r.compacted()
      #expect(bruteForce(c.problem) == (goes ? 2 : 6))
    }
  }

  /// Degree-2 chains collapse to one edge whose ancestry expands to the whole chain.
  @Test func chainMergesAndExpands() {
    let inst = SteinerInstance(nodeCount: 5, edgeU: [0, 1, 2, 3], edgeV: [1, 2, 3, 4],
                               edgeWeight: [1, 2, 3, 4], terminals: [0, 4])
    let original = OriginalGraph(inst)
    var r = original.reductionGraph()
    r.degreeTests()
    let c = r.compacted()
    var all: [Int32] = []
    for id in c.origin { r.ancestry.expand(id, into: &all) }
    for id in r.fixedOrigins { r.ancestry.expand(id, into: &all) }
    #expect(all.sorted() == [0, 1, 2, 3])
    #expect(c.problem.cost(Array(0..<Int32(c.problem.edgeCount))) + r.fixedCost == 10)
  }

  @Test func dualAscentBoundsAndReducedCostsKeepOptimum() {
    var rng = TestRNG(77)
    var tight = 0
    for _ in 0..<80 {
      let inst = randomInstance(&rng, maxNodes: 11, maxWeight: 8)
      let original = OriginalGraph(inst)
      let p = original.problem
      guard p.terminals.count > 1 else { continue }
      let opt = bruteForce(p)
      let da = DualAscent(p, root: Int(p.terminals[0]), workLimit: 1 << 30)
      #expect(da.bound <= opt + 1e-9)
      if abs(da.bound - opt) < 1e-9 { tight += 1 }
      #expect(da.reducedCost.allSatisfy { $0 >= 0 })
      // With the optimum as upper bound, some optimal tree survives elimination.
      let keep = da.survivors(p, upperBound: opt)
      let (core, _) = p.restricted(to: keep)
      #expect(abs(bruteForce(core) - opt) < 1e-9)
    }
    #expect(tight > 20)
  }

  @Test func localSearchNeverWorsens() {
    var rng = TestRNG(5)
    for _ in 0..<60 {
      let inst = randomInstance(&rng, maxNodes: 12)
      let p = OriginalGraph(inst).problem
      guard p.terminals.count > 1 else { continue }
      var sp = ShortestPaths(nodeCount: p.nodeCount)
      // A deliberately poor start: the shortest-path tree on scrambled weights.
      let noisy = p.weight.map { _ in Double(Int.random(in: 0...20, using: &rng)) }
      let start = p.inducedTree(of: p.shortestPathTree(root: Int(p.terminals[0]), weights: noisy, scratch: &sp),
                                weights: p.weight)
      var ls = LocalSearch(p, weights: p.weight, budget: 1 << 30)
      let better = ls.improve(start)
      #expect(ls.spansTerminals(better))
      #expect(p.cost(better) <= p.cost(start))
      #expect(p.cost(better) >= bruteForce(p) - 1e-9)
    }
  }
}
