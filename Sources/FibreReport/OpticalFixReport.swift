import FibreCore
import FibrePlanning

/// The re-checked fixes for optical-budget failures, for summary.txt and summary.json.
public enum OpticalFixReport {
  public static func text(_ fix: OpticalFix) -> String {
    var s = "\n  \(HumanNumber.grouped(fix.failingHouseholds)) households fail the optical budget. Fixes, each re-planned:\n"
    var t = TextTable(["Fix", "Households recovered", "Extra capex EUR", "EUR per household"])
    for o in fix.options {
      t.add([o.label, HumanNumber.grouped(o.householdsRecovered), HumanNumber.grouped(o.extraCapex),
             o.householdsRecovered > 0 ? HumanNumber.grouped(o.eurPerHouseholdRecovered) : "–"])
    }
    s += t.render()
    if let best = fix.cheapest {
      s += "  Cheapest fix: \(best.label), serving \(HumanNumber.grouped(best.householdsRecovered)) more households "
        + "for EUR \(HumanNumber.grouped(best.extraCapex)).\n"
    } else {
      s += "  No fix the scenario allows serves more households.\n"
    }
    return s
  }

  /// `"optical_fix":{...}` (no leading comma).
  package static func json(_ fix: OpticalFix, into out: inout JSONText) {
    out.raw("\"optical_fix\":{\"failing_households\":"); out.integer(fix.failingHouseholds)
    out.raw(",\"cheapest\":")
    if let best = fix.cheapest { out.string(best.key) } else { out.raw("null") }
    out.raw(",\"options\":[")
    for (i, o) in fix.options.enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("{\"fix\":"); out.string(o.key)
      out.raw(",\"households_recovered\":"); out.integer(o.householdsRecovered)
      out.raw(",\"extra_capex\":"); out.number(o.extraCapex, decimals: 2); out.raw("}")
    }
    out.raw("]}")
  }
}
