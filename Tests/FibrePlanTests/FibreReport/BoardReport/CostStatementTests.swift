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

@Suite struct CostStatementTests {
  @Test("plan --cost-sharing writes cost_sharing.csv and the summary sections, byte-identically")
  func planWritesCostStatement() throws {
    let dir = try ThreeTowns.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson",
                                   boundaries: dir + "/boundaries.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = true
    o.timeLimit = 0
    o.costSharing = true
    o.outputDirectory = dir + "/plan"
    let report = try PlanRun.run(o)
    let statement = try #require(report.costSharing)
    #expect(statement.shares.count == 3)
    let csv = try String(contentsOfFile: dir + "/plan/cost_sharing.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("municipality,households,trench_m,stand_alone,"))
    #expect(lines[1].hasPrefix("A,1,"))
    #expect(lines[1].hasSuffix(",true"))
    let summary = try String(contentsOfFile: dir + "/plan/summary.json", encoding: .utf8)
    #expect(summary.contains("\"cost_sharing\":{\"joint_cost\":530"))
    #expect(summary.contains("\"core_violation\":false"))
    #expect(report.summaryText.contains("Cost sharing (EUR)"))
    #expect(report.summaryText.contains("upper bounds"))
    _ = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/plan/summary.json")))
    // Same input, same bytes, whatever the thread count.
    o.outputDirectory = dir + "/plan2"
    o.threads = 1
    _ = try PlanRun.run(o)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/plan2/cost_sharing.csv"))
            == Data(contentsOf: URL(fileURLWithPath: dir + "/plan/cost_sharing.csv")))
  }

  @Test("Scenario board keys are read and bad values named")
  func scenarioBoardKeys() throws {
    let good = try JSONValue.parse(Array(#"""
      {"name":"x","rings":true,"hub":[9.5,47.1],"cost_sharing":{"samples":32,"seed":5},
       "data_centre_candidates":[[9.51,47.14],{"name":"Schaan DC","position":[9.5,47.16]}]}
      """#.utf8), path: "s.json")
    let s = try Scenario(json: good, path: "s.json", baseDirectory: "")
    #expect(s.rings)
    #expect(s.hub == LonLat(lon: 9.5, lat: 47.1))
    #expect(s.costSharing?.samples == 32)
    #expect(s.costSharing?.seed == 5)
    #expect(s.dataCentreCandidates.map(\.name) == ["candidate 1", "Schaan DC"])
    #expect(s.warnings.isEmpty)
    for (text, field) in [(#"{"rings":1}"#, "rings"), (#"{"cost_sharing":{"samples":1}}"#, "cost_sharing.samples"),
                          (#"{"data_centre_candidates":[{"name":"a"}]}"#, "data_centre_candidates[0].position"),
                          (#"{"hub":[200,10]}"#, "hub")] {
      let json = try JSONValue.parse(Array(text.utf8), path: "s.json")
      do {
        _ = try Scenario(json: json, path: "s.json", baseDirectory: "")
        Issue.record("\(text) should fail")
      } catch let e as FibrePlanError {
        #expect(e.kind == .data)
        #expect(e.message.contains("s.json: \(field):"))
      }
    }
  }
}
