import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Routing rules from the field (issue 17), each on a hand-made sketch in metres.
@Suite struct RoutingRulesTests {
  let sketch = NetworkSketch()

  private func trenchLength(_ net: RoadNetwork) -> Double {
    (0..<net.edgeCount).filter { net.edgeKind[$0] == .trench }.reduce(0) { $0 + net.edgeLength[$1] }
  }

  /// A residential street on y = 0 and a motorway 30 m north of it; a house at (100, 25)
  /// is 5 m from the motorway but may only drop 25 m to the street.
  @Test func motorwaysCarryNoTrenchByDefault() throws {
    let roads = sketch.lines([[(0, 0), (200, 0)], [(0, 30), (200, 30)]],
                             highway: ["residential", "motorway"])
    let net = try NetworkBuilder.build(roads: roads, buildings: sketch.buildings([(100, 25)]),
                                       costs: .uniform)
    #expect(abs(trenchLength(net) - 200) < 1e-6)
    #expect(abs(net.buildingDistanceToRoad[0] - 25) < 1e-6)
    #expect(net.statistics.roadLinesWithoutTrench == 1)
    #expect(net.diagnostics.contains { $0.code == "no_trench_road" })

    var options = NetworkOptions()
    options.noTrenchHighways = []
    let open = try NetworkBuilder.build(roads: roads, buildings: sketch.buildings([(100, 25)]),
                                        costs: .uniform, options: options)
    #expect(abs(trenchLength(open) - 400) < 1e-6)
    #expect(abs(open.buildingDistanceToRoad[0] - 5) < 1e-6)
  }

  /// Classes match as cost classes do: trimmed, lower-cased, first of several values.
  @Test func noTrenchClassesMatchLikeCostClasses() {
    let options = NetworkOptions()
    #expect(options.carriesNoTrench(highway: "motorway_link"))
    #expect(options.carriesNoTrench(highway: " Steps;footway"))
    #expect(!options.carriesNoTrench(highway: "trunk"))
    #expect(!options.carriesNoTrench(highway: nil))
  }

  @Test func aLayerOfMotorwaysOnlyIsNamedAsUnusable() {
    let roads = sketch.lines([[(0, 0), (200, 0)]], highway: ["motorway"])
    #expect(throws: FibrePlanError.self) {
      _ = try NetworkBuilder.build(roads: roads, buildings: sketch.buildings([(100, 25)]), costs: .uniform)
    }
  }

  @Test func scenarioSetsTheClassesWithoutTrench() throws {
    let json = try JSONValue.parse(Array(#"{"network":{"no_trench_highways":["trunk"]}}"#.utf8), path: "s.json")
    let s = try Scenario(json: json, path: "s.json", baseDirectory: "")
    #expect(s.network.noTrenchHighways == ["trunk"])
    let bad = try JSONValue.parse(Array(#"{"network":{"no_trench_highways":"trunk"}}"#.utf8), path: "s.json")
    #expect(throws: FibrePlanError.self) { _ = try Scenario(json: bad, path: "s.json", baseDirectory: "") }
  }
}
