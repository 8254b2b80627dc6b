import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan
@testable import FibrePlanCLI

/// Nobody left behind: fixed wireless or satellite for every household fibre does not
/// serve, the technology mix, and the flag on homes whose fibre costs too much.
@Suite struct NobodyLeftBehindTests {
  /// Main street y = 0 from the POP at the origin to x = 400, a side street up x = 200
  /// for 1 km to one house C; N is 1 km from any road (about 1.9 km from B, within FWA
  /// reach); S is 28 km away (satellite only).
  static let scenario = """
    {"name": "nobody", "layers": {"roads": "roads.geojson", "buildings": "buildings.geojson"},
     "pop": [\(HandMadeTown.originLon), \(HandMadeTown.originLat)],
     "costs": {"trench_per_m": 100, "drop_per_m": 10, "drop_per_connection": 500, "equipment_per_connection": 200},
     "alternatives": [{"technology": "fwa", "capex_per_home": 1000, "opex_per_home_year": 100, "max_distance_m": 3000},
                      {"technology": "satellite", "capex_per_home": 500, "opex_per_home_year": 400}],
     "alternatives_factor": 3}
    """

  static func town(scenario: String = scenario) throws -> String {
    let dir = try HandMadeTown.write()
    let roads = HandMadeTown.collection([
      HandMadeTown.line([(0, 0), (200, 0)]), HandMadeTown.line([(200, 0), (400, 0)]),
      HandMadeTown.line([(200, 0), (200, 1000)]),
    ])
    let buildings = HandMadeTown.collection([
      HandMadeTown.point(50, 20, properties: #"{"id":"A","units":1}"#),
      HandMadeTown.point(350, -30, properties: #"{"id":"B","units":4}"#),
      HandMadeTown.point(210, 1000, properties: #"{"id":"C","units":1}"#),
      HandMadeTown.point(2000, 1000, properties: #"{"id":"N","units":2}"#),
      HandMadeTown.point(20000, 20000, properties: #"{"id":"S","units":3}"#),
      HandMadeTown.point(300, 10, properties: #"{"id":"E","units":0}"#),
    ])
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try buildings.write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    try scenario.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
    return dir
  }

  static func plan(_ dir: String) throws -> PlanRunReport {
    var o = PlanCommandOptions()
    o.scenarioPath = dir + "/s.json"
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan"
    return try PlanRun.run(o)
  }

  @Test("Lifetime cost: capex plus discounted opex, by hand")
  func lifetimeCost() {
    let t = AlternativeTechnology(technology: "fwa", capexPerHome: 1000, opexPerHomeYear: 100, maxDistance: nil)
    #expect(t.lifetimeCost(years: 20, discountRate: 0) == 3000)
    #expect(abs(t.lifetimeCost(years: 2, discountRate: 0.1) - (1000 + 100 / 1.1 + 100 / 1.21)) < 1e-9)
  }

  @Test("A far home gets FWA within its reach, satellite beyond; technology_mix sums to households_total")
  func fwaThenSatellite() throws {
    let report = try Self.plan(try Self.town())
    let p = report.result
    let c = try #require(p.coverage.technologies)
    let index = Dictionary(uniqueKeysWithValues: p.demand.buildings.ids.enumerated().map { ($1, $0) })
    #expect(c.technology[index["A"]!] == "fibre" && c.technology[index["C"]!] == "fibre")
    #expect(c.technology[index["N"]!] == "fwa")
    #expect(c.technology[index["S"]!] == "satellite")
    #expect(c.technology[index["E"]!] == nil)
    // 20 years undiscounted (no economics): FWA 1,000 + 20 × 100; satellite 500 + 20 × 400.
    #expect(c.lifetimeCost == [3000, 8500])
    #expect(c.alternativeCost[index["N"]!] == 2 * 3000)
    #expect(c.alternativeCost[index["S"]!] == 3 * 8500)
    #expect(c.distanceToFibre[index["N"]!] < 3000 && c.distanceToFibre[index["S"]!] == .infinity)
    #expect(c.region == {
      var m = TechnologyMix(); m.fibre = 6; m.fwa = 2; m.satellite = 3; return m
    }())
    #expect(c.region.total == p.totals.region.householdsTotal)
    let summary = try String(contentsOfFile: report.outputDirectory + "/summary.json", encoding: .utf8)
    #expect(summary.contains(#""technology_mix":{"fibre":6,"existing_network":0,"fwa":2,"satellite":3,"none":0}"#))
    let gaps = try String(contentsOfFile: report.outputDirectory + "/gaps.geojson", encoding: .utf8)
    #expect(gaps.contains(#""alternative":"fwa","alternative_cost":6000"#))
    #expect(gaps.contains(#""alternative":"satellite","alternative_cost":25500"#))
    let html = try String(contentsOfFile: report.outputDirectory + "/report.html", encoding: .utf8)
    #expect(html.contains("Nobody left behind") && html.contains("none is left without a technology"))
  }

  @Test("alternatives_factor flags a fibre-served home by hand arithmetic, without changing the plan")
  func factorFlag() throws {
    let report = try Self.plan(try Self.town())
    let p = report.result
    let c = try #require(p.coverage.technologies)
    let index = Dictionary(uniqueKeysWithValues: p.demand.buildings.ids.enumerated().map { ($1, $0) })
    let a = index["A"]!, cHome = index["C"]!
    // A: its 20 m drop at EUR 10/m, EUR 500 connection, EUR 200 equipment; the street
    // it hangs off also carries B and C, so none of it is A's alone.
    #expect(abs(c.fibreMarginalCost[a] - (20 * 10 + 500 + 200)) < 0.5)
    // C: 1,000 m of side street only it uses at EUR 100/m, a 10 m drop, 500 + 200.
    #expect(abs(c.fibreMarginalCost[cHome] - (1000 * 100 + 10 * 10 + 500 + 200)) < 1)
    // Threshold: 3 × FWA's 3,000 = 9,000 per household. C is above, A is not.
    #expect(c.recommended[cHome] == "fwa" && c.recommended[a] == nil)
    #expect(c.householdsRecommended == 1)
    #expect(p.outcomes.buildings.served[cHome] && c.technology[cHome] == "fibre")
    let geojson = try String(contentsOfFile: report.outputDirectory + "/plan.geojson", encoding: .utf8)
    #expect(geojson.contains(#""alternative_recommended":"fwa""#))
  }

  @Test("No alternative applies: none with its reason, still summing to households_total")
  func noneWithReason() throws {
    // Satellite limited to 3 km as well (a scenario may do so, e.g. for a mountain
    // valley with no view of the sky): S at 28 km has no technology.
    let limited = Self.scenario.replacingOccurrences(
      of: #""opex_per_home_year": 400}"#, with: #""opex_per_home_year": 400, "max_distance_m": 3000}"#)
    let report = try Self.plan(try Self.town(scenario: limited))
    let c = try #require(report.result.coverage.technologies)
    #expect(c.region.satellite == 0 && c.region.none == 3 && c.region.fwa == 2)
    #expect(c.noneReasons == ["beyond_fwa_and_satellite_reach": 3])
    #expect(c.region.total == report.result.totals.region.householdsTotal)
  }

  @Test("alternatives: true takes the README defaults; alternatives_factor is read")
  func defaultsFromScenario() throws {
    let json = try JSONValue.parse(Array(#"{"alternatives":true,"alternatives_factor":2}"#.utf8), path: "s.json")
    let s = try Scenario(json: json, path: "s.json", baseDirectory: "")
    #expect(s.alternatives == AlternativeTechnology.defaultList)
    #expect(s.alternativesFactor == 2)
    // FWA over 20 years undiscounted: 1,100 + 20 × 90; satellite 750 + 20 × 480.
    #expect(AlternativeTechnology.defaultList.map { $0.lifetimeCost(years: 20, discountRate: 0) } == [2900, 10350])
  }

  @Test("Bad alternatives exit 65 naming the field", arguments: [
    (#"[{"technology":"fwa"},{"technology":"satellite","capex_per_home":-5}]"#, "alternatives[1].capex_per_home"),
    (#"[{"technology":"fwa","opex_per_home_year":1e999}]"#, "alternatives[0].opex_per_home_year"),
    (#"[{"technology":"pigeon"}]"#, "alternatives[0].technology"),
    (#"{"fwa":1}"#, "alternatives"),
  ])
  func badInput(alternatives: String, field: String) throws {
    let json = try JSONValue.parse(Array(#"{"alternatives":\#(alternatives)}"#.utf8), path: "s.json")
    let error = #expect(throws: FibrePlanError.self) { try Scenario(json: json, path: "s.json", baseDirectory: "") }
    #expect(error?.exitCode == 65)
    #expect(error?.message.contains("s.json: \(field):") == true, "\(error?.message ?? "")")
  }

  @Test("The command line: --alternatives and --eligible-only are flags; a bad alternative exits 65")
  func commandLine() throws {
    let dir = try Self.town()
    let bad = Self.scenario.replacingOccurrences(of: #""capex_per_home": 500"#, with: #""capex_per_home": -500"#)
    try bad.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
    #expect(runCommandLine(["fibreplan", "plan", dir + "/bad.json", "--quiet", "--time-limit", "0", "-o", dir + "/x"]) == 65)
    #expect(runCommandLine(["fibreplan", "plan", "--roads", dir + "/roads.geojson", "--buildings", dir + "/buildings.geojson",
                            "--alternatives", "--eligible-only", "--quiet", "--time-limit", "0", "-o", dir + "/y"]) == 0)
    let summary = try String(contentsOfFile: dir + "/y/summary.json", encoding: .utf8)
    #expect(summary.contains(#""technology_mix":"#) && summary.contains(#""eligible_only":true"#))
    // No building carries existing_mbps here, so every home is eligible and planned;
    // the mix still adds up to every household.
    let json = try JSONValue.parse(Array(summary.utf8), path: "summary.json")
    let mix = try #require(json["technology_mix"]?.objectValue)
    #expect(mix.map(\.key) == ["fibre", "existing_network", "fwa", "satellite", "none"])
    #expect(mix.reduce(0.0) { $0 + ($1.value.doubleValue ?? .nan) } == json["households_total"]?.doubleValue)
  }
}
