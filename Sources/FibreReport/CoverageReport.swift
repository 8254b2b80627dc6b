import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The cost–coverage curve as CSV and as an SVG chart, and the coverage gaps as their
/// own GeoJSON layer.
public enum CoverageReport {
  /// `capex_eur,households_connected,coverage_percent,marginal_eur_per_household` (EUR per
  /// household of the stretch since the previous point), one row
  /// per point, capex ascending.
  public static func csv(_ plan: FibrePlanResult) -> String {
    var s = "capex_eur,households_connected,coverage_percent,marginal_eur_per_household\n"
    let total = max(1, plan.totals.region.householdsTotal)
    for p in plan.coverage.curve {
      let lambda = p.lambda.isFinite && p.lambda > 0 ? JSONText.fixed(p.lambda, decimals: 2) : ""
      s += "\(JSONText.fixed(p.capex, decimals: 2)),\(p.households),"
        + "\(JSONText.fixed(Double(p.households) / Double(total) * 100, decimals: 3)),\(lambda)\n"
    }
    return s
  }

  /// A step chart of households against capex, with this plan marked.
  public static func svg(_ plan: FibrePlanResult) -> String {
    let w = 720.0, h = 420.0, left = 80.0, right = 24.0, top = 36.0, bottom = 56.0
    let points = plan.coverage.curve
    let maxX = max(points.map(\.capex).max() ?? 1, plan.totals.region.capexTotal, 1)
    let maxY = Double(max(plan.totals.region.householdsTotal, 1))
    func x(_ v: Double) -> Double { left + v / maxX * (w - left - right) }
    func y(_ v: Double) -> Double { h - bottom - v / maxY * (h - top - bottom) }
    func f(_ v: Double) -> String { JSONText.fixed(v, decimals: 1) }
    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" font-family="sans-serif" font-size="12">
      <style>.axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}.curve{fill:none;stroke:#1f6fb2;stroke-width:2}.pt{fill:#1f6fb2}.plan{fill:#d9480f}</style>
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(left))" y="22" font-size="15" font-weight="bold">Households connected against capex: \(escape(plan.scenario.name))</text>

      """
    for i in 0...4 {
      let yy = maxY * Double(i) / 4
      s += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y(yy)))\" x2=\"\(f(w - right))\" y2=\"\(f(y(yy)))\"/>"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(yy) + 4))\" text-anchor=\"end\">\(HumanNumber.grouped(yy))</text>\n"
      let xx = maxX * Double(i) / 4
      s += "<text x=\"\(f(x(xx)))\" y=\"\(f(h - bottom + 18))\" text-anchor=\"middle\">\(HumanNumber.grouped(xx / 1e6, decimals: 2))</text>\n"
    }
    s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - right))\" y2=\"\(f(h - bottom))\"/>"
    s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\"/>\n"
    s += "<text x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 14))\" text-anchor=\"middle\">capex, million EUR</text>\n"
    s += "<text transform=\"translate(18 \(f((top + h - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">households connected</text>\n"
    // A plan that costs more can always build a cheaper one: the curve is a staircase.
    var d = ""
    var last: CoveragePoint?
    for p in points {
      if let l = last {
        d += " L\(f(x(p.capex))),\(f(y(Double(l.households)))) L\(f(x(p.capex))),\(f(y(Double(p.households))))"
      } else {
        d += "M\(f(x(p.capex))),\(f(y(Double(p.households))))"
      }
      last = p
    }
    if let l = last { d += " L\(f(x(maxX))),\(f(y(Double(l.households))))" }
    s += "<path class=\"curve\" d=\"\(d)\"/>\n"
    for p in points { s += "<circle class=\"pt\" cx=\"\(f(x(p.capex)))\" cy=\"\(f(y(Double(p.households))))\" r=\"3\"/>" }
    let r = plan.totals.region
    s += "\n<circle class=\"plan\" cx=\"\(f(x(r.capexTotal)))\" cy=\"\(f(y(Double(r.householdsConnected))))\" r=\"6\"/>"
    s += "<text x=\"\(f(min(x(r.capexTotal) + 10, w - 220)))\" y=\"\(f(max(y(Double(r.householdsConnected)) - 10, top + 12)))\">this plan: \(HumanNumber.grouped(r.householdsConnected)) households, EUR \(HumanNumber.grouped(r.capexTotal))</text>\n"
    s += "</svg>\n"
    return s
  }

  /// Every unserved household that could matter to a board, as points with `reason`,
  /// `marginal_cost`, `distance_to_network_m` and `municipality`.
  public static func gapsGeoJSON(_ plan: FibrePlanResult) -> [UInt8] {
    var bytes: [UInt8] = []
    gapsGeoJSON(plan, chunkBytes: .max) { bytes += $0 }
    return bytes
  }

  /// gaps.geojson in consecutive chunks of about `chunkBytes` each (whole features), so
  /// that it is never whole in memory (a quarter of a gigabyte at a million homes).
  package static func gapsGeoJSON(_ plan: FibrePlanResult, chunkBytes: Int, to sink: ([UInt8]) -> Void) {
    var out = JSONText(reserving: min(chunkBytes, 1 << 22) + (1 << 16))
    out.raw("{\"type\":\"FeatureCollection\",\"name\":")
    out.string("fibreplan \(plan.scenario.name) gaps")
    if let attribution = plan.scenario.attribution { out.raw(",\"attribution\":"); out.string(attribution) }
    out.raw(",\"features\":[\n")
    var first = true
    let maxDrop = plan.scenario.network.maxDropLength
    let serviceGap = plan.architectureGapReasons
    func feature(idPrefix: String, id: String, layer: String, name: String?, units: Int, outcome: DemandOutcome, marginal: Double,
                 distance: Double, municipality: Int32, point: LonLat, serviceGap: String? = nil, building: Int? = nil) {
      if !first { out.raw(",\n") }
      first = false
      out.raw("{\"type\":\"Feature\",\"id\":"); out.string(prefix: idPrefix, id)
      out.raw(",\"properties\":{\"layer\":"); out.string(layer)
      if let name { out.raw(",\"name\":"); out.string(name) }
      out.raw(",\"units\":"); out.integer(units)
      out.raw(",\"reason\":"); out.string(serviceGap ?? outcome.reason(maxDropLength: maxDrop) ?? "")
      out.raw(",\"marginal_cost\":"); out.number(marginal, decimals: 2)
      out.raw(",\"distance_to_network_m\":"); out.number(distance, decimals: 2)
      out.raw(",\"municipality\":")
      if municipality >= 0 { out.string(plan.demand.municipalityNames[Int(municipality)]) } else { out.raw("null") }
      if let building, let choice = plan.coverage.technologies { PlanGeoJSON.alternative(&out, choice, building: building) }
      out.raw("},\"geometry\":")
      PlanGeoJSON.point(&out, point.isValid ? point : nil)
      out.raw("}")
      if out.bytes.count >= chunkBytes {
        sink(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
      }
    }
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b].isGap {
      feature(idPrefix: "gap/building/", id: plan.demand.buildings.ids[b], layer: "gap", name: nil, units: Int(plan.demand.buildings.units[b]),
              outcome: plan.outcomes.buildings.outcome[b], marginal: plan.outcomes.buildings.marginalCost[b],
              distance: plan.network.buildingDistanceToRoad[b], municipality: plan.demand.buildingMunicipality[b],
              point: plan.demand.buildings.points[b], building: b)
    }
    // Reached by the trench but not servable as designed (drop too long, optical budget, …).
    for b in 0..<plan.demand.buildings.count where !plan.outcomes.buildings.outcome[b].isGap {
      guard let reason = serviceGap.buildings[b] else { continue }
      feature(idPrefix: "gap/building/", id: plan.demand.buildings.ids[b], layer: "gap", name: nil, units: Int(plan.demand.buildings.units[b]),
              outcome: plan.outcomes.buildings.outcome[b], marginal: .nan,
              distance: plan.network.buildingDistanceToRoad[b], municipality: plan.demand.buildingMunicipality[b],
              point: plan.demand.buildings.points[b], serviceGap: reason, building: b)
    }
    for s in 0..<plan.demand.sites.count where plan.outcomes.sites.outcome[s].isGap {
      feature(idPrefix: "gap/site/", id: plan.demand.sites.ids[s], layer: "gap_site", name: plan.demand.sites.names[s], units: 0,
              outcome: plan.outcomes.sites.outcome[s], marginal: plan.outcomes.sites.marginalCost[s],
              distance: plan.network.siteDistanceToRoad[s], municipality: plan.demand.siteMunicipality[s],
              point: plan.demand.sites.points[s])
    }
    for s in 0..<plan.demand.sites.count where !plan.outcomes.sites.outcome[s].isGap {
      guard let reason = serviceGap.sites[s] else { continue }
      feature(idPrefix: "gap/site/", id: plan.demand.sites.ids[s], layer: "gap_site", name: plan.demand.sites.names[s], units: 0,
              outcome: plan.outcomes.sites.outcome[s], marginal: .nan,
              distance: plan.network.siteDistanceToRoad[s], municipality: plan.demand.siteMunicipality[s],
              point: plan.demand.sites.points[s], serviceGap: reason)
    }
    out.raw("\n]}\n")
    sink(out.bytes)
  }

  /// Per municipality: unserved buildings, their households and the median marginal cost.
  package static func gapTable(_ plan: FibrePlanResult) -> TextTable? {
    // One row per municipality index, -1 (outside every boundary) first: an array, not a
    // dictionary, as a million homes are counted.
    let municipalities = plan.demand.municipalityNames.count
    var rows = [(buildings: Int, households: Int, costs: [Double])](repeating: (0, 0, []), count: municipalities + 1)
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b].isGap {
      let k = Int(plan.demand.buildingMunicipality[b]) + 1
      rows[k].buildings += 1
      rows[k].households += Int(plan.demand.buildings.units[b])
      let c = plan.outcomes.buildings.marginalCost[b]
      if c.isFinite { rows[k].costs.append(c) }
    }
    guard rows.contains(where: { $0.buildings > 0 }) else { return nil }
    var t = TextTable(["Gaps by municipality", "Buildings", "Households", "Median marginal EUR"])
    for k in rows.indices where rows[k].buildings > 0 {
      let m = k - 1, r = rows[k]
      let name = m >= 0 ? String(plan.demand.municipalityNames[Int(m)].prefix(28)) : (plan.demand.municipalityNames.isEmpty ? "(region)" : "(outside boundaries)")
      let sorted = r.costs.sorted()
      let median = sorted.isEmpty ? "–" : HumanNumber.grouped(sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                                                              : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
      t.add([name, HumanNumber.grouped(r.buildings), HumanNumber.grouped(r.households), median])
    }
    return t
  }

  /// Where a budgeted plan sits on the curve, in one sentence.
  package static func budgetPosition(_ plan: FibrePlanResult) -> String? {
    guard case .budget(let budget) = plan.scenario.coverage.mode else { return nil }
    let r = plan.totals.region
    var s = "  Budget EUR \(HumanNumber.grouped(budget)): \(HumanNumber.grouped(r.householdsConnected)) households "
      + "(\(HumanNumber.percent(r.coveragePercent))) for EUR \(HumanNumber.grouped(r.capexTotal)), by \(plan.coverage.method)"
    if let full = plan.coverage.curve.last, full.capex > 0 {
      s += "; full coverage of the reachable network costs EUR \(HumanNumber.grouped(full.capex))"
      s += budget >= full.capex
        ? ", so the budget covers it with EUR \(HumanNumber.grouped(budget - full.capex)) to spare"
        : " (\(HumanNumber.percent(budget / full.capex * 100)) of it is budgeted)"
    }
    return s + "\n"
  }

  package static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
