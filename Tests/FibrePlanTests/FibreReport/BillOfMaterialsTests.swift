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

@Suite struct BillOfMaterialsTests {
  /// Sums `cost` over plan.geojson features by layer.
  static func featureCosts(_ bytes: [UInt8]) throws -> [String: Double] {
    let json = try JSONValue.parse(bytes, path: "plan.geojson")
    var sums: [String: Double] = [:]
    for f in json["features"]?.arrayValue ?? [] {
      let layer = f["properties"]?["layer"]?.stringValue ?? "?"
      sums[layer, default: 0] += f["properties"]?["cost"]?.doubleValue ?? 0
    }
    return sums
  }

  /// Parses bom.csv (no quoted commas in the town) and returns its rows.
  static func rows(_ text: String) -> [[String]] {
    text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  static func check(out: String, plan p: FibrePlanResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let csv = try String(contentsOfFile: out + "/bom.csv", encoding: .utf8)
    #expect(csv.hasPrefix("item,unit,quantity,unit_cost,total,municipality\n"), sourceLocation: sourceLocation)
    let rows = Self.rows(csv)
    let total = rows.reduce(0.0) { $0 + (Double($1[$1.count - 2]) ?? .nan) }
    // `--uniform-cost` measures length only: no architecture.
    let arch = p.architecture ?? ArchitecturePlan()
    let capex = p.totals.region.capexTotal
    #expect(abs(capex - (p.totals.region.networkCost + p.totals.region.connectionCost + arch.architectureCapex + p.totals.region.ringCost
                         + p.totals.region.popCost + p.totals.region.backboneCost)) < 1e-6,
            sourceLocation: sourceLocation)
    // Line totals are printed to the cent.
    #expect(abs(total - capex) <= 0.005 * Double(rows.count) + 1e-6, "bom \(total) vs capex \(capex)", sourceLocation: sourceLocation)
    let summary = try JSONValue.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))), path: "summary.json")
    let headline = try #require(summary["capex_total"]?.doubleValue)
    #expect(abs(headline - capex) < 0.01, sourceLocation: sourceLocation)
    #expect(summary["architecture"]?["capex_total_with_architecture"] == nil, sourceLocation: sourceLocation)
    #expect(summary["architecture"]?["kmeans_baseline_capex"] == nil, sourceLocation: sourceLocation)
    let parts = try #require(summary["capex_breakdown"]?.objectValue)
    #expect(abs(parts.reduce(0.0) { $0 + ($1.value.doubleValue ?? .nan) } - headline) < 0.01 * Double(parts.count),
            sourceLocation: sourceLocation)
    // Features: trench + cabinet + cable + closure costs, plus per-connection costs.
    let sums = try featureCosts([UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/plan.geojson"))))
    let features = (sums["trench"] ?? 0) + (sums["cabinet"] ?? 0) + (sums["cable"] ?? 0) + (sums["splice_closure"] ?? 0)
      + (sums["pop"] ?? 0) + (sums["backbone"] ?? 0)
    #expect(abs(features + p.totals.region.connectionCost - total) <= 0.01 * Double(rows.count + p.tree.edges.count + arch.cables.count),
            "features \(features) + connections \(p.totals.region.connectionCost) vs bom \(total)", sourceLocation: sourceLocation)
    // Quantities by kind match the plan.
    func quantity(_ prefix: String) -> Double {
      rows.filter { $0[0].hasPrefix(prefix) }.reduce(0.0) { $0 + (Double($1[2]) ?? .nan) }
    }
    #expect(abs(quantity("street cabinet") - Double(arch.cabinets.count)) < 1e-9, sourceLocation: sourceLocation)
    #expect(abs(quantity("splice closure") - Double(arch.closures.count)) < 1e-9, sourceLocation: sourceLocation)
    #expect(abs(quantity("trench") - p.totals.region.trenchMetres) < 0.01 * Double(rows.count), sourceLocation: sourceLocation)
  }

  @Test("bom.csv sums to the capex in summary.json and to the plan's features")
  func townReconciles() throws {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.timeLimit = 1
    o.name = "town"
    o.outputDirectory = dir + "/plan"
    let report = try PlanRun.run(o)
    try Self.check(out: dir + "/plan", plan: report.result)
    let csv = try String(contentsOfFile: dir + "/plan/bom.csv", encoding: .utf8)
    for item in ["trench surface=asphalt", "drop (street to building)", "street cabinet,pcs,1,", "splitter 1:32,pcs,1,",
                 "distribution cable 12 fibres", "ONT and OLT port share,household,6,"] {
      #expect(csv.contains(item), "bom.csv lacks \(item)")
    }
    // plan.geojson carries the cabinet and its cables.
    let json = try JSONValue.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/plan/plan.geojson"))), path: "p")
    let layers = (json["features"]?.arrayValue ?? []).compactMap { $0["properties"]?["layer"]?.stringValue }
    #expect(layers.filter { $0 == "cabinet" }.count == 1)
    #expect(layers.contains("cable"))
    #expect(layers.contains("cabinet_area"))
  }

  @Test("Uniform cost: the bill prices connections at zero and still reconciles")
  func uniformReconciles() throws {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = true
    o.timeLimit = 1
    o.outputDirectory = dir + "/plan"
    let report = try PlanRun.run(o)
    try Self.check(out: dir + "/plan", plan: report.result)
    #expect(report.result.architecture == nil)
    #expect(abs(report.result.totals.region.capexTotal - (HandMadeTown.optimalTrenchMetres + HandMadeTown.optimalDropMetres)) < 1)
  }

  @Test("Convex hull of a square with an inside point is the square, counter-clockwise")
  func convexHull() {
    let pts = [LonLat(lon: 0, lat: 0), LonLat(lon: 1, lat: 0), LonLat(lon: 1, lat: 1), LonLat(lon: 0, lat: 1),
               LonLat(lon: 0.5, lat: 0.5)]
    let hull = FibreGeo.convexHull(pts)
    #expect(hull == [LonLat(lon: 0, lat: 0), LonLat(lon: 1, lat: 0), LonLat(lon: 1, lat: 1), LonLat(lon: 0, lat: 1)])
  }
}
