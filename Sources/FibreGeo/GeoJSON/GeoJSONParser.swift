import FibreCore
import FibreGraph

/// The streaming FeatureCollection walker behind `GeoJSONReader`: it fills the
/// table's columns as members are scanned, in one pass, with no JSON tree.
package struct GeoJSONParser {
  package var s: ByteScanner
  package var table: FeatureTable
  /// Interned property keys as raw bytes, parallel to `table.propertyKeys`, so a key is
  /// recognised by `memcmp` without creating a String.
  private var keyBytes: [[UInt8]] = []
  /// Whether each key has no `"`, `\` or control byte, so `consumeQuoted` can match it.
  private var keyIsPlain: [Bool] = []
  private var keyIndexByName: [String: Int32] = [:]
  /// Warnings per code; beyond `listedPerCode` they are counted but not listed.
  package var warningCounts: [String: Int] = [:]
  package var warningCodeOrder: [String] = []
  package static let listedPerCode = 100
  /// Depth limit for property and id values (the rest of the document is walked
  /// iteratively and has no limit).
  package static let valueDepth = 256
  /// The smallest piece of a `features` array worth a core of its own (2 MiB); tests
  /// lower it to exercise the parallel path on small documents.
  package var minimumPieceBytes = 1 << 21
  /// Workers for a large `features` array (`--threads`); the table does not depend on it.
  package var threads = 1

  package init(scanner: ByteScanner, path: String) {
    s = scanner
    table = FeatureTable(path: path)
  }

  /// Sizes the columns for `n` bytes of features so appends rarely reallocate; ~24
  /// bytes per coordinate pair is typical of GDAL output with 7 decimals. Untouched
  /// capacity costs address space only.
  package mutating func reserve(forBytes n: Int) {
    table.points.reserveCapacityInHugePages(n / 24 + 16)
    let features = n / 400 + 16
    table.geometryTypes.reserveCapacity(features)
    table.featureLines.reserveCapacity(features)
    table.featurePartStart.reserveCapacity(features + 1)
    table.partPointStart.reserveCapacity(features + 1)
    table.partStartsPolygon.reserveCapacity(features)
    table.featureIDs.reserveCapacityInHugePages(features)
    table.featurePropertyStart.reserveCapacity(features + 1)
    table.propertyKey.reserveCapacityInHugePages(features * 3)
    table.propertyValue.reserveCapacityInHugePages(features * 3)
  }

  package mutating func warn(_ code: String, field: String?, _ message: String) {
    let n = (warningCounts[code] ?? 0) + 1
    warningCounts[code] = n
    if n == 1 { warningCodeOrder.append(code) }
    guard n <= Self.listedPerCode else { return }
    table.diagnostics.append(Diagnostic(.warning, file: table.path, line: s.line,
                                        feature: s.feature >= 0 ? s.feature : nil,
                                        field: field, code: code, message))
  }

  /// Adds one summary line per code whose warnings were not all listed.
  package mutating func finish() {
    for code in warningCodeOrder {
      let n = warningCounts[code] ?? 0
      if n > Self.listedPerCode {
        table.diagnostics.append(Diagnostic(.warning, file: table.path, code: code,
          "\(n - Self.listedPerCode) more '\(code)' warnings not listed (\(n) in all)"))
      }
    }
  }

  // MARK: Document

  package mutating func parseDocument() throws {
    s.field = .root
    s.skipWhitespace()
    guard !s.atEnd else { throw FibrePlanError(.data, "\(table.path): empty file (no JSON value)") }
    guard s.peek == 0x7B else {
      throw s.error("the root is not a JSON object (found \(s.found)); expected a GeoJSON FeatureCollection")
    }
    let rootLine = s.line, rootOffset = s.pos
    s.pos += 1
    var sawFeatures = false
    var sawType = false
    if s.hasFirstElement(close: 0x7D) {
      repeat {
        let key = try s.scanKey()
        if s.bytesEqual(key.start, key.count, "type") {
          s.field = .type
          s.skipWhitespace()
          let t = try s.scanString()
          guard s.bytesEqual(t.start, t.count, "FeatureCollection") else {
            throw s.error("root type is '\(s.makeString(t))'; expected 'FeatureCollection'")
          }
          sawType = true
        } else if s.bytesEqual(key.start, key.count, "features") {
          guard !sawFeatures else { throw s.error("duplicate 'features' member") }
          sawFeatures = true
          try parseFeatures()
        } else {
          try s.skipValue()
        }
        s.field = .root
      } while try s.hasNextElement(close: 0x7D)
    }
    s.skipWhitespace()
    guard s.atEnd else { throw s.error("unexpected \(s.found) after the root object") }
    guard sawFeatures else {
      throw FibrePlanError(.data, "\(table.path):\(rootLine): the root object has no 'features' array; expected a GeoJSON FeatureCollection (byte \(rootOffset))")
    }
    if !sawType {
      warn("missing_type", field: "type", "the root object has no \"type\": \"FeatureCollection\"")
    }
  }

  private mutating func parseFeatures() throws {
    s.field = .features
    s.skipWhitespace()
    guard s.peek == 0x5B else { throw s.error("expected an array of features, found \(s.found)") }
    s.pos += 1
    guard s.hasFirstElement(close: 0x5D) else { return }
    let guesses = pieceStarts(from: s.pos)
    if guesses.isEmpty { reserve(forBytes: s.end - s.pos) }
    var pieces = guesses.isEmpty ? [] : parsePieces([s.pos] + guesses)
    var next = 0
    repeat {
      s.skipWhitespace()
      while next < pieces.count && s.pos >= pieces[next].start {
        let i = next
        next += 1
        guard s.pos == pieces[i].start, var parsed = pieces[i].parser else { continue }
        pieces[i].parser = nil
        // Piece 0 is this walk continued on a worker; later pieces are appended.
        if i == 0 { self = parsed } else { append(&parsed) }
        guard let stop = pieces[i].stoppedAt else { s.feature = -1; return }
        next = stop
      }
      s.feature = table.geometryTypes.count
      try parseFeature()
      s.field = .features
    } while try s.hasNextElement(close: 0x5D)
    s.feature = -1
  }

  /// The interned index of a key name (for merging pieces read in parallel).
  mutating func internName(_ name: String) -> Int32 {
    if let k = keyIndexByName[name] { return k }
    let k = Int32(table.propertyKeys.count)
    table.propertyKeys.append(name)
    keyBytes.append(Array(name.utf8))
    keyIsPlain.append(!name.utf8.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
    keyIndexByName[name] = k
    return k
  }

  // MARK: Feature

  mutating func parseFeature() throws {
    s.field = .feature
    s.skipWhitespace()
    guard s.peek == 0x7B else { throw s.error("expected a Feature object, found \(s.found)") }
    let line = s.line
    s.pos += 1
    var geometry = GeometryType.null
    var sawGeometry = false, sawProperties = false, sawType = false
    var id: JSONValue?
    if s.hasFirstElement(close: 0x7D) {
      repeat {
        let member = try featureMember()
        if member == .geometry {
          s.field = .geometry
          guard !sawGeometry else { throw s.error("duplicate 'geometry' member") }
          sawGeometry = true
          geometry = try parseGeometry()
        } else if member == .properties {
          s.field = .properties
          guard !sawProperties else { throw s.error("duplicate 'properties' member") }
          sawProperties = true
          try parseProperties()
        } else if member == .type {
          s.field = .type
          s.skipWhitespace()
          if !s.consumeQuoted("Feature", colon: false) {
            let t = try s.scanString()
            guard s.bytesEqual(t.start, t.count, "Feature") else {
              throw s.error("type is '\(s.makeString(t))'; expected 'Feature'")
            }
          }
          sawType = true
        } else if member == .id {
          s.field = .id
          let v = try s.parseValue(maxDepth: Self.valueDepth)
          switch v {
          case .string, .number: id = v
          default: warn("invalid_id", field: "id", "id must be a string or a number; ignored")
          }
        } else {
          s.field = .feature
          try s.skipValue()
        }
        s.field = .feature
      } while try s.hasNextElement(close: 0x7D)
    }
    if !sawType { warn("missing_type", field: "type", "feature has no \"type\": \"Feature\"") }
    if !sawGeometry { warn("missing_geometry", field: "geometry", "feature has no geometry member; read as null") }
    // Offsets are Int32 columns; refuse rather than wrap (a > 16 GB file).
    guard table.points.count < Int(Int32.max), table.propertyKey.count < Int(Int32.max),
          table.partStartsPolygon.count < Int(Int32.max) else {
      throw s.error("too many positions, parts or properties for one layer (limit 2^31)")
    }
    table.geometryTypes.append(geometry)
    table.featureLines.append(Int32(truncatingIfNeeded: line))
    table.featurePartStart.append(Int32(truncatingIfNeeded: table.partStartsPolygon.count))
    table.featurePropertyStart.append(Int32(truncatingIfNeeded: table.propertyKey.count))
    table.featureIDs.append(id)
  }

  private enum FeatureMember { case geometry, properties, type, id, other }

  /// The next member of a Feature, its name and colon consumed. The usual names,
  /// written exactly `"type":` and so on, are compared in place; others are scanned.
  private mutating func featureMember() throws -> FeatureMember {
    s.skipWhitespace()
    if s.consumeQuoted("type", colon: true) { return .type }
    if s.consumeQuoted("properties", colon: true) { return .properties }
    if s.consumeQuoted("geometry", colon: true) { return .geometry }
    let key = try s.scanKey()
    if s.bytesEqual(key.start, key.count, "geometry") { return .geometry }
    if s.bytesEqual(key.start, key.count, "properties") { return .properties }
    if s.bytesEqual(key.start, key.count, "type") { return .type }
    if s.bytesEqual(key.start, key.count, "id") { return .id }
    return .other
  }

  private mutating func parseProperties() throws {
    s.skipWhitespace()
    if s.consume("null") { return }
    guard s.peek == 0x7B else { throw s.error("expected an object or null, found \(s.found)") }
    s.pos += 1
    guard s.hasFirstElement(close: 0x7D) else { return }
    let feature = table.featurePropertyStart.count - 1
    let previousStart = feature > 0 ? Int(table.featurePropertyStart[feature - 1]) : 0
    let previousEnd = Int(table.featurePropertyStart[feature])
    var slot = 0
    repeat {
      let predicted = previousStart + slot < previousEnd ? table.propertyKey[previousStart + slot] : -1
      s.skipWhitespace()
      // The key in the same slot of the previous feature, compared in place when plain.
      let k = predicted >= 0 && keyIsPlain[Int(predicted)]
        && keyBytes[Int(predicted)].withUnsafeBytes({ s.consumeQuoted($0, colon: true) })
        ? predicted : internKey(try s.scanKey(), predicted: predicted)
      let value = try parsePropertyValue()
      table.propertyKey.append(k)
      table.propertyValue.append(value)
      slot += 1
    } while try s.hasNextElement(close: 0x7D)
  }

  /// One property value: strings and numbers, nearly all of them, directly (as
  /// `parseValue` reads them, errors included), the rest through `parseValue`.
  @inline(__always) private mutating func parsePropertyValue() throws -> JSONValue {
    s.skipWhitespace()
    switch s.peek {
    case 0x22: return .string(s.makeString(try s.scanString()))
    case 0x2D, 0x30...0x39: return .number(try s.scanNumber())
    default: return try s.parseValue(maxDepth: Self.valueDepth)
    }
  }

  /// The interned index of a key. Features of one file usually list the same keys in
  /// the same order, so the key in the same slot of the previous feature is tried
  /// first; then a short linear scan; escaped keys go through the dictionary.
  private mutating func internKey(_ key: (start: Int, count: Int, escaped: Bool), predicted: Int32) -> Int32 {
    if !key.escaped {
      if predicted >= 0 {
        let hit = keyBytes[Int(predicted)].withUnsafeBytes { s.bytesEqual(key.start, key.count, $0) }
        if hit { return predicted }
      }
      if keyBytes.count <= 64 {
        for (i, bytes) in keyBytes.enumerated()
        where bytes.withUnsafeBytes({ s.bytesEqual(key.start, key.count, $0) }) {
          return Int32(i)
        }
      }
    }
    return internName(s.makeString(key))
  }
}
