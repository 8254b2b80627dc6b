import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Eligibility by today's speed (EU 2023 broadband guidelines) and `--eligible-only`.
@Suite struct EligibilityTests {
  /// The hand-made town's streets with speeds: A slow (eligible), B fast (not), C of
  /// unknown speed (eligible), D far from any road and fast, E a shed.
  static func town() throws -> String {
    let dir = try HandMadeTown.write()
    let buildings = HandMadeTown.collection([
      HandMadeTown.point(50, 20, properties: #"{"id":"A","units":1,"existing_mbps":30}"#),
      HandMadeTown.point(350, -30, properties: #"{"id":"B","units":4,"existing_mbps":300}"#),
      HandMadeTown.point(210, 150, properties: #"{"id":"C"}"#),
      HandMadeTown.point(1500, 1500, properties: #"{"id":"D","units":2,"existing_mbps":"1000"}"#),
      HandMadeTown.point(300, 10, properties: #"{"id":"E","units":0,"existing_mbps":5}"#),
    ])
    try buildings.write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    return dir
  }

  static func plan(_ dir: String, eligibleOnly: Bool, name: String) throws -> PlanRunReport {
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.timeLimit = 0
    o.eligibleOnly = eligibleOnly
    o.outputDirectory = dir + "/" + name
    return try PlanRun.run(o)
  }

  @Test("A home below the threshold is eligible; at or above it is not; unknown is eligible",
        arguments: [(99.9, true), (100, false), (250, false), (0, true), (Double.nan, true)])
  func threshold(speed: Double, eligible: Bool) {
    #expect(EligibilityOptions().isEligible(existingMbps: speed) == eligible)
    #expect(EligibilityOptions(thresholdMbps: 30).isEligible(existingMbps: 29) == true)
  }

  @Test("Without --eligible-only every home is planned, and buildings carry eligible")
  func classifiesWithoutChangingThePlan() throws {
    let report = try Self.plan(try Self.town(), eligibleOnly: false, name: "all")
    let p = report.result
    #expect(p.coverage.eligibility == EligibilityOptions())
    #expect(p.coverage.buildingEligible == [true, false, true, false, true])
    #expect(p.totals.region.householdsEligible == 2)  // A 1 + C 1 (E has none)
    #expect(p.totals.region.householdsServedByExistingNetwork == 0)
    #expect(p.outcomes.buildings.outcome[1] == .connected)
    let geojson = try String(contentsOfFile: report.outputDirectory + "/plan.geojson", encoding: .utf8)
    #expect(geojson.contains(#""building_id":"B","units":4"#) && geojson.contains(#""eligible":false"#))
    let summary = try String(contentsOfFile: report.outputDirectory + "/summary.json", encoding: .utf8)
    #expect(summary.contains(#""households_eligible":2"#))
    let csv = try String(contentsOfFile: report.outputDirectory + "/buildings.csv", encoding: .utf8)
    #expect(csv.split(separator: "\n").first?.hasSuffix(",eligible") == true)
  }

  @Test("--eligible-only: ineligible homes are served_by_existing_network, not gaps, and every household is counted once")
  func eligibleOnly() throws {
    let report = try Self.plan(try Self.town(), eligibleOnly: true, name: "eligible")
    let p = report.result
    let outcome = Dictionary(uniqueKeysWithValues: zip(p.demand.buildings.ids, p.outcomes.buildings.outcome))
    #expect(outcome["A"] == .connected && outcome["C"] == .connected)
    #expect(outcome["B"] == .servedByExistingNetwork && outcome["D"] == .servedByExistingNetwork)
    #expect(outcome["E"] == .noHouseholds)
    #expect(!DemandOutcome.servedByExistingNetwork.isGap && !DemandOutcome.servedByExistingNetwork.isUnreachable)
    let r = p.totals.region
    #expect(r.householdsServedByExistingNetwork == 6 && r.householdsServed == 2)
    #expect(r.householdsServed + r.householdsNotServable + r.householdsUnreachable + r.householdsGap
            + r.householdsServedByExistingNetwork == r.householdsTotal)
    // B is no longer demand: the main street is dug to the side street only (200 m of
    // it, plus 150 m up the side street), not on to B at x = 350.
    #expect(r.trenchMetres < 360)
    let gaps = try String(contentsOfFile: report.outputDirectory + "/gaps.geojson", encoding: .utf8)
    #expect(!gaps.contains("building/B") && !gaps.contains("building/D"))
    let summary = try String(contentsOfFile: report.outputDirectory + "/summary.json", encoding: .utf8)
    #expect(summary.contains(#""households_served_by_existing_network":6"#))
    #expect(summary.contains(#""eligible_only":true"#))
    #expect(report.summaryText.contains("Left to the existing network (--eligible-only)"))
    let csv = try String(contentsOfFile: report.outputDirectory + "/buildings.csv", encoding: .utf8)
    #expect(csv.contains("B,") && csv.contains(",served_by_existing_network,served_by_existing_network,"))
  }

  @Test("Scenario eligibility: threshold and only; a bad threshold names the field")
  func scenarioKeys() throws {
    let ok = try JSONValue.parse(Array(#"{"eligibility":{"threshold_mbps":30,"only":true}}"#.utf8), path: "s.json")
    let s = try Scenario(json: ok, path: "s.json", baseDirectory: "")
    #expect(s.eligibility == EligibilityOptions(thresholdMbps: 30, only: true))
    let bad = try JSONValue.parse(Array(#"{"eligibility":{"threshold_mbps":-1}}"#.utf8), path: "s.json")
    let error = #expect(throws: FibrePlanError.self) { try Scenario(json: bad, path: "s.json", baseDirectory: "") }
    #expect(error?.exitCode == 65)
    #expect(error?.message.contains("eligibility.threshold_mbps") == true)
  }
}
