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

/// End-to-end plans of generated regions: every building accounted for, and the same
/// bytes on every run and at every thread count.
@Suite struct PlanDeterminismTests {
  /// Writes a generated region into a fresh temporary folder; returns the scenario path.
  static func writeRegion(households: Int, seed: UInt64, tag: String) throws -> (SyntheticRegion, String) {
    let dir = NSTemporaryDirectory() + "fibreplan-\(tag)-\(getpid())"
    try? FileManager.default.removeItem(atPath: dir)
    let region = SyntheticRegion.generate(households: households, seed: seed)
    try region.write(to: dir)
    return (region, dir + "/scenario.json")
  }

  static func plan(_ scenario: String, out: String, threads: Int? = nil) throws -> PlanRunReport {
    var o = PlanCommandOptions()
    o.scenarioPath = scenario
    o.timeLimit = 0
    o.threads = threads
    o.outputDirectory = out
    return try PlanRun.run(o)
  }

  static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test("A 2,000-household region plans end to end and accounts for every building")
  func endToEnd() throws {
    let (region, scenario) = try Self.writeRegion(households: 2_000, seed: 4, tag: "e2e")
    let dir = (scenario as NSString).deletingLastPathComponent
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try Self.plan(scenario, out: dir + "/plan")
    let p = report.result
    #expect(p.totals.region.buildingsTotal == region.buildingCount)
    #expect(p.totals.region.householdsTotal == 2_000)
    #expect(p.outcomes.buildings.outcome.count == region.buildingCount)
    #expect(p.totals.region.householdsConnected + p.totals.region.householdsUnreachable + p.totals.region.householdsGap == 2_000)
    // Most households are connected; the mountain fragment and far farms are not.
    #expect(p.totals.region.coveragePercent > 95)
    #expect(p.outcomes.buildings.outcome.contains(.disconnectedRoadNetwork))
    #expect(p.outcomes.buildings.outcome.contains { if case .noRoadWithin = $0 { true } else { false } })
    #expect(p.outcomes.buildings.outcome.contains(.noHouseholds))
    #expect(p.totals.region.sitesConnected == p.totals.region.sitesTotal && p.totals.region.sitesTotal == region.siteCount)
    // Per-municipality figures add up to the region's.
    let perMunicipality = p.totals.municipalities.reduce(0) { $0 + $1.householdsTotal }
    #expect(perMunicipality == 2_000)
    // The plan file has a building point for every building.
    let json = try JSONValue.parse([UInt8](Self.bytes(dir + "/plan/plan.geojson") ?? Data()), path: "plan.geojson")
    let features = json["features"]?.arrayValue ?? []
    let buildingFeatures = features.filter { $0["properties"]?["layer"]?.text == "building" }
    #expect(buildingFeatures.count == region.buildingCount)
  }

  @Test("The same region plans to the same bytes twice, and with 1 thread as with the default")
  func sameBytesAnyThreadCount() throws {
    let (_, scenario) = try Self.writeRegion(households: 1_500, seed: 9, tag: "det")
    let dir = (scenario as NSString).deletingLastPathComponent
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Self.plan(scenario, out: dir + "/a")
    _ = try Self.plan(scenario, out: dir + "/b")
    _ = try Self.plan(scenario, out: dir + "/c", threads: 1)
    _ = try Self.plan(scenario, out: dir + "/d", threads: 3)
    for file in ["plan.geojson", "summary.json", "summary.txt", "plan.svg", "report.html"] {
      let a = Self.bytes("\(dir)/a/\(file)")
      #expect(a != nil && !(a!.isEmpty))
      #expect(a == Self.bytes("\(dir)/b/\(file)"), "\(file) differs between two runs")
      #expect(a == Self.bytes("\(dir)/c/\(file)"), "\(file) differs with --threads 1")
      #expect(a == Self.bytes("\(dir)/d/\(file)"), "\(file) differs with --threads 3")
    }
  }
}
