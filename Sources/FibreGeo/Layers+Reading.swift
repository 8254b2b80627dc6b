import FibreCore
import FibreGraph

// Typed layers from FeatureTables. Each constructor keeps every usable feature,
// skips the rest with a warning naming the feature, and copies the reader's warnings
// first, so a layer's `diagnostics` tell the whole story. An empty layer is a warning;
// whether a layer is required is the caller's decision.

extension LineLayer {
  /// Roads: LineString / MultiLineString features (one line per part) with `highway`,
  /// `surface` and `name`. Lines with < 2 points or invalid coordinates are skipped.
  /// A large table is read by `threads` workers; the layer does not depend on it.
  /// O(points).
  public init(roads table: FeatureTable, threads: Int = 1) {
    self.init(lines: table, what: "road lines", wantsHighway: true, threads: threads)
  }

  /// Existing ducts: as roads, without requiring `highway`. O(points).
  public init(ducts table: FeatureTable, threads: Int = 1) {
    self.init(lines: table, what: "duct lines", wantsHighway: false, threads: threads)
  }

  /// Reads feature ranges on `threads` workers (from `splitFrom` features; tests lower
  /// it) and joins them in order, warnings included, so the layer is that of one pass.
  /// The ranges keep only indices; the text columns are then filled in place by line
  /// ranges (`parallelArray`), so no strings are copied from range to layer.
  package init(lines table: FeatureTable, what: String, wantsHighway: Bool, threads: Int,
               splitFrom: Int = 50_000) {
    let n = table.count
    let pieces = n >= splitFrom ? max(1, min(threads, n)) : 1
    var chunks = orderedParallelMap(pieces, threads: pieces) { c in
      // The first chunk's columns become the layer's (`joined`), so they are sized for
      // the whole table: the later chunks are appended without a reallocation.
      let features = c * n / pieces ..< (c + 1) * n / pieces
      return LineChunk(table, features, wantsHighway: wantsHighway, reserving: c == 0 ? n : features.count)
    }
    self.init(path: table.path)
    featureIndex = Self.joined(&chunks, \.featureIndex)
    freeSubducts = Self.joined(&chunks, \.freeSubducts)
    let lines = featureIndex
    highway = Self.texts(table, "highway", of: lines, threads: pieces)
    surface = Self.texts(table, "surface", of: lines, threads: pieces)
    name = Self.texts(table, "name", of: lines, threads: pieces)
    gatherPoints(table, Self.joined(&chunks, \.keptParts))
    var log = DiagnosticLog(table)
    for chunk in chunks { log.append(chunk.log) }
    diagnostics = log.finish(kept: count, what: what)
  }

  /// One column of all chunks in order; the first chunk's buffer is taken over.
  private static func joined(_ chunks: inout [LineChunk], _ column: WritableKeyPath<LineChunk, [Int32]>) -> [Int32] {
    var all: [Int32] = []
    swap(&all, &chunks[0][keyPath: column])
    all.reserveCapacity(chunks.reduce(all.count) { $0 + $1[keyPath: column].count })
    for chunk in chunks.dropFirst() { all += chunk[keyPath: column] }
    return all
  }

  /// Property `key` as text for each line's feature.
  private static func texts(_ table: FeatureTable, _ key: String, of lines: [Int32], threads: Int) -> [String?] {
    guard let k = table.keyIndex(key) else { return parallelArray(lines.count, threads: threads) { _ in nil } }
    return parallelArray(lines.count, threads: threads) { table.property(Int(lines[$0]), k)?.text }
  }

  /// Points and line starts of the kept parts (in part order). When every part was
  /// kept, as in a clean roads file, the table's columns are shared, not copied.
  private mutating func gatherPoints(_ table: FeatureTable, _ keptParts: [Int32]) {
    if keptParts.count == table.partStartsPolygon.count {
      points = table.points
      lineStart = table.partPointStart
      return
    }
    points.reserveCapacityInHugePages(keptParts.reduce(0) { $0 + table.pointRange(ofPart: Int($1)).count })
    lineStart.reserveCapacity(keptParts.count + 1)
    for part in keptParts {
      points.append(contentsOf: table.points[table.pointRange(ofPart: Int(part))])
      lineStart.append(Int32(points.count))
    }
  }

  /// `free_subducts`: absent → 1; a whole number ≥ 0 as given; anything else warns and
  /// counts as 0, so that a duct of unknown capacity is not planned into.
  fileprivate static func freeSubducts(_ value: JSONValue?, _ f: Int, _ log: inout DiagnosticLog) -> Int32 {
    var number: Double?
    switch value {
    case nil, .null?: return 1
    case .number(let d)?: number = d
    case .string(let s)?: number = Double(s.trimmingWhitespace)
    default: number = nil
    }
    guard let d = number, d.isFinite, d >= 0, d == d.rounded() else {
      let shown = value.map { "\($0.text ?? "a non-number")" } ?? ""
      log.warn(f, field: "properties.free_subducts", code: "invalid_free_subducts",
               "free_subducts '\(shown)' is not a whole number ≥ 0; duct treated as full")
      return 0
    }
    return Int32(min(d, Double(Int32.max)))
  }

  /// Reads a roads file. O(file size).
  public static func read(path: String) throws -> LineLayer {
    LineLayer(roads: try GeoJSONReader.read(path: path))
  }

  /// Reads plain lines (`layers.preferred`): as ducts. O(file size).
  public static func readLines(path: String) throws -> LineLayer {
    LineLayer(ducts: try GeoJSONReader.read(path: path))
  }

  /// Reads a ducts file. O(file size).
  public static func readDucts(path: String) throws -> LineLayer {
    LineLayer(ducts: try GeoJSONReader.read(path: path))
  }
}

/// The lines of one range of features, before `LineLayer` joins the ranges in order.
private struct LineChunk: Sendable {
  var featureIndex: [Int32] = [], keptParts: [Int32] = [], freeSubducts: [Int32] = []
  /// This range's warnings only; the reader's come first in the joined log.
  var log: DiagnosticLog

  /// `reserving`: the capacity of the columns, at least `features.count`.
  init(_ table: FeatureTable, _ features: Range<Int>, wantsHighway: Bool, reserving: Int) {
    log = DiagnosticLog(table, readerWarnings: false)
    let kHighway = table.keyIndex("highway")
    let kFree = wantsHighway ? nil : table.keyIndex("free_subducts")
    let kRailway = table.keyIndex("railway"), kWaterway = table.keyIndex("waterway")
    let checkPoints = table.invalidPositionCount > 0
    // Sized once: growing these columns by doubling copies and faults them in twice.
    featureIndex.reserveCapacity(reserving)
    keptParts.reserveCapacity(reserving)
    for f in features {
      let type = table.geometryTypes[f]
      guard type == .lineString || type == .multiLineString else {
        log.skip(f, field: "geometry.type", code: "unsupported_geometry", reason: "\(type) is not a line")
        continue
      }
      let hasHighway = table.property(f, kHighway)?.hasText ?? false
      // Railways and waterways in a roads file carry no trench: they are barriers that
      // drops cross by a bore (BarrierLayer), not roads.
      if wantsHighway && !hasHighway
        && (table.property(f, kRailway)?.hasText ?? false || table.property(f, kWaterway)?.hasText ?? false) { continue }
      if wantsHighway && !hasHighway {
        log.warn(f, field: "properties.highway", code: "missing_highway", "road has no highway class")
      }
      let free = wantsHighway ? 1 : LineLayer.freeSubducts(table.property(f, kFree), f, &log)
      var kept = false
      for part in table.parts(of: f) where Self.isUsable(table, part, checkingPoints: checkPoints) {
        keptParts.append(Int32(part))
        featureIndex.append(Int32(f))
        if !wantsHighway { freeSubducts.append(free) }
        kept = true
      }
      if !kept {
        log.skip(f, field: "geometry.coordinates", code: "unusable_geometry",
                 reason: "no line with 2 valid points")
      }
    }
  }

  /// A part of ≥ 2 points, all valid (else the reader warned); the points need no
  /// look when the reader counted no invalid one. By index: a slice per part retained
  /// and released the column each time.
  private static func isUsable(_ table: FeatureTable, _ part: Int, checkingPoints: Bool) -> Bool {
    let range = table.pointRange(ofPart: part)
    guard range.count >= 2 else { return false }
    guard checkingPoints else { return true }
    for i in range where !table.points[i].isValid { return false }
    return true
  }
}

/// Stable feature ids: feature `id`, else `properties.id`, else `osm_id`, else
/// `<prefix><index>`; repeats become `id#2`, `id#3`, ... with a warning.
package struct FeatureIDs {
  private let kID: Int32?, kOSM: Int32?
  private let prefix: String
  private var seen = Set<String>()

  package init(_ table: FeatureTable, prefix: String) {
    kID = table.keyIndex("id")
    kOSM = table.keyIndex("osm_id")
    self.prefix = prefix
    // Sized once: growing by rehashing was a sixth of reading 100,000 buildings.
    seen.reserveCapacity(table.count)
  }

  package mutating func id(_ table: FeatureTable, _ f: Int, _ log: inout DiagnosticLog) -> String {
    let base = table.featureIDs[f]?.text ?? table.property(f, kID)?.text
      ?? table.property(f, kOSM)?.text ?? "\(prefix)\(f)"
    if seen.insert(base).inserted { return base }
    var k = 2
    while !seen.insert("\(base)#\(k)").inserted { k += 1 }
    log.warn(f, field: "id", code: "duplicate_id", "id '\(base)' is used before; renamed '\(base)#\(k)'")
    return "\(base)#\(k)"
  }
}

extension BuildingLayer {
  /// Buildings: Points, or (Multi)Polygons reduced to a representative point
  /// (`FeatureTable.representativePoint`). `units` defaults to 1; a number or numeric
  /// string is rounded; negative, NaN or non-numeric values warn and count as 0.
  /// O(points).
  public init(_ table: FeatureTable) {
    self.init(path: table.path)
    var log = DiagnosticLog(table)
    var ids = FeatureIDs(table, prefix: "b")
    let kUnits = table.keyIndex("units"), kMbps = table.keyIndex("existing_mbps")
    hasExistingMbps = kMbps != nil
    for f in 0..<table.count {
      guard let p = demandPoint(table, f, &log) else { continue }
      points.append(p)
      units.append(Self.units(table.property(f, kUnits), f, &log))
      existingMbps.append(Self.existingMbps(table.property(f, kMbps), f, &log))
      self.ids.append(ids.id(table, f, &log))
      featureIndex.append(Int32(f))
    }
    diagnostics = log.finish(kept: count, what: "buildings")
  }

  private static func units(_ value: JSONValue?, _ f: Int, _ log: inout DiagnosticLog) -> Int32 {
    var number: Double?
    switch value {
    case nil, .null?: return 1
    case .number(let d)?: number = d
    case .string(let s)?: number = Double(s.trimmingWhitespace)
    default: number = nil
    }
    guard let d = number, d.isFinite, d >= 0 else {
      let shown = value.map { "\($0.text ?? "a non-number")" } ?? ""
      log.warn(f, field: "properties.units", code: "invalid_units", "units '\(shown)' is not a count of households; using 0")
      return 0
    }
    return Int32(min(d.rounded(), Double(Int32.max)))
  }

  /// `existing_mbps`: absent or null → unknown (NaN); a finite number ≥ 0 or such a
  /// numeric string as given; anything else warns and counts as unknown, so that a home
  /// whose service nobody measured is never taken out of the intervention area.
  private static func existingMbps(_ value: JSONValue?, _ f: Int, _ log: inout DiagnosticLog) -> Double {
    var number: Double?
    switch value {
    case nil, .null?: return .nan
    case .number(let d)?: number = d
    case .string(let s)?: number = Double(s.trimmingWhitespace)
    default: number = nil
    }
    guard let d = number, d.isFinite, d >= 0 else {
      let shown = value.map { "\($0.text ?? "a non-number")" } ?? ""
      log.warn(f, field: "properties.existing_mbps", code: "invalid_existing_mbps",
               "existing_mbps '\(shown)' is not a speed in Mbit/s; counted as unknown (eligible)")
      return .nan
    }
    return d
  }

  /// Reads a buildings file. O(file size).
  public static func read(path: String) throws -> BuildingLayer {
    BuildingLayer(try GeoJSONReader.read(path: path))
  }
}

extension SiteLayer {
  /// Sites: Points or (Multi)Polygons (representative point) with `name`, `kind` and
  /// `critical` (true, "true", "yes" or a non-zero number). O(points).
  public init(_ table: FeatureTable) {
    self.init(path: table.path)
    var log = DiagnosticLog(table)
    var ids = FeatureIDs(table, prefix: "s")
    let kName = table.keyIndex("name"), kKind = table.keyIndex("kind")
    let kCritical = table.keyIndex("critical")
    for f in 0..<table.count {
      guard let p = demandPoint(table, f, &log) else { continue }
      points.append(p)
      names.append(table.property(f, kName)?.text ?? "")
      kinds.append(table.property(f, kKind)?.text ?? "")
      critical.append(Self.critical(table.property(f, kCritical), f, &log))
      self.ids.append(ids.id(table, f, &log))
      featureIndex.append(Int32(f))
    }
    diagnostics = log.finish(kept: count, what: "sites")
  }

  private static func critical(_ value: JSONValue?, _ f: Int, _ log: inout DiagnosticLog) -> Bool {
    switch value {
    case nil, .null?: return false
    case .bool(let b)?: return b
    case .number(let d)?: return d != 0 && !d.isNaN
    case .string(let s)?:
      switch s.trimmingWhitespace.lowercased() {
      case "true", "yes", "1": return true
      case "false", "no", "0", "": return false
      default: break
      }
    default: break
    }
    log.warn(f, field: "properties.critical", code: "invalid_critical", "critical is not a boolean; using false")
    return false
  }

  /// Reads a sites file. O(file size).
  public static func read(path: String) throws -> SiteLayer {
    SiteLayer(try GeoJSONReader.read(path: path))
  }
}

extension BoundaryLayer {
  /// Municipalities: Polygon / MultiPolygon features with `name`; all rings are kept
  /// (even-odd lookup). Features with invalid coordinates or no ring of ≥ 4 points
  /// are skipped. O(points).
  public init(_ table: FeatureTable) {
    self.init(path: table.path)
    var log = DiagnosticLog(table)
    let kName = table.keyIndex("name")
    for f in 0..<table.count {
      let type = table.geometryTypes[f]
      guard type == .polygon || type == .multiPolygon else {
        log.skip(f, field: "geometry.type", code: "unsupported_geometry", reason: "\(type) is not a Polygon")
        continue
      }
      guard let rings = validParts(table, f, &log), let usable = usableRings(rings, f, &log) else { continue }
      appendRings(usable, points: &points, ringStart: &ringStart)
      municipalityRingStart.append(Int32(ringStart.count - 1))
      var name = table.property(f, kName)?.text ?? ""
      if name.isEmpty {
        log.warn(f, field: "properties.name", code: "missing_name", "municipality has no name")
        name = "municipality \(f)"
      }
      names.append(name)
      featureIndex.append(Int32(f))
    }
    diagnostics = log.finish(kept: count, what: "municipalities")
  }

  /// Reads a boundaries file. O(file size).
  public static func read(path: String) throws -> BoundaryLayer {
    BoundaryLayer(try GeoJSONReader.read(path: path))
  }
}

extension String {
  package var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// The one position of a building or site feature (a Point, or a polygon's
/// representative point); a feature without one is skipped with a diagnostic.
private func demandPoint(_ table: FeatureTable, _ f: Int, _ log: inout DiagnosticLog) -> LonLat? {
  let type = table.geometryTypes[f]
  guard type == .point || type == .polygon || type == .multiPolygon else {
    log.skip(f, field: "geometry.type", code: "unsupported_geometry", reason: "\(type) is not a Point or Polygon")
    return nil
  }
  guard let p = table.representativePoint(f) else {
    log.skip(f, field: "geometry.coordinates", code: "unusable_geometry", reason: "no valid position")
    return nil
  }
  return p
}

/// Feature `f`'s parts (rings or lines) as slices of the table's points; nil, with a
/// skip diagnostic, when any position is invalid.
func validParts(_ table: FeatureTable, _ f: Int, _ log: inout DiagnosticLog) -> [ArraySlice<LonLat>]? {
  let parts = table.parts(of: f).map { table.points[table.pointRange(ofPart: $0)] }
  guard parts.allSatisfy({ $0.allSatisfy { $0.isValid } }) else {
    log.skip(f, field: "geometry.coordinates", code: "unusable_geometry", reason: "invalid coordinates")
    return nil
  }
  return parts
}

/// The rings of a polygon feature with at least 4 positions; nil, with a skip
/// diagnostic, when none is left.
func usableRings(_ parts: [ArraySlice<LonLat>], _ f: Int, _ log: inout DiagnosticLog) -> [ArraySlice<LonLat>]? {
  let rings = parts.filter { $0.count >= 4 }
  guard !rings.isEmpty else {
    log.skip(f, field: "geometry.coordinates", code: "unusable_geometry", reason: "no ring with 4 positions")
    return nil
  }
  return rings
}

/// Appends rings to a flat point list with a running end offset per ring.
func appendRings(_ rings: [ArraySlice<LonLat>], points: inout [LonLat], ringStart: inout [Int32]) {
  for ring in rings {
    points.append(contentsOf: ring)
    ringStart.append(Int32(points.count))
  }
}
