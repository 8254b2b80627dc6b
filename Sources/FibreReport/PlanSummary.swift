import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The plan's summary, as `summary.json` (snake_case keys, for tools) and as the
/// human table printed at the end of `plan` and saved as `summary.txt`.
public enum PlanSummary {
  public static func json(_ plan: FibrePlanResult, costSharing: CostSharingStatement? = nil,
                          rings: RingDesign? = nil, rollout: Rollout? = nil,
                          opticalFix: OpticalFix? = nil, businessCase: BusinessCase? = nil) -> [UInt8] {
    var out = JSONText()
    out.raw("{\n  \"scenario\":"); out.string(plan.scenario.name)
    out.raw(",\n  \"fibreplan_version\":"); out.string(FibrePlanVersion.string)
    figures(&out, plan.region, indent: "  ", eligibility: plan.eligibility != nil)
    out.raw(",\n  \"buildings_connected\":"); out.integer(plan.region.buildingsConnected)
    var reasons: [String: (buildings: Int, households: Int)] = [:]
    for b in 0..<plan.buildings.count {
      if let r = plan.buildingOutcome[b].reason(maxDropLength: plan.scenario.network.maxDropLength) {
        reasons[r, default: (0, 0)].buildings += 1
        reasons[r, default: (0, 0)].households += Int(plan.buildings.units[b])
      }
    }
    out.raw(",\n  \"buildings_not_connected\":{")
    for (i, r) in reasons.keys.sorted().enumerated() {
      if i > 0 { out.raw(",") }
      out.key(r)
      out.raw("{\"buildings\":"); out.integer(reasons[r]!.buildings)
      out.raw(",\"households\":"); out.integer(reasons[r]!.households); out.raw("}")
    }
    out.raw("}")
    out.raw(",\n  \"pop\":["); out.number(plan.pop.lon, decimals: 7); out.raw(",")
    out.number(plan.pop.lat, decimals: 7); out.raw("]")
    if let h = plan.hierarchy { hierarchyJSON(&out, h) }
    out.raw(",\n  \"coverage\":{\"mode\":")
    switch plan.scenario.coverage.mode {
    case .full: out.string("full")
    case .budget(let b): out.string("budget"); out.raw(",\"budget_eur\":"); out.number(b, decimals: 2)
    case .maxCostPerHome(let t): out.string("max_cost_per_home"); out.raw(",\"max_cost_per_home_eur\":"); out.number(t, decimals: 2)
    }
    out.raw(",\"method\":"); out.string(plan.coverageMethod)
    out.raw(",\"curve_points\":"); out.integer(plan.coverageCurve.count); out.raw("}")
    out.raw(",\n  \"steiner\":{\"cost\":"); out.number(plan.steiner.cost, decimals: 2)
    out.raw(",\"lower_bound\":"); out.number(plan.steiner.lowerBound, decimals: 2)
    out.raw(",\"gap_percent\":"); out.number(plan.steiner.gapPercent, decimals: 3)
    out.raw(",\"tree_edges\":"); out.integer(plan.treeEdges.count); out.raw("}")
    architectureJSON(&out, plan)
    out.raw(",\n  \"network\":{\"nodes\":"); out.integer(plan.network.nodeCount)
    out.raw(",\"edges\":"); out.integer(plan.network.edgeCount)
    let components = (plan.network.nodeComponent.max() ?? -1) + 1
    out.raw(",\"components\":"); out.integer(Int(components)); out.raw("}")
    var warningCounts: [String: Int] = [:]
    for d in plan.diagnostics { warningCounts[d.code, default: 0] += 1 }
    out.raw(",\n  \"warnings\":{")
    for (i, code) in warningCounts.keys.sorted().enumerated() {
      if i > 0 { out.raw(",") }
      out.key(code); out.integer(warningCounts[code]!)
    }
    out.raw("}")
    if let attribution = plan.scenario.attribution {
      out.raw(",\n  \"attribution\":"); out.string(attribution)
    }
    if let costSharing { out.raw(",\n  "); CostStatementReport.json(costSharing, into: &out) }
    if let rings { out.raw(",\n  "); RingReport.json(rings, plan: plan, into: &out) }
    if let opticalFix { out.raw(",\n  "); OpticalFixReport.json(opticalFix, into: &out) }
    if plan.network.edgeKind.contains(.aerial) { out.raw(",\n  "); AerialSaving(plan).json(into: &out) }
    if let rollout { out.raw(",\n  "); RolloutReport.json(rollout, into: &out) }
    if let businessCase { out.raw(",\n  "); EconomicsReport.json(businessCase, into: &out) }
    eligibilityJSON(&out, plan)
    if let choice = plan.technologies { out.raw(",\n  "); TechnologyReport.json(choice, into: &out) }
    out.raw(",\n  \"municipalities\":[")
    for (i, m) in plan.municipalities.enumerated() {
      out.raw(i == 0 ? "\n    {\"name\":" : ",\n    {\"name\":")
      out.string(m.name)
      figures(&out, m, indent: "", eligibility: plan.eligibility != nil)
      if let choice = plan.technologies { municipalityMix(&out, choice, plan: plan, index: i) }
      out.raw("}")
    }
    out.raw(plan.municipalities.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return out.bytes
  }

  private static func figures(_ out: inout JSONText, _ f: PlanFigures, indent: String, eligibility: Bool) {
    let sep = indent.isEmpty ? "," : ",\n" + indent
    func field(_ k: String, _ body: (inout JSONText) -> Void) {
      out.raw(sep); out.key(k); body(&out)
    }
    field("buildings_total") { $0.integer(f.buildingsTotal) }
    field("households_total") { $0.integer(f.householdsTotal) }
    field("households_connected") { $0.integer(f.householdsConnected) }
    field("households_served") { $0.integer(f.householdsServed) }
    field("households_unreachable") { $0.integer(f.householdsUnreachable) }
    field("households_not_servable") { $0.integer(f.householdsNotServable) }
    field("households_gap") { $0.integer(f.householdsGap) }
    if eligibility {
      field("households_eligible") { $0.integer(f.householdsEligible) }
      field("households_served_by_existing_network") { $0.integer(f.householdsServedByExistingNetwork) }
    }
    field("coverage_percent") { $0.number(f.coveragePercent, decimals: 2) }
    field("sites_total") { $0.integer(f.sitesTotal) }
    field("sites_connected") { $0.integer(f.sitesConnected) }
    field("sites_served") { $0.integer(f.sitesServed) }
    field("trench_m") { $0.number(f.trenchMetres, decimals: 1) }
    field("duct_reuse_m") { $0.number(f.ductReuseMetres, decimals: 1) }
    field("drop_m") { $0.number(f.dropMetres, decimals: 1) }
    field("aerial_m") { $0.number(f.aerialMetres, decimals: 1) }
    field("aerial_poles") { $0.number(f.aerialPoles, decimals: 1) }
    field("road_crossings") { $0.integer(f.roadCrossings) }
    field("crossing_cost") { $0.number(f.crossingCost, decimals: 2) }
    field("backbone_m") { $0.number(f.backboneMetres, decimals: 1) }
    field("network_cost") { $0.number(f.networkCost, decimals: 2) }
    field("connection_cost") { $0.number(f.connectionCost, decimals: 2) }
    field("capex_total") { $0.number(f.capexTotal, decimals: 2) }
    field("capex_breakdown") { out in
      out.raw("{")
      for (i, part) in f.capexBreakdown.enumerated() {
        if i > 0 { out.raw(",") }
        out.key(part.key); out.number(part.value, decimals: 2)
      }
      out.raw("}")
    }
    field("capex_per_household") { $0.number(f.capexPerHousehold, decimals: 2) }
  }

  /// The board-facing summary: headline figures first, then the network, then one row
  /// per municipality. Fits 100 columns; no colour.
  public static func text(_ plan: FibrePlanResult, outputDirectory: String?) -> String {
    let r = plan.region
    let eur = { (x: Double) in "EUR " + HumanNumber.grouped(x) }
    var s = "fibreplan plan: \(plan.scenario.name)\n\n"
    var head = TextTable(["Headline", ""])
    head.add(["Capex (everything built)", eur(r.capexTotal)])
    head.add(["Households served as designed", "\(HumanNumber.grouped(r.householdsServed)) of \(HumanNumber.grouped(r.householdsTotal))"])
    head.add(["Coverage (served as designed)", HumanNumber.percent(r.coveragePercent)])
    head.add(["Capex per household served", eur(r.capexPerHousehold)])
    head.add(["Households the trench reaches", HumanNumber.grouped(r.householdsConnected)])
    head.add(["Households unreachable", HumanNumber.grouped(r.householdsUnreachable)])
    head.add(["Households not servable as designed", HumanNumber.grouped(r.householdsNotServable)])
    head.add(["Households in coverage gaps", HumanNumber.grouped(r.householdsGap)])
    head.add(["Sites served", "\(HumanNumber.grouped(r.sitesServed)) of \(HumanNumber.grouped(r.sitesTotal))"])
    for row in architectureRows(plan) { head.add(row) }
    s += head.render()

    s += "\n"
    var net = TextTable(["Capex by component", "km", "EUR"])
    net.add(["New trench", HumanNumber.grouped(r.trenchMetres / 1000, decimals: 2), HumanNumber.grouped(r.trenchCost)])
    net.add(["Reused duct", HumanNumber.grouped(r.ductReuseMetres / 1000, decimals: 2), HumanNumber.grouped(r.ductReuseCost)])
    net.add(["Drops", HumanNumber.grouped(r.dropMetres / 1000, decimals: 2), HumanNumber.grouped(r.dropCost)])
    if r.aerialMetres > 0 {
      net.add(["Cable on existing poles (\(HumanNumber.grouped(r.aerialPoles)) poles)",
               HumanNumber.grouped(r.aerialMetres / 1000, decimals: 2), HumanNumber.grouped(r.aerialCost)])
      let saving = AerialSaving(plan)
      net.add(["  saved against trench on the same roads", HumanNumber.grouped(saving.metresAlongRoads / 1000, decimals: 2),
               HumanNumber.grouped(saving.saving)])
    }
    if r.roadCrossings > 0 {
      net.add(["Drop crossings (\(HumanNumber.grouped(r.roadCrossings)))", "", HumanNumber.grouped(r.crossingCost)])
    }
    net.add(["Connections (drop install, equipment)", "", HumanNumber.grouped(r.connectionCost)])
    if plan.architecture != nil {
      net.add(["Street cabinets", "", HumanNumber.grouped(r.cabinetCost)])
      net.add(["Splitters", "", HumanNumber.grouped(r.splitterCost)])
      net.add(["Feeder and distribution cable", "", HumanNumber.grouped(r.cableCost)])
      net.add(["Splice closures", "", HumanNumber.grouped(r.closureCost)])
    }
    if r.ringCost > 0 { net.add(["Ring protection trench", "", HumanNumber.grouped(r.ringCost)]) }
    if let h = plan.hierarchy {
      net.add(["POPs (\(h.pops.count): shelter, OLT, power)", "", HumanNumber.grouped(r.popCost)])
      net.add(["Backbone to the data centre", HumanNumber.grouped(r.backboneMetres / 1000, decimals: 2),
               HumanNumber.grouped(r.backboneCost)])
    }
    net.add(["Capex", "", HumanNumber.grouped(r.capexTotal)])
    net.ruleBeforeLast = true
    s += net.render()

    // Why households are not connected.
    var byReason: [String: Int] = [:]
    for b in 0..<plan.buildings.count where plan.buildingOutcome[b].isUnreachable {
      byReason[plan.buildingOutcome[b].reason(maxDropLength: plan.scenario.network.maxDropLength)!, default: 0]
        += Int(plan.buildings.units[b])
    }
    if !byReason.isEmpty {
      s += "\n"
      var t = TextTable(["Unreachable, by reason", "Households"])
      for k in byReason.keys.sorted() { t.add([k, HumanNumber.grouped(byReason[k]!)]) }
      s += t.render()
    }

    if let h = plan.hierarchy {
      s += "\n" + popTable(h).render()
    }
    if let t = CoverageReport.gapTable(plan) {
      s += "\n" + t.render()
    }
    if let t = serviceGapTable(plan) {
      s += "\n" + t.render()
    }
    s += TechnologyReport.eligibilityText(plan) + TechnologyReport.text(plan)
    if let line = CoverageReport.budgetPosition(plan) {
      s += "\n" + line
    }

    if !plan.municipalities.isEmpty {
      s += "\n"
      var t = TextTable(["Municipality", "Households", "Served", "Coverage", "Trench km", "Capex EUR", "EUR/home"])
      for m in plan.municipalities {
        t.add([String(m.name.prefix(28)), HumanNumber.grouped(m.householdsTotal), HumanNumber.grouped(m.householdsServed),
               HumanNumber.percent(m.coveragePercent), HumanNumber.grouped(m.trenchMetres / 1000, decimals: 2),
               HumanNumber.grouped(m.capexTotal), HumanNumber.grouped(m.capexPerHousehold)])
      }
      t.add(["Total", HumanNumber.grouped(r.householdsTotal), HumanNumber.grouped(r.householdsServed),
             HumanNumber.percent(r.coveragePercent), HumanNumber.grouped(r.trenchMetres / 1000, decimals: 2),
             HumanNumber.grouped(r.capexTotal), HumanNumber.grouped(r.capexPerHousehold)])
      t.ruleBeforeLast = true
      s += t.render()
    }

    s += "\n"
    let st = plan.steiner
    var line = "  Trench tree: \(plan.treeEdges.count) edges, cost \(HumanNumber.grouped(st.cost))"
    if st.lowerBound > 0 {
      line += ", lower bound \(HumanNumber.grouped(st.lowerBound)) (within \(HumanNumber.grouped(st.gapPercent, decimals: 2)) % of optimal)"
    }
    s += line + "\n"
    s += "  Planned in \(HumanNumber.grouped(plan.seconds, decimals: 2)) s"
    if !plan.diagnostics.isEmpty {
      s += "; \(HumanNumber.grouped(plan.diagnostics.count)) input warning(s), see summary.json"
    }
    s += "\n"
    if let outputDirectory {
      s += "  Written to \(outputDirectory)/: plan.geojson, plan.svg, report.html, gaps.geojson, summary.json, summary.txt"
        + (plan.coverageCurve.isEmpty ? "" : ", coverage.csv, coverage.svg") + ", bom.csv"
        + ", plan.qgs, plan.kml, buildings.csv" + (plan.architecture == nil ? "" : ", fibres.csv, splices.csv") + "\n"
    }
    if let attribution = plan.scenario.attribution { s += "  \(attribution)\n" }
    return s
  }
}
