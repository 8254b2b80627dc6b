import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo

/// Reading a `features` array in parallel pieces gives exactly the sequential table:
/// columns, interned keys, lines, warnings (with their per-code cap) and errors.
@Suite struct GeoJSONPiecesTests {
  /// Features that trip the boundary guess (`}, {` inside strings and geometry
  /// collections), keys that first appear late, warnings above the listing cap, and
  /// features spread over several lines.
  static func document(features: Int, breakAt: Int? = nil) -> String {
    var parts: [String] = []
    for i in 0..<features {
      var props = #""name": "road }, { \#(i)", "lanes": \#(i % 3)"#
      if i > features / 2 { props = #""late": true, "# + props }
      let geometry: String
      switch i % 5 {
      case 0: geometry = #"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [3, 4]}]}"#
      case 1: geometry = #"{"type": "LineString", "coordinates": [[9.5, 47.1]]}"#
      case 2: geometry = "{\"type\": \"LineString\",\n \"coordinates\": [[9.512345678901234, 47.1], [9.6, 47.123456789012345]]}"
      case 3: geometry = #"{"type": "Point", "coordinates": [200.0, 47.0]}"#
      default: geometry = #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#
      }
      let broken = i == breakAt ? "," : ""
      parts.append("{\"type\": \"Feature\", \"id\": \(i), \"properties\": {\(props)\(broken)}, \"geometry\": \(geometry)}")
    }
    return "{\"type\": \"FeatureCollection\", \"features\": [\n" + parts.joined(separator: ",\n") + "\n], \"x\": 1}"
  }

  static func read(_ text: String, pieceBytes: Int, cores: Int) throws -> FeatureTable {
    try Array(text.utf8).withUnsafeBytes {
      try GeoJSONReader.read(bytes: $0, path: "p.geojson", pieceBytes: pieceBytes, cores: cores)
    }
  }

  @Test(arguments: [(64, 2), (300, 4), (2000, 8)])
  func piecesGiveTheSequentialTable(pieceBytes: Int, cores: Int) throws {
    let text = Self.document(features: 700)
    let one = try Self.read(text, pieceBytes: Int.max, cores: 1)
    let many = try Self.read(text, pieceBytes: pieceBytes, cores: cores)
    #expect(many.geometryTypes == one.geometryTypes)
    #expect(many.featureLines == one.featureLines)
    #expect(many.featurePartStart == one.featurePartStart)
    #expect(many.partPointStart == one.partPointStart)
    #expect(many.partStartsPolygon == one.partStartsPolygon)
    #expect(many.points == one.points)
    #expect(many.propertyKeys == one.propertyKeys)
    #expect(many.featurePropertyStart == one.featurePropertyStart)
    #expect(many.propertyKey == one.propertyKey)
    #expect(many.propertyValue == one.propertyValue)
    #expect(many.featureIDs == one.featureIDs)
    #expect(many.diagnostics == one.diagnostics)
    #expect(one.diagnostics.count > 200)
    #expect(Int(one.featureLines.last ?? 0) == 1 + 700 + 140)
  }

  @Test func anErrorInALaterPieceIsReportedInFileTerms() throws {
    let text = Self.document(features: 700, breakAt: 650)
    var messages: [String] = []
    for (bytes, cores) in [(Int.max, 1), (64, 2), (300, 4)] {
      do {
        _ = try Self.read(text, pieceBytes: bytes, cores: cores)
      } catch let e as FibrePlanError {
        messages.append(e.description)
      }
    }
    #expect(messages.count == 3)
    #expect(Set(messages).count == 1)
    #expect(messages.first?.contains("feature 650") == true)
  }
}
