import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan compare A.json B.json ...` as one library call.
public struct CompareOptions: Sendable {
  public var scenarioPaths: [String]
  /// Output folder for comparison.csv and diff.geojson (default `./comparison`).
  public var outputDirectory: String?
  public var timeLimit: Double?
  public var threads: Int?
  public var uniformCost = false
  public init(scenarioPaths: [String]) { self.scenarioPaths = scenarioPaths }
}

public struct ComparisonReport: Sendable {
  public var names: [String]
  public var plans: [FibrePlanResult]
  public var costSharing: [CostSharingStatement?]
  /// The side-by-side table as printed.
  public var text: String
  public var csv: String
  /// Trench edges (by geometry) not present in every plan.
  public var diffFeatures: Int
  public var outputDirectory: String
}

public enum ScenarioComparison {
  /// Reads and plans every scenario (two at a time), then writes comparison.csv (one
  /// row per figure, one column per scenario) and diff.geojson (trench present in some
  /// plans and not in others, matched by geometry) atomically. Deterministic: plans
  /// are seeded and results are kept in argument order. O(sum of the plans).
  public static func run(_ options: CompareOptions) throws -> ComparisonReport {
    guard options.scenarioPaths.count >= 2 else {
      throw FibrePlanError(.usage, "compare needs at least two scenario files")
    }
    var scenarios: [Scenario] = []
    for path in options.scenarioPaths {
      var s = try Scenario.read(path: path)
      if let t = options.timeLimit {
        guard t >= 0 else { throw FibrePlanError(.usage, "--time-limit must be ≥ 0") }
        s.timeLimit = t
      }
      for layer in [s.layers.roads, s.layers.buildings, s.layers.sites, s.layers.ducts, s.layers.boundaries].compactMap({ $0 })
      where !FileManager.default.fileExists(atPath: layer) {
        throw FibrePlanError(.missingFile, "\(layer): no such layer file (scenario \(path))")
      }
      scenarios.append(s)
    }
    let threads = options.threads ?? 2
    guard threads >= 1 else { throw FibrePlanError(.usage, "--threads must be ≥ 1") }
    let uniform = options.uniformCost
    let planned = scenarios, paths = options.scenarioPaths
    let outcomes = orderedParallelMap(scenarios.count, threads: threads) { k -> Result<FibrePlanResult, FibrePlanError> in
      do {
        return .success(try Planner.plan(PlanRequest(scenario: planned[k], uniformCost: uniform, threads: 1)))
      } catch let e as FibrePlanError {
        return .failure(e)
      } catch {
        return .failure(FibrePlanError(.data, "\(paths[k]): \(error)"))
      }
    }
    var plans: [FibrePlanResult] = []
    for o in outcomes {
      switch o {
      case .success(let p): plans.append(p)
      case .failure(let e): throw e
      }
    }
    var sharing: [CostSharingStatement?] = []
    for (k, p) in plans.enumerated() {
      if var o = scenarios[k].costSharing {
        o.threads = threads
        sharing.append(CostSharing.statement(for: p, options: o))
      } else {
        sharing.append(nil)
      }
    }
    // Unique column names, in argument order.
    var names: [String] = []
    for p in plans {
      var name = p.scenario.name
      var k = 2
      while names.contains(name) { name = "\(p.scenario.name) (\(k))"; k += 1 }
      names.append(name)
    }
    let rows = table(plans, sharing: sharing)
    var text = "fibreplan compare: \(names.joined(separator: " vs "))\n\n"
    var t = TextTable(["Figure"] + names.map { String($0.prefix(20)) })
    for r in rows { t.add([r.label] + r.human) }
    text += t.render()
    var csv = "figure," + names.map(CostStatementReport.csvField).joined(separator: ",") + "\n"
    for r in rows { csv += ([r.key] + r.machine).joined(separator: ",") + "\n" }
    let (diff, count) = diffGeoJSON(plans, names: names)
    text += "\n  \(count) trench line(s) differ between the plans (diff.geojson).\n"
    if sharing.contains(where: { $0 != nil }) { text += "  " + CostSharingStatement.heuristicNote + "\n" }

    let directory = options.outputDirectory ?? "comparison"
    var files = try OutputFiles(directory: directory)
    do {
      try files.stage("comparison.csv", text: csv)
      try files.stage("diff.geojson", diff)
      try files.commit()
    } catch {
      files.discard()
      throw error
    }
    text += "  Written to \(directory)/: comparison.csv, diff.geojson\n"
    return ComparisonReport(names: names, plans: plans, costSharing: sharing, text: text, csv: csv,
                            diffFeatures: count, outputDirectory: directory)
  }

  package struct Row {
    package var key: String
    package var label: String
    package var human: [String]
    package var machine: [String]
  }

  package static func table(_ plans: [FibrePlanResult], sharing: [CostSharingStatement?]) -> [Row] {
    var rows: [Row] = []
    func add(_ key: String, _ label: String, decimals: Int, scale: Double = 1, _ value: (Int) -> Double?) {
      let values = plans.indices.map(value)
      rows.append(Row(key: key, label: label,
                      human: values.map { $0.map { HumanNumber.grouped($0 * scale, decimals: decimals) } ?? "–" },
                      machine: values.map { $0.map { JSONText.fixed($0 * scale, decimals: max(decimals, 2)) } ?? "" }))
    }
    let r = plans.map(\.totals.region)
    add("capex", "Capex EUR", decimals: 0) { r[$0].capexTotal }
    add("trench_km", "Trench km", decimals: 2, scale: 0.001) { r[$0].trenchMetres }
    add("duct_reuse_km", "Reused duct km", decimals: 2, scale: 0.001) { r[$0].ductReuseMetres }
    add("pops", "POPs", decimals: 0) { Double(plans[$0].hierarchy?.pops.count ?? 1) }
    add("backbone_km", "Backbone km", decimals: 2, scale: 0.001) { r[$0].backboneMetres }
    add("households_served", "Households served", decimals: 0) { Double(r[$0].householdsServed) }
    add("households_connected", "Households connected", decimals: 0) { Double(r[$0].householdsConnected) }
    add("households_total", "Households", decimals: 0) { Double(r[$0].householdsTotal) }
    add("coverage_percent", "Coverage %", decimals: 1) { r[$0].coveragePercent }
    add("households_unreachable", "Households unreachable", decimals: 0) { Double(r[$0].householdsUnreachable) }
    add("households_gap", "Households in gaps", decimals: 0) { Double(r[$0].householdsGap) }
    add("capex_per_household", "Capex per home EUR", decimals: 0) { r[$0].capexPerHousehold }
    add("sites_connected", "Sites connected", decimals: 0) { Double(r[$0].sitesConnected) }
    add("optical_budget_failures", "Optical-budget failures (hh)", decimals: 0) { k in
      plans[k].architecture.map { _ in Double(OpticalFix.opticalFailures(plans[k])) }
    }
    // Per municipality, in order of first appearance across the plans.
    var municipalities: [String] = []
    for p in plans { for m in p.totals.municipalities where !municipalities.contains(m.name) { municipalities.append(m.name) } }
    for name in municipalities {
      add("capex:\(name)", "  \(name.prefix(24)) capex", decimals: 0) { k in
        plans[k].totals.municipalities.first { $0.name == name }?.capexTotal
      }
    }
    if sharing.contains(where: { $0 != nil }) {
      add("cost_sharing_saving", "Saving from cooperation EUR", decimals: 0) { sharing[$0]?.saving }
      for name in municipalities {
        add("shapley:\(name)", "  \(name.prefix(24)) Shapley", decimals: 0) { k in
          sharing[k]?.shares.first { $0.name == name }?.shapley
        }
      }
    }
    for i in rows.indices { rows[i].key = CostStatementReport.csvField(rows[i].key) }
    return rows
  }

  /// Trench, duct and drop lines of every plan keyed by their rounded geometry
  /// (direction-independent); a line missing from any plan becomes one feature with
  /// `only_in` (the plans that have it) and `absent_from`. Ordered by plan, then edge id.
  package static func diffGeoJSON(_ plans: [FibrePlanResult], names: [String]) -> ([UInt8], Int) {
    var keysByPlan: [Set<String>] = []
    var ordered: [(key: String, plan: Int, edge: Int32)] = []
    for (k, p) in plans.enumerated() {
      var keys = Set<String>()
      for e in p.tree.edges {
        let key = geometryKey(p.network, Int(e))
        if keys.insert(key).inserted { ordered.append((key, k, e)) }
      }
      keysByPlan.append(keys)
    }
    var out = JSONText()
    out.raw("{\"type\":\"FeatureCollection\",\"name\":\"fibreplan diff\",\"features\":[")
    var seen = Set<String>()
    var count = 0
    for item in ordered where seen.insert(item.key).inserted {
      let holders = plans.indices.filter { keysByPlan[$0].contains(item.key) }
      guard holders.count < plans.count else { continue }
      let network = plans[item.plan].network
      let e = Int(item.edge)
      out.raw(count == 0 ? "\n" : ",\n")
      count += 1
      out.raw("{\"type\":\"Feature\",\"id\":"); out.string("diff/\(count)")
      out.raw(",\"properties\":{\"layer\":\"diff\",\"only_in\":[")
      for (i, h) in holders.enumerated() { if i > 0 { out.raw(",") }; out.string(names[h]) }
      out.raw("],\"absent_from\":[")
      for (i, h) in plans.indices.filter({ !holders.contains($0) }).enumerated() { if i > 0 { out.raw(",") }; out.string(names[h]) }
      out.raw("],\"kind\":"); out.string(network.edgeKind[e].name)
      out.raw(",\"length_m\":"); out.number(network.edgeLength[e], decimals: 2)
      out.raw(",\"cost\":"); out.number(network.edgeCost[e], decimals: 2)
      out.raw("},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
      let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
      for i in range {
        if i != range.lowerBound { out.raw(",") }
        PlanGeoJSON.position(&out, network.geometry[i])
      }
      out.raw("]}}")
    }
    out.raw(count == 0 ? "]}\n" : "\n]}\n")
    return (out.bytes, count)
  }

  /// The edge's kind and coordinates at 1e-7°, in the direction that sorts first.
  package static func geometryKey(_ network: RoadNetwork, _ e: Int) -> String {
    let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
    let points = range.map { JSONText.fixed(network.geometry[$0].lon, decimals: 7) + " " + JSONText.fixed(network.geometry[$0].lat, decimals: 7) }
    let forward = points.joined(separator: ";"), backward = points.reversed().joined(separator: ";")
    return network.edgeKind[e].name + ":" + min(forward, backward)
  }
}
