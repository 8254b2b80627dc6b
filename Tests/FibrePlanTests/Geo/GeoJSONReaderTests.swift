import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct GeoJSONReaderTests {
  @Test func everyGeometryTypeFillsPartsAndPoints() throws {
    let t = try readGeoJSON(collection(
      feature(#"{"type":"Point","coordinates":[1.5,2.5]}"#),
      feature(#"{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}"#),
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[1,2],[1,1]]]}"#),
      feature(#"{"type":"MultiPoint","coordinates":[[5,5],[6,6]]}"#),
      feature(#"{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[2,2],[3,3],[4,4]]]}"#),
      feature(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.2,5.1],[5.3,5.1],[5.3,5.2],[5.2,5.1]]]]}"#),
      feature("null"),
      feature(#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}"#)
    ))
    #expect(t.geometryTypes == [.point, .lineString, .polygon, .multiPoint, .multiLineString,
                                .multiPolygon, .null, .geometryCollection])
    #expect(t.featurePartStart == [0, 1, 2, 4, 5, 7, 10, 10, 10])
    #expect(t.partPointStart == [0, 1, 4, 8, 12, 14, 16, 19, 23, 27, 31])
    #expect(t.partStartsPolygon == [false, false, true, false, false, false, false, true, true, false])
    #expect(t.points[0] == LonLat(lon: 1.5, lat: 2.5))
    #expect(t.points[t.pointRange(ofPart: 6)] == [LonLat(lon: 2, lat: 2), LonLat(lon: 3, lat: 3), LonLat(lon: 4, lat: 4)])
    #expect(t.diagnostics.isEmpty, "\(t.diagnostics)")
  }

  @Test func propertiesAreInternedAndTyped() throws {
    let t = try readGeoJSON(collection(
      feature("null", #"{"name":"A","units":3,"ok":true,"x":null,"tags":[1,{"k":"v"}]}"#),
      feature("null", #"{"units":"4","na\u006de":"B\u00e9 \"q\"","new":-0.5e1}"#),
      feature("null", "null")
    ))
    #expect(t.propertyKeys == ["name", "units", "ok", "x", "tags", "new"])
    #expect(t.featurePropertyStart == [0, 5, 8, 8])
    let name = t.keyIndex("name"), units = t.keyIndex("units")
    #expect(t.property(0, name) == .string("A"))
    #expect(t.property(1, name) == .string("Bé \"q\""))
    #expect(t.property(0, units) == .number(3))
    #expect(t.property(1, units) == .string("4"))
    #expect(t.property(1, t.keyIndex("new")) == .number(-5))
    #expect(t.property(0, t.keyIndex("tags")) == .array([.number(1), .object([.init("k", .string("v"))])]))
    #expect(t.property(2, name) == nil)
    #expect(t.property(0, t.keyIndex("missing")) == nil)
  }

  @Test func featureIDsAndLines() throws {
    let text = """
      {
        "type": "FeatureCollection",
        "features": [
          { "type": "Feature", "id": "a7",
            "properties": {}, "geometry": null },

          { "type": "Feature", "id": 42, "properties": {}, "geometry": null },
          { "type": "Feature", "properties": {}, "geometry": null }
        ]
      }
      """
    let t = try readGeoJSON(text)
    #expect(t.featureIDs == [.string("a7"), .number(42), nil])
    #expect(t.featureLines == [4, 7, 8])
  }

  @Test func coordinatesBeforeTypeAndForeignMembers() throws {
    let t = try readGeoJSON("""
      {"features":[{"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"bbox":[0,0,1,1],"type":"Polygon"},
        "type":"Feature","extra":{"a":[1,2,{"b":null}]},"properties":{}}],
       "type":"FeatureCollection","crs":{"type":"name"}}
      """)
    #expect(t.geometryTypes == [.polygon])
    #expect(t.partStartsPolygon == [true])
    #expect(t.points.count == 4)
    let lines = try readGeoJSON(collection(feature(#"{"coordinates":[[[0,0],[1,0]],[[2,2],[3,3]]],"type":"MultiLineString"}"#)))
    #expect(lines.partStartsPolygon == [false, false])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let t = try GeoJSONReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array(collection(feature("null")).utf8), path: "bom.geojson")
    #expect(t.count == 1)
  }

  @Test func utf16IsRejectedClearly() {
    let text = collection(feature("null"))
    let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    for bytes in [le, be] {
      let e = readError(bytes: bytes)
      #expect(e?.message.contains("UTF-16") == true)
    }
  }

  @Test func numbersMatchTheStandardLibrary() throws {
    var rng = SplitMix64(seed: 7)
    var texts: [String] = ["0", "-0", "0.1", "9.5495577", "47.1878542", "-180", "1e5", "2.5E-3",
                           "123456789012345", "1234567890123456789", "0.30000000000000004",
                           "1.7976931348623157e308", "5e-324", "4.9406564584124654e-324"]
    for _ in 0..<3000 {
      let whole = Int.random(in: 0...999, using: &rng)
      let digits = Int.random(in: 1...16, using: &rng)
      var frac = ""
      for _ in 0..<digits { frac += String(Int.random(in: 0...9, using: &rng)) }
      texts.append((Bool.random(using: &rng) ? "-" : "") + "\(whole).\(frac)")
    }
    for text in texts {
      let v = try JSONValue.parse(text, path: "n.json")
      #expect(v == .number(Double(text)!), "\(text)")
    }
    // Inside an array every number has bytes after it, so the 8-byte digit scan runs.
    let array = try JSONValue.parse("[" + texts.joined(separator: ",") + ",1.2345678e1 , 0.125]", path: "n.json")
    #expect(array.arrayValue?.count == texts.count + 2)
    for (text, v) in zip(texts, array.arrayValue ?? []) {
      #expect(v == .number(Double(text)!), "\(text)")
    }
    #expect(array.arrayValue?.suffix(2) == [.number(12.345678), .number(0.125)])
  }

  @Test func readFromDiskAndMissingFile() throws {
    let dir = "/tmp/fibreplan-geo-tests-\(getpidString())"
    try? FileManagerShim.createDirectory(dir)
    let path = dir + "/one.geojson"
    try FileManagerShim.write(collection(feature(#"{"type":"Point","coordinates":[1,2]}"#)), to: path)
    let t = try GeoJSONReader.read(path: path)
    #expect(t.points == [LonLat(lon: 1, lat: 2)])
    try FileManagerShim.write("", to: dir + "/empty.geojson")
    #expect(throws: FibrePlanError.self) { try GeoJSONReader.read(path: dir + "/empty.geojson") }
    do {
      _ = try GeoJSONReader.read(path: dir + "/absent.geojson")
      Issue.record("expected missingFile")
    } catch let e as FibrePlanError {
      #expect(e.kind == .missingFile)
      #expect(e.message.contains("absent.geojson"))
    }
    do {
      _ = try GeoJSONReader.read(path: dir)
      Issue.record("expected io error for a directory")
    } catch let e as FibrePlanError {
      #expect(e.kind == .data)
    }
  }
}
