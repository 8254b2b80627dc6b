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

@Suite struct CompareTests {
  @Test("Two scenarios differing only in duct reuse: the saving shows, the changed trench is in diff.geojson")
  func ductReuseComparison() throws {
    let dir = try ThreeTowns.write()
    let ducts = HandMadeTown.collection([HandMadeTown.line([(0, 0), (200, 0), (400, 0)])])
    try ducts.write(toFile: dir + "/ducts.geojson", atomically: true, encoding: .utf8)
    let pop = HandMadeTown.lonLat(0, 0)
    func scenario(_ name: String, ducts: Bool) -> String {
      """
      {"name":"\(name)","pop":[\(pop.0),\(pop.1)],"solver":{"time_limit_s":0},"cost_sharing":true,
       "layers":{"roads":"roads.geojson","buildings":"buildings.geojson","boundaries":"boundaries.geojson"\(ducts ? ",\"ducts\":\"ducts.geojson\"" : "")}}
      """
    }
    try scenario("dig", ducts: false).write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
    try scenario("reuse", ducts: true).write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
    var o = CompareOptions(scenarioPaths: [dir + "/a.json", dir + "/b.json"])
    o.outputDirectory = dir + "/cmp"
    let report = try ScenarioComparison.run(o)
    #expect(report.names == ["dig", "reuse"])
    let dig = report.plans[0].totals.region, reuse = report.plans[1].totals.region
    #expect(reuse.ductReuseMetres > 300)
    #expect(reuse.capexTotal < dig.capexTotal)
    #expect(report.diffFeatures > 0)
    let csv = try String(contentsOfFile: dir + "/cmp/comparison.csv", encoding: .utf8)
    #expect(csv.hasPrefix("figure,dig,reuse\ncapex,"))
    #expect(csv.contains("\nshapley:A,"))
    #expect(report.text.contains("Reused duct km"))
    let diff = try Data(contentsOf: URL(fileURLWithPath: dir + "/cmp/diff.geojson"))
    let json = try #require(try JSONSerialization.jsonObject(with: diff) as? [String: Any])
    let features = try #require(json["features"] as? [[String: Any]])
    let onlyIn = features.compactMap { ($0["properties"] as? [String: Any])?["only_in"] as? [String] }
    #expect(onlyIn.contains(["dig"]))
    #expect(onlyIn.contains(["reuse"]))
    // Deterministic: a second run writes the same bytes.
    o.outputDirectory = dir + "/cmp2"
    o.threads = 1
    _ = try ScenarioComparison.run(o)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/cmp2/diff.geojson")) == diff)
    #expect(try String(contentsOfFile: dir + "/cmp2/comparison.csv", encoding: .utf8) == csv)
  }

  @Test("compare with one scenario is a usage error")
  func needsTwo() {
    #expect(throws: FibrePlanError.self) { try ScenarioComparison.run(CompareOptions(scenarioPaths: ["a.json"])) }
  }
}
