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

  // MARK: Forbidden and preferred areas

  private func areaLayer(polygons: [[(Double, Double)]] = [], lines: [[(Double, Double)]] = []) throws -> AreaLayer {
    func coords(_ pts: [(Double, Double)]) -> String {
      pts.map { let p = sketch.lonLat($0.0, $0.1); return "[\(p.lon),\(p.lat)]" }.joined(separator: ",")
    }
    var features = polygons.map {
      #"{"type":"Feature","properties":{"name":"centre"},"geometry":{"type":"Polygon","coordinates":[["#
        + coords($0 + [$0[0]]) + "]]}}"
    }
    features += lines.map {
      #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":["# + coords($0) + "]}}"
    }
    let text = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    return AreaLayer(try GeoJSONReader.read(bytes: Array(text.utf8), path: "forbidden.geojson"))
  }

  static let square = [(150.0, -50.0), (250.0, -50.0), (250.0, 50.0), (150.0, 50.0)]

  /// A 400 m street through a forbidden 100 m square: the street is cut at the square's
  /// sides, 300 m of trench remain, and no trench point lies inside. The house inside,
  /// and the one north of the square whose drop would cross it, are `forbiddenArea`.
  @Test func noTrenchEntersAForbiddenPolygon() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (400, 0)]]),
      buildings: sketch.buildings([(200, 20), (100, 20), (200, 80), (300, 20)]),
      areas: RoutingAreas(forbidden: try areaLayer(polygons: [Self.square])), costs: .uniform)
    #expect(abs(trenchLength(net) - 300) < 1e-6)
    #expect(net.buildingStatus == [.forbiddenArea, .attached, .forbiddenArea, .attached])
    #expect(net.statistics.demandPointsForbidden == 2)
    for e in 0..<net.edgeCount where net.edgeKind[e] != .drop {
      let g = Int(net.edgeGeometryStart[e])..<Int(net.edgeGeometryStart[e + 1])
      for k in g.dropFirst() {
        let a = net.projection.project(net.geometry[k - 1]), b = net.projection.project(net.geometry[k])
        let mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2
        #expect(!(mx > 150 + 1e-6 && mx < 250 - 1e-6 && my > -50 && my < 50))
      }
    }
  }

  @Test func aForbiddenLineTakesTheRoadAlongIt() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0), (400, 0)]]), buildings: sketch.buildings([(300, 20)]),
      areas: RoutingAreas(forbidden: try areaLayer(lines: [[(0, 2), (100, 2)]])), costs: .uniform)
    #expect(abs(trenchLength(net) - 300) < 1e-6)
  }

  @Test func aForbiddenPolygonOverThePopIsADataError() throws {
    #expect {
      _ = try NetworkBuilder.build(
        roads: sketch.lines([[(0, 0), (400, 0)]]), buildings: sketch.buildings([(100, 20)]),
        pop: sketch.lonLat(200, 10), areas: RoutingAreas(forbidden: try areaLayer(polygons: [Self.square])),
        costs: .uniform)
    } throws: { error in
      guard let e = error as? FibrePlanError, case .data = e.kind else { return false }
      return e.message.contains("forbidden.geojson: feature 0 ('centre')")
    }
  }

  /// Trench along planned roadworks costs the preferred factor (0.5) × its price:
  /// 100 m at 1 + 300 m at 0.5 = 250.
  @Test func trenchAlongPreferredLinesCostsTheFactor() throws {
    let preferred = sketch.lines([[(100, 3), (400, 3)]], path: "preferred.geojson")
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0), (400, 0)]]), buildings: sketch.buildings([(300, 20)]),
      areas: RoutingAreas(preferred: preferred), costs: .uniform)
    let cost = (0..<net.edgeCount).filter { net.edgeKind[$0] == .trench }.reduce(0) { $0 + net.edgeCost[$1] }
    #expect(abs(cost - 250) < 1e-6)
    #expect(net.surfaceClasses.contains("default preferred"))
  }
}
