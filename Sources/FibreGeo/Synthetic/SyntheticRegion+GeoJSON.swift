import Foundation
import FibreCore
import FibreGraph

// The region's layers as GeoJSON bytes in the layout `fibreplan import` writes
// (`LayerFileWriter`): coordinates to 1e-7 degrees (~1 cm), one feature per line.

extension SyntheticRegion {
  /// File name and bytes of every layer plus `scenario.json`, in writing order. O(size).
  public func encodedFiles() -> [(name: String, bytes: [UInt8])] {
    let names = ["roads.geojson", "buildings.geojson", "sites.geojson", "boundaries.geojson", "scenario.json"]
    // Roads and buildings are most of the bytes: write them side by side.
    let region = self
    let bytes = orderedParallelMap(names.count, threads: 2) { i -> [UInt8] in
      switch i {
      case 0: return region.roadsGeoJSON()
      case 1: return region.buildingsGeoJSON()
      case 2: return region.sitesGeoJSON()
      case 3: return region.boundariesGeoJSON()
      default: return region.scenarioJSON()
      }
    }
    return Array(zip(names, bytes))
  }

  package func roadsGeoJSON() -> [UInt8] {
    let toDegrees = degrees
    var out = LayerFileWriter(reserving: 40 * roadX.count + 160 * roadCount + 64)
    for r in 0..<roadCount {
      out.beginFeature()
      out.property("highway", roadClass[r].name.description)
      out.property("surface", roadSurface[r].name.description)
      out.lineString((Int(roadStart[r])..<Int(roadStart[r + 1])).lazy.map { toDegrees(roadX[$0], roadY[$0]) })
    }
    return out.finish()
  }

  package func buildingsGeoJSON() -> [UInt8] {
    let toDegrees = degrees
    var out = LayerFileWriter(reserving: 150 * buildingCount + 64)
    for b in 0..<buildingCount {
      out.beginFeature()
      out.property("id", "b\(buildingNumber[b])")
      out.property("units", integer: Int(buildingUnits[b]))
      out.point(toDegrees(buildingX[b], buildingY[b]))
    }
    return out.finish()
  }

  package func sitesGeoJSON() -> [UInt8] {
    let toDegrees = degrees
    var out = LayerFileWriter(reserving: 256 * siteCount + 64)
    for s in 0..<siteCount {
      out.beginFeature()
      out.property("id", "s\(s)")
      let m = Int(siteMunicipality[s])
      out.property("name", (m < municipalityNames.count ? municipalityNames[m] : "municipality \(m)") + " " + siteKind[s].label)
      out.property("kind", siteKind[s].name.description)
      out.property("critical", bool: siteKind[s].critical)
      out.point(toDegrees(siteX[s], siteY[s]))
    }
    return out.finish()
  }

  package func boundariesGeoJSON() -> [UInt8] {
    let toDegrees = degrees
    var out = LayerFileWriter(reserving: 40 * boundaryX.count + 128 * municipalityCount)
    for m in 0..<municipalityCount {
      out.beginFeature()
      out.property("name", municipalityNames[m])
      let ring = (Int(boundaryStart[m])..<Int(boundaryStart[m + 1])).map { toDegrees(boundaryX[$0], boundaryY[$0]) }
      out.multiPolygon([[ring]])
    }
    return out.finish()
  }

  /// Region metres (origin at the south-west corner) to 1e-7 degrees: the inverse of
  /// the transverse Mercator projection centred on `origin`, the one the planner uses.
  private var degrees: (Double, Double) -> OSMPoint {
    let projection = LocalProjection(origin: origin), half = width / 2
    return { x, y in OSMPoint(projection.unproject(x: x - half, y: y - half)) }
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

}
