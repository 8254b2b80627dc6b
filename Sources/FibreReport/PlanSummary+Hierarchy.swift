import FibreCore
import FibreGeo
import FibrePlanning

extension PlanSummary {
  /// `pops: [{name, lon, lat, households, sites, olt_ports, capex}]`, `data_centre` and
  /// how the POPs were chosen.
  static func hierarchyJSON(_ out: inout JSONText, _ h: RegionalHierarchy) {
    out.raw(",\n  \"pops\":[")
    for (i, p) in h.pops.enumerated() {
      out.raw(i == 0 ? "\n    {\"name\":" : ",\n    {\"name\":")
      out.string(p.name)
      out.raw(",\"lon\":"); out.number(p.position.lon, decimals: 7)
      out.raw(",\"lat\":"); out.number(p.position.lat, decimals: 7)
      out.raw(",\"households\":"); out.integer(p.households)
      out.raw(",\"sites\":"); out.integer(p.sites)
      out.raw(",\"olt_ports\":"); out.integer(p.oltPorts)
      out.raw(",\"capex\":"); out.number(p.cost, decimals: 2)
      out.raw("}")
    }
    out.raw(h.pops.isEmpty ? "]" : "\n  ]")
    out.raw(",\n  \"data_centre\":{\"name\":"); out.string(h.dataCentre.name)
    out.raw(",\"lon\":"); out.number(h.dataCentre.position.lon, decimals: 7)
    out.raw(",\"lat\":"); out.number(h.dataCentre.position.lat, decimals: 7); out.raw("}")
    out.raw(",\n  \"pop_search\":{\"method\":"); out.string(h.search.method)
    out.raw(",\"candidates\":"); out.integer(h.search.candidates)
    out.raw(",\"evaluations\":"); out.integer(h.search.evaluations)
    out.raw(",\"reach_m\":"); out.number(h.search.reachMetres.isFinite ? h.search.reachMetres : 0, decimals: 0)
    out.raw(",\"model_cost\":"); out.number(h.search.modelCost, decimals: 2); out.raw("}")
    out.raw(",\n  \"homes_fed_by\":"); out.string(h.homesFedByNearestPOP ? "nearest_pop" : "cheapest_tree")
  }

  /// One row per POP for summary.txt.
  static func popTable(_ h: RegionalHierarchy) -> TextTable {
    var t = TextTable(["POP", "Households", "Sites", "OLT ports", "Capex EUR"])
    for p in h.pops {
      t.add([String(p.name.prefix(28)), HumanNumber.grouped(p.households), HumanNumber.grouped(p.sites),
             HumanNumber.grouped(p.oltPorts), HumanNumber.grouped(p.cost)])
    }
    t.add(["Data centre: " + String(h.dataCentre.name.prefix(40)), "", "", "", ""])
    if h.homesFedByNearestPOP {
      t.add(["Homes fed by their nearest POP", "", "", "", ""])
    }
    return t
  }
}
