import Foundation
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Three municipalities along one street: A on x ∈ [0, 200), B on [200, 400), C on
/// [400, 600], one house 10 m off the street in each at x = 100, 300, 500, and the POP
/// at the origin. With every metre costing 1 the coalition costs are known by hand:
/// c(A) 110, c(B) 310, c(C) 510, c(AB) 320, c(AC) 520, c(BC) 520, c(ABC) 530.
enum ThreeTowns {
  static let coalitionCost: [Double] = [0, 110, 310, 320, 510, 520, 520, 530]
  static let names = ["A", "B", "C"]

  static func polygon(_ x0: Double, _ x1: Double, name: String) -> String {
    let ring = [(x0, -100.0), (x1, -100.0), (x1, 100.0), (x0, 100.0), (x0, -100.0)]
      .map { HandMadeTown.coordinate($0.0, $0.1) }.joined(separator: ",")
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\"\(name)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}"
  }

  static func write() throws -> String {
    let dir = NSTemporaryDirectory() + "fibreplan-three-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let roads = HandMadeTown.collection([
      HandMadeTown.line([(0, 0), (200, 0)]), HandMadeTown.line([(200, 0), (400, 0)]),
      HandMadeTown.line([(400, 0), (600, 0)]),
    ])
    let buildings = HandMadeTown.collection([
      HandMadeTown.point(100, 10, properties: #"{"id":"a","units":1}"#),
      HandMadeTown.point(300, 10, properties: #"{"id":"b","units":2}"#),
      HandMadeTown.point(500, 10, properties: #"{"id":"c","units":1}"#),
    ])
    let boundaries = HandMadeTown.collection([
      polygon(-50, 200, name: "A"), polygon(200, 400, name: "B"), polygon(400, 650, name: "C"),
    ])
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try buildings.write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    try boundaries.write(toFile: dir + "/boundaries.geojson", atomically: true, encoding: .utf8)
    return dir
  }

  /// The three towns with their boundaries, the POP at the origin, at `--time-limit 0`.
  static func scenario() throws -> Scenario {
    let dir = try write()
    var scenario = Scenario(name: "three")
    scenario.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson",
                                          boundaries: dir + "/boundaries.geojson")
    scenario.pop = LonLat(lon: HandMadeTown.originLon, lat: HandMadeTown.originLat)
    scenario.timeLimit = 0
    return scenario
  }

  static func plan() throws -> FibrePlanResult {
    try Planner.plan(PlanRequest(scenario: try scenario(), uniformCost: true))
  }
}
