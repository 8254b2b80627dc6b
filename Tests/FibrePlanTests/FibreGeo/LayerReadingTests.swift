import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct LayerReadingTests {
  @Test func roadsKeepLinesAndSkipTheRest() throws {
    let t = try readGeoJSON(collection(
      feature(#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#, #"{"highway":"residential","name":"Dorfstrasse","surface":"asphalt"}"#),
      feature(#"{"type":"MultiLineString","coordinates":[[[2,2],[3,3],[4,4]],[[5,5]]]}"#, #"{"highway":"track"}"#),
      feature(#"{"type":"Point","coordinates":[1,1]}"#, #"{"highway":"bus_stop"}"#),
      feature(#"{"type":"LineString","coordinates":[[0,0],[NaN,1]]}"#, #"{"highway":"path"}"#),
      feature(#"{"type":"LineString","coordinates":[[0,0],[1,0]]}"#, "{}")
    ))
    let roads = LineLayer(roads: t)
    #expect(roads.count == 3)
    #expect(roads.lineStart == [0, 2, 5, 7])
    #expect(roads.featureIndex == [0, 1, 4])
    #expect(roads.highway == ["residential", "track", nil])
    #expect(roads.name == ["Dorfstrasse", nil, nil])
    #expect(roads.surface == ["asphalt", nil, nil])
    #expect(roads.points[roads.pointRange(1)] == [LonLat(lon: 2, lat: 2), LonLat(lon: 3, lat: 3), LonLat(lon: 4, lat: 4)])
    let codes = roads.diagnostics.map(\.code)
    #expect(codes.contains("too_few_points"))        // from the reader
    #expect(codes.contains("unsupported_geometry"))  // the Point
    #expect(codes.contains("unusable_geometry"))     // the NaN line
    #expect(codes.contains("missing_highway"))
    #expect(roads.diagnostics.contains { $0.code == "skipped_features" && $0.message.contains("skipped 2 of 5") })
    let ducts = LineLayer(ducts: t)
    #expect(ducts.count == 3)
    #expect(!ducts.diagnostics.contains { $0.code == "missing_highway" })
  }

  /// Roads and ducts read in feature ranges on several workers equal the one-pass
  /// layer: columns, shared or gathered points, and every warning with its per-code
  /// cap (330 missing highways) and skip summary, in order.
  @Test(arguments: [2, 3, 7])
  func rangesOnWorkersGiveTheOnePassLayer(threads: Int) throws {
    var features: [String] = []
    for i in 0..<400 {
      let line = #"{"type":"LineString","coordinates":[[0,0],[1,\#(i % 50)]]}"#
      switch i % 6 {
      case 0: features.append(feature(line, #"{"highway":"residential","name":"R\#(i)"}"#))
      case 1: features.append(feature(#"{"type":"Point","coordinates":[1,1]}"#, #"{"highway":"bus_stop"}"#))
      case 2: features.append(feature(#"{"type":"LineString","coordinates":[[0,0],[NaN,1]]}"#, #"{"highway":"path"}"#))
      case 3: features.append(feature(line, #"{"railway":"rail"}"#))
      default: features.append(feature(line, #"{"free_subducts":"x\#(i)","surface":"gravel"}"#))
      }
    }
    let table = try readGeoJSON("{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}")
    for roads in [true, false] {
      let what = roads ? "road lines" : "duct lines"
      let one = LineLayer(lines: table, what: what, wantsHighway: roads, threads: 1)
      let many = LineLayer(lines: table, what: what, wantsHighway: roads, threads: threads, splitFrom: 1)
      #expect(many.lineStart == one.lineStart && many.points == one.points)
      #expect(many.featureIndex == one.featureIndex && many.freeSubducts == one.freeSubducts)
      #expect(many.highway == one.highway && many.surface == one.surface && many.name == one.name)
      #expect(many.diagnostics == one.diagnostics)
      #expect(one.diagnostics.count > 100)
    }
    let clean = try readGeoJSON(collection(feature(#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#),
                                           feature(#"{"type":"LineString","coordinates":[[2,2],[3,3]]}"#)))
    #expect(LineLayer(lines: clean, what: "road lines", wantsHighway: true, threads: threads, splitFrom: 1).points
            == clean.points)
  }

  @Test func buildingPointsFromPolygons() throws {
    let t = try readGeoJSON(collection(
      feature(#"{"type":"Point","coordinates":[9.5,47.1]}"#),
      // Triangle: centroid (1, 1).
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[3,0],[0,3],[0,0]]]}"#),
      // Small square and a 4×2 rectangle: the rectangle's centroid (12, 1) wins.
      feature(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,0],[14,0],[14,2],[10,2],[10,0]]]]}"#),
      // Square with a hole around its centroid: point on the surface at y = 2, middle of [0, 1].
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}"#),
      // U shape: the centroid (1.5, 9.5/7) lies in the notch.
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[2,3],[2,1],[1,1],[1,3],[0,3],[0,0]]]}"#),
      feature(#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#)
    ))
    let b = BuildingLayer(t)
    #expect(b.count == 5)
    #expect(b.featureIndex == [0, 1, 2, 3, 4])
    #expect(b.points[0] == LonLat(lon: 9.5, lat: 47.1))
    #expect(abs(b.points[1].lon - 1) < 1e-12 && abs(b.points[1].lat - 1) < 1e-12)
    #expect(abs(b.points[2].lon - 12) < 1e-12 && abs(b.points[2].lat - 1) < 1e-12)
    #expect(abs(b.points[3].lon - 0.5) < 1e-12 && abs(b.points[3].lat - 2) < 1e-12)
    let u = b.points[4]
    #expect(abs(u.lat - 9.5 / 7) < 1e-12)
    #expect(abs(u.lon - 0.5) < 1e-12)
    let ring = t.points[t.pointRange(ofPart: Int(t.featurePartStart[4]))]
    #expect(PolygonGeometry.crossings(ring, u))
    #expect(b.diagnostics.contains { $0.code == "unsupported_geometry" && $0.feature == 5 })
  }

  @Test func buildingUnitsAndIDs() throws {
    let p = #"{"type":"Point","coordinates":[1,1]}"#
    let t = try readGeoJSON(collection(
      feature(p, "{}", id: "\"f1\""),
      feature(p, #"{"id":7,"units":3}"#),
      feature(p, #"{"osm_id":"99","units":"4"}"#),
      feature(p, #"{"units":-1}"#),
      feature(p, #"{"units":"many"}"#, id: "\"dup\""),
      feature(p, #"{"units":null}"#, id: "\"dup\""),
      feature(p, #"{"units":2.6}"#, id: "\"dup\"")
    ))
    let b = BuildingLayer(t)
    #expect(b.ids == ["f1", "7", "99", "b3", "dup", "dup#2", "dup#3"])
    #expect(b.units == [1, 3, 4, 0, 0, 1, 3])
    #expect(b.diagnostics.filter { $0.code == "invalid_units" }.map(\.feature) == [3, 4])
    #expect(b.diagnostics.filter { $0.code == "duplicate_id" }.map(\.feature) == [5, 6])
    #expect(b.diagnostics.allSatisfy { $0.severity == .warning })
  }

  @Test func sitesCriticalFlag() throws {
    let p = #"{"type":"Point","coordinates":[1,1]}"#
    let values = ["true", "\"yes\"", "1", "\"no\"", "false", "null", "\"maybe\"", "0"]
    let t = try readGeoJSON(collection(values.enumerated().map { i, v in
      feature(p, #"{"name":"S\#(i)","kind":"school","critical":\#(v)}"#)
    }.joined(separator: ",")))
    let s = SiteLayer(t)
    #expect(s.critical == [true, true, true, false, false, false, false, false])
    #expect(s.names[0] == "S0" && s.kinds[7] == "school")
    #expect(s.ids == (0..<8).map { "s\($0)" })
    #expect(s.diagnostics.map(\.code) == ["invalid_critical"])
  }

  @Test func emptyLayerIsAWarning() throws {
    let t = try readGeoJSON(collection())
    let b = BoundaryLayer(t)
    #expect(b.count == 0)
    #expect(b.diagnostics.map(\.code) == ["empty_layer"])
    #expect(b.diagnostics.allSatisfy { $0.severity == .warning })
  }
}
