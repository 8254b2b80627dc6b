import FibreCore
import FibreGeo
import FibrePlanning

/// buildings.csv, the address list for demand-aggregation campaigns: one row per input
/// building, in input order, with its status and why.
///
/// Status: `served` (connected and served as designed), `connected_not_served`
/// (reached by the trench but not servable by the architecture; `reason` says why),
/// `not_servable` (beyond the optical reach of the POP even on the shortest route: no
/// trench goes there), `gap` (left out by budget or cost per home), `unreachable` (no road near enough, a
/// road not linked to the POP, or an unusable position) and `no_households`. The units
/// of each status add up to the summary's households connected, gap and unreachable.
///
/// `pop`, `phase`, `eligible` and `technology` come from the building's feature in
/// plan.geojson when the plan writes them (several POPs, phasing); `pop` falls back to
/// the one POP's name. O(buildings + assignments).
package enum BuildingsCSV {
  package static let statuses = ["served", "connected_not_served", "not_servable", "gap", "unreachable", "no_households",
                                 "served_by_existing_network"]

  package static func csv(_ plan: FibrePlanResult, layers: PlanLayers) -> [UInt8] {
    let t = layers.table
    let buildingFeatures = layers.layers.first { $0.name == "building" }?.features ?? []
    let aligned = buildingFeatures.count == plan.demand.buildings.count
    let popName = layers.popName
    let extras = ["phase", "eligible", "technology", "alternative", "alternative_cost", "alternative_recommended"].filter { k in
      aligned && t.keyIndex(k) != nil && buildingFeatures.contains { t.property(Int($0), t.keyIndex(k)) != nil }
    }
    let popKey = t.keyIndex("pop")
    var cabinet = [Int32](repeating: -1, count: plan.demand.buildings.count)
    for a in plan.architecture?.assignments ?? [] where a.demand >= 0 && cabinet[Int(a.demand)] < 0 {
      cabinet[Int(a.demand)] = a.cabinet
    }
    let gapReason = plan.architectureGapReasons.buildings
    let maxDrop = plan.scenario.network.maxDropLength
    // Bytes, not Strings: a million rows of ten fields each.
    var out = JSONText(reserving: 96 * plan.demand.buildings.count + 256)
    out.raw("building_id,lon,lat,units,municipality,status,reason,pop,cabinet,marginal_cost")
    for k in extras { out.raw(","); out.raw(k) }
    out.raw("\n")
    func field(_ s: String) { appendCSVField(s, to: &out) }
    func number(_ x: Double, _ decimals: Int) { JSONText.appendNumber(x, decimals: decimals, padded: false, to: &out.bytes) }
    let comma = UInt8(ascii: ",")
    for b in 0..<plan.demand.buildings.count {
      let outcome = plan.outcomes.buildings.outcome[b]
      let p = plan.demand.buildings.points[b]
      let m = plan.demand.buildingMunicipality[b]
      let feature = aligned ? Int(buildingFeatures[b]) : -1
      var status: String, reason = outcome.reason(maxDropLength: maxDrop) ?? ""
      switch outcome {
      case .connected:
        status = gapReason[b] == nil ? "served" : "connected_not_served"
        reason = gapReason[b] ?? ""
      case .noHouseholds: status = "no_households"
      case .beyondOpticalReach, .popCapacity: status = "not_servable"
      case .overBudget, .aboveCostThreshold: status = "gap"
      case .noRoadWithin, .disconnectedRoadNetwork, .invalidGeometry, .forbiddenArea: status = "unreachable"
      case .servedByExistingNetwork: status = "served_by_existing_network"
      }
      let ownPOP = feature >= 0 ? t.property(feature, popKey).flatMap { $0.isNull ? nil : PlanKML.text($0) } : nil
      let pop = ownPOP ?? (outcome == .connected ? popName : "")
      let cost = plan.outcomes.buildings.marginalCost[b]
      field(plan.demand.buildings.ids[b]); out.raw(comma)
      if p.isValid { number(p.lon, 7) }
      out.raw(comma)
      if p.isValid { number(p.lat, 7) }
      out.raw(comma)
      out.integer(Int(plan.demand.buildings.units[b])); out.raw(comma)
      field(m >= 0 ? plan.demand.municipalityNames[Int(m)] : ""); out.raw(comma)
      out.raw(status); out.raw(comma)
      out.raw(reason); out.raw(comma)
      field(pop); out.raw(comma)
      if cabinet[b] >= 0 { out.raw(PlanGeoJSON.cabinetID(plan.architecture!.cabinets[Int(cabinet[b])].node)) }
      out.raw(comma)
      if cost.isFinite { number(cost, 2) }
      for k in extras {
        out.raw(comma)
        field(t.property(feature, t.keyIndex(k)).map(PlanKML.text) ?? "")
      }
      out.raw(UInt8(ascii: "\n"))
    }
    return out.bytes
  }

  /// `CostStatementReport.csvField(s)` appended: a field without a comma, quote or line
  /// break (checked on its bytes, which such characters need) is copied as it is.
  static func appendCSVField(_ s: String, to out: inout JSONText) {
    let plain = s.utf8.allSatisfy { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") && $0 != 0x0A && $0 != 0x0D }
    out.raw(plain ? s : CostStatementReport.csvField(s))
  }
}
