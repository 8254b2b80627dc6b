import Foundation
import Testing
@testable import FibrePlan

/// The network of real OSM layers from ../shared/maps (skipped when absent): every
/// structural invariant that downstream stages rely on.
@Suite struct NetworkRealMapTests {
  /// `../shared/maps` beside the package root; a git worktree one level deeper
  /// (`wt/<name>`) finds it one level further up.
  static let maps: String = {
    var dir = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { dir.deleteLastPathComponent() }  // Network, FibrePlanTests, Tests, file
    for _ in 0..<2 {
      dir.deleteLastPathComponent()
      let candidate = dir.appendingPathComponent("shared/maps").path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    return "../shared/maps"
  }()

  static func available(_ map: String) -> Bool {
    FileManager.default.fileExists(atPath: "\(maps)/\(map)/roads.geojson")
  }

  @Test(.enabled(if: available("liechtenstein"))) func liechtenstein() throws {
    let net = try build("liechtenstein", withSites: true)
    let stats = net.statistics
    #expect(stats.roadLinesUsed > 2500)
    #expect(stats.buildingsAttached > 3000)
    #expect(stats.largestComponentRoadShare > 0.9)
    #expect(stats.danglingEndsSnapped > 0)
    #expect(stats.sitesAttached > 40)
  }

  @Test(.enabled(if: available("krems"))) func krems() throws {
    let net = try build("krems", withSites: true)
    #expect(net.statistics.buildingsAttached > 900)
  }

  func build(_ map: String, withSites: Bool) throws -> RoadNetwork {
    let dir = "\(Self.maps)/\(map)"
    let roads = try LineLayer.read(path: "\(dir)/roads.geojson")
    let buildings = try BuildingLayer.read(path: "\(dir)/buildings.geojson")
    let sites = withSites ? try SiteLayer.read(path: "\(dir)/sites.geojson") : nil
    let options = NetworkOptions()
    let net = try NetworkBuilder.build(roads: roads, buildings: buildings, sites: sites,
                                       costs: .europeanDefaults, options: options)
    checkInvariants(net, buildings: buildings, options: options)
    return net
  }

  func checkInvariants(_ net: RoadNetwork, buildings: BuildingLayer, options: NetworkOptions) {
    let s = net.statistics
    #expect(s.buildingsAttached + s.buildingsUnreachable + s.buildingsInvalid == buildings.count)
    #expect(net.nodeComponent.count == net.nodeCount)
    #expect(net.edgeGeometryStart.count == net.edgeCount + 1)
    #expect(Int(net.edgeGeometryStart.last!) == net.geometry.count)
    var bad = 0
    for e in 0..<net.edgeCount {
      let u = Int(net.edgeU[e]), v = Int(net.edgeV[e])
      let g = Int(net.edgeGeometryStart[e])..<Int(net.edgeGeometryStart[e + 1])
      guard u >= 0, v >= 0, g.count >= 2 else { bad += 1; continue }
      // Geometry runs from U to V, and its length is the edge length.
      let first = net.projection.project(net.geometry[g.lowerBound])
      let last = net.projection.project(net.geometry[g.upperBound - 1])
      let endsMatch = hypot(first.x - net.nodeX[u], first.y - net.nodeY[u]) < 1e-6
        && hypot(last.x - net.nodeX[v], last.y - net.nodeY[v]) < 1e-6
      var length = 0.0
      for k in g.dropFirst() {
        let a = net.projection.project(net.geometry[k - 1]), b = net.projection.project(net.geometry[k])
        length += hypot(b.x - a.x, b.y - a.y)
      }
      if !endsMatch || abs(length - net.edgeLength[e]) > 1e-6 * max(1, length)
        || net.nodeComponent[u] != net.nodeComponent[v] || net.edgeCost[e] < 0 {
        bad += 1
      }
      if net.edgeKind[e] == .drop && net.edgeLength[e] > options.maxDropLength + 1e-9 { bad += 1 }
      if net.edgeKind[e] != .drop && net.edgeLength[e] <= 0 { bad += 1 }
    }
    #expect(bad == 0)
    for i in 0..<buildings.count {
      switch net.buildingStatus[i] {
      case .attached:
        let p = net.projection.project(buildings.points[i])
        let n = Int(net.buildingNode[i])
        #expect(p.x == net.nodeX[n] && p.y == net.nodeY[n])
        #expect(net.buildingDistanceToRoad[i] <= options.maxDropLength)
      case .noRoadWithin:
        #expect(net.buildingNode[i] == -1)
        #expect(net.buildingDistanceToRoad[i] > options.maxDropLength)
      case .invalidGeometry:
        #expect(net.buildingNode[i] == -1)
      }
    }
  }
}
