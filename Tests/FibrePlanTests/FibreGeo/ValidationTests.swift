import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct ValidationTests {
  func write(_ name: String, _ text: String) throws -> String {
    let dir = "/tmp/fibreplan-validate-tests-\(getpidString())"
    try FileManagerShim.createDirectory(dir)
    let path = dir + "/" + name
    try FileManagerShim.write(text, to: path)
    return path
  }

  @Test func warningsKeepAFileUsable() throws {
    let roads = try write("roads.geojson", collection(
      feature(#"{"type":"LineString","coordinates":[[9.5,47.1],[9.6,47.2]]}"#, #"{"highway":"primary"}"#),
      feature(#"{"type":"LineString","coordinates":[[9.5,47.1]]}"#, #"{"highway":"track"}"#),
      feature("null")))
    let report = validateLayers(paths: [roads])
    #expect(report.isUsable)
    #expect(report.exitCode == 0)
    let file = report.files[0]
    #expect(file.kind == .roads)
    #expect(file.featureCount == 3)
    #expect(file.geometryCounts == [.init(type: .null, count: 1), .init(type: .lineString, count: 2)])
    #expect(file.boundingBox.minLon == 9.5 && file.boundingBox.maxLat == 47.2)
    #expect(file.diagnostics.contains { $0.code == "too_few_points" && $0.feature == 1 })
    #expect(report.text.contains("roads.geojson:1: warning: feature 1: geometry.coordinates: LineString has 1 coordinate"))
    #expect(report.text.contains("bbox [9.5000000, 47.1000000, 9.6000000, 47.2000000]"))
    let json = try JSONValue.parse(report.json, path: "report.json")
    #expect(json["usable"] == .bool(true))
    #expect(json["files"]?.arrayValue?.first?["features"] == .number(3))
  }

  @Test func brokenAndMissingFilesSetTheExitCode() throws {
    let good = try write("sites.geojson", collection())
    let bad = try write("buildings.geojson", "{\"type\":\"FeatureCollection\",\"features\":[")
    let broken = validateLayers(paths: [good, bad])
    #expect(!broken.isUsable)
    #expect(broken.exitCode == 65)
    #expect(broken.text.contains("buildings.geojson:1: error: feature 0: expected a Feature object"))
    #expect(broken.text.hasSuffix("NOT usable\n"))
    let missing = validateLayers(paths: [good, bad, "/nonexistent/roads.geojson"])
    #expect(missing.exitCode == 66)
    let json = try JSONValue.parse(missing.json, path: "report.json")
    #expect(json["exitCode"] == .number(66))
  }

  @Test func layerKindFromFileName() {
    #expect(ValidationReport.LayerKind(fileName: "/a/b/Roads.geojson") == .roads)
    #expect(ValidationReport.LayerKind(fileName: "existing-ducts.json") == .ducts)
    #expect(ValidationReport.LayerKind(fileName: "boundaries.geojson") == .boundaries)
    #expect(ValidationReport.LayerKind(fileName: "x.geojson") == nil)
  }
}
