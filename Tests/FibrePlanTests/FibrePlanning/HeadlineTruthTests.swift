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

/// The headline tells the truth: capex is everything built, coverage counts homes
/// served as designed, and no trench is built that carries no served home's cable.
@Suite struct HeadlineTruthTests {
  /// The hand-made town plus a lane running 25 km east with one house at its end:
  /// with GPON B+ (28 dB, 1 dB margin) and 1:32 the reach is about 20 km.
  static func farTown() throws -> String {
    let dir = try HandMadeTown.write()
    let roads = HandMadeTown.collection([
      HandMadeTown.line([(0, 0), (200, 0)]), HandMadeTown.line([(200, 0), (400, 0)]),
      HandMadeTown.line([(200, 0), (200, 200)]),
      HandMadeTown.line([(400, 0), (10_000, 0), (20_000, 0), (25_000, 0)]),
    ])
    let buildings = HandMadeTown.collection([
      HandMadeTown.point(50, 20, properties: #"{"id":"A","units":1}"#),
      HandMadeTown.point(350, -30, properties: #"{"id":"B","units":4}"#),
      HandMadeTown.point(210, 150, properties: #"{"id":"C"}"#),
      HandMadeTown.point(24_990, 20, properties: #"{"id":"FAR","units":3}"#),
    ])
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try buildings.write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    return dir
  }

  static func plan(_ dir: String, budget: Double? = nil) throws -> PlanRunReport {
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.timeLimit = 0
    o.budget = budget
    o.outputDirectory = dir + "/plan-\(budget.map { String(Int($0)) } ?? "full")"
    return try PlanRun.run(o)
  }

  /// Every leaf of the trench tree is a served home, a served site or a cabinet.
  static func leavesAreServed(_ p: FibrePlanResult) -> Bool {
    var degree = [Int](repeating: 0, count: p.network.nodeCount)
    for e in p.tree.edges { degree[Int(p.network.edgeU[Int(e)])] += 1; degree[Int(p.network.edgeV[Int(e)])] += 1 }
    var allowed = [Bool](repeating: false, count: p.network.nodeCount)
    allowed[Int(p.tree.popNode)] = true
    for b in 0..<p.demand.buildings.count where p.outcomes.buildings.served[b] { allowed[Int(p.network.buildingNode[b])] = true }
    for s in 0..<p.demand.sites.count where p.outcomes.sites.served[s] { allowed[Int(p.network.siteNode[s])] = true }
    for c in p.architecture?.cabinets ?? [] { allowed[Int(c.node)] = true }
    return (0..<p.network.nodeCount).allSatisfy { degree[$0] != 1 || allowed[$0] }
  }

  @Test("A home beyond the optical reach is a gap with reason optical_budget, and no trench goes towards it")
  func farHomeGetsNoTrench() throws {
    let report = try Self.plan(try Self.farTown())
    let p = report.result
    let outcome = Dictionary(uniqueKeysWithValues: zip(p.demand.buildings.ids, p.outcomes.buildings.outcome))
    #expect(outcome["FAR"] == .beyondOpticalReach)
    #expect(outcome["FAR"]?.reason(maxDropLength: 100) == "optical_budget")
    #expect(p.totals.region.trenchMetres < 1_000)
    #expect(p.totals.region.householdsServed == 6)
    #expect(p.totals.region.householdsNotServable == 3)
    #expect(abs(p.totals.region.coveragePercent - 600.0 / 9) < 1e-9)
    #expect(Self.leavesAreServed(p))
    let gaps = try String(contentsOfFile: report.outputDirectory + "/gaps.geojson", encoding: .utf8)
    #expect(gaps.contains("\"optical_budget\""))
  }

  @Test("Capex is everything built: its breakdown, the municipalities and bom.csv all give the same total")
  func capexReconciles() throws {
    let report = try Self.plan(try Self.farTown())
    let r = report.result.totals.region
    let arch = try #require(report.result.architecture)
    #expect(arch.cabinets.count >= 1)
    #expect(abs(r.capexBreakdown.reduce(0.0) { $0 + $1.value } - r.capexTotal) < 1e-6)
    #expect(abs(r.cabinetCost + r.splitterCost + r.cableCost + r.closureCost - arch.architectureCapex) < 1e-6)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: report.result)
    #expect(report.summaryText.contains("Capex (everything built)"))
    #expect(report.summaryText.contains("EUR " + HumanNumber.grouped(r.capexTotal)))
  }

  @Test("Karhula: every trench leaf serves someone, and a budget binds the total with the architecture",
        .enabled(if: FileManager.default.fileExists(atPath: LiechtensteinPlan.packageRoot.path + "/Maps/karhula/roads.geojson")))
  func karhulaBudgetBindsTotal() throws {
    let full = try CoverageTests.full.get()
    #expect(Self.leavesAreServed(full))
    #expect(full.totals.region.householdsServed <= full.totals.region.householdsConnected)
    let budget = (full.totals.region.capexTotal * 0.5).rounded()
    let p = try CoverageTests.karhula(.budget(budget))
    #expect(p.totals.region.capexTotal <= budget + 1e-6)
    #expect(p.totals.region.capexTotal >= budget * 0.8)
    #expect(p.totals.region.householdsServed > 0)
    #expect(Self.leavesAreServed(p))
  }
}
