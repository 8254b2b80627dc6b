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
    figures(&out, plan.totals.region, indent: "  ", eligibility: plan.coverage.eligibility != nil)
    out.raw(",\n  \"buildings_connected\":"); out.integer(plan.totals.region.buildingsConnected)
    var reasons: [String: (buildings: Int, households: Int)] = [:]
    for b in 0..<plan.demand.buildings.count {
      if let r = plan.outcomes.buildings.outcome[b].reason(maxDropLength: plan.scenario.network.maxDropLength) {
        reasons[r, default: (0, 0)].buildings += 1
        reasons[r, default: (0, 0)].households += Int(plan.demand.buildings.units[b])
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
    out.raw(",\n  \"pop\":["); out.number(plan.tree.pop.lon, decimals: 7); out.raw(",")
    out.number(plan.tree.pop.lat, decimals: 7); out.raw("]")
    if let h = plan.hierarchy { hierarchyJSON(&out, h) }
    out.raw(",\n  \"coverage\":{\"mode\":")
    switch plan.scenario.coverage.mode {
    case .full: out.string("full")
    case .budget(let b): out.string("budget"); out.raw(",\"budget_eur\":"); out.number(b, decimals: 2)
    case .maxCostPerHome(let t): out.string("max_cost_per_home"); out.raw(",\"max_cost_per_home_eur\":"); out.number(t, decimals: 2)
    }
    out.raw(",\"method\":"); out.string(plan.coverage.method)
    out.raw(",\"curve_points\":"); out.integer(plan.coverage.curve.count); out.raw("}")
    out.raw(",\n  \"steiner\":{\"cost\":"); out.number(plan.tree.steiner.cost, decimals: 2)
    out.raw(",\"lower_bound\":"); out.number(plan.tree.steiner.lowerBound, decimals: 2)
    out.raw(",\"gap_percent\":"); out.number(plan.tree.steiner.gapPercent, decimals: 3)
    out.raw(",\"tree_edges\":"); out.integer(plan.tree.edges.count); out.raw("}")
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
    if let choice = plan.coverage.technologies { out.raw(",\n  "); TechnologyReport.json(choice, into: &out) }
    out.raw(",\n  \"municipalities\":[")
    for (i, m) in plan.totals.municipalities.enumerated() {
      out.raw(i == 0 ? "\n    {\"name\":" : ",\n    {\"name\":")
      out.string(m.name)
      figures(&out, m, indent: "", eligibility: plan.coverage.eligibility != nil)
      if let choice = plan.coverage.technologies { municipalityMix(&out, choice, plan: plan, index: i) }
      out.raw("}")
    }
    out.raw(plan.totals.municipalities.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
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
  /// per municipality. Fits 100 columns; no colour. `written` names the folder and the
  /// files written there (nil: no such line).
  public static func text(_ plan: FibrePlanResult, written: (directory: String, files: [String])?) -> String {
    var s = "fibreplan plan: \(plan.scenario.name)\n\n"
    s += headlineTable(plan).render()
    s += "\n" + componentTable(plan).render()
    if let t = unreachableTable(plan) { s += "\n" + t.render() }
    if let h = plan.hierarchy { s += "\n" + popTable(h).render() }
    if let t = CoverageReport.gapTable(plan) { s += "\n" + t.render() }
    if let t = serviceGapTable(plan) { s += "\n" + t.render() }
    s += TechnologyReport.eligibilityText(plan) + TechnologyReport.text(plan)
    if let line = CoverageReport.budgetPosition(plan) { s += "\n" + line }
    if let t = municipalityTable(plan) { s += "\n" + t.render() }
    s += "\n" + footer(plan)
    if let written {
      s += "  Written to \(written.directory)/: " + written.files.joined(separator: ", ") + "\n"
    }
    if let attribution = plan.scenario.attribution { s += "  \(attribution)\n" }
    return s
  }

  static func headlineTable(_ plan: FibrePlanResult) -> TextTable {
    let r = plan.totals.region
    let eur = { (x: Double) in "EUR " + HumanNumber.grouped(x) }
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
    return head
  }

  static func componentTable(_ plan: FibrePlanResult) -> TextTable {
    let r = plan.totals.region
    func km(_ metres: Double) -> String { HumanNumber.grouped(metres / 1000, decimals: 2) }
    var net = TextTable(["Capex by component", "km", "EUR"])
    net.add(["New trench", km(r.trenchMetres), HumanNumber.grouped(r.trenchCost)])
    net.add(["Reused duct", km(r.ductReuseMetres), HumanNumber.grouped(r.ductReuseCost)])
    net.add(["Drops", km(r.dropMetres), HumanNumber.grouped(r.dropCost)])
    if r.aerialMetres > 0 {
      net.add(["Cable on existing poles (\(HumanNumber.grouped(r.aerialPoles)) poles)", km(r.aerialMetres),
               HumanNumber.grouped(r.aerialCost)])
      let saving = AerialSaving(plan)
      net.add(["  saved against trench on the same roads", km(saving.metresAlongRoads), HumanNumber.grouped(saving.saving)])
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
      net.add(["Backbone to the data centre", km(r.backboneMetres), HumanNumber.grouped(r.backboneCost)])
    }
    net.add(["Capex", "", HumanNumber.grouped(r.capexTotal)])
    net.ruleBeforeLast = true
    return net
  }

  /// Why households are not connected (nil when every one is reachable).
  static func unreachableTable(_ plan: FibrePlanResult) -> TextTable? {
    var byReason: [String: Int] = [:]
    let outcome = plan.outcomes.buildings.outcome
    for b in 0..<plan.demand.buildings.count where outcome[b].isUnreachable {
      byReason[outcome[b].reason(maxDropLength: plan.scenario.network.maxDropLength)!, default: 0]
        += Int(plan.demand.buildings.units[b])
    }
    guard !byReason.isEmpty else { return nil }
    var t = TextTable(["Unreachable, by reason", "Households"])
    for k in byReason.keys.sorted() { t.add([k, HumanNumber.grouped(byReason[k]!)]) }
    return t
  }

  static func municipalityTable(_ plan: FibrePlanResult) -> TextTable? {
    guard !plan.totals.municipalities.isEmpty else { return nil }
    var t = TextTable(["Municipality", "Households", "Served", "Coverage", "Trench km", "Capex EUR", "EUR/home"])
    func row(_ name: String, _ m: PlanFigures) -> [String] {
      [name, HumanNumber.grouped(m.householdsTotal), HumanNumber.grouped(m.householdsServed),
       HumanNumber.percent(m.coveragePercent), HumanNumber.grouped(m.trenchMetres / 1000, decimals: 2),
       HumanNumber.grouped(m.capexTotal), HumanNumber.grouped(m.capexPerHousehold)]
    }
    for m in plan.totals.municipalities { t.add(row(String(m.name.prefix(28)), m)) }
    t.add(row("Total", plan.totals.region))
    t.ruleBeforeLast = true
    return t
  }

  /// The Steiner engine's tree and bound, run time and input warnings.
  static func footer(_ plan: FibrePlanResult) -> String {
    let st = plan.tree.steiner
    var line = "  Trench tree: \(plan.tree.edges.count) edges, cost \(HumanNumber.grouped(st.cost))"
    if st.lowerBound > 0 {
      line += ", lower bound \(HumanNumber.grouped(st.lowerBound)) (within \(HumanNumber.grouped(st.gapPercent, decimals: 2)) % of optimal)"
    }
    var s = line + "\n"
    s += "  Planned in \(HumanNumber.grouped(plan.seconds, decimals: 2)) s"
    if !plan.diagnostics.isEmpty {
      s += "; \(HumanNumber.grouped(plan.diagnostics.count)) input warning(s), see summary.json"
    }
    return s + "\n"
  }
}
