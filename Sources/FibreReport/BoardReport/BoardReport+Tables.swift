import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

extension BoardReport {
  /// A table row: the first cell is a label, the others numbers.
  package static func row(_ out: inout SVGText, _ cells: [String], rowClass: String? = nil) {
    out.raw(rowClass.map { "<tr class=\"\($0)\">" } ?? "<tr>")
    for (i, c) in cells.enumerated() {
      out.raw(i == 0 ? "<td>" : "<td class=\"num\">"); out.text(c); out.raw("</td>")
    }
    out.raw("</tr>\n")
  }

  package static func header(_ out: inout SVGText, _ cells: [String]) {
    out.raw("<thead><tr>")
    for (i, c) in cells.enumerated() {
      out.raw(i == 0 ? "<th>" : "<th class=\"num\">"); out.text(c); out.raw("</th>")
    }
    out.raw("</tr></thead>\n<tbody>\n")
  }

  package static func summaryTable(_ out: inout SVGText, _ plan: FibrePlanResult) {
    let r = plan.totals.region
    out.raw("<section>\n<h2>Summary</h2>\n<table class=\"figures\">\n")
    header(&out, ["", "Quantity", "EUR"])
    row(&out, ["New trench", HumanNumber.grouped(r.trenchMetres / 1000, decimals: 2) + " km", HumanNumber.grouped(r.trenchCost)])
    if r.ductReuseMetres > 0 || r.ductReuseCost > 0 {
      row(&out, ["Cable in existing ducts", HumanNumber.grouped(r.ductReuseMetres / 1000, decimals: 2) + " km", HumanNumber.grouped(r.ductReuseCost)])
    }
    row(&out, ["Drops to buildings", HumanNumber.grouped(r.dropMetres / 1000, decimals: 2) + " km", HumanNumber.grouped(r.dropCost)])
    let connections = plan.outcomes.buildings.served.filter { $0 }.count + plan.outcomes.sites.served.filter { $0 }.count
    row(&out, ["Connections (installation, equipment)", HumanNumber.grouped(connections) + " buildings and sites", HumanNumber.grouped(r.connectionCost)])
    if let arch = plan.architecture {
      row(&out, ["Street cabinets and splitters", HumanNumber.grouped(arch.cabinets.count) + " cabinets", HumanNumber.grouped(r.cabinetCost + r.splitterCost)])
      row(&out, ["Feeder and distribution cable", HumanNumber.grouped(arch.cables.count) + " cable runs", HumanNumber.grouped(r.cableCost)])
      row(&out, ["Splice closures", HumanNumber.grouped(arch.closures.count), HumanNumber.grouped(r.closureCost)])
    }
    if r.ringCost > 0 { row(&out, ["Ring protection trench", "", HumanNumber.grouped(r.ringCost)]) }
    row(&out, ["Capex", "", HumanNumber.grouped(r.capexTotal)], rowClass: "total")
    row(&out, ["Households served as designed", "\(HumanNumber.grouped(r.householdsServed)) of \(HumanNumber.grouped(r.householdsTotal))", ""])
    row(&out, ["Households the trench reaches", HumanNumber.grouped(r.householdsConnected), ""])
    row(&out, ["Coverage (served as designed)", HumanNumber.percent(r.coveragePercent), ""])
    row(&out, ["Cost per household served", "", HumanNumber.grouped(r.capexPerHousehold)])
    row(&out, ["Households unreachable", HumanNumber.grouped(r.householdsUnreachable), ""])
    if r.householdsNotServable > 0 { row(&out, ["Households not servable as designed", HumanNumber.grouped(r.householdsNotServable), ""]) }
    if r.householdsGap > 0 { row(&out, ["Households in coverage gaps", HumanNumber.grouped(r.householdsGap), ""]) }
    if r.sitesTotal > 0 {
      row(&out, ["Municipal sites served", "\(HumanNumber.grouped(r.sitesServed)) of \(HumanNumber.grouped(r.sitesTotal))", ""])
    }
    out.raw("</tbody>\n</table>\n")
    let st = plan.tree.steiner
    if st.lowerBound > 0 {
      out.raw("<p class=\"note-below\">")
      out.text(st.gapPercent < 0.005
        ? "The trench route is proven the cheapest possible over this road network: its cost meets a certified lower bound."
        : "The trench route is proven within \(HumanNumber.grouped(st.gapPercent, decimals: 2)) % of the cheapest possible route over this road network (certified lower bound).")
      out.raw("</p>\n")
    }
    out.raw("</section>\n")
  }

  package static func municipalityTable(_ out: inout SVGText, _ plan: FibrePlanResult) {
    guard !plan.totals.municipalities.isEmpty else { return }
    let r = plan.totals.region
    out.raw("<section>\n<h2>Cost per municipality</h2>\n<table>\n")
    header(&out, ["Municipality", "Households", "Connected", "Coverage", "Trench km", "Capex EUR", "EUR per home", "Share of capex"])
    func share(_ x: Double) -> String { r.capexTotal > 0 ? HumanNumber.percent(x / r.capexTotal * 100) : "–" }
    for m in plan.totals.municipalities {
      row(&out, [m.name, HumanNumber.grouped(m.householdsTotal), HumanNumber.grouped(m.householdsConnected),
                 HumanNumber.percent(m.coveragePercent), HumanNumber.grouped(m.trenchMetres / 1000, decimals: 2),
                 HumanNumber.grouped(m.capexTotal), HumanNumber.grouped(m.capexPerHousehold), share(m.capexTotal)])
    }
    row(&out, ["Total", HumanNumber.grouped(r.householdsTotal), HumanNumber.grouped(r.householdsConnected),
               HumanNumber.percent(r.coveragePercent), HumanNumber.grouped(r.trenchMetres / 1000, decimals: 2),
               HumanNumber.grouped(r.capexTotal), HumanNumber.grouped(r.capexPerHousehold), share(r.capexTotal)],
        rowClass: "total")
    out.raw("</tbody>\n</table>\n</section>\n")
  }

  /// With several POPs: each POP, what it serves and costs, and the backbone.
  package static func popTable(_ out: inout SVGText, _ plan: FibrePlanResult) {
    guard let h = plan.hierarchy else { return }
    out.raw("<section>\n<h2>POPs and backbone</h2>\n<p>")
    out.text("\(h.pops.count) POPs joined to the data centre (\(h.dataCentre.name)) by "
      + "\(HumanNumber.grouped(plan.totals.region.backboneMetres / 1000, decimals: 2)) km of backbone costing "
      + "\(eur(plan.totals.region.backboneCost)).")
    out.raw("</p>\n<table>\n")
    header(&out, ["POP", "Municipality", "Households served", "Sites", "OLT ports", "Capex EUR"])
    for p in h.pops {
      let m = p.municipality >= 0 && Int(p.municipality) < plan.demand.municipalityNames.count ? plan.demand.municipalityNames[Int(p.municipality)] : "–"
      row(&out, [p.name, m, HumanNumber.grouped(p.households), HumanNumber.grouped(p.sites),
                 HumanNumber.grouped(p.oltPorts), HumanNumber.grouped(p.cost)])
    }
    out.raw("</tbody>\n</table>\n</section>\n")
  }

  /// Buildings not connected, by reason (gaps first) and municipality.
  package static func gapTable(_ out: inout SVGText, _ plan: FibrePlanResult) {
    let maxDrop = plan.scenario.network.maxDropLength
    func rank(_ o: DemandOutcome) -> Int {
      switch o {
      case .connected: return -1
      case .overBudget: return 0
      case .aboveCostThreshold: return 1
      case .beyondOpticalReach: return 2
      case .noRoadWithin: return 3
      case .disconnectedRoadNetwork: return 4
      case .invalidGeometry: return 5
      case .noHouseholds: return 6
      case .forbiddenArea: return 7
      case .popCapacity: return 8
      case .servedByExistingNetwork: return 9
      }
    }
    let titles = ["Over the budget", "Above the cost threshold per household",
                  "Beyond the optical budget of the POP",
                  "No road within \(HumanNumber.grouped(maxDrop)) m", "Road not linked to the POP",
                  "Unusable position in the input", "No households (not a gap)",
                  "Reachable only through a forbidden area", "Every POP within reach is full",
                  "Served by the existing network (not eligible, not a gap)"]
    let areas = plan.demand.municipalityNames.count + 1
    // [reason][municipality, outside last] → (buildings, households)
    var counts = [[(Int, Int)]](repeating: [(Int, Int)](repeating: (0, 0), count: areas), count: titles.count)
    for b in 0..<plan.demand.buildings.count {
      let k = rank(plan.outcomes.buildings.outcome[b])
      guard k >= 0 else { continue }
      let m = Int(plan.demand.buildingMunicipality[b])
      let a = m >= 0 && m < areas - 1 ? m : areas - 1
      counts[k][a].0 += 1
      counts[k][a].1 += Int(plan.demand.buildings.units[b])
    }
    out.raw("<section>\n<h2>Buildings not connected</h2>\n")
    guard counts.contains(where: { $0.contains { $0.0 > 0 } }) else {
      out.raw("<p>Every building is connected.</p>\n</section>\n")
      return
    }
    out.raw("<table>\n")
    header(&out, ["Reason and municipality", "Buildings", "Households"])
    for (k, title) in titles.enumerated() {
      let total = counts[k].reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
      guard total.0 > 0 else { continue }
      row(&out, [title, HumanNumber.grouped(total.0), HumanNumber.grouped(total.1)], rowClass: "sub")
      guard !plan.demand.municipalityNames.isEmpty else { continue }
      for a in 0..<areas where counts[k][a].0 > 0 {
        let name = a < areas - 1 ? plan.demand.municipalityNames[a] : "(outside boundaries)"
        row(&out, ["\u{2003}" + name, HumanNumber.grouped(counts[k][a].0), HumanNumber.grouped(counts[k][a].1)])
      }
    }
    out.raw("</tbody>\n</table>\n")
    if let sample = plan.outcomes.buildings.outcome.first(where: \.isUnreachable) ?? plan.outcomes.buildings.outcome.first(where: { $0 != .connected }),
       let reason = sample.reason(maxDropLength: maxDrop) {
      out.raw("<p class=\"note-below\">")
      out.text("plan.geojson lists every one of these buildings with its reason (e.g. \(reason)) for follow-up in a GIS.")
      out.raw("</p>\n")
    }
    out.raw("</section>\n")
  }
}
