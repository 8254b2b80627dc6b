import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// GeoJSON text of the imported OSM layers, laid out like GDAL's GeoJSON driver writes
/// them (`-lco RFC7946=YES -lco COORDINATE_PRECISION=7`), so our layers and the ones
/// made by `Maps/tools/derive-layers.sh` can be compared line by line.
extension OSMLayers {
  /// The four layer files, by file name, in a fixed order. O(total coordinates).
  public func geoJSONFiles() -> [(name: String, bytes: [UInt8])] {
    [("roads.geojson", roadsGeoJSON()), ("buildings.geojson", buildingsGeoJSON()),
     ("sites.geojson", sitesGeoJSON()), ("boundaries.geojson", boundariesGeoJSON())]
  }

  public func roadsGeoJSON() -> [UInt8] {
    OSMGeoJSON.collection(roads) { out, road in
      out.properties([("osm_id", .text(String(road.osmId))), ("highway", .text(road.highway)),
                      ("name", .optional(road.name)), ("surface", .optional(road.surface)),
                      ("bridge", .optional(road.bridge)), ("tunnel", .optional(road.tunnel))])
      out.raw("\"geometry\": { \"type\": \"LineString\", \"coordinates\": ")
      out.line(road.points)
      out.raw(" }")
    }
  }

  public func buildingsGeoJSON() -> [UInt8] {
    OSMGeoJSON.collection(buildings) { out, b in
      out.properties([("osm_id", .text(String(b.osmId))), ("building", .text(b.building)), ("units", .integer(b.units))])
      out.point(b.point)
    }
  }

  public func sitesGeoJSON() -> [UInt8] {
    OSMGeoJSON.collection(sites) { out, s in
      out.properties([("osm_id", .text(String(s.osmId))), ("name", .optional(s.name)),
                      ("kind", .text(s.kind)), ("critical", .bool(s.critical))])
      out.point(s.point)
    }
  }

  public func boundariesGeoJSON() -> [UInt8] {
    OSMGeoJSON.collection(boundaries) { out, b in
      out.properties([("name", .optional(b.name)), ("admin_level", .text(b.adminLevel)), ("osm_id", .text(String(b.osmId)))])
      out.raw("\"geometry\": { \"type\": \"MultiPolygon\", \"coordinates\": [ ")
      for (i, polygon) in b.polygons.enumerated() {
        if i > 0 { out.raw(", ") }
        out.raw("[ ")
        for (j, ring) in polygon.enumerated() {
          if j > 0 { out.raw(", ") }
          out.line(ring)
        }
        out.raw(" ]")
      }
      out.raw(" ] }")
    }
  }
}

/// What `fibreplan import` did: features written per layer, and features the extract
/// could not give a geometry (cut by its edge).
public struct OSMImportSummary: Sendable, Equatable {
  public var roads: Int
  public var buildings: Int
  public var units: Int
  public var sites: Int
  public var boundaries: Int
  public var skipped: OSMSkipCounts
  public var nodesRead: Int
  public var waysRead: Int
  public var relationsRead: Int

  public var text: String {
    """
    read: \(nodesRead) nodes, \(waysRead) ways, \(relationsRead) multipolygon/boundary relations
    roads: \(roads) features
    buildings: \(buildings) features (\(units) units)
    sites: \(sites) features
    boundaries: \(boundaries) features
    left out (geometry incomplete in the extract): \(skipped.roads) roads, \(skipped.buildings) buildings, \(skipped.sites) sites, \(skipped.boundaries) boundaries

    """
  }
}

public enum OSMImport {
  /// Reads an OSM extract (`.osm`, `.osm.gz`, `.osm.pbf`) and writes roads.geojson,
  /// buildings.geojson, sites.geojson and boundaries.geojson into `outputDirectory`,
  /// atomically (all four appear complete, or none is replaced).
  /// - Throws: `.missingFile`, `.data` (with byte offset / line), `.io`, `.usage` for an
  ///   admin level outside 1...12.
  /// - Complexity: O(file size + N log N) for N nodes.
  public static func run(input: String, outputDirectory: String, adminLevel: Int = 8) throws -> OSMImportSummary {
    guard (1...12).contains(adminLevel) else {
      throw FibrePlanError(.usage, "--admin-level must be between 1 and 12, got \(adminLevel)")
    }
    let layers = try OSMLayers.read(path: input, adminLevel: adminLevel)
    var files = try OutputFiles(directory: outputDirectory)
    do {
      for (name, bytes) in layers.geoJSONFiles() { try files.stage(name, bytes) }
      try files.commit()
    } catch {
      files.discard()
      throw error
    }
    return OSMImportSummary(
      roads: layers.roads.count, buildings: layers.buildings.count,
      units: layers.buildings.reduce(0) { $0 + $1.units }, sites: layers.sites.count,
      boundaries: layers.boundaries.count, skipped: layers.skipped,
      nodesRead: layers.nodesRead, waysRead: layers.waysRead, relationsRead: layers.relationsRead)
  }
}

/// GDAL-style GeoJSON layout: one feature per line, `[ x, y ]` positions.
package struct OSMGeoJSON {
  package enum Value { case text(String), optional(String?), integer(Int), bool(Bool) }
  package var json = JSONText()

  package static func collection<T>(_ items: [T], _ feature: (inout OSMGeoJSON, T) -> Void) -> [UInt8] {
    var out = OSMGeoJSON()
    out.raw("{\n\"type\": \"FeatureCollection\",\n\"features\": [\n")
    for (i, item) in items.enumerated() {
      out.raw(i == 0 ? "{ \"type\": \"Feature\", " : ",\n{ \"type\": \"Feature\", ")
      feature(&out, item)
      out.raw(" }")
    }
    out.raw("\n]\n}\n")
    return out.json.bytes
  }

  package mutating func raw(_ s: String) { json.raw(s) }

  package mutating func properties(_ values: [(String, Value)]) {
    raw("\"properties\": { ")
    for (i, (key, value)) in values.enumerated() {
      if i > 0 { raw(", ") }
      json.string(key)
      raw(": ")
      switch value {
      case .text(let s): json.string(s)
      case .optional(let s): if let s { json.string(s) } else { raw("null") }
      case .integer(let n): json.integer(n)
      case .bool(let b): json.bool(b)
      }
    }
    raw(" }, ")
  }

  package mutating func point(_ p: OSMPoint) {
    raw("\"geometry\": { \"type\": \"Point\", \"coordinates\": ")
    position(p)
    raw(" }")
  }

  package mutating func line(_ points: [OSMPoint]) {
    raw("[ ")
    for (i, p) in points.enumerated() {
      if i > 0 { raw(", ") }
      position(p)
    }
    raw(" ]")
  }

  package mutating func position(_ p: OSMPoint) {
    raw("[ ")
    fixed(p.lon)
    raw(", ")
    fixed(p.lat)
    raw(" ]")
  }

  /// 1e-7 degrees as decimal text, trailing zeros trimmed but one kept (`10.0`), as
  /// GDAL prints them: exact, no floating point.
  package mutating func fixed(_ v: Int32) {
    let magnitude = abs(Int64(v))
    if v < 0 { json.raw(UInt8(ascii: "-")) }
    json.raw(String(magnitude / 10_000_000))
    var fraction = magnitude % 10_000_000
    guard fraction != 0 else { json.raw(".0"); return }
    var digits = 7
    while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
    let f = String(fraction)
    json.raw("." + String(repeating: "0", count: digits - f.count) + f)
  }
}
