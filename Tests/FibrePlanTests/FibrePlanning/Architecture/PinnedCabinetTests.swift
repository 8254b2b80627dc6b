import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Cabinets pinned by `layers.cabinets` are always opened; the search adds others.
@Suite struct PinnedCabinetTests {
  static func plan(pins: [(Double, Double)]) throws -> PlanRunReport {
    let a = RegionalPlanTests.town(at: 0)
    let dir = try RegionalPlanTests.write(roads: a.roads, houses: a.houses)
    let features = pins.enumerated().map { i, p in HandMadeTown.point(p.0, p.1, properties: #"{"name":"pin \#(i)"}"#) }
    try HandMadeTown.collection(features).write(toFile: dir + "/cabinets.geojson", atomically: true, encoding: .utf8)
    let scenario = #"{"name":"pins","layers":{"roads":"roads.geojson","buildings":"buildings.geojson","cabinets":"cabinets.geojson"},"pop":[8.0,47.0]}"#
    try scenario.write(toFile: dir + "/pins.json", atomically: true, encoding: .utf8)
    var o = PlanCommandOptions()
    o.scenarioPath = dir + "/pins.json"
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan"
    return try PlanRun.run(o)
  }

  static func node(_ p: FibrePlanResult, near x: Double, _ y: Double) -> Int32 {
    let (lon, lat) = HandMadeTown.lonLat(x, y)
    let (px, py) = p.network.projection.project(LonLat(lon: lon, lat: lat))
    var best: Int32 = -1, bestD = Double.infinity
    for c in p.architecture?.cabinets ?? [] {
      let d = hypot(p.network.nodeX[Int(c.node)] - px, p.network.nodeY[Int(c.node)] - py)
      if d < bestD { bestD = d; best = c.node }
    }
    return bestD < 60 ? best : -1
  }

  /// The pin stands on the empty top street; the nearest trench node is 48 m below it.
  @Test("A pinned cabinet at the far corner of town is opened, and the plan still serves everyone")
  func pinnedCabinetIsOpened() throws {
    let free = try Self.plan(pins: [])
    #expect(Self.node(free.result, near: 300, 180) < 0, "the free plan has no cabinet at the far corner")
    let pinned = try Self.plan(pins: [(300, 180)])
    #expect(Self.node(pinned.result, near: 300, 180) >= 0)
    #expect(pinned.result.totals.region.householdsServed == free.result.totals.region.householdsServed)
  }

  @Test("A pin far from the trench is a warning, and the nearest trench node is used")
  func farPinWarns() throws {
    let report = try Self.plan(pins: [(150, 2_000)])
    #expect(report.result.diagnostics.contains { $0.code == "cabinet_pin_far" })
    #expect((report.result.architecture?.cabinets.count ?? 0) >= 1)
  }
}
