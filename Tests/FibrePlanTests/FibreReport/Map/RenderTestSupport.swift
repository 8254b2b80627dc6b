import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Helpers shared by the map and report tests: the hand-made town planned once per
/// call, XML well-formedness and mark counting in an SVG's class paths.
enum RenderFixture {
  static func townPlan(uniform: Bool = true) throws -> FibrePlanResult {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = uniform
    o.timeLimit = 1
    o.name = "town"
    o.outputDirectory = dir + "/plan"
    return try PlanRun.run(o).result
  }

  /// Parses `bytes` as XML; returns the parser's error, nil when well-formed.
  static func xmlError(_ bytes: [UInt8]) -> String? {
    let parser = XMLParser(data: Data(bytes))
    return parser.parse() ? nil : String(describing: parser.parserError)
  }

  /// The `d` attribute of the path with `class="cls"`, or "" if there is none.
  static func pathData(_ svg: String, cls: String) -> String {
    guard let start = svg.range(of: "<path class=\"\(cls)\" d=\"") else { return "" }
    let rest = svg[start.upperBound...]
    return String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
  }

  /// Marks in a class path: each is one zero-length `h0` subpath.
  static func marks(_ svg: String, cls: String) -> Int {
    pathData(svg, cls: cls).components(separatedBy: "h0").count - 1
  }

  /// ../shared/maps/<name> beside the package, or beside the folder holding it (git
  /// worktrees live one level deeper); nil when absent.
  static func sharedMap(_ name: String) -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for base in [root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent()] {
      let path = base.appendingPathComponent("shared/maps/\(name)").path
      if FileManager.default.fileExists(atPath: path + "/roads.geojson") { return path }
    }
    return nil
  }
}
