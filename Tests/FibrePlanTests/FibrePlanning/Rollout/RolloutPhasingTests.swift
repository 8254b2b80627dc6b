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

/// Phases that dig once, on hand-made orders whose phases are known by hand.
@Suite struct RolloutPhasingTests {
  /// Root 0; node 1 (EUR 10) and node 3 (EUR 8) hang off the root, node 2 (EUR 5) off
  /// node 1. Build order 1, 3, 2.
  static let order = BuildOrder(sequence: [1, 3, 2], parent: [-1, 0, 1, 0], nodeCost: [0, 10, 5, 8],
                                networkNode: [0, 1, 2, 3], fixedCost: 0)

  @Test("A yearly budget fills each phase in build order, skipping what does not fit")
  func budgetSkipsAhead() throws {
    // EUR 15: node 1 (10) fits, node 3 (18) does not, node 2 (15) does; node 3 next year.
    let phases = try Rollout.budgetPhases(Self.order, budget: 15, options: PhasingOptions(split: .annualBudget(15)))
    #expect(phases == [1, 2, 1])
    // EUR 23: everything in one year.
    #expect(try Rollout.budgetPhases(Self.order, budget: 23, options: PhasingOptions(split: .annualBudget(23))) == [1, 1, 1])
  }

  @Test("A budget below the cheapest next connection is an error naming the field")
  func budgetTooSmall() {
    // EUR 9: node 3 (8) in year 1; year 2 can reach only node 1 (10) and stops.
    let options = PhasingOptions(split: .annualBudget(9), budgetName: "--annual-budget", errorKind: .usage)
    #expect {
      try Rollout.budgetPhases(Self.order, budget: 9, options: options)
    } throws: { e in
      let e = e as! FibrePlanError
      return e.kind == .usage && e.message.contains("--annual-budget") && e.message.contains("EUR 10")
    }
  }

  @Test("N phases cut the cumulative capex line into equal parts, in build order")
  func equalPhases() {
    #expect(Rollout.equalCapexPhases(cost: [10, 10, 10, 10], fixed: 0, count: 2) == [1, 1, 2, 2])
    // A fixed first-phase cost of 20 pushes everything later.
    #expect(Rollout.equalCapexPhases(cost: [10, 10], fixed: 20, count: 2) == [2, 2])
    #expect(Rollout.equalCapexPhases(cost: [1, 1, 1], fixed: 0, count: 1) == [1, 1, 1])
  }

  @Test("The hand-made town in 2 phases adds up to the full plan")
  func townPhasesAddUp() throws {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = true
    o.timeLimit = 1
    o.name = "town"
    o.outputDirectory = dir + "/plan"
    o.phases = 2
    let report = try PlanRun.run(o)
    let p = report.result
    let rollout = try #require(report.rollout)
    let capex = p.totals.region.capexTotal
    #expect(abs(rollout.capexTotal - capex) < 0.005)
    #expect(rollout.householdsTotal == p.totals.region.householdsServed)
    RolloutInvariants.check(p, rollout, costs: .uniform)
    let csv = try String(contentsOfFile: dir + "/plan/rollout.csv", encoding: .utf8)
    #expect(csv.hasPrefix("phase,households,households_cumulative,capex,capex_cumulative,trench_m\n"))
    let bom = try String(contentsOfFile: dir + "/plan/bom.csv", encoding: .utf8)
    #expect(bom.hasPrefix("item,unit,quantity,unit_cost,total,municipality,phase\n"))
    let geo = try String(contentsOfFile: dir + "/plan/plan.geojson", encoding: .utf8)
    #expect(geo.contains("\"layer\":\"trench\"") && geo.contains("\"phase\":1"))
    // QGIS and the report's map colour the trench by phase, as plan.svg does.
    let qgs = try String(contentsOfFile: dir + "/plan/plan.qgs", encoding: .utf8)
    #expect(qgs.contains("Phase 1") && qgs.contains("Phase 2"))
    let html = try String(contentsOfFile: dir + "/plan/report.html", encoding: .utf8)
    #expect(html.contains("Phase 1") && html.contains("Phase 2"))
    // Building D is unreachable: built in no phase.
    #expect(geo.contains("\"building_id\":\"D\"") && geo.range(of: #""building_id":"D"[^}]*"phase":null"#, options: .regularExpression) != nil)
  }

  @Test("Phase flags: 0 phases, both flags, a scenario with 0 phases")
  func badPhasing() throws {
    var o = PlanCommandOptions()
    var scenario = Scenario(name: "x")
    o.phases = 0
    #expect(throws: FibrePlanError.self) { try PlanRun.applyPhasingFlags(o, to: &scenario) }
    o.phases = 2
    o.annualBudget = 100
    #expect(throws: FibrePlanError.self) { try PlanRun.applyPhasingFlags(o, to: &scenario) }
    o.phases = nil
    o.annualBudget = -5
    #expect(throws: FibrePlanError.self) { try PlanRun.applyPhasingFlags(o, to: &scenario) }
    for text in [#"{"phasing":{"phases":0}}"#, #"{"phasing":{"annual_budget_eur":-1}}"#,
                 #"{"phasing":{"phases":2,"annual_budget_eur":5}}"#, #"{"phasing":{"phases":2.5}}"#] {
      let json = try JSONValue.parse(Array(text.utf8), path: "s.json")
      #expect {
        _ = try Scenario(json: json, path: "s.json", baseDirectory: "")
      } throws: { e in
        let e = e as! FibrePlanError
        return e.kind == .data && e.message.contains("phasing")
      }
    }
    let good = try Scenario(json: try JSONValue.parse(Array(#"{"phasing":{"annual_budget_eur":1e6,"critical_sites_first":false}}"#.utf8), path: "s.json"),
                            path: "s.json", baseDirectory: "")
    #expect(good.phasing == PhasingOptions(split: .annualBudget(1e6), criticalSitesFirst: false))
  }
}

/// What every rollout keeps, checked on any plan.
enum RolloutInvariants {
  static func check(_ p: FibrePlanResult, _ rollout: Rollout, costs: TrenchCostModel? = nil) {
    let network = p.network
    let tree = RootedTree(network: network, treeEdges: p.tree.edges, root: p.tree.popNode)
    var inTree = [Bool](repeating: false, count: network.edgeCount)
    for e in p.tree.edges { inTree[Int(e)] = true }
    // One phase per tree edge, none off the tree; phases never fall away from the POP.
    for e in 0..<network.edgeCount {
      #expect((rollout.edgePhase[e] > 0) == inTree[e])
    }
    for v in tree.preorder where tree.parent[Int(v)] >= 0 {
      #expect(rollout.nodePhase[Int(v)] >= rollout.nodePhase[Int(tree.parent[Int(v)])])
    }
    // Every home of phase k reaches the POP through trench of phases ≤ k.
    for b in 0..<p.demand.buildings.count where rollout.buildingPhase[b] > 0 {
      var v = network.buildingNode[b]
      while tree.parent[Int(v)] >= 0 {
        let e = p.tree.edges[Int(tree.parentEdge[Int(v)])]
        #expect(rollout.edgePhase[Int(e)] <= rollout.buildingPhase[b])
        v = tree.parent[Int(v)]
      }
      #expect(v == p.tree.popNode)
    }
    // Phase capex and the bill of materials by phase agree.
    let bom = BillOfMaterials(p, costs: costs, rollout: rollout)
    for phase in rollout.phases {
      let rows = bom.rows.filter { $0.phase == phase.number }.reduce(0) { $0 + $1.total }
      #expect(abs(rows - phase.capex) < 0.01)
      #expect(abs(phase.capexByMunicipality.reduce(0, +) - phase.capex) < 0.01)
    }
  }
}
