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

/// The generated layers, parsed by the library's own readers.
struct ReadBackRegion {
  var roads: LineLayer
  var buildings: BuildingLayer
  var sites: SiteLayer
  var boundaries: BoundaryLayer

  init(_ region: SyntheticRegion) throws {
    let files = Dictionary(uniqueKeysWithValues: region.encodedFiles().map { ($0.name, $0.bytes) })
    roads = LineLayer(roads: try GeoJSONReader.read(bytes: files["roads.geojson"]!, path: "roads.geojson"))
    buildings = BuildingLayer(try GeoJSONReader.read(bytes: files["buildings.geojson"]!, path: "buildings.geojson"))
    sites = SiteLayer(try GeoJSONReader.read(bytes: files["sites.geojson"]!, path: "sites.geojson"))
    boundaries = BoundaryLayer(try GeoJSONReader.read(bytes: files["boundaries.geojson"]!, path: "boundaries.geojson"))
  }
}

@Suite struct SyntheticRegionTests {
  @Test("The same seed gives the same bytes; another seed gives other bytes")
  func determinism() {
    let a = SyntheticRegion.generate(households: 3_000, seed: 7).encodedFiles()
    let b = SyntheticRegion.generate(households: 3_000, seed: 7).encodedFiles()
    let c = SyntheticRegion.generate(households: 3_000, seed: 8).encodedFiles()
    #expect(a.map(\.name) == b.map(\.name))
    for (x, y) in zip(a, b) { #expect(x.bytes == y.bytes, "\(x.name) differs between runs") }
    for (x, y) in zip(a, c) where x.name.hasSuffix(".geojson") {
      #expect(x.bytes != y.bytes, "\(x.name) is the same for seeds 7 and 8")
    }
  }

  @Test("Building units add up to exactly the households asked for", arguments: [1, 37, 199, 200, 2_345, 9_000])
  func householdsAreExact(n: Int) throws {
    let region = SyntheticRegion.generate(households: n, seed: UInt64(n))
    #expect(region.householdsTotal == n)
    let read = try ReadBackRegion(region)
    #expect(read.buildings.count == region.buildingCount)
    #expect(read.buildings.units.reduce(0) { $0 + Int($1) } == n)
  }

  @Test("Layers read back without errors, with only the intended warnings")
  func layersReadBack() throws {
    let region = SyntheticRegion.generate(households: 6_000, seed: 11, municipalities: 4)
    let read = try ReadBackRegion(region)
    #expect(read.roads.count == region.roadCount)
    #expect(read.roads.highway.allSatisfy { $0 != nil })
    #expect(read.sites.count == 12)
    #expect(read.boundaries.count == 4)
    #expect(Set(read.boundaries.names).count == 4)
    let codes = (read.roads.diagnostics + read.buildings.diagnostics + read.sites.diagnostics
                 + read.boundaries.diagnostics).map(\.code)
    // The deliberate duplicate ids are the only defects a reader can see.
    #expect(Set(codes).isSubset(of: ["duplicate_id"]), "unexpected diagnostics: \(codes)")
    #expect(codes.filter { $0 == "duplicate_id" }.count >= 1)
    // Sites: town hall, school and fire station per municipality; two of them critical.
    #expect(read.sites.kinds.filter { $0 == "fire_station" }.count == 4)
    #expect(read.sites.critical.filter { $0 }.count == 8)
    // All inside the Swiss plateau box around 47.3 N 8.5 E.
    for p in read.buildings.points + read.roads.points {
      #expect(abs(p.lat - 47.3) < 0.2 && abs(p.lon - 8.5) < 0.3)
    }
  }

  @Test("Units: mostly 1, some apartment blocks of 4-12, some sheds with 0")
  func unitMix() {
    let region = SyntheticRegion.generate(households: 20_000, seed: 3)
    let units = region.buildingUnits
    let ones = units.filter { $0 == 1 }.count
    #expect(Double(ones) / Double(units.count) > 0.6)
    #expect(units.contains { $0 >= 4 && $0 <= 12 })
    #expect(units.contains(0))
    #expect(units.allSatisfy { $0 >= 0 && $0 <= 12 })
    #expect(Set(region.roadClass).isSuperset(of: [.primary, .secondary, .tertiary, .residential, .track]))
  }

  @Test("Municipality rings are closed, counter-clockwise, and tile the region")
  func boundariesTile() throws {
    let region = SyntheticRegion.generate(households: 30_000, seed: 5, municipalities: 7)
    var total = 0.0
    var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
    for m in 0..<region.municipalityCount {
      let r = Int(region.boundaryStart[m])..<Int(region.boundaryStart[m + 1])
      #expect(r.count >= 4)
      #expect(region.boundaryX[r.first!] == region.boundaryX[r.last!] && region.boundaryY[r.first!] == region.boundaryY[r.last!])
      var area = 0.0
      for k in r.dropLast() {
        area += region.boundaryX[k] * region.boundaryY[k + 1] - region.boundaryX[k + 1] * region.boundaryY[k]
        minX = min(minX, region.boundaryX[k]); maxX = max(maxX, region.boundaryX[k])
        minY = min(minY, region.boundaryY[k]); maxY = max(maxY, region.boundaryY[k])
      }
      #expect(area > 0, "ring \(m) is not counter-clockwise")
      total += area / 2
    }
    let box = (maxX - minX) * (maxY - minY)
    #expect(abs(total - box) < 1e-6 * box, "cells cover \(total) m² of \(box) m²")
    // Every building and site lies in exactly one municipality.
    let read = try ReadBackRegion(region)
    let index = MunicipalityIndex(read.boundaries)
    let outside = (read.buildings.points + read.sites.points).filter { index.municipality(containing: $0) == nil }
    #expect(outside.isEmpty, "\(outside.count) points outside every municipality")
  }

  @Test("The scenario names the four layers relative to itself")
  func scenario() throws {
    let region = SyntheticRegion.generate(households: 500, seed: 1)
    let bytes = region.encodedFiles().first { $0.name == "scenario.json" }!.bytes
    let s = try Scenario(json: try JSONValue.parse(bytes, path: "scenario.json"), path: "scenario.json", baseDirectory: "dir")
    #expect(s.warnings.isEmpty)
    #expect(s.layers.roads == "dir/roads.geojson")
    #expect(s.layers.buildings == "dir/buildings.geojson")
    #expect(s.layers.sites == "dir/sites.geojson")
    #expect(s.layers.boundaries == "dir/boundaries.geojson")
    #expect(s.outputDirectory == "dir/plan")
  }

  @Test("write(to:) leaves exactly the five files, equal to the encoded bytes")
  func writesAtomically() throws {
    let dir = NSTemporaryDirectory() + "fibreplan-synthetic-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let region = SyntheticRegion.generate(households: 800, seed: 2)
    try region.write(to: dir)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names == ["boundaries.geojson", "buildings.geojson", "roads.geojson", "scenario.json", "sites.geojson"])
    for (name, bytes) in region.encodedFiles() {
      #expect(FileManager.default.contents(atPath: dir + "/" + name) == Data(bytes))
    }
  }

  @Test("Coordinates are rounded to 1e-7 degrees half away from zero, trailing zeros trimmed")
  func sevenDecimals() {
    var out = LayerFileWriter()
    for x in [0.0, 8.5, -0.00000005, 47.123456749, -12.3456789, 179.9999999] {
      out.beginFeature()
      out.point(OSMPoint(LonLat(lon: x, lat: 1)))
    }
    let text = String(decoding: out.finish(), as: UTF8.self)
    let lons = text.split(separator: "\n").compactMap { line -> Substring? in
      guard let r = line.range(of: "\"coordinates\": [ ") else { return nil }
      return line[r.upperBound...].split(separator: ",").first
    }
    #expect(lons == ["0.0", "8.5", "-0.0000001", "47.1234567", "-12.3456789", "179.9999999"])
  }

  @Test("Positions map region metres through the planner's projection")
  func positionsRoundTrip() throws {
    let region = SyntheticRegion.generate(households: 300, seed: 3)
    let buildings = try GeoJSONReader.read(bytes: region.buildingsGeoJSON(), path: "buildings.geojson")
    let projection = LocalProjection(origin: region.origin)
    for b in [0, region.buildingCount / 2, region.buildingCount - 1] {
      let p = projection.project(buildings.points[b])
      #expect(abs(p.x - (region.buildingX[b] - region.width / 2)) < 0.02)
      #expect(abs(p.y - (region.buildingY[b] - region.width / 2)) < 0.02)
    }
  }
}
