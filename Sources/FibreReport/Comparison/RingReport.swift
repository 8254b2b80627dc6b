import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Ring output: features for plan.geojson, the `rings` member of summary.json and a
/// summary line.
public enum RingReport {
  /// One LineString feature per route (`layer: "ring"`, `ring_id`, `route` 1 or 2,
  /// `site`, `length_m`, `shared_m`), each drawn from the site's road end to the hub's.
  package static func features(_ design: RingDesign, plan: FibrePlanResult, into out: inout JSONText) {
    let network = plan.network
    for ring in design.rings {
      for (k, route) in [ring.first, ring.second].enumerated() {
        out.raw(",\n{\"type\":\"Feature\",\"id\":"); out.string("ring/\(ring.ringID)/\(k + 1)")
        out.raw(",\"properties\":{\"layer\":\"ring\",\"ring_id\":"); out.integer(ring.ringID)
        out.raw(",\"route\":"); out.integer(k + 1)
        out.raw(",\"site\":"); out.string(plan.ringMemberName(ring.site))
        var length = 0.0
        for e in route { length += network.edgeLength[Int(e)] }
        out.raw(",\"length_m\":"); out.number(length, decimals: 2)
        out.raw(",\"shared_m\":"); out.number(ring.sharedMetres, decimals: 2)
        out.raw("},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
        var firstPoint = true
        var at = Int(ring.start)
        for e32 in route {
          let e = Int(e32)
          let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
          let forward = Int(network.edgeU[e]) == at
          let indices = forward ? Array(range) : range.reversed()
          for (i, p) in indices.enumerated() where !(i == 0 && !firstPoint) {
            if !firstPoint { out.raw(",") }
            firstPoint = false
            PlanGeoJSON.position(&out, network.geometry[p])
          }
          at = forward ? Int(network.edgeV[e]) : Int(network.edgeU[e])
        }
        out.raw("]}}")
      }
    }
  }

  package static func json(_ design: RingDesign, plan: FibrePlanResult, into out: inout JSONText) {
    out.raw("\"rings\":{\"protected_sites\":"); out.integer(design.rings.count - design.exceptions.filter { $0.sharedMetres > 0 }.count)
    out.raw(",\"rings\":"); out.integer(design.rings.count)
    out.raw(",\"extra_cost\":"); out.number(design.extraCost, decimals: 2)
    out.raw(",\"extra_trench_m\":"); out.number(design.extraTrenchMetres, decimals: 1)
    out.raw(",\"exceptions\":[")
    for (i, x) in design.exceptions.enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("{\"site\":"); out.string(plan.ringMemberName(x.site))
      out.raw(",\"reason\":"); out.string(x.reason)
      out.raw(",\"shared_m\":"); out.number(x.sharedMetres, decimals: 1); out.raw("}")
    }
    out.raw("]}")
  }

  public static func text(_ design: RingDesign, plan: FibrePlanResult) -> String {
    var s = "\n  Rings: \(design.rings.count) critical site(s) and POP(s) with two trench-disjoint routes to the hub; "
      + "extra trench \(HumanNumber.grouped(design.extraTrenchMetres / 1000, decimals: 2)) km, "
      + "EUR \(HumanNumber.grouped(design.extraCost)) (included in capex above)\n"
    for x in design.exceptions.prefix(20) {
      s += "    \(plan.ringMemberName(x.site)): \(x.reason)"
      if x.sharedMetres > 0 { s += " (\(HumanNumber.grouped(x.sharedMetres)) m shared)" }
      s += "\n"
    }
    if design.exceptions.count > 20 { s += "    ... and \(design.exceptions.count - 20) more (summary.json)\n" }
    return s
  }
}
