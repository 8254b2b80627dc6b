import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// GeoJSON text of the imported OSM layers, laid out like GDAL's GeoJSON driver writes
/// them (`LayerFileWriter`), so our layers and the ones made by
/// `Maps/tools/derive-layers.sh` can be compared line by line.
extension OSMLayers {
  /// The four layer files, by file name, in a fixed order. O(total coordinates).
  public func geoJSONFiles() -> [(name: String, bytes: [UInt8])] {
    [("roads.geojson", roadsGeoJSON()), ("buildings.geojson", buildingsGeoJSON()),
     ("sites.geojson", sitesGeoJSON()), ("boundaries.geojson", boundariesGeoJSON())]
  }

  public func roadsGeoJSON() -> [UInt8] {
    var out = LayerFileWriter()
    for road in roads {
      out.beginFeature()
      out.property("osm_id", String(road.osmId)); out.property("highway", road.highway)
      out.property("name", road.name); out.property("surface", road.surface)
      out.property("bridge", road.bridge); out.property("tunnel", road.tunnel)
      out.lineString(road.points)
    }
    return out.finish()
  }

  public func buildingsGeoJSON() -> [UInt8] {
    var out = LayerFileWriter()
    for b in buildings {
      out.beginFeature()
      out.property("osm_id", String(b.osmId)); out.property("building", b.building); out.property("units", integer: b.units)
      out.point(b.point)
    }
    return out.finish()
  }

  public func sitesGeoJSON() -> [UInt8] {
    var out = LayerFileWriter()
    for site in sites {
      out.beginFeature()
      out.property("osm_id", String(site.osmId)); out.property("name", site.name)
      out.property("kind", site.kind); out.property("critical", bool: site.critical)
      out.point(site.point)
    }
    return out.finish()
  }

  public func boundariesGeoJSON() -> [UInt8] {
    var out = LayerFileWriter()
    for b in boundaries {
      out.beginFeature()
      out.property("name", b.name); out.property("admin_level", b.adminLevel); out.property("osm_id", String(b.osmId))
      out.multiPolygon(b.polygons)
    }
    return out.finish()
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
