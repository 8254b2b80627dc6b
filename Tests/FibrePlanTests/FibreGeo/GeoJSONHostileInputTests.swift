import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct GeoJSONHostileInputTests {
  @Test func unusableDocumentsThrowDataErrors() {
    let cases: [(String, String)] = [
      ("", "empty file"),
      ("   \n\t ", "empty file"),
      ("hello", "root is not a JSON object"),
      ("[1,2,3]", "root is not a JSON object"),
      (#"{"type":"Feature","geometry":null,"properties":{}}"#, "expected 'FeatureCollection'"),
      (#"{"type":"FeatureCollection"}"#, "no 'features'"),
      (#"{"type":"FeatureCollection","features":{}}"#, "expected an array of features"),
      (#"{"type":"FeatureCollection","features":[1]}"#, "feature 0: expected a Feature object"),
      (#"{"type":"FeatureCollection","features":[]} x"#, "after the root object"),
      (#"{"type":"FeatureCollection","features":[],}"#, "expected a member name"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]}"#,
       "unknown geometry type 'Circle'"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"coordinates":[1,2]}}]}"#,
       "geometry has no 'type'"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[[1,2]]}}]}"#,
       "geometry.coordinates"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[1,2]}}]}"#,
       "LineString needs positions 2 arrays deep"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"coordinates":[[1,2]],"type":"Point"}}]}"#,
       "nested 2 deep, but a Point needs 1"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":01}}]}"#, "leading zero"),
      (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"x\u12"}}]}"#, "invalid \\u escape"),
      ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":\"x\ny\"}}]}",
       "unterminated string"),
    ]
    for (text, fragment) in cases {
      let e = readError(text)
      #expect(e?.message.contains(fragment) == true, "\(text) -> \(e?.message ?? "no error")")
      #expect(e?.message.hasPrefix("t.geojson:") == true)
      #expect(e?.message.contains("(byte ") == true || e?.message.contains("empty file") == true)
    }
  }

  @Test func fatalMessagesNameLineFeatureAndField() {
    let text = """
      {"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
      {"type": "Feature", "properties": {},
       "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, x]]}}
      ]}
      """
    let e = readError(text)
    #expect(e?.message.hasPrefix("t.geojson:4: feature 1: geometry.coordinates: expected a number") == true,
            "\(e?.message ?? "")")
  }

  @Test func truncationAtEveryByteThrows() throws {
    let text = collection(
      feature(#"{"type":"LineString","coordinates":[[9.5,47.1],[9.6,47.2]]}"#, #"{"name":"Dorf\u00e9","n":1.5e3}"#, id: "\"r1\""),
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#, "null"))
    let bytes = Array(text.utf8)
    _ = try GeoJSONReader.read(bytes: bytes, path: "t.geojson")
    for n in 0..<bytes.count {
      _ = readError(bytes: Array(bytes[..<n]))
    }
  }

  @Test func binaryGarbageThrows() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<50 {
      let bytes = (0..<Int.random(in: 1...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      _ = readError(bytes: bytes)
    }
  }

  @Test func nullGeometryIsCounted() throws {
    let t = try readGeoJSON(collection(feature("null"), feature("null")))
    #expect(t.geometryTypes == [.null, .null])
    #expect(t.featurePartStart == [0, 0, 0])
    #expect(t.diagnostics.isEmpty)
  }

  /// Each defect gives one warning with its code, the feature, the field and the line.
  @Test func coordinateDefectsBecomeWarnings() throws {
    let cases: [(String, String)] = [
      (#"{"type":"LineString","coordinates":[[9.5,47.1]]}"#, "too_few_points"),
      (#"{"type":"LineString","coordinates":[["9.5","47.1"],[9.6,47.2]]}"#, "non_numeric_coordinate"),
      (#"{"type":"Point","coordinates":[NaN,47.1]}"#, "non_finite_coordinate"),
      (#"{"type":"Point","coordinates":[1e400,47.1]}"#, "non_finite_coordinate"),
      (#"{"type":"Point","coordinates":[-Infinity,47.1]}"#, "non_finite_coordinate"),
      (#"{"type":"Point","coordinates":[200,47.1]}"#, "coordinate_out_of_range"),
      (#"{"type":"Point","coordinates":[47.1,120.5]}"#, "swapped_lat_lon"),
      (#"{"type":"Point","coordinates":[9.5]}"#, "too_few_values"),
      (#"{"type":"Point","coordinates":[null,1]}"#, "non_numeric_coordinate"),
      (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#, "unclosed_ring"),
      (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#, "too_few_points"),
      (#"{"type":"MultiLineString","coordinates":[]}"#, "empty_geometry"),
    ]
    for (geometry, code) in cases {
      let text = collection(feature("null"), "\n" + feature(geometry))
      let t = try readGeoJSON(text)
      #expect(t.count == 2)
      #expect(t.diagnostics.count == 1, "\(geometry): \(t.diagnostics)")
      guard let d = t.diagnostics.first else { continue }
      #expect(d.code == code, "\(geometry): \(d)")
      #expect(d.feature == 1)
      #expect(d.line == 2)
      #expect(d.field == "geometry.coordinates")
      #expect(d.severity == .warning)
      #expect(d.description.hasPrefix("t.geojson:2: warning: feature 1: geometry.coordinates: "))
    }
  }

  @Test func warningsAreCappedPerCode() throws {
    let bad = feature(#"{"type":"LineString","coordinates":[[1,2]]}"#)
    let t = try readGeoJSON(collection(Array(repeating: bad, count: 250).joined(separator: ",")))
    #expect(t.diagnostics.count == GeoJSONParser.listedPerCode + 1)
    #expect(t.diagnostics.last?.message.contains("150 more") == true)
  }

  @Test func deepNestingNeverOverflowsTheStack() throws {
    let depth = 100_000
    let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    // A foreign member is skipped iteratively, whatever its depth.
    let skipped = try readGeoJSON(#"{"type":"FeatureCollection","deep":"# + deep + #","features":[]}"#)
    #expect(skipped.count == 0)
    // Unbalanced: still an error, not a crash.
    _ = readError(#"{"type":"FeatureCollection","deep":"# + String(repeating: "[", count: depth))
    // Property values have a depth limit.
    let e = readError(collection(feature("null", #"{"a":"# + deep + "}")))
    #expect(e?.message.contains("nesting deeper than") == true)
    #expect(e?.message.contains("feature 0") == true)
    // Coordinates have a fixed shape.
    _ = readError(collection(feature(#"{"type":"Point","coordinates":"# + deep + "}")))
    _ = readError(collection(feature(#"{"coordinates":"# + deep + #","type":"Point"}"#)))
    // And so do general JSON documents.
    #expect(throws: FibrePlanError.self) { try JSONValue.parse(deep, path: "deep.json") }
  }
}
