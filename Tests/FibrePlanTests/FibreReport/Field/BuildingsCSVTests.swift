import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct BuildingsCSVTests {
  /// Rows per status and their households, read back from buildings.csv.
  static func tally(_ text: String) -> (rows: Int, units: [String: Int]) {
    let lines = text.split(separator: "\n").dropFirst()
    var units: [String: Int] = [:]
    for l in lines {
      let f = l.split(separator: ",", omittingEmptySubsequences: false)
      units[String(f[5]), default: 0] += Int(f[3]) ?? 0
    }
    return (lines.count, units)
  }

  static func checkAgainstSummary(_ csv: String, _ plan: FibrePlanResult) {
    let t = tally(csv)
    let r = plan.totals.region
    #expect(t.rows == r.buildingsTotal)
    #expect(Set(t.units.keys).isSubset(of: Set(BuildingsCSV.statuses)))
    #expect((t.units["served"] ?? 0) + (t.units["connected_not_served"] ?? 0) == r.householdsConnected)
    #expect((t.units["unreachable"] ?? 0) == r.householdsUnreachable)
    #expect((t.units["not_servable"] ?? 0) == plan.outcomes.buildings.outcome.indices.filter { plan.outcomes.buildings.outcome[$0] == .beyondOpticalReach }
              .reduce(0) { $0 + Int(plan.demand.buildings.units[$1]) })
    #expect((t.units["gap"] ?? 0) == r.householdsGap)
    #expect((t.units["served"] ?? 0) == r.householdsServed)
    #expect((t.units["connected_not_served"] ?? 0) + (t.units["not_servable"] ?? 0) == r.householdsNotServable)
  }

  @Test func fieldsAreQuotedExactlyAsCsvFieldQuotesThem() {
    for s in ["plain", "", "a,b", "say \"hi\"", "two\nlines", "cr\r", "crlf\r\n", "Zürich", "\r\n"] {
      var out = JSONText()
      BuildingsCSV.appendCSVField(s, to: &out)
      #expect(String(decoding: out.bytes, as: UTF8.self) == CostStatementReport.csvField(s))
    }
    var out = JSONText()
    BuildingsCSV.appendCSVField("a,b", to: &out)
    #expect(String(decoding: out.bytes, as: UTF8.self) == "\"a,b\"")
  }

  @Test func theTownHasOneRowPerBuildingAndItsStatuses() throws {
    // Priced (not `--uniform-cost`), so that the town has its architecture.
    let plan = try RenderFixture.townPlan(uniform: false)
    let layers = try PlanFieldFiles.layers(geojson: PlanGeoJSON.encode(plan))
    let csv = String(decoding: BuildingsCSV.csv(plan, layers: layers), as: UTF8.self)
    Self.checkAgainstSummary(csv, plan)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows[0].prefix(10) == ["building_id", "lon", "lat", "units", "municipality", "status", "reason", "pop", "cabinet", "marginal_cost"])
    let byID = Dictionary(rows.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
    // A uniform-cost plan has no architecture: no cabinet column then.
    let cabinet = plan.architecture?.cabinets.first.map { PlanGeoJSON.cabinetID($0.node) } ?? ""
    #expect(byID["A"]?[5] == "served" && byID["A"]?[7] == "POP" && byID["A"]?[8] == cabinet)
    #expect(byID["D"]?[5] == "unreachable" && byID["D"]?[6].hasPrefix("no_road_within_") == true)
    #expect(byID["E"]?[5] == "no_households")
  }

  @Test(.enabled(if: LiechtensteinPlan.available, "needs ../shared/maps/liechtenstein"))
  func liechtensteinRowsAddUpToTheSummary() throws {
    let report = try LiechtensteinPlan.report()
    let csv = try String(contentsOfFile: report.outputDirectory + "/buildings.csv", encoding: .utf8)
    Self.checkAgainstSummary(csv, report.result)
  }
}
