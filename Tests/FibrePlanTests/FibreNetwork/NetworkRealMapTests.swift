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

/// The network of real OSM layers from ../shared/maps (skipped when absent): every
/// structural invariant that downstream stages rely on.
@Suite struct NetworkRealMapTests {
  /// `../shared/maps` beside the package root; a git worktree one level deeper
  /// (`wt/<name>`) finds it one level further up.
  static let maps: String = {
    var dir = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { dir.deleteLastPathComponent() }  // file, FibreNetwork, FibrePlanTests, Tests
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

  /// The primary roads, offered again as existing ducts, become parallel duct edges
  /// between the same nodes as their trench edges, about as long as those roads.
  @Test(.enabled(if: available("liechtenstein"))) func liechtensteinWithDucts() throws {
    let dir = "\(Self.maps)/liechtenstein"
    let roads = try LineLayer.read(path: "\(dir)/roads.geojson")
    var ducts = LineLayer(path: "ducts.geojson")
    var primaryLength = 0.0
    let projection = LocalProjection(origin: LonLat(lon: 9.55, lat: 47.15))
    for line in 0..<roads.count where roads.highway[line] == "primary" {
      let range = roads.pointRange(line)
      ducts.points += roads.points[range]
      ducts.lineStart.append(Int32(ducts.points.count))
      ducts.featureIndex.append(Int32(line))
      ducts.highway.append(nil); ducts.surface.append(nil); ducts.name.append(nil)
      for k in range.dropFirst() {
        let a = projection.project(roads.points[k - 1]), b = projection.project(roads.points[k])
        primaryLength += hypot(b.x - a.x, b.y - a.y)
      }
    }
    let buildings = try BuildingLayer.read(path: "\(dir)/buildings.geojson")
    let options = NetworkOptions()
    let net = try NetworkBuilder.build(roads: roads, ducts: ducts, buildings: buildings,
                                       costs: .europeanDefaults, options: options)
    checkInvariants(net, buildings: buildings, options: options)
    var trenchOf: [[Int32]: Int] = [:]
    for e in 0..<net.edgeCount where net.edgeKind[e] == .trench {
      trenchOf[[min(net.edgeU[e], net.edgeV[e]), max(net.edgeU[e], net.edgeV[e])]] = e
    }
    var unmatched = 0
    var alongPrimary = 0.0
    for e in 0..<net.edgeCount where net.edgeKind[e] == .ductReuse {
      guard let t = trenchOf[[min(net.edgeU[e], net.edgeV[e]), max(net.edgeU[e], net.edgeV[e])]]
      else { unmatched += 1; continue }
      #expect(net.edgeCost[e] < net.edgeCost[t])
      if roads.highway[Int(net.edgeSource[t])] == "primary" { alongPrimary += net.edgeLength[e] }
    }
    #expect(net.statistics.ductEdges > 50)
    #expect(unmatched == 0)
    // Every metre of primary road is covered; parallel cycleways within 15 m count too.
    #expect(abs(alongPrimary / primaryLength - 1) < 0.001)
    #expect(net.statistics.ductRouteLength < 1.15 * primaryLength)
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
      // Crossings (drops across their road) have no length by design.
      if net.edgeKind[e] != .drop && net.edgeKind[e] != .crossing && net.edgeLength[e] <= 0 { bad += 1 }
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
      case .forbiddenArea:
        Issue.record("building \(i) is in a forbidden area, but there is none")
      }
    }
  }
}
