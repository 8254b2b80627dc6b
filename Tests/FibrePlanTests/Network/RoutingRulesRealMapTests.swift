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

/// Forbidden areas on the real Liechtenstein layers (../shared/maps; skipped when absent).
@Suite struct RoutingRulesRealMapTests {
  /// A box of about 380 × 445 m over the densest cluster of buildings in the map, the
  /// centre of Triesen.
  static let villageCentre = (minLon: 9.5075, minLat: 47.0620, maxLon: 9.5125, maxLat: 47.0660)

  static func forbiddenCentre() throws -> AreaLayer {
    let c = villageCentre
    let ring = [(c.minLon, c.minLat), (c.maxLon, c.minLat), (c.maxLon, c.maxLat), (c.minLon, c.maxLat),
                (c.minLon, c.minLat)].map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
    let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Triesen centre"},"#
      + #""geometry":{"type":"Polygon","coordinates":[["# + ring + "]]}}]}"
    return AreaLayer(try GeoJSONReader.read(bytes: Array(text.utf8), path: "forbidden.geojson"))
  }

  static func inside(_ p: LonLat) -> Bool {
    let c = villageCentre
    return p.lon > c.minLon && p.lon < c.maxLon && p.lat > c.minLat && p.lat < c.maxLat
  }

  /// No trench piece has its middle inside the square, every building inside it is a
  /// `forbiddenArea` gap, and buildings outside still attach as before.
  @Test(.enabled(if: NetworkRealMapTests.available("liechtenstein")))
  func forbiddenVillageCentreLeavesNoTrenchInside() throws {
    let maps = NetworkRealMapTests.maps + "/liechtenstein"
    let roads = try LineLayer.read(path: maps + "/roads.geojson")
    let buildings = try BuildingLayer.read(path: maps + "/buildings.geojson")
    let open = try NetworkBuilder.build(roads: roads, buildings: buildings, costs: .europeanDefaults)
    let net = try NetworkBuilder.build(roads: roads, buildings: buildings,
                                       areas: RoutingAreas(forbidden: try Self.forbiddenCentre()),
                                       costs: .europeanDefaults)
    var piecesInside = 0
    for e in 0..<net.edgeCount where net.edgeKind[e] == .trench {
      let g = Int(net.edgeGeometryStart[e])..<Int(net.edgeGeometryStart[e + 1])
      for k in g.dropFirst() {
        let a = net.geometry[k - 1], b = net.geometry[k]
        if Self.inside(LonLat(lon: (a.lon + b.lon) / 2, lat: (a.lat + b.lat) / 2)) { piecesInside += 1 }
      }
    }
    #expect(piecesInside == 0)
    var inside = 0, forbidden = 0
    for i in 0..<buildings.count {
      if Self.inside(buildings.points[i]) {
        inside += 1
        #expect(net.buildingStatus[i] == .forbiddenArea)
      }
      if net.buildingStatus[i] == .forbiddenArea { forbidden += 1 }
      if open.buildingStatus[i] == .attached && net.buildingStatus[i] != .attached {
        #expect(net.buildingStatus[i] == .forbiddenArea)
      }
    }
    #expect(inside > 50)
    #expect(forbidden >= inside)
    #expect(net.statistics.roadLength < open.statistics.roadLength)
  }
}
