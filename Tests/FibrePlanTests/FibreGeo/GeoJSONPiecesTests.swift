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

  static func read(_ text: String, pieceBytes: Int, threads: Int) throws -> FeatureTable {
    try Array(text.utf8).withUnsafeBytes {
      try GeoJSONReader.read(bytes: $0, path: "p.geojson", pieceBytes: pieceBytes, threads: threads)
    }
  }

  /// Every column, key and diagnostic of two tables.
  static func expectSame(_ many: FeatureTable, _ one: FeatureTable) {
    #expect(many.count == one.count)
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
  }

  @Test(arguments: [(64, 2), (300, 4), (2000, 8)])
  func piecesGiveTheSequentialTable(pieceBytes: Int, threads: Int) throws {
    let text = Self.document(features: 700)
    let one = try Self.read(text, pieceBytes: Int.max, threads: 1)
    let many = try Self.read(text, pieceBytes: pieceBytes, threads: threads)
    Self.expectSame(many, one)
    #expect(one.diagnostics.count > 200)
    #expect(Int(one.featureLines.last ?? 0) == 1 + 700 + 140)
  }

  @Test func anErrorInALaterPieceIsReportedInFileTerms() throws {
    let text = Self.document(features: 700, breakAt: 650)
    var messages: [String] = []
    for (bytes, threads) in [(Int.max, 1), (64, 2), (300, 4)] {
      do {
        _ = try Self.read(text, pieceBytes: bytes, threads: threads)
      } catch let e as FibrePlanError {
        messages.append(e.description)
      }
    }
    #expect(messages.count == 3)
    #expect(Set(messages).count == 1)
    #expect(messages.first?.contains("feature 650") == true)
  }

  /// String contents that look like a feature boundary to the guess: `}, {` and `},{`
  /// with escaped quotes around them, a backslash just before the closing quote, and
  /// brackets and commas. As JSON source text (escapes included).
  static let trickyStrings = [
    #"}, {\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}, {"#,
    #"x\\"#,
    #"\\\"}, {\"a\": [1, 2]}, {"#,
    #"},{},{\"type\":\"Feature\"},{"#,
    #"[{,}], {\u007d, {"#,
    #"plain"#,
  ]

  /// A hand-made collection whose names and keys hold `trickyStrings`, with the byte
  /// offset at which each feature starts (known from building the text).
  static func trickyDocument(features: Int) -> (text: String, starts: [Int]) {
    var text = "{\"features\": [\n", starts: [Int] = []
    for i in 0..<features {
      if i > 0 { text += [", ", ",\n", ","][i % 3] }
      starts.append(text.utf8.count)
      let tricky = trickyStrings[i % trickyStrings.count]
      text += #"{"type": "Feature", "properties": {"name": "\#(tricky)", "\#(tricky)": \#(i)}, "#
      text += #""geometry": {"type": "LineString", "coordinates": [[9.5\#(i % 10), 47.1], [9.6, 47.\#(i)]]}}"#
    }
    return (text + "\n], \"type\": \"FeatureCollection\"}", starts)
  }

  @Test(arguments: [(40, 2), (150, 3), (700, 2), (3000, 2)])
  func stringsThatLookLikeBoundariesNeverSplitAFeature(pieceBytes: Int, threads: Int) throws {
    let text = Self.trickyDocument(features: 240).text
    let one = try Self.read(text, pieceBytes: Int.max, threads: 1)
    let many = try Self.read(text, pieceBytes: pieceBytes, threads: threads)
    Self.expectSame(many, one)
    #expect(one.count == 240)
    #expect(one.property(0, one.keyIndex("name"))?.text
            == #"}, {"type": "Feature", "properties": {}, "geometry": null}, {"#)
    #expect(one.property(1, one.keyIndex("name"))?.text == #"x\"#)
    #expect(one.property(2, one.keyIndex("name"))?.text == #"\"}, {"a": [1, 2]}, {"#)
    #expect(one.property(4, one.keyIndex("name"))?.text == "[{,}], {}, {")
    #expect(one.property(235, one.keyIndex(#"x\"#)) == .number(235))
  }

  /// The test above is only worth something if guesses land both inside strings (the
  /// walk must refuse them) and on real feature starts (pieces must be taken over).
  @Test func guessesLandInsideStringsAndOnFeatureStarts() {
    let (text, starts) = Self.trickyDocument(features: 240)
    let bytes = Array(text.utf8)
    let guesses = bytes.withUnsafeBufferPointer { b in
      var parser = GeoJSONParser(scanner: ByteScanner(base: b.baseAddress!, count: b.count, path: "t"), path: "t")
      parser.threads = 200
      parser.minimumPieceBytes = 40
      return parser.pieceStarts(from: starts[0])
    }
    let real = Set(starts)
    #expect(guesses.count > 50)
    #expect(guesses.contains { real.contains($0) })
    #expect(guesses.contains { !real.contains($0) })
  }
}
