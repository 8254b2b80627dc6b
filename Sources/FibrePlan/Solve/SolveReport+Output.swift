import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

extension SolveReport {
  /// PACE 2018 output: `VALUE <cost>`, then one `u v` line per tree edge (file ids).
  public var paceText: String {
    var out = "VALUE \(Self.number(cost))\n"
    out.reserveCapacity(out.utf8.count + edges.count * 14)
    for e in edges { out += "\(e.u) \(e.v)\n" }
    return out
  }

  /// One JSON object on one line:
  /// `{"problem":"SPG","cost":82,"lower_bound":80,"gap_percent":2.5,"seconds":0.012,"edges":[[1,2],...]}`.
  /// `gap_percent` is null when no lower bound is known.
  public var jsonText: String {
    var out = "{\"problem\":\"\(problem)\",\"cost\":\(Self.number(cost))"
    out += ",\"lower_bound\":\(Self.number(lowerBound))"
    out += ",\"gap_percent\":" + (gapPercent.map { Self.number(($0 * 10_000).rounded() / 10_000) } ?? "null")
    out += ",\"seconds\":\(Self.number((seconds * 1000).rounded() / 1000))"
    out += ",\"edges\":["
    out.reserveCapacity(out.utf8.count + edges.count * 16)
    for (i, e) in edges.enumerated() {
      if i > 0 { out += "," }
      out += "[\(e.u),\(e.v)]"
    }
    out += "]}\n"
    return out
  }

  /// Integral values without a fraction (`82`, not `82.0`); others in Swift's shortest
  /// round-trip form, which is valid JSON for finite values.
  package static func number(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 9.0e15 { return String(Int64(x)) }
    return "\(x)"
  }
}
