import Foundation
import FibreCore
import FibreGraph

// The region's layers as GeoJSON bytes, written straight into a byte buffer (no
// Foundation JSON, no String per number): a million buildings encode in well under a
// second. Coordinates have 7 decimals (~1 cm), one feature per line.

extension SyntheticRegion {
  /// File name and bytes of every layer plus `scenario.json`, in writing order. O(size).
  public func encodedFiles() -> [(name: String, bytes: [UInt8])] {
    [("roads.geojson", roadsGeoJSON()), ("buildings.geojson", buildingsGeoJSON()),
     ("sites.geojson", sitesGeoJSON()), ("boundaries.geojson", boundariesGeoJSON()),
     ("scenario.json", scenarioJSON())]
  }

  package func roadsGeoJSON() -> [UInt8] {
    var out = GeoJSONSink(region: self, capacity: estimate(bytesPer: 30, count: roadX.count) + 64 * roadCount)
    out.begin()
    for r in 0..<roadCount {
      out.feature(r)
      out.append("{\"type\":\"Feature\",\"properties\":{\"highway\":\"")
      out.append(roadClass[r].name)
      out.append("\",\"surface\":\"")
      out.append(roadSurface[r].name)
      out.append("\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
      for p in Int(roadStart[r])..<Int(roadStart[r + 1]) {
        if p > Int(roadStart[r]) { out.byte(UInt8(ascii: ",")) }
        out.position(roadX[p], roadY[p])
      }
      out.append("]}}")
    }
    out.end()
    return out.bytes
  }

  package func buildingsGeoJSON() -> [UInt8] {
    var out = GeoJSONSink(region: self, capacity: estimate(bytesPer: 120, count: buildingCount))
    out.begin()
    for b in 0..<buildingCount {
      out.feature(b)
      out.append("{\"type\":\"Feature\",\"properties\":{\"id\":\"b")
      out.integer(Int(buildingNumber[b]))
      out.append("\",\"units\":")
      out.integer(Int(buildingUnits[b]))
      out.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":")
      out.position(buildingX[b], buildingY[b])
      out.append("}}")
    }
    out.end()
    return out.bytes
  }

  package func sitesGeoJSON() -> [UInt8] {
    var out = GeoJSONSink(region: self, capacity: 256 * siteCount + 64)
    out.begin()
    for s in 0..<siteCount {
      out.feature(s)
      out.append("{\"type\":\"Feature\",\"properties\":{\"id\":\"s")
      out.integer(s)
      out.append("\",\"name\":\"")
      let m = Int(siteMunicipality[s])
      out.text(m < municipalityNames.count ? municipalityNames[m] : "municipality \(m)")
      out.byte(UInt8(ascii: " "))
      out.text(siteKind[s].label)
      out.append("\",\"kind\":\"")
      out.append(siteKind[s].name)
      out.append(siteKind[s].critical ? "\",\"critical\":true}" : "\",\"critical\":false}")
      out.append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":")
      out.position(siteX[s], siteY[s])
      out.append("}}")
    }
    out.end()
    return out.bytes
  }

  package func boundariesGeoJSON() -> [UInt8] {
    var out = GeoJSONSink(region: self, capacity: estimate(bytesPer: 30, count: boundaryX.count) + 128 * municipalityCount)
    out.begin()
    for m in 0..<municipalityCount {
      out.feature(m)
      out.append("{\"type\":\"Feature\",\"properties\":{\"name\":\"")
      out.text(municipalityNames[m])
      out.append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
      for p in Int(boundaryStart[m])..<Int(boundaryStart[m + 1]) {
        if p > Int(boundaryStart[m]) { out.byte(UInt8(ascii: ",")) }
        out.position(boundaryX[p], boundaryY[p])
      }
      out.append("]]}}")
    }
    out.end()
    return out.bytes
  }

  /// A ready scenario: layer paths relative to it, output folder `plan/` beside it.
  package func scenarioJSON() -> [UInt8] {
    let text = """
      {
        "name": "synthetic-\(households)-seed\(seed)",
        "description": "Synthetic rural region: \(households) households, \(municipalityCount) municipalities, \
      \(buildingCount) buildings, \(roadCount) road lines, \(Int((width / 1000).rounded())) km across (fibreplan generate --seed \(seed))",
        "layers": {
          "roads": "roads.geojson",
          "buildings": "buildings.geojson",
          "sites": "sites.geojson",
          "boundaries": "boundaries.geojson"
        },
        "solver": { "time_limit_s": 10, "seed": 1 },
        "output": "plan"
      }

      """
    return Array(text.utf8)
  }

  private func estimate(bytesPer: Int, count: Int) -> Int { bytesPer * count + 64 }
}

/// Appends GeoJSON text to a byte array.
package struct GeoJSONSink {
  package var bytes: [UInt8] = []
  package let originLon: Double, originLat: Double, half: Double
  package let lonPerMetre: Double, latPerMetre: Double

  package init(region: SyntheticRegion, capacity: Int) {
    let phi = region.origin.lat * .pi / 180
    let metresPerLat = 111_132.92 - 559.82 * cos(2 * phi) + 1.175 * cos(4 * phi)
    let metresPerLon = 111_412.84 * cos(phi) - 93.5 * cos(3 * phi)
    originLon = region.origin.lon
    originLat = region.origin.lat
    half = region.width / 2
    lonPerMetre = 1 / metresPerLon
    latPerMetre = 1 / metresPerLat
    bytes.reserveCapacity(capacity)
  }

  package mutating func begin() { append("{\"type\":\"FeatureCollection\",\"features\":[\n") }
  package mutating func end() { append("\n]}\n") }
  package mutating func feature(_ index: Int) { if index > 0 { append(",\n") } }

  @inline(__always) package mutating func byte(_ b: UInt8) { bytes.append(b) }

  package mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Plain ASCII/UTF-8 text without quotes or backslashes (names we generate).
  package mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

  package mutating func integer(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    appendDecimalDigits(UInt64(value.magnitude), to: &bytes)
  }

  /// A number with exactly 7 decimals, rounded half away from zero.
  package mutating func fixed7(_ x: Double) {
    JSONText.appendNumber(x, decimals: 7, padded: true, to: &bytes)
  }

  /// `[lon,lat]` of a point given in region metres.
  package mutating func position(_ x: Double, _ y: Double) {
    byte(UInt8(ascii: "["))
    fixed7(originLon + (x - half) * lonPerMetre)
    byte(UInt8(ascii: ","))
    fixed7(originLat + (y - half) * latPerMetre)
    byte(UInt8(ascii: "]"))
  }
}
