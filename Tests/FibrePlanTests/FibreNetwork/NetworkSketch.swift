@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Hand-made layers drawn in metres around a point in Liechtenstein, so that expected
/// node positions, lengths and costs can be worked out by hand.
struct NetworkSketch {
  let frame = LocalProjection(origin: LonLat(lon: 9.52, lat: 47.14))

  func lonLat(_ x: Double, _ y: Double) -> LonLat { frame.unproject(x: x, y: y) }

  func lines(_ lines: [[(Double, Double)]], highway: [String?]? = nil,
             surface: [String?]? = nil, path: String = "roads.geojson") -> LineLayer {
    var layer = LineLayer(path: path)
    for (i, line) in lines.enumerated() {
      for (x, y) in line { layer.points.append(lonLat(x, y)) }
      layer.lineStart.append(Int32(layer.points.count))
      layer.featureIndex.append(Int32(i))
      layer.highway.append(highway?[i] ?? "residential")
      layer.surface.append(surface?[i] ?? nil)
      layer.name.append(nil)
    }
    return layer
  }

  func buildings(_ points: [(Double, Double)]) -> BuildingLayer {
    var layer = BuildingLayer(path: "buildings.geojson")
    for (i, (x, y)) in points.enumerated() {
      layer.points.append(lonLat(x, y))
      layer.ids.append("b\(i)")
      layer.units.append(1)
      layer.featureIndex.append(Int32(i))
    }
    return layer
  }

  /// The network node at sketch position (x, y), within `tolerance` metres, or nil.
  func node(_ network: RoadNetwork, at x: Double, _ y: Double, tolerance: Double = 0.01) -> Int32? {
    let p = network.projection.project(lonLat(x, y))
    var found: Int32? = nil
    for v in 0..<network.nodeCount {
      let dx = network.nodeX[v] - p.x, dy = network.nodeY[v] - p.y
      if dx * dx + dy * dy <= tolerance * tolerance { found = Int32(v) }
    }
    return found
  }

  /// Edges joining nodes a and b (either direction) of a kind.
  func edges(_ network: RoadNetwork, _ a: Int32?, _ b: Int32?, kind: EdgeKind = .trench) -> [Int] {
    guard let a, let b else { return [] }
    return (0..<network.edgeCount).filter {
      network.edgeKind[$0] == kind
        && ((network.edgeU[$0] == a && network.edgeV[$0] == b)
          || (network.edgeU[$0] == b && network.edgeV[$0] == a))
    }
  }

  func count(_ network: RoadNetwork, _ kind: EdgeKind) -> Int {
    network.edgeKind.filter { $0 == kind }.count
  }

  static let uniform = TrenchCostModel.uniform
  static let noBuildings = BuildingLayer(path: "buildings.geojson")
}
