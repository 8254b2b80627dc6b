import FibreCore

/// GeoJSON text of the input layers (roads, buildings, sites, boundaries) for
/// `fibreplan import` and `fibreplan generate`, laid out as GDAL's GeoJSON driver writes
/// them (`-lco RFC7946=YES -lco COORDINATE_PRECISION=7`): one feature per line,
/// `[ x, y ]` positions, 7 decimals with trailing zeros trimmed but one kept (`10.0`).
/// Positions go through 1e-7 degree integers, so OSM's own coordinates are written
/// exactly and every writer rounds the same way (half away from zero).
package struct LayerFileWriter {
  package var json: JSONText
  private var firstFeature = true
  private var firstProperty = true

  package init(reserving capacity: Int = 1 << 16) {
    json = JSONText(reserving: capacity)
    json.raw("{\n\"type\": \"FeatureCollection\",\n\"features\": [\n")
  }

  /// The finished file.
  package mutating func finish() -> [UInt8] {
    json.raw("\n]\n}\n")
    return json.bytes
  }

  package mutating func beginFeature() {
    json.raw(firstFeature ? "{ \"type\": \"Feature\", \"properties\": { " : ",\n{ \"type\": \"Feature\", \"properties\": { ")
    firstFeature = false
    firstProperty = true
  }

  private mutating func key(_ k: String) {
    if !firstProperty { json.raw(", ") }
    firstProperty = false
    json.string(k)
    json.raw(": ")
  }

  /// A string property, or null.
  package mutating func property(_ k: String, _ value: String?) {
    key(k)
    if let value { json.string(value) } else { json.raw("null") }
  }

  package mutating func property(_ k: String, integer: Int) { key(k); json.integer(integer) }
  package mutating func property(_ k: String, bool: Bool) { key(k); json.bool(bool) }

  /// A Point geometry; ends the feature.
  package mutating func point(_ p: OSMPoint) {
    json.raw(" }, \"geometry\": { \"type\": \"Point\", \"coordinates\": ")
    position(p)
    json.raw(" } }")
  }

  /// A LineString geometry; ends the feature.
  package mutating func lineString<C: Collection>(_ points: C) where C.Element == OSMPoint {
    json.raw(" }, \"geometry\": { \"type\": \"LineString\", \"coordinates\": ")
    ring(points)
    json.raw(" } }")
  }

  /// A MultiPolygon geometry (polygons of rings, outer first); ends the feature.
  package mutating func multiPolygon(_ polygons: [[[OSMPoint]]]) {
    json.raw(" }, \"geometry\": { \"type\": \"MultiPolygon\", \"coordinates\": [ ")
    for (i, polygon) in polygons.enumerated() {
      if i > 0 { json.raw(", ") }
      json.raw("[ ")
      for (j, r) in polygon.enumerated() {
        if j > 0 { json.raw(", ") }
        ring(r)
      }
      json.raw(" ]")
    }
    json.raw(" ] } }")
  }

  private mutating func ring<C: Collection>(_ points: C) where C.Element == OSMPoint {
    json.raw("[ ")
    var first = true
    for p in points {
      if !first { json.raw(", ") }
      first = false
      position(p)
    }
    json.raw(" ]")
  }

  private mutating func position(_ p: OSMPoint) {
    json.raw("[ ")
    degrees(p.lon)
    json.raw(", ")
    degrees(p.lat)
    json.raw(" ]")
  }

  /// 1e-7 degrees as decimal text. Exact: v / 1e7 scaled back by 1e7 rounds to v for
  /// every Int32 (a double holds 53 bits), so JSONText's digit writer prints v's digits.
  private mutating func degrees(_ v: Int32) {
    if v % 10_000_000 == 0 {
      json.integer(Int(v / 10_000_000))
      json.raw(".0")
    } else {
      JSONText.appendNumber(Double(v) / 1e7, decimals: 7, padded: false, to: &json.bytes)
    }
  }
}

extension OSMPoint {
  /// The nearest 1e-7 degree position, rounded half away from zero.
  package init(_ p: LonLat) {
    func e7(_ x: Double) -> Int32 {
      let r = (abs(x) * 1e7).rounded(.toNearestOrAwayFromZero)
      return Int32(x < 0 ? -r : r)
    }
    self.init(lon: e7(p.lon), lat: e7(p.lat))
  }
}
