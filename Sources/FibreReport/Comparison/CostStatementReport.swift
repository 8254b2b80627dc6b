import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The cost statement for boards: `cost_sharing.csv`, a section of the summary text,
/// and the `cost_sharing` member of summary.json.
public enum CostStatementReport {
  /// One row per municipality; interval columns are empty when the Shapley value is
  /// exact. EUR with 2 decimals.
  public static func csv(_ s: CostSharingStatement) -> String {
    var out = "municipality,households,trench_m,stand_alone,proportional_households,proportional_trench,shapley,shapley_ci_low,shapley_ci_high,saving_vs_stand_alone,core_ok\n"
    func money(_ x: Double) -> String { JSONText.fixed(x, decimals: 2) }
    for r in s.shares {
      let cells = [csvField(r.name), String(r.householdsConnected), JSONText.fixed(r.trenchMetres, decimals: 1),
                   money(r.standAlone), money(r.proportionalHouseholds), money(r.proportionalTrench),
                   money(r.shapley), r.shapleyLow.map(money) ?? "", r.shapleyHigh.map(money) ?? "",
                   money(r.savingVsStandAlone), r.coreOK ? "true" : "false"]
      out += cells.joined(separator: ",") + "\n"
    }
    return out
  }

  package static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The human cost statement: who would pay what alone, together, and how the joint
  /// cost is split three ways. Fits 100 columns.
  public static func text(_ s: CostSharingStatement) -> String {
    var out = "\n"
    var t = TextTable(["Cost sharing (EUR)", "Homes", "Alone", "By homes", "By trench", "Shapley", "Saving", "Core"])
    for r in s.shares {
      var shapley = HumanNumber.grouped(r.shapley)
      if let low = r.shapleyLow, let high = r.shapleyHigh {
        shapley += " ±" + HumanNumber.grouped((high - low) / 2)
      }
      t.add([String(r.name.prefix(24)), HumanNumber.grouped(r.householdsConnected), HumanNumber.grouped(r.standAlone),
             HumanNumber.grouped(r.proportionalHouseholds), HumanNumber.grouped(r.proportionalTrench), shapley,
             HumanNumber.grouped(r.savingVsStandAlone), r.coreOK ? "ok" : "OVER"])
    }
    let homes = s.shares.reduce(0) { $0 + $1.householdsConnected }
    t.add(["Total", HumanNumber.grouped(homes), HumanNumber.grouped(s.standAloneTotal), HumanNumber.grouped(s.jointCost),
           HumanNumber.grouped(s.jointCost), HumanNumber.grouped(s.shares.reduce(0) { $0 + $1.shapley }),
           HumanNumber.grouped(s.saving), s.coreOK ? "ok" : "no"])
    t.ruleBeforeLast = true
    out += t.render()
    let percent = s.standAloneTotal > 0 ? s.saving / s.standAloneTotal * 100 : 0
    out += "  Joint cost EUR \(HumanNumber.grouped(s.jointCost)); built alone EUR \(HumanNumber.grouped(s.standAloneTotal)); "
      + "cooperation saves EUR \(HumanNumber.grouped(s.saving)) (\(HumanNumber.percent(percent))).\n"
    if s.exact {
      out += "  Shapley value exact over all \(HumanNumber.grouped(s.coalitionsEvaluated + 2)) coalitions.\n"
    } else {
      out += "  Shapley value sampled from \(s.samples) join orders (seeded), ± is the 95 % interval.\n"
    }
    for v in s.coalitionViolations.prefix(5) {
      out += "  Core: \(v.members.joined(separator: " + ")) would pay EUR \(HumanNumber.grouped(v.allocated)) "
        + "but costs EUR \(HumanNumber.grouped(v.cost)) alone.\n"
    }
    if s.coalitionViolations.count > 5 { out += "  Core: \(s.coalitionViolations.count - 5) more coalitions charged above their cost.\n" }
    out += "  " + CostSharingStatement.heuristicNote + "\n"
    return out
  }

  /// `"cost_sharing":{...}` for summary.json (the caller writes the separator).
  package static func json(_ s: CostSharingStatement, into out: inout JSONText) {
    out.raw("\"cost_sharing\":{\"joint_cost\":"); out.number(s.jointCost, decimals: 2)
    out.raw(",\"stand_alone_total\":"); out.number(s.standAloneTotal, decimals: 2)
    out.raw(",\"saving\":"); out.number(s.saving, decimals: 2)
    out.raw(",\"shapley\":"); out.string(s.exact ? "exact" : "sampled")
    out.raw(",\"samples\":"); out.integer(s.samples)
    out.raw(",\"coalitions_evaluated\":"); out.integer(s.coalitionsEvaluated)
    out.raw(",\"coalition_costs\":\"upper_bounds\"")
    out.raw(",\"core_ok\":"); out.bool(s.coreOK)
    out.raw(",\"municipalities\":[")
    for (i, r) in s.shares.enumerated() {
      out.raw(i == 0 ? "\n    {\"name\":" : ",\n    {\"name\":"); out.string(r.name)
      out.raw(",\"households\":"); out.integer(r.householdsConnected)
      out.raw(",\"stand_alone\":"); out.number(r.standAlone, decimals: 2)
      out.raw(",\"shapley\":"); out.number(r.shapley, decimals: 2)
      if let low = r.shapleyLow, let high = r.shapleyHigh {
        out.raw(",\"shapley_ci\":["); out.number(low, decimals: 2); out.raw(","); out.number(high, decimals: 2); out.raw("]")
      }
      out.raw(",\"proportional_households\":"); out.number(r.proportionalHouseholds, decimals: 2)
      out.raw(",\"proportional_trench\":"); out.number(r.proportionalTrench, decimals: 2)
      out.raw(",\"core_violation\":"); out.bool(!r.coreOK)
      out.raw("}")
    }
    out.raw("],\"coalition_violations\":[")
    for (i, v) in s.coalitionViolations.prefix(20).enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("{\"members\":[")
      for (k, m) in v.members.enumerated() { if k > 0 { out.raw(",") }; out.string(m) }
      out.raw("],\"allocated\":"); out.number(v.allocated, decimals: 2)
      out.raw(",\"cost\":"); out.number(v.cost, decimals: 2); out.raw("}")
    }
    out.raw("]}")
  }
}
