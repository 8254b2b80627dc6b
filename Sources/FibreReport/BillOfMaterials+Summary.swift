import FibreCore
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Capex figures that need the architecture: the full capex, and capex per home passed
/// and per home connected at the scenario's take-rate.
public struct ArchitectureFigures: Sendable, Equatable {
  /// Everything built, EUR (`region.capexTotal`): what `bom.csv` sums to.
  public var capexTotal: Double
  public var architectureCapex: Double
  public var cabinets: Int
  /// Households served by a working fibre (assigned to a cabinet, within budget).
  public var householdsPassed: Int
  public var takeRate: Double
  /// Drops and per-connection costs, EUR, paid only for homes that take service.
  public var connectionCapex: Double
  /// (capex − connection capex) / homes passed.
  public var capexPerHomePassed: Double
  /// (capex − connection capex + take-rate × connection capex) / (take-rate × homes passed).
  public var capexPerHomeConnected: Double

  public init?(_ plan: FibrePlanResult) {
    guard let arch = plan.architecture else { return nil }
    architectureCapex = arch.architectureCapex
    capexTotal = plan.totals.region.capexTotal
    cabinets = arch.cabinets.count
    householdsPassed = arch.householdsServed
    takeRate = plan.scenario.architecture.takeRate
    connectionCapex = plan.totals.region.dropCost + plan.totals.region.connectionCost
    let passing = capexTotal - connectionCapex
    capexPerHomePassed = householdsPassed > 0 ? passing / Double(householdsPassed) : 0
    let connected = takeRate * Double(householdsPassed)
    capexPerHomeConnected = connected > 0 ? (passing + takeRate * connectionCapex) / connected : 0
  }
}

extension PlanSummary {
  /// The `"architecture"` member of summary.json (leading comma included).
  package static func architectureJSON(_ out: inout JSONText, _ plan: FibrePlanResult) {
    guard let f = ArchitectureFigures(plan), let arch = plan.architecture else { return }
    out.raw(",\n  \"architecture\":{\"cabinets\":"); out.integer(f.cabinets)
    out.raw(",\"cables\":"); out.integer(arch.cables.count)
    out.raw(",\"splice_closures\":"); out.integer(arch.closures.count)
    out.raw(",\"households_passed\":"); out.integer(f.householdsPassed)
    out.raw(",\"architecture_capex\":"); out.number(f.architectureCapex, decimals: 2)
    out.raw(",\"take_rate\":"); out.number(f.takeRate, decimals: 4)
    out.raw(",\"capex_per_home_passed\":"); out.number(f.capexPerHomePassed, decimals: 2)
    out.raw(",\"capex_per_home_connected\":"); out.number(f.capexPerHomeConnected, decimals: 2)
    var reasons: [String: (Int, Int)] = [:]
    for g in arch.gaps { reasons[g.reason, default: (0, 0)].0 += 1; reasons[g.reason, default: (0, 0)].1 += g.households }
    out.raw(",\"gaps\":{")
    for (i, r) in reasons.keys.sorted().enumerated() {
      if i > 0 { out.raw(",") }
      out.key(r)
      out.raw("{\"demand_points\":"); out.integer(reasons[r]!.0)
      out.raw(",\"households\":"); out.integer(reasons[r]!.1); out.raw("}")
    }
    out.raw("}")
    out.raw("}")
  }

  /// Households the trench reaches that the architecture cannot serve, by reason.
  package static func serviceGapTable(_ plan: FibrePlanResult) -> TextTable? {
    guard let arch = plan.architecture, !arch.gaps.isEmpty else { return nil }
    var reasons: [String: (points: Int, households: Int)] = [:]
    for g in arch.gaps {
      reasons[g.reason, default: (0, 0)].points += 1
      reasons[g.reason, default: (0, 0)].households += g.households
    }
    var t = TextTable(["Not servable as designed", "Buildings/sites", "Households"])
    for k in reasons.keys.sorted() {
      t.add([k, HumanNumber.grouped(reasons[k]!.points), HumanNumber.grouped(reasons[k]!.households)])
    }
    return t
  }

  /// Rows for the human summary's headline table.
  package static func architectureRows(_ plan: FibrePlanResult) -> [[String]] {
    guard let f = ArchitectureFigures(plan) else { return [] }
    let eur = { (x: Double) in "EUR " + HumanNumber.grouped(x) }
    return [
      ["Cabinets", HumanNumber.grouped(f.cabinets)],
      ["Capex per home passed", eur(f.capexPerHomePassed)],
      ["Capex per home connected (take-rate \(HumanNumber.percent(f.takeRate * 100)))", eur(f.capexPerHomeConnected)],
    ]
  }
}
