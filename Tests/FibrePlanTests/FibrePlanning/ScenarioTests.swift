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

@Suite struct ScenarioTests {
  func scenario(_ text: String) throws -> Scenario {
    let json = try JSONValue.parse(Array(text.utf8), path: "s.json")
    return try Scenario(json: json, path: "s.json", baseDirectory: "/maps")
  }

  @Test func layerPathsResolveAgainstTheScenarioFolder() throws {
    let s = try scenario(#"{"name":"x","layers":{"roads":"a/roads.geojson","buildings":"/abs/b.geojson"}}"#)
    #expect(s.name == "x")
    #expect(s.layers.roads == "/maps/a/roads.geojson")
    #expect(s.layers.buildings == "/abs/b.geojson")
    #expect(s.layers.sites == nil)
  }

  @Test func costsOverrideTheDefaults() throws {
    let s = try scenario(#"""
      {"name":"x","costs":{"trench_per_m":{"default":55,"surface":{"asphalt":120}},
       "duct_reuse_per_m":9,"drop_per_m":20,"drop_per_connection":500,"equipment_per_connection":200}}
      """#)
    #expect(s.costs.trenchPerMetreDefault == 55)
    #expect(s.costs.trenchPerMetreBySurface["asphalt"] == 120)
    #expect(s.costs.ductReusePerMetre == 9)
    #expect(s.costs.dropPerMetre == 20)
    #expect(s.costs.dropPerConnection == 500)
    #expect(s.costs.equipmentPerConnection == 200)
  }

  @Test("A negative cost is a data error that names the field")
  func negativeCostIsRejected() throws {
    do {
      _ = try scenario(#"{"name":"x","costs":{"drop_per_m":-3}}"#)
      Issue.record("expected an error")
    } catch let e as FibrePlanError {
      #expect(e.kind == .data)
      #expect(e.message.contains("costs.drop_per_m"))
    }
  }

  @Test func popAcceptsArrayOrObjectAndRejectsSwappedOrder() throws {
    #expect(try scenario(#"{"pop":[9.5,47.1]}"#).pop == LonLat(lon: 9.5, lat: 47.1))
    #expect(try scenario(#"{"pop":{"lon":9.5,"lat":47.1}}"#).pop == LonLat(lon: 9.5, lat: 47.1))
    #expect(throws: FibrePlanError.self) { try scenario(#"{"pop":[9.5,147.1]}"#) }
  }

  @Test func unknownKeysAreWarningsNotErrors() throws {
    let s = try scenario(#"{"name":"x","colour":"blue"}"#)
    #expect(s.warnings.count == 1)
  }

  @Test func aMissingScenarioFileIsExit66() {
    do {
      _ = try Scenario.read(path: "/nonexistent/s.json")
      Issue.record("expected an error")
    } catch let e as FibrePlanError {
      #expect(e.exitCode == 66)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("Every scenario shipped in Scenarios/ reads without error")
  func shippedScenariosRead() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Scenarios").path
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    #expect(!files.filter { $0.hasSuffix(".json") }.isEmpty)
    for f in files where f.hasSuffix(".json") {
      let s = try Scenario.read(path: folder + "/" + f)
      #expect(s.layers.roads != nil, "\(f) names no roads layer")
      for p in [s.layers.roads, s.layers.buildings, s.layers.sites, s.layers.boundaries].compactMap({ $0 }) {
        #expect(FileManager.default.fileExists(atPath: p), "\(f): \(p) is missing")
      }
    }
  }
}
