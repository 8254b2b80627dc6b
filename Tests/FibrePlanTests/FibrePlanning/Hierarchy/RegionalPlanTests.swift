import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Plans with several POPs, on hand-made towns whose answer is known.
@Suite struct RegionalPlanTests {
  /// A town of `rows` × 6 houses (2 households each) on a street grid 60 m apart,
  /// centred at (x0, 0).
  static func town(at x0: Double, rows: Int = 3) -> (roads: [String], houses: [String]) {
    var roads: [String] = [], houses: [String] = []
    for r in 0...rows { roads.append(HandMadeTown.line([(x0, Double(r) * 60), (x0 + 300, Double(r) * 60)])) }
    for c in 0...5 { roads.append(HandMadeTown.line([(x0 + Double(c) * 60, 0), (x0 + Double(c) * 60, Double(rows) * 60)])) }
    for r in 0..<rows {
      for c in 0..<6 {
        let id = "t\(Int(x0))-\(r)-\(c)"
        houses.append(HandMadeTown.point(x0 + Double(c) * 60 + 30, Double(r) * 60 + 12, properties: #"{"id":"\#(id)","units":2}"#))
      }
    }
    return (roads, houses)
  }

  /// Two towns 40 km apart joined by one unclassified road (EUR 60/m): beyond the
  /// ~20 km reach of one POP. The second POP and 40 km of backbone trench (about EUR
  /// 2.6 M) cost less than leaving its 36 households behind (EUR 100,000 each).
  static func twoTowns() throws -> String {
    let a = town(at: 0), b = town(at: 40_000)
    let link = HandMadeTown.line([(300, 0), (10_000, 0), (20_000, 0), (30_000, 0), (40_000, 0)],
                                 properties: #"{"highway":"unclassified"}"#)
    return try write(roads: a.roads + b.roads + [link], houses: a.houses + b.houses)
  }

  static func write(roads: [String], houses: [String]) throws -> String {
    let dir = NSTemporaryDirectory() + "fibreplan-regional-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try HandMadeTown.collection(roads).write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try HandMadeTown.collection(houses).write(toFile: dir + "/buildings.geojson", atomically: true, encoding: .utf8)
    return dir
  }

  static func plan(_ dir: String, pops: String? = "auto", scenario: String? = nil, fixed: [String] = [],
                   name: String = "regional") throws -> PlanRunReport {
    var o = PlanCommandOptions()
    if let scenario {
      try scenario.write(toFile: dir + "/\(name).json", atomically: true, encoding: .utf8)
      o.scenarioPath = dir + "/\(name).json"
    }
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.popCount = pops
    o.pops = fixed
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan-\(name)"
    return try PlanRun.run(o)
  }

  @Test("Two towns 40 km apart: the plan opens two POPs and serves everyone")
  func twoTownsOpenTwoPOPs() throws {
    let report = try Self.plan(try Self.twoTowns())
    let p = report.result
    let h = try #require(p.hierarchy)
    #expect(h.pops.count == 2)
    #expect(p.totals.region.householdsServed == p.totals.region.householdsTotal)
    #expect(h.pops.allSatisfy { $0.households == 36 })
    #expect(p.totals.region.popCost == 2 * HierarchyOptions().popCost)
    #expect(p.totals.region.backboneMetres > 39_000)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: p)
    try Self.checkGeometry(report.outputDirectory)
  }

  @Test("One compact town with a high pop_cost: the plan opens one POP")
  func compactTownOpensOne() throws {
    let a = Self.town(at: 0, rows: 5)
    let dir = try Self.write(roads: a.roads, houses: a.houses)
    let report = try Self.plan(dir, scenario: #"{"name":"compact","pop_cost":2000000,"pop_candidates":"auto"}"#, name: "compact")
    let h = try #require(report.result.hierarchy)
    #expect(h.pops.count == 1)
    #expect(report.result.totals.region.householdsServed == 60)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: report.result)
  }

  @Test("A POP's capacity binds: the homes beyond it are gaps with reason pop_capacity")
  func capacityLeavesGaps() throws {
    let a = Self.town(at: 0)
    let dir = try Self.write(roads: a.roads, houses: a.houses)
    let report = try Self.plan(dir, pops: "1", scenario: #"{"name":"cap","pop_capacity_households":15,"pops":[[8.0,47.0],[8.001,47.0]]}"#,
                               name: "cap")
    let p = report.result
    let h = try #require(p.hierarchy)
    #expect(h.pops.allSatisfy { $0.households <= 15 })
    #expect(p.outcomes.buildings.outcome.contains(.popCapacity))
    #expect(p.totals.region.householdsServed <= 30)
    let gaps = try String(contentsOfFile: report.outputDirectory + "/gaps.geojson", encoding: .utf8)
    #expect(gaps.contains("\"pop_capacity\""))
  }

  @Test("Duplicate POPs and a POP far from every road are warnings; the nearest road node is used")
  func duplicateAndFarPOPsWarn() throws {
    let a = Self.town(at: 0)
    let dir = try Self.write(roads: a.roads, houses: a.houses)
    let far = HandMadeTown.lonLat(150, 5_000), here = HandMadeTown.lonLat(0, 0)
    let report = try Self.plan(dir, pops: nil, fixed: ["\(here.0),\(here.1)", "\(here.0),\(here.1)", "\(far.0),\(far.1)"],
                               name: "dup")
    let codes = Set(report.result.diagnostics.map(\.code))
    #expect(codes.contains("pop_duplicate"))
    #expect(codes.contains("far_from_road"))
    #expect(report.result.totals.region.householdsServed == 36)
  }

  @Test("Negative or non-finite POP costs and capacities are exit 65 naming the field")
  func badHierarchyKeys() throws {
    for (text, field) in [(#"{"pop_cost":-1}"#, "pop_cost"), (#"{"pop_capacity_households":0}"#, "pop_capacity_households"),
                          (#"{"max_pops":2.5}"#, "max_pops"), (#"{"pops":[[200,47]]}"#, "pops[0]"),
                          (#"{"pop_candidates":"some"}"#, "pop_candidates"), (#"{"data_centre":{"name":"x"}}"#, "data_centre.position")] {
      do {
        _ = try Scenario(json: try JSONValue.parse(Array(text.utf8), path: "s.json"), path: "s.json", baseDirectory: "")
        Issue.record("expected an error for \(text)")
      } catch let e as FibrePlanError {
        #expect(e.exitCode == 65)
        #expect(e.message.contains(field), "\(e.message)")
      }
    }
  }

  @Test("--pops takes a whole number or auto")
  func popsFlag() throws {
    var s = Scenario(name: "x")
    var o = PlanCommandOptions()
    o.popCount = "3"
    try PlanRun.applyHierarchyFlags(o, to: &s)
    #expect(s.hierarchy.count == .exactly(3))
    o.popCount = "many"
    #expect(throws: FibrePlanError.self) { try PlanRun.applyHierarchyFlags(o, to: &s) }
  }

  /// Every served home reaches its own POP through trench, and every POP reaches the
  /// data centre through backbone (and trench), read back from plan.geojson alone.
  static func checkGeometry(_ out: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let json = try JSONValue.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/plan.geojson"))), path: "plan.geojson")
    let features = try #require(json["features"]?.arrayValue)
    struct Key: Hashable { var x: Int64, y: Int64 }
    func key(_ c: JSONValue?) -> Key {
      let a = c?.arrayValue ?? []
      return Key(x: Int64(((a.first?.doubleValue ?? 0) * 1e7).rounded()), y: Int64(((a.last?.doubleValue ?? 0) * 1e7).rounded()))
    }
    var trench: [Key: [Key]] = [:], backbone: [Key: [Key]] = [:]
    var popAt: [String: Key] = [:]
    var dataCentre: Key?
    var homes: [(Key, String)] = []
    for f in features {
      let props = f["properties"], geometry = f["geometry"]
      switch props?["layer"]?.stringValue {
      case "trench"?, "backbone"?:
        let cs = try #require(geometry?["coordinates"]?.arrayValue)
        let a = key(cs.first), b = key(cs.last)
        if props?["layer"]?.stringValue == "trench" { trench[a, default: []].append(b); trench[b, default: []].append(a) }
        backbone[a, default: []].append(b); backbone[b, default: []].append(a)
      case "pop"?: popAt[props?["name"]?.stringValue ?? ""] = key(geometry?["coordinates"])
      case "data_centre"?: dataCentre = key(geometry?["coordinates"])
      case "building"?:
        if let pop = props?["pop"]?.stringValue { homes.append((key(geometry?["coordinates"]), pop)) }
      default: break
      }
    }
    func reach(_ from: Key, _ graph: [Key: [Key]]) -> Set<Key> {
      var seen: Set<Key> = [from], stack = [from]
      while let v = stack.popLast() { for w in graph[v] ?? [] where seen.insert(w).inserted { stack.append(w) } }
      return seen
    }
    #expect(!homes.isEmpty, sourceLocation: sourceLocation)
    var area: [String: Set<Key>] = [:]
    for (name, at) in popAt { area[name] = reach(at, trench) }
    for (home, pop) in homes { #expect(area[pop]?.contains(home) == true, "home not on \(pop)'s trench", sourceLocation: sourceLocation) }
    let fromDataCentre = reach(try #require(dataCentre), backbone)
    for (name, at) in popAt { #expect(fromDataCentre.contains(at), "\(name) not joined to the data centre", sourceLocation: sourceLocation) }
  }
}

extension RegionalPlanTests {
  @Test("One POP for two towns 40 km apart: the optical fix names another POP, which serves the far town")
  func anotherPOPIsAFix() throws {
    let report = try Self.plan(try Self.twoTowns(), pops: nil, name: "one")
    #expect(report.result.hierarchy == nil)
    #expect(report.result.totals.region.householdsServed == 36)
    let fix = try #require(report.opticalFix)
    let another = try #require(fix.options.first { $0.key == "another_pop" })
    #expect(another.householdsRecovered == 36)
    #expect(another.extraCapex > HierarchyOptions().popCost)
  }
}

extension RegionalPlanTests {
  @Test("With rings, every POP but the data centre's is protected or named as an exception")
  func popsGetRings() throws {
    let dir = try Self.twoTowns()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.popCount = "auto"
    o.rings = true
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan-rings"
    let report = try PlanRun.run(o)
    let rings = try #require(report.rings)
    let members = Set(rings.rings.map(\.site) + rings.exceptions.map(\.site))
    #expect(members.contains(-1))
    // One road joins the towns: the far POP's two routes must share it, and the plan says so.
    #expect(rings.exceptions.contains { $0.site == -1 && $0.reason.hasPrefix("bridge") })
    #expect(report.summaryText.contains("POP "))
  }
}

extension RegionalPlanTests {
  @Test("A budget binds the total with POPs and backbone included")
  func budgetBindsRegionalTotal() throws {
    let dir = try Self.twoTowns()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.popCount = "auto"
    o.budget = 400_000
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan-budget"
    let report = try PlanRun.run(o)
    let r = report.result.totals.region
    #expect(r.capexTotal <= 400_000 + 1e-6)
    #expect(r.householdsServed > 0)
    #expect(r.popCost >= HierarchyOptions().popCost)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: report.result)
  }
}

extension RegionalPlanTests {
  @Test("A POP given with --pop and one the plan adds get different names")
  func givenAndAddedPOPsAreNamedApart() throws {
    let here = HandMadeTown.lonLat(0, 0)
    let report = try Self.plan(try Self.twoTowns(), pops: "2", fixed: ["\(here.0),\(here.1)"], name: "named")
    let names = try #require(report.result.hierarchy).pops.map(\.name)
    #expect(names == ["POP 1", "POP 2"])
  }
}
