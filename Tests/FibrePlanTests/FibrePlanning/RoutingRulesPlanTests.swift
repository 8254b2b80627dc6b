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

/// Routing rules from the field (issue 17) through a whole plan run, on a street of
/// 400 m along y = 0 with the POP at its west end (HandMadeTown's frame).
@Suite struct RoutingRulesPlanTests {
  typealias T = HandMadeTown

  /// Writes the named layers into a fresh folder and plans them with European costs;
  /// `scenario` is a JSON object whose members are added to the scenario.
  func plan(_ layers: [String: String], scenario: String = "{}") throws -> PlanRunReport {
    let dir = NSTemporaryDirectory() + "fibreplan-routing-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var paths: [String] = []
    for (name, text) in layers.sorted(by: { $0.key < $1.key }) {
      try text.write(toFile: dir + "/\(name).geojson", atomically: true, encoding: .utf8)
      paths.append("\"\(name)\": \"\(name).geojson\"")
    }
    let body = scenario.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
    let text = "{\"name\": \"routing\", \"layers\": {\(paths.joined(separator: ", "))}, "
      + "\"pop\": [\(T.originLon), \(T.originLat)], \"solver\": {\"time_limit_s\": 0}"
      + (body.isEmpty ? "" : ", " + body) + "}"
    try text.write(toFile: dir + "/scenario.json", atomically: true, encoding: .utf8)
    var o = PlanCommandOptions()
    o.scenarioPath = dir + "/scenario.json"
    o.outputDirectory = dir + "/plan"
    return try PlanRun.run(o)
  }

  static let street = T.collection([T.line([(0, 0), (400, 0)], properties: #"{"highway":"residential"}"#)])
  static let house = T.collection([T.point(400, 20, properties: #"{"id":"H","units":1}"#)])

  static func duct(free: String?) -> String {
    T.collection([T.line([(0, 0), (400, 0)], properties: free.map { "{\"free_subducts\":\($0)}" } ?? "{}")])
  }

  static func bomRows(_ report: PlanRunReport) throws -> [String] {
    try String(contentsOfFile: report.outputDirectory + "/bom.csv", encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  @Test("A duct with a free sub-duct is reused, and the bill counts the sub-duct")
  func ductWithFreeSubductIsReused() throws {
    for free in [nil, "2"] {
      let r = try plan(["roads": Self.street, "buildings": Self.house, "ducts": Self.duct(free: free)])
      #expect(abs(r.result.totals.region.ductReuseMetres - 400) < 0.5)
      #expect(r.result.totals.region.trenchMetres < 0.5)
      #expect(try Self.bomRows(r).contains { $0.hasPrefix("existing duct sub-ducts used,pcs,1,") })
    }
  }

  @Test("A full duct (free_subducts 0) is not reused: the street is trenched")
  func fullDuctIsNotReused() throws {
    let r = try plan(["roads": Self.street, "buildings": Self.house, "ducts": Self.duct(free: "0")])
    #expect(r.result.totals.region.ductReuseMetres == 0)
    #expect(abs(r.result.totals.region.trenchMetres - 400) < 0.5)
    #expect(!(try Self.bomRows(r).contains { $0.hasPrefix("existing duct sub-ducts") }))
    #expect(r.warnings.contains { $0.contains("no free sub-duct") })
  }

  @Test("A bad free_subducts value warns and counts as a full duct")
  func badFreeSubductsIsAFullDuct() throws {
    let r = try plan(["roads": Self.street, "buildings": Self.house, "ducts": Self.duct(free: "-1")])
    #expect(r.result.totals.region.ductReuseMetres == 0)
    #expect(r.warnings.contains { $0.contains("free_subducts") })
  }

  @Test("A home only reachable through a forbidden area is a gap with reason forbidden_area")
  func forbiddenAreaMakesANamedGap() throws {
    let square = [(150.0, -50.0), (250.0, -50.0), (250.0, 50.0), (150.0, 50.0), (150.0, -50.0)]
    let coords = square.map { T.coordinate($0.0, $0.1) }.joined(separator: ",")
    let forbidden = T.collection([
      #"{"type":"Feature","properties":{"name":"centre"},"geometry":{"type":"Polygon","coordinates":[["#
        + coords + "]]}}"])
    let houses = T.collection([T.point(200, 20, properties: #"{"id":"IN","units":1}"#),
                               T.point(100, 20, properties: #"{"id":"OUT","units":1}"#)])
    let r = try plan(["roads": Self.street, "buildings": houses, "forbidden": forbidden])
    #expect(r.result.outcomes.buildings.outcome == [.forbiddenArea, .connected])
    #expect(abs(r.result.totals.region.trenchMetres - 100) < 0.5)
    let gaps = try String(contentsOfFile: r.outputDirectory + "/gaps.geojson", encoding: .utf8)
    #expect(gaps.contains("forbidden_area"))
  }

  @Test("A forbidden polygon over the POP stops the run with exit 65 naming layer and feature")
  func forbiddenPopIsExit65() throws {
    let square = [(-50.0, -50.0), (50.0, -50.0), (50.0, 50.0), (-50.0, 50.0), (-50.0, -50.0)]
    let coords = square.map { T.coordinate($0.0, $0.1) }.joined(separator: ",")
    let forbidden = T.collection([
      #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[["# + coords + "]]}}"])
    #expect {
      _ = try plan(["roads": Self.street, "buildings": Self.house, "forbidden": forbidden])
    } throws: { error in
      guard let e = error as? FibrePlanError else { return false }
      return e.exitCode == 65 && e.message.contains("forbidden.geojson: feature 0")
    }
  }

  @Test("Negative costs are exit 65 naming the field")
  func negativeCostIsExit65() throws {
    #expect {
      _ = try plan(["roads": Self.street, "buildings": Self.house], scenario: #"{"costs": {"preferred_factor": -1}}"#)
    } throws: { error in
      guard let e = error as? FibrePlanError else { return false }
      return e.exitCode == 65 && e.message.contains("costs.preferred_factor")
    }
  }
}
