import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The OSM-derived layers in ../shared/maps (counts from its README).
@Suite(.enabled(if: SharedMaps.available, "needs ../shared/maps"))
struct RealMapTests {
  let dir = "liechtenstein/"

  @Test func liechtensteinLayerCounts() throws {
    let roads = try GeoJSONReader.read(path: SharedMaps.path(dir + "roads.geojson"))
    #expect(roads.count == 2748)
    #expect(roads.geometryTypes.allSatisfy { $0 == .lineString })
    #expect(roads.diagnostics.isEmpty)
    let first = roads.points[0]
    #expect(first == LonLat(lon: 9.5495577, lat: 47.1878542))  // exact to the nearest double
    #expect(roads.property(0, roads.keyIndex("name")) == .string("In den Äusseren"))

    let roadLayer = try LineLayer.read(path: SharedMaps.path(dir + "roads.geojson"))
    #expect(roadLayer.count == 2748)
    #expect(roadLayer.highway.allSatisfy { $0 != nil })

    let buildings = try BuildingLayer.read(path: SharedMaps.path(dir + "buildings.geojson"))
    #expect(buildings.count == 3723)
    #expect(Set(buildings.ids).count == 3723)
    #expect(buildings.units.allSatisfy { $0 >= 0 })
    #expect(buildings.units.contains(0))

    let sites = try SiteLayer.read(path: SharedMaps.path(dir + "sites.geojson"))
    #expect(sites.count == 62)
    #expect(sites.critical.contains(true))

    let boundaries = try BoundaryLayer.read(path: SharedMaps.path(dir + "boundaries.geojson"))
    #expect(boundaries.count == 11)
    #expect(boundaries.names.contains("Vaduz"))

    // Nearly every building lies in one of the 11 municipalities.
    let index = MunicipalityIndex(boundaries)
    let inside = buildings.points.filter { index.municipality(containing: $0) != nil }.count
    #expect(inside * 100 >= buildings.count * 95, "\(inside) of \(buildings.count)")
    // The town hall of Vaduz is in Vaduz.
    if let hall = sites.names.firstIndex(of: "Rathaus Vaduz"), let m = index.municipality(containing: sites.points[hall]) {
      #expect(boundaries.names[m] == "Vaduz")
    } else {
      Issue.record("Rathaus Vaduz not found in a municipality")
    }
  }

  @Test func validateReportsUsableLayers() {
    let names = ["roads", "buildings", "sites", "boundaries"]
    let report = validateLayers(paths: names.map { SharedMaps.path(dir + $0 + ".geojson") })
    #expect(report.isUsable)
    #expect(report.exitCode == 0)
    #expect(report.files.map(\.featureCount) == [2748, 3723, 62, 11])
    #expect(report.files.map(\.kind) == [.roads, .buildings, .sites, .boundaries])
    #expect(report.files[3].geometryCounts == [.init(type: .multiPolygon, count: 11)])
    let box = report.files[0].boundingBox
    #expect(box.minLon > 9.4 && box.maxLon < 9.7 && box.minLat > 47.0 && box.maxLat < 47.3)
    #expect(report.text.contains("roads.geojson: 2748 features (LineString 2748)"))
    #expect(report.text.hasSuffix("usable\n"))
  }

  @Test func kremsHasNoMunicipalities() {
    let report = validateLayers(paths: [SharedMaps.path("krems/boundaries.geojson")])
    #expect(report.isUsable)  // an empty layer is a warning; the caller decides if it is required
    #expect(report.files[0].diagnostics.map(\.code) == ["empty_layer"])
  }
}
