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

/// The rollout on the real Liechtenstein plan (the shared LiechtensteinPlan).
@Suite struct RolloutRealMapTests {
  /// A yearly budget that needs about five years.
  static func fiveYears(_ p: FibrePlanResult) -> Double {
    p.totals.region.capexTotal / 4.6
  }

  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinFiveAnnualBudgets() throws {
    let p = try LiechtensteinPlan.report().result
    let budget = Self.fiveYears(p)
    let rollout = try Rollout.plan(p, options: PhasingOptions(split: .annualBudget(budget)), costs: p.scenario.costs)
    #expect(rollout.phases.count == 5)
    for phase in rollout.phases { #expect(phase.capex <= budget) }
    // Σ phase capex is the plan's capex to the cent.
    let capex = p.totals.region.capexTotal
    #expect(abs(rollout.capexTotal - capex) < 0.005)
    #expect(rollout.householdsTotal == p.totals.region.householdsServed)
    RolloutInvariants.check(p, rollout)
    // Critical sites first: every critical site served as designed is in the first
    // phase; one the architecture cannot serve is not built at all.
    for s in 0..<p.demand.sites.count where p.demand.sites.critical[s] && p.outcomes.sites.outcome[s] == .connected {
      #expect(rollout.sitePhase[s] == (p.outcomes.sites.served[s] ? 1 : 0))
    }
  }

  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinEqualPhasesAddUpToThePlan() throws {
    let p = try LiechtensteinPlan.report().result
    let rollout = try Rollout.plan(p, options: PhasingOptions(split: .phases(4)), costs: p.scenario.costs)
    #expect(rollout.phases.count == 4)
    let capex = p.totals.region.capexTotal
    #expect(abs(rollout.capexTotal - capex) < 0.005)
    #expect(rollout.householdsTotal == p.totals.region.householdsServed)
    for phase in rollout.phases { #expect(abs(phase.capex - capex / 4) < capex / 4 * 0.2) }
    RolloutInvariants.check(p, rollout)
    // Every splice closure carries the phase that builds it.
    let text = String(decoding: PlanGeoJSON.encode(p, rollout: rollout), as: UTF8.self)
    let closures = text.components(separatedBy: "\n").filter { $0.contains("\"layer\":\"splice_closure\"") }
    #expect(!closures.isEmpty)
    #expect(closures.allSatisfy { $0.range(of: #""phase":[1-4][,}]"#, options: .regularExpression) != nil })
  }

  /// Horn's order against the cheapest-first greedy: with the first phase's money, the
  /// greedy adds the household node whose unbuilt path costs least until none fits.
  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinHornBeatsCheapestFirst() throws {
    let p = try LiechtensteinPlan.report().result
    let budget = Self.fiveYears(p)
    let options = PhasingOptions(split: .annualBudget(budget), criticalSitesFirst: false)
    let rollout = try Rollout.plan(p, options: options, costs: p.scenario.costs)
    let ledger = RolloutLedger(p, costs: p.scenario.costs)
    let tree = RootedTree(network: p.network, treeEdges: p.tree.edges, root: p.tree.popNode)
    let order = Rollout.buildOrder(p, tree: tree, ledger: ledger, options: options)
    var households = [Int](repeating: 0, count: order.networkNode.count)
    var localOf = [Int32](repeating: -1, count: p.network.nodeCount)
    for (i, v) in order.networkNode.enumerated() { localOf[Int(v)] = Int32(i) }
    for b in 0..<p.demand.buildings.count where ledger.buildingHouseholds[b] > 0 {
      households[Int(localOf[Int(p.network.buildingNode[b])])] += ledger.buildingHouseholds[b]
    }
    let horn = (0..<order.networkNode.count).filter { rollout.nodePhase[Int(order.networkNode[$0])] == 1 }
      .reduce(0) { $0 + households[$1] }
    let greedy = Self.cheapestFirst(order, households: households, money: budget - order.fixedCost)
    #expect(horn >= greedy)
    print("first phase of EUR \(Int(budget)): Horn \(horn) households, cheapest-first \(greedy)")
  }

  /// Local ids are a preorder, so one pass in id order prices every node's unbuilt path.
  static func cheapestFirst(_ order: BuildOrder, households: [Int], money: Double) -> Int {
    let n = order.networkNode.count
    var built = [Bool](repeating: false, count: n)
    built[0] = true
    var left = money, served = 0
    var path = [Double](repeating: 0, count: n)
    while true {
      var best = -1
      for v in 1..<n {
        path[v] = built[v] ? 0 : path[Int(order.parent[v])] + order.nodeCost[v]
        if households[v] > 0 && !built[v] && (best < 0 || path[v] < path[best]) { best = v }
      }
      guard best >= 0, path[best] <= left else { return served }
      left -= path[best]
      var v = best
      while !built[v] { built[v] = true; served += households[v]; v = Int(order.parent[v]) }
    }
  }
}
