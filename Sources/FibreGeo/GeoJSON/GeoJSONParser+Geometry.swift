import FibreCore
import FibreGraph

extension GeometryType {
  /// How deep positions sit in `coordinates` (a Point's position is 1 deep).
  package var coordinateDepth: Int {
    switch self {
    case .point: return 1
    case .multiPoint, .lineString: return 2
    case .multiLineString, .polygon: return 3
    case .multiPolygon: return 4
    case .null, .geometryCollection: return 0
    }
  }
}

extension GeoJSONParser {
  // MARK: Geometry

  /// Parses a geometry object (or `null`) and appends its parts and points.
  /// `coordinates` may come before `type`; then the nesting depth is taken from the
  /// brackets and checked against the type afterwards.
  package mutating func parseGeometry() throws -> GeometryType {
    s.skipWhitespace()
    if s.consume("null") { return .null }
    guard s.peek == 0x7B else { throw s.error("expected a geometry object or null, found \(s.found)") }
    s.pos += 1
    let firstPart = table.partStartsPolygon.count
    var type: GeometryType?
    var parsedDepth = 0          // depth the coordinates were walked with, 0 if none
    var sawCoordinates = false
    if s.hasFirstElement(close: 0x7D) {
      repeat {
        let member = try geometryMember()
        if member == .type {
          s.field = .geometryType
          guard type == nil else { throw s.error("duplicate 'type' member") }
          type = try scanGeometryType()
        } else if member == .coordinates {
          s.field = .coordinates
          guard !sawCoordinates else { throw s.error("duplicate 'coordinates' member") }
          sawCoordinates = true
          if let type {
            if type == .geometryCollection { try s.skipValue() } else {
              try parseCoordinates(depth: type.coordinateDepth, type: type)
              parsedDepth = type.coordinateDepth
            }
          } else if let depth = try peekCoordinateDepth() {
            try parseCoordinates(depth: depth, type: nil)
            parsedDepth = depth
          } else {
            try s.skipValue()  // empty arrays only: no positions to keep
          }
        } else if member == .geometries {
          s.field = .geometries
          try s.skipValue()
        } else {
          try s.skipValue()
        }
        s.field = .geometry
      } while try s.hasNextElement(close: 0x7D)
    }
    guard let type else { throw s.error("geometry has no 'type'") }
    if parsedDepth != 0 && parsedDepth != type.coordinateDepth {
      throw s.error("coordinates are nested \(parsedDepth) deep, but a \(type) needs \(type.coordinateDepth)")
    }
    if type != .polygon && type != .multiPolygon {
      for p in firstPart..<table.partStartsPolygon.count { table.partStartsPolygon[p] = false }
    }
    if type != .geometryCollection && !sawCoordinates {
      warn("missing_coordinates", field: "geometry.coordinates", "\(type) has no coordinates; read as empty")
    }
    checkParts(type: type, from: firstPart)
    return type
  }

  private enum GeometryMember { case type, coordinates, geometries, other }

  /// The next member of a geometry, its name and colon consumed; `"type":` and
  /// `"coordinates":` written exactly so are compared in place, others are scanned.
  private mutating func geometryMember() throws -> GeometryMember {
    s.skipWhitespace()
    if s.consumeQuoted("type", colon: true) { return .type }
    if s.consumeQuoted("coordinates", colon: true) { return .coordinates }
    let key = try s.scanKey()
    if s.bytesEqual(key.start, key.count, "type") { return .type }
    if s.bytesEqual(key.start, key.count, "coordinates") { return .coordinates }
    if s.bytesEqual(key.start, key.count, "geometries") { return .geometries }
    return .other
  }

  private mutating func scanGeometryType() throws -> GeometryType {
    s.skipWhitespace()
    if s.consumeQuoted("LineString", colon: false) { return .lineString }
    if s.consumeQuoted("Polygon", colon: false) { return .polygon }
    if s.consumeQuoted("Point", colon: false) { return .point }
    let t = try s.scanString()
    // Compared in place, without building a String or a table per feature.
    if s.bytesEqual(t.start, t.count, "LineString") { return .lineString }
    if s.bytesEqual(t.start, t.count, "Point") { return .point }
    if s.bytesEqual(t.start, t.count, "Polygon") { return .polygon }
    if s.bytesEqual(t.start, t.count, "MultiPolygon") { return .multiPolygon }
    if s.bytesEqual(t.start, t.count, "MultiLineString") { return .multiLineString }
    if s.bytesEqual(t.start, t.count, "MultiPoint") { return .multiPoint }
    if s.bytesEqual(t.start, t.count, "GeometryCollection") { return .geometryCollection }
    throw s.error("unknown geometry type '\(s.makeString(t))'")
  }

  /// Counts leading `[` without consuming them: the depth at which positions sit.
  /// Nil when the innermost array is empty (no position to learn the depth from).
  private mutating func peekCoordinateDepth() throws -> Int? {
    let saved = (s.pos, s.line, s.lineStart)
    defer { (s.pos, s.line, s.lineStart) = saved }
    var depth = 0
    while true {
      s.skipWhitespace()
      guard s.peek == 0x5B else { break }
      depth += 1
      s.pos += 1
      if depth > 4 { throw s.error("coordinates are nested more than 4 deep") }
    }
    if depth == 0 { throw s.error("expected an array, found \(s.found)") }
    return s.peek == 0x5D ? nil : depth
  }

  /// Walks a coordinates array whose positions sit `depth` arrays deep, appending
  /// points and closing a part at each array one level above the positions.
  /// Iterative with a depth counter (depth ≤ 4). O(bytes).
  private mutating func parseCoordinates(depth: Int, type: GeometryType?) throws {
    s.skipWhitespace()
    guard s.peek == 0x5B else { throw s.error("expected an array, found \(s.found)") }
    if depth == 1 {
      table.partStartsPolygon.append(false)
      try parsePosition()
      table.partPointStart.append(Int32(truncatingIfNeeded: table.points.count))
      return
    }
    s.pos += 1
    var level = 1
    var firstRing = true
    if depth == 2 { table.partStartsPolygon.append(false) }
    var allowClose = true
    while true {
      s.skipWhitespace()
      let c = s.peek
      if c == 0x5B {
        if level == depth - 1 {
          try parsePositionRun()
        } else {
          s.pos += 1
          level += 1
          if level == depth - 1 {
            table.partStartsPolygon.append(firstRing)
            firstRing = false
          } else if level == depth - 2 {
            firstRing = true
          }
          allowClose = true
          continue
        }
      } else if c == 0x5D && allowClose {
        s.pos += 1
        if level == depth - 1 { table.partPointStart.append(Int32(truncatingIfNeeded: table.points.count)) }
        level -= 1
        if level == 0 { return }
      } else if s.atEnd {
        throw s.error("unexpected end of file inside coordinates")
      } else {
        let shape = type.map { "a \($0) needs positions \(depth) arrays deep" } ?? "positions \(depth) arrays deep"
        throw s.error("expected '[', found \(s.found) (\(shape))")
      }
      // After an element: ',' continues this array, ']' closes it (and maybe its parents).
      while true {
        s.skipWhitespace()
        let b = s.peek
        if b == 0x2C {
          s.pos += 1
          allowClose = false
          break
        }
        guard b == 0x5D else {
          throw s.error(s.atEnd ? "unexpected end of file inside coordinates"
                                : "expected ',' or ']', found \(s.found)")
        }
        s.pos += 1
        if level == depth - 1 { table.partPointStart.append(Int32(truncatingIfNeeded: table.points.count)) }
        level -= 1
        if level == 0 { return }
      }
    }
  }

  /// Parses the position at `[` and then, in one tight loop, the plain `[lon, lat]`
  /// positions that follow it after `, ` (nearly all of a large file); it stops
  /// before the `,` of the first other one, which the caller's walk reads as before.
  @inline(__always) private mutating func parsePositionRun() throws {
    try parsePosition()
    while s.pos < s.end && s.byte(s.pos) == 0x2C {
      let comma = s.pos
      s.pos = s.skipSpaces(from: comma &+ 1)
      guard s.pos < s.end && s.byte(s.pos) == 0x5B, let p = s.scanPlainPosition() else {
        s.pos = comma
        return
      }
      appendPlainPoint(lon: p.lon, lat: p.lat)
    }
  }

  /// Parses one position `[lon, lat, ...]` at `[`; extra values (elevation) are
  /// ignored. Non-numeric and non-finite values are kept as NaN/∞ and warned about.
  @inline(__always) private mutating func parsePosition() throws {
    if let p = s.scanPlainPosition() {
      appendPlainPoint(lon: p.lon, lat: p.lat)
      return
    }
    s.pos += 1
    var lon = Double.nan, lat = Double.nan
    var count = 0
    var flagged = false
    s.skipWhitespace()
    if s.peek == 0x5D {
      s.pos += 1
      warn("too_few_values", field: "geometry.coordinates", "empty position []")
      appendPoint(LonLat(lon: .nan, lat: .nan))
      return
    }
    repeat {
      s.skipWhitespace()
      let c = s.peek
      var v: Double
      if (c &- 0x30 < 10) || (c == 0x2D && s.pos + 1 < s.end && s.byte(s.pos + 1) != 0x49) {
        v = try s.scanNumber()
      } else {
        v = try parseOddCoordinate(&flagged)
      }
      if count == 0 { lon = v } else if count == 1 { lat = v }
      count += 1
    } while try s.hasNextElement(close: 0x5D)
    if count < 2 {
      warn("too_few_values", field: "geometry.coordinates", "position has \(count) value; needs longitude and latitude")
      lat = .nan
      flagged = true
    }
    appendPoint(LonLat(lon: lon, lat: lat))
    // One comparison pair covers NaN, ±∞ and out-of-range values.
    if !(abs(lon) <= 180 && abs(lat) <= 90) && !flagged { flagCoordinate(lon: lon, lat: lat) }
  }

  /// Appends a position read as two plain decimals (finite), flagged when out of range.
  @inline(__always) private mutating func appendPlainPoint(lon: Double, lat: Double) {
    appendPoint(LonLat(lon: lon, lat: lat))
    if !(abs(lon) <= 180 && abs(lat) <= 90) { flagCoordinate(lon: lon, lat: lat) }
  }

  /// Appends a position and counts it in `validBounds` or `invalidPositionCount`.
  @inline(__always) private mutating func appendPoint(_ p: LonLat) {
    table.points.append(p)
    if p.isValid { table.validBounds.add(p) } else { table.invalidPositionCount += 1 }
  }

  /// Tokens that are not JSON numbers but appear in broken exports: strings, null,
  /// booleans, and the non-JSON literals NaN / Infinity.
  private mutating func parseOddCoordinate(_ flagged: inout Bool) throws -> Double {
    let field = "geometry.coordinates"
    let c = s.peek
    if c == 0x22 {
      let text = s.makeString(try s.scanString())
      if !flagged {
        warn("non_numeric_coordinate", field: field, "coordinate is the string \"\(text.prefix(40))\", not a number")
      }
      flagged = true
      return .nan
    }
    for (word, value) in [("NaN", Double.nan), ("Infinity", .infinity), ("-Infinity", -.infinity)] as [(StaticString, Double)]
    where s.consume(word) {
      if !flagged { warn("non_finite_coordinate", field: field, "coordinate is \(word), which JSON does not allow") }
      flagged = true
      return value
    }
    for word in ["null", "true", "false"] as [StaticString] where s.consume(word) {
      if !flagged { warn("non_numeric_coordinate", field: field, "coordinate is \(word), not a number") }
      flagged = true
      return .nan
    }
    if c == 0x5B || c == 0x7B {
      throw s.error("expected a number in a position, found \(s.found) (coordinates nested too deep)")
    }
    throw s.error(s.atEnd ? "unexpected end of file inside coordinates" : "expected a number, found \(s.found)")
  }

  private mutating func flagCoordinate(lon: Double, lat: Double) {
    let field = "geometry.coordinates"
    if !lon.isFinite || !lat.isFinite {
      warn("non_finite_coordinate", field: field, "position [\(lon), \(lat)] is not finite")
    } else if abs(lat) > 90 && abs(lat) <= 180 && abs(lon) <= 90 {
      warn("swapped_lat_lon", field: field,
           "latitude \(lat) is outside [-90, 90] but longitude \(lon) would be a valid latitude: longitude and latitude swapped?")
    } else {
      warn("coordinate_out_of_range", field: field, "position [\(lon), \(lat)] is outside WGS84 longitude/latitude range")
    }
  }

  /// Shape checks once the type is known: lines need 2 points, rings 4 and closure.
  private mutating func checkParts(type: GeometryType, from firstPart: Int) {
    let field = "geometry.coordinates"
    let lastPart = table.partStartsPolygon.count
    if firstPart == lastPart && type != .geometryCollection {
      warn("empty_geometry", field: field, "\(type) has no positions")
      return
    }
    for p in firstPart..<lastPart {
      let a = Int(table.partPointStart[p]), b = Int(table.partPointStart[p + 1])
      switch type {
      case .lineString, .multiLineString:
        if b - a < 2 {
          warn("too_few_points", field: field, "\(type) has \(b - a) coordinate\(b - a == 1 ? "" : "s"); a line needs 2")
        }
      case .polygon, .multiPolygon:
        if b - a < 4 {
          warn("too_few_points", field: field, "\(type) ring has \(b - a) coordinates; a ring needs 4")
        } else if table.points[a] != table.points[b - 1] {
          warn("unclosed_ring", field: field, "\(type) ring is not closed (first and last positions differ)")
        }
      case .multiPoint:
        if b == a { warn("empty_geometry", field: field, "MultiPoint has no positions") }
      default: break
      }
    }
  }
}
