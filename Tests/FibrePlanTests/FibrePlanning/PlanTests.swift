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

@Suite struct PlanTests {
  func planTown(uniform: Bool = true, out: String? = nil) throws -> (PlanRunReport, String) {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = uniform
    o.timeLimit = 1
    o.name = "town"
    o.outputDirectory = out ?? dir + "/plan"
    return (try PlanRun.run(o), o.outputDirectory!)
  }

  @Test("The hand-made town gets its known optimal tree")
  func handMadeTownIsOptimal() throws {
    let (report, _) = try planTown()
    let r = report.result.totals.region
    #expect(abs(r.trenchMetres - HandMadeTown.optimalTrenchMetres) < 0.5)
    #expect(abs(r.dropMetres - HandMadeTown.optimalDropMetres) < 0.5)
    #expect(abs(r.capexTotal - (HandMadeTown.optimalTrenchMetres + HandMadeTown.optimalDropMetres)) < 1)
  }

  @Test("Every building is counted: connected, or not with a reason")
  func everyBuildingIsAccounted() throws {
    let (report, _) = try planTown()
    let p = report.result
    let outcome = Dictionary(uniqueKeysWithValues: zip(p.demand.buildings.ids, p.outcomes.buildings.outcome))
    #expect(outcome["A"] == .connected)
    #expect(outcome["B"] == .connected)
    #expect(outcome["C"] == .connected)
    if case .noRoadWithin = outcome["D"]! {} else { Issue.record("D should have no road nearby, got \(outcome["D"]!)") }
    #expect(outcome["E"] == .noHouseholds)
    #expect(outcome["F"] == .disconnectedRoadNetwork)
    #expect(p.totals.region.buildingsTotal == 6)
    #expect(p.totals.region.householdsTotal == 9)
    #expect(p.totals.region.householdsConnected == 6)
    #expect(p.totals.region.householdsUnreachable == 3)
  }

  @Test("Fibre counts taper from the POP to the buildings")
  func fibresCountDownstreamHouseholds() throws {
    let (report, _) = try planTown()
    let p = report.result
    // The edge at the POP carries every connected household: A 1 + B 4 + C 1.
    var atPop = 0
    for (k, e) in p.tree.edges.enumerated()
    where p.network.edgeU[Int(e)] == p.tree.popNode || p.network.edgeV[Int(e)] == p.tree.popNode {
      atPop += Int(p.tree.edgeFibres[k])
    }
    #expect(atPop == 6)
    #expect(p.tree.edgeFibres.allSatisfy { $0 >= 1 })
  }

  @Test("plan.geojson is one FeatureCollection whose building points end their drops")
  func planGeoJSONIsConsistent() throws {
    let (_, out) = try planTown()
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/plan.geojson")))
    let json = try JSONValue.parse(bytes, path: "plan.geojson")
    #expect(json["type"]?.stringValue == "FeatureCollection")
    let features = json["features"]?.arrayValue ?? []
    var dropEnds = Set<[Double]>()
    var ids = Set<String>()
    var connectedPoints: [[Double]] = []
    for f in features {
      let id = f["id"]?.stringValue ?? ""
      #expect(ids.insert(id).inserted, "duplicate id \(id)")
      let layer = f["properties"]?["layer"]?.stringValue
      #expect(layer != nil)
      let coordinates = f["geometry"]?["coordinates"]
      if layer == "trench", f["properties"]?["kind"]?.stringValue == "drop" {
        for c in coordinates?.arrayValue ?? [] { dropEnds.insert(c.arrayValue!.map { $0.doubleValue! }) }
      }
      if layer == "building", f["properties"]?["connected"]?.boolValue == true {
        connectedPoints.append(coordinates!.arrayValue!.map { $0.doubleValue! })
      }
    }
    #expect(connectedPoints.count == 3)
    for p in connectedPoints { #expect(dropEnds.contains(p)) }
    // At most 7 decimals in the text.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.range(of: #"\.\d{8,}"#, options: .regularExpression) == nil)
  }

  @Test("summary.json carries the documented keys")
  func summaryJSONKeys() throws {
    let (_, out) = try planTown()
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let json = try JSONValue.parse(bytes, path: "summary.json")
    for key in ["buildings_total", "households_total", "households_connected", "households_unreachable",
                "households_gap", "trench_m", "duct_reuse_m", "drop_m", "capex_total", "capex_per_household",
                "municipalities"] {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(json["households_connected"]?.doubleValue == 6)
  }

  @Test("The same inputs give byte-identical files")
  func outputsAreDeterministic() throws {
    let (_, a) = try planTown()
    let (_, b) = try planTown()
    for name in ["plan.geojson", "summary.json", "summary.txt"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
      let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
      #expect(x == y, "\(name) differs between runs")
    }
  }

  @Test("Real costs price trench by surface and add per-connection costs")
  func realCostsAddConnections() throws {
    let (report, _) = try planTown(uniform: false)
    let r = report.result.totals.region
    let c = TrenchCostModel.europeanDefaults
    let expectedConnections = 3 * c.dropPerConnection + 6 * c.equipmentPerConnection
    #expect(abs(r.connectionCost - expectedConnections) < 0.01)
    #expect(r.networkCost > r.trenchMetres * 10)
  }
}
