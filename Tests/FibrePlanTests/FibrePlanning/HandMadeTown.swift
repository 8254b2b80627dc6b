import Foundation
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// A small town laid out in metres and written as GeoJSON, so that its optimal plan is
/// known by hand. Coordinates are converted with the WGS84 radii of curvature at the
/// origin, which is exact to ~1e-5 over a few hundred metres.
struct HandMadeTown {
  static let originLon = 8.0
  static let originLat = 47.0

  static func lonLat(_ x: Double, _ y: Double) -> (Double, Double) {
    let a = 6_378_137.0, f = 1 / 298.257223563
    let e2 = f * (2 - f)
    let phi = originLat * .pi / 180
    let w = 1 - e2 * sin(phi) * sin(phi)
    let m = a * (1 - e2) / pow(w, 1.5)
    let n = a / w.squareRoot()
    return (originLon + x / (n * cos(phi)) * 180 / .pi, originLat + y / m * 180 / .pi)
  }

  static func coordinate(_ x: Double, _ y: Double) -> String {
    let (lon, lat) = lonLat(x, y)
    return "[\(lon),\(lat)]"
  }

  static func line(_ points: [(Double, Double)], properties: String = "{}") -> String {
    let coords = points.map { coordinate($0.0, $0.1) }.joined(separator: ",")
    return "{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coords)]}}"
  }

  static func point(_ x: Double, _ y: Double, properties: String) -> String {
    "{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":{\"type\":\"Point\",\"coordinates\":\(coordinate(x, y))}}"
  }

  static func collection(_ features: [String]) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
  }

  /// Main street along y = 0 from x = 0 to 400, a side street up x = 200 to y = 200, and
  /// a stray lane far away that joins nothing.
  static let roads = collection([
    line([(0, 0), (200, 0)], properties: #"{"highway":"residential","surface":"asphalt"}"#),
    line([(200, 0), (400, 0)], properties: #"{"highway":"residential"}"#),
    line([(200, 0), (200, 100), (200, 200)], properties: #"{"highway":"track","surface":"gravel"}"#),
    line([(0, 600), (100, 600)], properties: #"{"highway":"track"}"#),
  ])

  /// A, B, C are houses next to the streets; D is 1 km from any road; E is a shed;
  /// F stands by the stray lane.
  static let buildings = collection([
    point(50, 20, properties: #"{"id":"A","units":1}"#),
    point(350, -30, properties: #"{"id":"B","units":4}"#),
    point(210, 150, properties: #"{"id":"C"}"#),
    point(1500, 1500, properties: #"{"id":"D","units":1}"#),
    point(300, 10, properties: #"{"id":"E","units":0}"#),
    point(50, 610, properties: #"{"id":"F","units":2}"#),
  ])

  /// With the POP at the origin and every metre costing 1, the optimal tree runs the
  /// main street to x = 350 (350 m), the side street to y = 150 (150 m) and the drops
  /// of A, B and C (20 + 30 + 10 m).
  static let optimalTrenchMetres = 500.0
  static let optimalDropMetres = 60.0

  /// Writes the layers into a fresh folder and returns its path.
  static func write() throws -> String {
    let dir = NSTemporaryDirectory() + "fibreplan-town-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try buildings.write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    return dir
  }
}
