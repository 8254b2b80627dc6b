import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning
@testable import FibrePlan

/// When the cheapest tree over several POPs feeds a home from a POP beyond the optical
/// budget, each POP feeds the homes nearest it by road instead, if the households it
/// saves are worth the extra capex.
@Suite struct FeederAreaTests {
  /// Towns A (x = 0), M (x = 12 km) and B (x = 34.3 km), with POPs fixed at A and B.
  /// M is 11.7 km from A by a road of class `toA` and 22 km from B by a road of class
  /// `toB`; the optical reach is about 20 km, so only A can serve M.
  static func threeTowns(toA: String, toB: String) throws -> (dir: String, pops: [String]) {
    let a = RegionalPlanTests.town(at: 0), m = RegionalPlanTests.town(at: 12_000), b = RegionalPlanTests.town(at: 34_300)
    let links = [HandMadeTown.line([(300, 0), (6_000, 0), (12_000, 0)], properties: #"{"highway":"\#(toA)"}"#),
                 HandMadeTown.line([(12_300, 0), (23_000, 0), (34_300, 0)], properties: #"{"highway":"\#(toB)"}"#)]
    let dir = try RegionalPlanTests.write(roads: a.roads + m.roads + b.roads + links, houses: a.houses + m.houses + b.houses)
    let popA = HandMadeTown.lonLat(0, 0), popB = HandMadeTown.lonLat(34_600, 0)
    return (dir, ["\(popA.0),\(popA.1)", "\(popB.0),\(popB.1)"])
  }

  @Test("M's cheap road runs to the far POP: the plan feeds M from its nearest POP and serves everyone")
  func cheapRoadToTheFarPOP() throws {
    // Secondary road to A (EUR 110/m, about 1.29 M), track to B (EUR 35/m, about 0.77 M).
    let (dir, pops) = try Self.threeTowns(toA: "secondary", toB: "track")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try RegionalPlanTests.plan(dir, pops: nil, fixed: pops, name: "areas")
    let p = report.result
    let h = try #require(p.hierarchy)
    #expect(h.homesFedByNearestPOP)
    #expect(p.totals.region.householdsServed == 108)
    #expect(h.pops.map(\.households) == [72, 36])
    #expect(OpticalFix.opticalFailures(p) == 0)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: p)
    let summary = try String(contentsOfFile: report.outputDirectory + "/summary.json", encoding: .utf8)
    #expect(summary.contains(#""homes_fed_by":"nearest_pop""#))
  }

  @Test("When M's households are worth less than the dearer road, the cheapest tree stays and M fails the budget")
  func householdsWorthLessThanTheRoad() throws {
    let (dir, pops) = try Self.threeTowns(toA: "secondary", toB: "track")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try RegionalPlanTests.plan(dir, pops: nil, scenario: #"{"name":"cheap","unserved_household_cost":1000}"#,
                                            fixed: pops, name: "cheap")
    let p = report.result
    #expect(p.hierarchy?.homesFedByNearestPOP == false)
    #expect(OpticalFix.opticalFailures(p) == 36)
    #expect(p.totals.region.householdsServed == 72)
  }

  @Test("M's cheaper road runs to its nearest POP: the cheapest tree already serves everyone")
  func cheapRoadToTheNearPOP() throws {
    let (dir, pops) = try Self.threeTowns(toA: "unclassified", toB: "unclassified")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try RegionalPlanTests.plan(dir, pops: nil, fixed: pops, name: "free")
    let h = try #require(report.result.hierarchy)
    #expect(!h.homesFedByNearestPOP)
    #expect(report.result.totals.region.householdsServed == 108)
    #expect(h.pops.map(\.households) == [72, 36])
  }

  @Test("Each POP's area holds the shortest route of every node in it")
  func areasHoldShortestRoutes() throws {
    let (dir, pops) = try Self.threeTowns(toA: "secondary", toB: "track")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try RegionalPlanTests.plan(dir, pops: nil, fixed: pops, name: "routes")
    let network = report.result.network
    let popNodes = network.popNodes
    #expect(popNodes.count == 2)
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    let areas = VoronoiRegions(g, weights: network.edgeLength, sites: popNodes)
    let setup = RegionalSetup(pops: [], popNodes: popNodes, linkCosts: [], dataCentre: NamedPosition(name: "dc", position: LonLat(lon: 8, lat: 47)),
                              dataCentreNode: popNodes[0],
                              search: .init(candidates: 2, evaluations: 0, modelCost: 0, reachMetres: 0, method: "fixed"),
                              options: HierarchyOptions())
    let routable = try #require(setup.feederAreaEdges(network))
    for v in 0..<network.nodeCount where areas.site[v] >= 0 {
      // Every edge on v's route to its POP may be used.
      var x = v
      while areas.predEdge[x] >= 0 {
        let e = Int(areas.predEdge[x])
        #expect(routable[e])
        x = Int(network.edgeU[e]) == x ? Int(network.edgeV[e]) : Int(network.edgeU[e])
      }
    }
    // The two areas meet somewhere on the track: exactly one road edge joins them.
    let crossing = (0..<network.edgeCount).filter { !routable[$0] }
    #expect(crossing.count == 1)
  }
}

extension FeederAreaTests {
  @Test("Liechtenstein with one POP: another POP recovers households", .enabled(if: LiechtensteinPlan.available))
  func anotherPOPRecovers() throws {
    let report = try LiechtensteinPlan.report()
    let fix = try #require(report.opticalFix)
    let another = try #require(fix.options.first { $0.key == "another_pop" })
    #expect(another.householdsRecovered > 0)
    #expect(another.householdsRecovered <= fix.failingHouseholds)
  }
}
