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

/// The importer on the hand-made fixture: XML and PBF must give the features worked out
/// by hand in `OSMFixture.expected`.
@Suite struct OSMImportTests {
  @Test func xmlGivesTheHandWorkedLayers() throws {
    let layers = try OSMLayers.parse(Array(OSMFixture.standard.xml.utf8), file: "t.osm")
    let expected = OSMFixture.expected
    #expect(layers.roads == expected.roads)
    #expect(layers.buildings == expected.buildings)
    #expect(layers.sites == expected.sites)
    #expect(layers.boundaries == expected.boundaries)
    #expect(layers.skipped == expected.skipped)
  }

  @Test(arguments: [true, false]) func pbfGivesTheSameLayers(zlib: Bool) throws {
    let bytes = OSMFixture.standard.pbf(zlib: zlib)
    #expect(PBFReader.looksLikePBF(bytes))
    let layers = try OSMLayers.parse(bytes, file: "t.osm.pbf")
    #expect(layers == OSMFixture.expected)
  }

  @Test func pbfGranularityAndOffsets() throws {
    // Stored values are (nanodegrees - offset) / granularity; decoding must undo both.
    let bytes = OSMFixture.standard.pbf(granularity: 1000, latOffset: 2000, lonOffset: -3000, plainNodes: 0)
    #expect(try OSMLayers.parse(bytes, file: "g.osm.pbf") == OSMFixture.expected)
  }

  @Test func adminLevelSelectsBoundaries() throws {
    let layers = try OSMLayers.parse(Array(OSMFixture.standard.xml.utf8), file: "t.osm", adminLevel: 6)
    let p = OSMFixture.point
    #expect(layers.boundaries == [OSMBoundary(osmId: 401, name: "Kreis", adminLevel: "6", polygons: [[
      [p(10.101, 50.301), p(10.103, 50.301), p(10.103, 50.303), p(10.101, 50.303), p(10.101, 50.301)],
    ]])])
    #expect(layers.skipped.boundaries == 0)
  }

  @Test func geoJSONTextLooksLikeGDAL() throws {
    let layers = OSMFixture.expected
    let roads = String(decoding: layers.roadsGeoJSON(), as: UTF8.self)
    #expect(roads.hasPrefix("{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{ \"type\": \"Feature\", \"properties\": { \"osm_id\": \"100\", \"highway\": \"residential\", \"name\": \"Main & \\\"Co\\\" <1>\", \"surface\": \"asphalt\", \"bridge\": null, \"tunnel\": null }, \"geometry\": { \"type\": \"LineString\", \"coordinates\": [ [ 10.0, 50.0 ], [ 10.001, 50.0 ], [ 10.002, 50.0005 ] ] } },\n"))
    #expect(roads.hasSuffix(" } }\n]\n}\n"))
    let sites = String(decoding: layers.sitesGeoJSON(), as: UTF8.self)
    #expect(sites.contains("{ \"osm_id\": \"22\", \"name\": \"Rathaus\", \"kind\": \"townhall\", \"critical\": true }, \"geometry\": { \"type\": \"Point\", \"coordinates\": [ 10.052, 50.05 ] }"))
    let empty = String(decoding: OSMLayers().boundariesGeoJSON(), as: UTF8.self)
    #expect(empty == "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n\n]\n}\n")
    var south = LayerFileWriter()
    south.beginFeature()
    south.point(OSMPoint(lon: -1_234_567, lat: -900_000_000))
    #expect(String(decoding: south.finish(), as: UTF8.self).contains("\"coordinates\": [ -0.1234567, -90.0 ] } }"))
  }

  @Test func importWritesFourLayersTheGeoJSONReaderAccepts() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("osm-import-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let input = dir + "/t.osm"
    try OSMFixture.standard.xml.write(toFile: input, atomically: true, encoding: .utf8)
    let summary = try OSMImport.run(input: input, outputDirectory: dir + "/out")
    #expect(summary.roads == 3 && summary.buildings == 6 && summary.units == 12 && summary.sites == 3 && summary.boundaries == 1)
    let roads = try LineLayer.read(path: dir + "/out/roads.geojson")
    #expect(roads.count == 3 && roads.diagnostics.isEmpty)
    #expect(roads.surface[0] == "asphalt")
    let buildings = try BuildingLayer.read(path: dir + "/out/buildings.geojson")
    #expect(buildings.units == [1, 1, 0, 6, 4, 0])
    // Node 200 and way 200 share the number; the layer reader tells them apart.
    #expect(buildings.ids == ["20", "200", "200#2", "201", "300", "301"])
    let sites = try SiteLayer.read(path: dir + "/out/sites.geojson")
    #expect(sites.critical == [true, false, true])
    let boundaries = try BoundaryLayer.read(path: dir + "/out/boundaries.geojson")
    #expect(boundaries.count == 1)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
    // Deterministic: a second run writes the same bytes.
    let first = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/buildings.geojson"))
    _ = try OSMImport.run(input: input, outputDirectory: dir + "/out")
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/buildings.geojson")) == first)
  }

  @Test func missingFileAndBadAdminLevel() {
    #expect(throws: FibrePlanError(.missingFile, "/nonexistent/x.osm.pbf: no such file")) {
      try OSMImport.run(input: "/nonexistent/x.osm.pbf", outputDirectory: "/tmp/never")
    }
    #expect { try OSMImport.run(input: "/nonexistent/x.osm", outputDirectory: "/tmp/never", adminLevel: 0) } throws: {
      ($0 as? FibrePlanError)?.kind == .usage
    }
  }

  @Test func unitsFollowTheBuildingType() {
    #expect(OSMSelection.units(building: "yes", levels: "7") == 1)
    #expect(OSMSelection.units(building: "detached", levels: nil) == 1)
    #expect(OSMSelection.units(building: "apartments", levels: "5") == 10)
    #expect(OSMSelection.units(building: "apartments", levels: "3.5") == 6)  // CAST AS INTEGER: 3
    #expect(OSMSelection.units(building: "residential", levels: nil) == 4)
    #expect(OSMSelection.units(building: "terrace", levels: "zero") == 4)
    #expect(OSMSelection.units(building: "church", levels: "3") == 0)
  }
}
