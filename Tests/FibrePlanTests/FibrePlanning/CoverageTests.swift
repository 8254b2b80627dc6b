import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Coverage under a budget: the build order of a tree, budget plans against the
/// cheapest-first greedy on the real Karhula map, the cost–coverage curve and the gap layer.
@Suite struct CoverageTests {
  /// A tree from root 0: a far house (1) that leads to a block of ten (2), and a near house (3).
  ///     0 ─10─ 1(1 hh) ─1─ 2(10 hh)
  ///     └──5── 3(1 hh)
  static let fork = CoverageGraph(nodeCount: 4, edgeU: [0, 1, 0], edgeV: [1, 2, 3], weight: [10, 1, 5],
                                  households: [0, 1, 10, 1], root: 0)

  @Test("Build order: the far house comes first because the block of ten sits behind it")
  func forkOrder() {
    let p = Self.fork.peeling(tree: [0, 1, 2], siteWeight: 5)
    #expect(p.order == [0, 1, 2, 3])
    #expect(p.edgeCost == [0, 10, 1, 5])
    // With EUR 11 the pruned tree reaches 11 households; the near house alone would be 1.
    let (edges, _) = CoveragePlanner.prefix(of: p, budget: 11)
    #expect(Self.fork.households(spannedBy: edges) == 11)
  }

  /// Σ worth × completion cost over a build order: Horn's order minimises it over every
  /// order that builds parents first (1 | outtree | Σ wⱼCⱼ).
  static func weightedCompletion(_ order: [Int32], parent: [Int32], cost: [Double], worth: [Double]) -> Double? {
    var built = Set<Int32>([order[0]])
    var clock = 0.0, sum = 0.0
    for v in order.dropFirst() {
      guard built.contains(parent[Int(v)]) else { return nil }
      clock += cost[Int(v)]
      sum += worth[Int(v)] * clock
      built.insert(v)
    }
    return sum
  }

  static func permutations(_ items: [Int32]) -> [[Int32]] {
    guard items.count > 1 else { return [items] }
    var all: [[Int32]] = []
    for (i, x) in items.enumerated() {
      var rest = items
      rest.remove(at: i)
      for p in permutations(rest) { all.append([x] + p) }
    }
    return all
  }

  @Test("Random trees: the build order is optimal against every precedence-feasible order", arguments: 1...40)
  func randomTreesAgainstBruteForce(seed: Int) throws {
    var rng = PrizeCollectingSolver.SplitMix(seed: UInt64(seed))
    let n = 3 + Int(rng.next() % 5)
    var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
    var parent = [Int32](repeating: -1, count: n)
    for x in 1..<n {
      let p = Int32(rng.next() % UInt64(x))
      parent[x] = p
      u.append(p); v.append(Int32(x)); w.append(Double(1 + rng.next() % 20))
    }
    let households = (0..<n).map { $0 == 0 ? Int32(0) : Int32(rng.next() % 6) }
    let g = CoverageGraph(nodeCount: n, edgeU: u, edgeV: v, weight: w, households: households, root: 0)
    let p = g.peeling(tree: (0..<Int32(n - 1)).map { $0 }, siteWeight: 5)
    #expect(Set(p.order) == Set((0..<n).map(Int32.init)) && p.order.count == n && p.order[0] == 0)
    var cost = [Double](repeating: 0, count: n)
    for x in 1..<n { cost[x] = w[x - 1] }
    let worth = households.map(Double.init)
    let ours = try #require(Self.weightedCompletion(p.order, parent: parent, cost: cost, worth: worth))
    var best = Double.infinity
    for rest in Self.permutations((1..<Int32(n)).map { $0 }) {
      if let c = Self.weightedCompletion([0] + rest, parent: parent, cost: cost, worth: worth) { best = min(best, c) }
    }
    #expect(abs(ours - best) < 1e-6, "order \(p.order) costs \(ours), best \(best)")
  }

  /// Karhula (Maps/karhula, 2,193 OpenStreetMap buildings) at time limit 0, without
  /// the cabinet search, which these tests do not look at.
  static func karhula(_ mode: CoverageMode) throws -> FibrePlanResult {
    var s = try Scenario.read(path: LiechtensteinPlan.packageRoot.path + "/Scenarios/karhula.json")
    s.timeLimit = 0
    s.coverage.mode = mode
    s.architecture.localSearchMoves = 0
    return try Planner.plan(PlanRequest(scenario: s))
  }

  static let full = Result { try karhula(.full) }

  /// The coverage view of a plan, as the planner builds it for a budget.
  static func coverageGraph(_ p: FibrePlanResult) -> CoverageGraph {
    let costs = p.scenario.costs
    return CoverageGraph(network: p.network, component: p.network.nodeComponent[Int(p.tree.popNode)], root: p.tree.popNode,
                         buildingUnits: p.demand.buildings.units,
                         buildingIsTerminal: p.outcomes.buildings.outcome.map { $0 == .connected || $0 == .overBudget },
                         siteIsTerminal: p.outcomes.sites.outcome.map { $0 == .connected || $0 == .overBudget }, costs: costs)
  }

  @Test("Karhula under a budget: within budget, never behind cheapest-first, every household counted",
        arguments: [0.1, 0.35, 0.7])
  func karhulaBudget(fraction: Double) throws {
    let full = try Self.full.get()
    let budget = (full.totals.region.capexTotal * fraction).rounded()
    let p = try Self.karhula(.budget(budget))
    let r = p.totals.region
    #expect(r.capexTotal <= budget + 1e-6)
    let greedy = CoveragePlanner.greedy(Self.coverageGraph(p), from: [], budget: budget, threshold: nil, siteWeight: 5)
    #expect(greedy.capex <= budget + 1e-6)
    #expect(r.householdsConnected >= greedy.households, "budget \(budget): \(r.householdsConnected) < greedy \(greedy.households)")
    #expect(r.householdsConnected < full.totals.region.householdsConnected)
    #expect(r.householdsConnected + r.householdsGap + r.householdsUnreachable == r.householdsTotal)
    #expect(p.outcomes.buildings.outcome.contains(.overBudget))
    // The gap layer: one point per unserved building, with a reason and its marginal cost.
    let json = try JSONValue.parse(CoverageReport.gapsGeoJSON(p), path: "gaps.geojson")
    let features = json["features"]?.arrayValue ?? []
    let overBudget = features.filter { $0["properties"]?["reason"]?.stringValue == "over_budget" }
    #expect(overBudget.count == p.outcomes.buildings.outcome.filter { $0 == .overBudget }.count
            + p.outcomes.sites.outcome.filter { $0 == .overBudget }.count)
    #expect(overBudget.allSatisfy { ($0["properties"]?["marginal_cost"]?.doubleValue ?? 0) > 0 })
    // Gaps of the trench plan, and homes the trench reaches that the architecture cannot serve.
    #expect(features.count == p.outcomes.buildings.outcome.filter(\.isGap).count + p.outcomes.sites.outcome.filter(\.isGap).count
            + Set(p.architecture?.gaps.map(\.demand) ?? []).count)
  }

  @Test("More budget never covers fewer households, and the curve climbs with capex")
  func karhulaCurveIsMonotone() throws {
    let full = try Self.full.get()
    var last = -1
    for fraction in [0.05, 0.2, 0.5, 0.9] {
      let p = try Self.karhula(.budget((full.totals.region.capexTotal * fraction).rounded()))
      #expect(p.totals.region.householdsConnected >= last)
      last = p.totals.region.householdsConnected
    }
    let curve = full.coverage.curve
    #expect(curve.count >= 5)
    for (a, b) in zip(curve, curve.dropFirst()) { #expect(a.capex < b.capex && a.households < b.households) }
    #expect(curve.last?.households == full.totals.region.householdsConnected)
    // The curve prices trench and connections with each home's share of cabinet and
    // splitter (the coverage choice's estimate); the plan's capex is what is built.
    #expect(abs((curve.last?.capex ?? 0) - full.totals.region.capexTotal) < 0.1 * full.totals.region.capexTotal)
  }

  @Test("A cost threshold per home leaves the expensive homes as gaps with that reason")
  func karhulaThreshold() throws {
    let p = try Self.karhula(.maxCostPerHome(3_000))
    #expect(p.totals.region.householdsConnected + p.totals.region.householdsGap + p.totals.region.householdsUnreachable == p.totals.region.householdsTotal)
    #expect(p.outcomes.buildings.outcome.contains(.aboveCostThreshold))
    #expect(p.totals.region.householdsConnected > p.totals.region.householdsTotal / 2)
    // A threshold every home meets gives the full plan, never a dearer one.
    let full = try Self.full.get()
    let all = try Self.karhula(.maxCostPerHome(1e9))
    #expect(all.totals.region.householdsConnected == full.totals.region.householdsConnected)
    #expect(all.totals.region.capexTotal <= full.totals.region.capexTotal + 1e-6)
  }
}
