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

/// Aerial plant, road sides and crossings (issue 17, items 1 and 2) through whole plan
/// runs with European costs, on a 400 m street along y = 0 with the POP at its west end.
/// Every expected figure is worked out by hand in the test's comment.
@Suite struct AerialAndCrossingPlanTests {
  typealias T = HandMadeTown
  let routing = RoutingRulesPlanTests()

  static func street(_ highway: String) -> String {
    T.collection([T.line([(0, 0), (400, 0)], properties: "{\"highway\":\"\(highway)\"}")])
  }
  static let house = T.collection([T.point(400, 20, properties: #"{"id":"H","units":1}"#)])
  static func poleLine(poles: Int?) -> String {
    T.collection([T.line([(0, 0), (400, 0)], properties: poles.map { "{\"poles\":\($0)}" } ?? "{}")])
  }

  /// Σ of bom.csv's `total` column.
  static func bomTotal(_ r: PlanRunReport) throws -> Double {
    try RoutingRulesPlanTests.bomRows(r).dropFirst().reduce(0) { sum, row in
      // From the end: items may be quoted and hold commas; municipality is last.
      let fields = row.split(separator: ",", omittingEmptySubsequences: false)
      return sum + (Double(fields[fields.count - 2]) ?? .nan)
    }
  }

  static func breakdown(_ r: PlanRunReport) throws -> [String: Double] {
    let json = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: r.outputDirectory + "/summary.json"))),
                                   path: "summary.json")
    var out: [String: Double] = [:]
    for m in json["capex_breakdown"]?.objectValue ?? [] { out[m.key] = m.value.doubleValue }
    out["capex_total"] = json["capex_total"]?.doubleValue
    out["road_crossings"] = json["road_crossings"]?.doubleValue
    return out
  }

  @Test("Aerial is chosen where it is cheaper: 400 m × 20 + 10 poles × 500 = 13,000 < 400 m × 90 trench")
  func aerialChosenWhereCheaper() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.house,
                              "aerial": Self.poleLine(poles: 10)])
    #expect(abs(r.result.totals.region.aerialMetres - 400) < 0.01)
    #expect(r.result.totals.region.trenchMetres == 0)
    #expect(abs(r.result.totals.region.aerialPoles - 10) < 1e-6)
    #expect(abs(r.result.totals.region.aerialCost - 13_000) < 0.01)
    let rows = try RoutingRulesPlanTests.bomRows(r)
    #expect(rows.contains { $0.hasPrefix("aerial cable on existing poles,m,400,20,8000,") })
    #expect(rows.contains { $0.hasPrefix("pole make-ready,pole,10,500,5000,") })
    let b = try Self.breakdown(r)
    #expect(b["aerial"] == 13_000)
    let parts = b.filter { $0.key != "capex_total" && $0.key != "road_crossings" }.values.reduce(0, +)
    #expect(abs(parts - (b["capex_total"] ?? 0)) < 0.005)
    #expect(abs(try Self.bomTotal(r) - r.result.totals.region.capexTotal) < 0.01)
    let plan = try String(contentsOfFile: r.outputDirectory + "/plan.geojson", encoding: .utf8)
    #expect(plan.contains("\"kind\":\"aerial\""))
  }

  @Test("Trench is chosen where aerial is dearer: 400 × 20 + 80 poles × 500 = 48,000 > 36,000")
  func trenchChosenWhereAerialIsDearer() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.house,
                              "aerial": Self.poleLine(poles: 80)])
    #expect(r.result.totals.region.aerialMetres == 0)
    #expect(abs(r.result.totals.region.trenchMetres - 400) < 0.01)
    #expect(abs(r.result.totals.region.trenchCost - 36_000) < 0.01)
  }

  @Test("Without a poles count, poles stand every aerial_span_m: 400 m at 100 m spans = 4 poles")
  func polesFromSpan() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.house,
                              "aerial": Self.poleLine(poles: nil)],
                             scenario: #"{"network": {"aerial_span_m": 100}}"#)
    #expect(abs(r.result.totals.region.aerialPoles - 4) < 1e-6)
    #expect(abs(r.result.totals.region.aerialCost - (8000 + 2000)) < 0.01)
  }

  @Test("network.aerial false (the scenario's --no-aerial) plans trench only")
  func aerialOff() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.house,
                              "aerial": Self.poleLine(poles: 10)], scenario: #"{"network": {"aerial": false}}"#)
    #expect(r.result.totals.region.aerialMetres == 0)
    #expect(abs(r.result.totals.region.trenchMetres - 400) < 0.01)
  }

  @Test("A poles value that is not a whole number is exit 65 naming file, feature and field")
  func badPolesIsExit65() throws {
    let bad = T.collection([T.line([(0, 0), (400, 0)], properties: #"{"poles":-3}"#)])
    #expect {
      _ = try routing.plan(["roads": Self.street("residential"), "buildings": Self.house, "aerial": bad])
    } throws: { error in
      guard let e = error as? FibrePlanError else { return false }
      return e.exitCode == 65 && e.message.contains("aerial.geojson: feature 0: properties.poles")
    }
  }

  /// Two homes north of the street (the trench side: more households) and one south.
  static let twoNorthOneSouth = T.collection([
    T.point(100, 15, properties: #"{"id":"N1","units":1}"#),
    T.point(200, 20, properties: #"{"id":"N2","units":1}"#),
    T.point(300, -20, properties: #"{"id":"S","units":1}"#),
  ])

  @Test("A drop across the road pays exactly one crossing (residential: EUR 300)")
  func dropAcrossPaysOneCrossing() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.twoNorthOneSouth])
    #expect(r.result.totals.region.roadCrossings == 1)
    #expect(r.result.totals.region.crossingCost == 300)
    // The crossing edge belongs to S's route: its drop hangs off the crossing's far end.
    let network = r.result.network
    let south = network.buildingNode[2]
    let crossing = r.result.tree.edges.filter { network.edgeKind[Int($0)] == .crossing }
    #expect(crossing.count == 1)
    let drop = (0..<network.edgeCount).first { network.edgeKind[$0] == .drop && network.edgeU[$0] == south }
    let far = drop.map { network.edgeV[$0] }
    #expect(crossing.allSatisfy { network.edgeU[Int($0)] == far || network.edgeV[Int($0)] == far })
    let b = try Self.breakdown(r)
    #expect(b["crossings"] == 300 && b["road_crossings"] == 1)
    #expect(abs(try Self.bomTotal(r) - r.result.totals.region.capexTotal) < 0.01)
  }

  @Test("network.road_sides false prices no crossing")
  func sidesOff() throws {
    let r = try routing.plan(["roads": Self.street("residential"), "buildings": Self.twoNorthOneSouth],
                             scenario: #"{"network": {"road_sides": false}}"#)
    #expect(r.result.totals.region.roadCrossings == 0)
    #expect(r.result.network.edgeKind.allSatisfy { $0 != .crossing })
  }

  /// A primary road (trench 120 EUR/m, two OSM ways meeting at x = 400) from the POP east
  /// to R at x = 500. North of the primary: 5 households at x = 100 and one
  /// each at x = 380 and 390 (the trench side: more households); south: S1 at x = 390 and
  /// S2 at x = 380. The trench runs 0 → 500 anyway. For S1 and S2: (a) two crossings,
  /// 2p; (b) the south side from the junction of the ways back to x = 380, 20 m × 120 = 2,400;
  /// (c) cross at x = 380 and trench the south side on, then reach the home north at
  /// 390 by 10 m of north side, p + 1,200; switching sides at x = 100 needs 3 crossings.
  /// (c) is never strictly best, so both sides win exactly when 2p > 2,400.
  static let roadsWithJunction = T.collection([
    T.line([(0, 0), (400, 0)], properties: #"{"highway":"primary"}"#),
    T.line([(400, 0), (500, 0)], properties: #"{"highway":"primary"}"#),
  ])
  static let primaryHomes = T.collection([
    T.point(100, 15, properties: #"{"id":"N","units":5}"#),
    T.point(380, 15, properties: #"{"id":"N1","units":1}"#),
    T.point(390, 15, properties: #"{"id":"N2","units":1}"#),
    T.point(390, -15, properties: #"{"id":"S1","units":1}"#),
    T.point(380, -15, properties: #"{"id":"S2","units":1}"#),
    T.point(500, 15, properties: #"{"id":"R","units":1}"#),
  ])

  @Test("Both sides beat crossings exactly when 20 m × 120 < 2 × crossing price",
        arguments: [1100.0, 1199.0, 1201.0, 1300.0])
  func bothSidesAgainstCrossings(price: Double) throws {
    let r = try routing.plan(["roads": Self.roadsWithJunction, "buildings": Self.primaryHomes],
                             scenario: "{\"costs\": {\"crossing\": {\"primary\": \(price)}}}")
    let f = r.result.totals.region
    #expect(f.householdsServed == 10)
    if 20 * 120 < 2 * price {
      #expect(f.roadCrossings == 0)
      #expect(abs(f.trenchCost - (520 * 120)) < 0.1)  // 1 mm of projection error
    } else {
      #expect(f.roadCrossings == 2)
      #expect(f.crossingCost == 2 * price)
      #expect(abs(f.trenchCost - (500 * 120)) < 0.1)
    }
    #expect(abs(try Self.bomTotal(r) - f.capexTotal) < 0.01)
  }

  @Test("On a road below network.both_sides_from there is no second side: the homes cross")
  func noSecondSideBelowThreshold() throws {
    let r = try routing.plan(["roads": Self.roadsWithJunction, "buildings": Self.primaryHomes],
                             scenario: #"{"costs": {"crossing": {"primary": 5000}}, "network": {"both_sides_from": "trunk"}}"#)
    #expect(r.result.totals.region.roadCrossings == 2)
    #expect(abs(r.result.totals.region.trenchMetres - 500) < 0.01)
  }

  /// A railway runs along y = 10 beside the street (in the roads file, without a
  /// highway class); the home at (200, 20) drops 20 m to the street across it: one bore
  /// under the railway (8,000 EUR), no road crossing, and the railway is no trench.
  @Test("A drop under a railway pays costs.crossing.rail once; the railway carries no trench")
  func dropUnderARailway() throws {
    let roads = T.collection([
      T.line([(0, 0), (400, 0)], properties: #"{"highway":"residential"}"#),
      T.line([(0, 10), (400, 10)], properties: #"{"railway":"rail"}"#),
    ])
    let home = T.collection([T.point(200, 20, properties: #"{"id":"H","units":1}"#)])
    let r = try routing.plan(["roads": roads, "buildings": home])
    #expect(r.result.totals.region.roadCrossings == 1)
    #expect(r.result.totals.region.crossingCost == 8_000)
    #expect(abs(r.result.totals.region.trenchMetres - 200) < 0.01)
    #expect(try RoutingRulesPlanTests.bomRows(r).contains { $0.hasPrefix("crossing rail,pcs,1,8000,8000,") })
  }
}
