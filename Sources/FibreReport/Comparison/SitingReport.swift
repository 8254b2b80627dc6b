import FibreCore
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The data-centre / POP siting ranking as text and `siting.csv`.
public enum SitingReport {
  public static func text(_ ranking: [SitingCandidate]) -> String {
    var t = TextTable(["Hub siting (POP at candidate)", "Rank", "Capex EUR", "vs best", "Homes", "Coverage"])
    for c in ranking {
      if let r = c.region {
        t.add([String(c.name.prefix(30)), String(c.rank), HumanNumber.grouped(r.capexTotal),
               "+" + HumanNumber.grouped(c.differenceToBest), HumanNumber.grouped(r.householdsConnected),
               HumanNumber.percent(r.coveragePercent)])
      } else {
        t.add([String(c.name.prefix(30)), String(c.rank), "failed", "", "", ""])
      }
    }
    var s = "\n" + t.render()
    for c in ranking { if let f = c.failure { s += "  \(c.name): \(f)\n" } }
    s += "  Each candidate planned in fast mode (time limit 0); ranked by capex.\n"
    return s
  }

  public static func csv(_ ranking: [SitingCandidate]) -> String {
    var out = "rank,candidate,lon,lat,capex,difference_to_best,households_connected,coverage_percent,trench_m,error\n"
    for c in ranking {
      var cells = [String(c.rank), CostStatementReport.csvField(c.name), JSONText.fixed(c.position.lon, decimals: 7),
                   JSONText.fixed(c.position.lat, decimals: 7)]
      if let r = c.region {
        cells += [JSONText.fixed(r.capexTotal, decimals: 2), JSONText.fixed(c.differenceToBest, decimals: 2),
                  String(r.householdsConnected), JSONText.fixed(r.coveragePercent, decimals: 2),
                  JSONText.fixed(r.trenchMetres, decimals: 1), ""]
      } else {
        cells += ["", "", "", "", "", CostStatementReport.csvField(c.failure ?? "")]
      }
      out += cells.joined(separator: ",") + "\n"
    }
    return out
  }
}
