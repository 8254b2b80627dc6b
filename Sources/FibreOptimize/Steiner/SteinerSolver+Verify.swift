import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Checking a solution independently of how it was found.
extension SteinerSolver {
  /// nil when `solution.edges` are distinct valid edge indices forming one tree that
  /// spans every terminal connected to the first terminal, and `solution.cost` equals
  /// the sum of their weights (to a relative 1e-9); otherwise the reason. O(n + k).
  public static func verify(_ solution: SteinerSolution, for instance: SteinerInstance) -> String? {
    let n = instance.nodeCount
    let m = min(instance.edgeU.count, instance.edgeV.count, instance.edgeWeight.count)
    var used = [Bool](repeating: false, count: m)
    var sets = DisjointSets(count: max(n, 0))
    var cost = 0.0
    for e32 in solution.edges {
      let e = Int(e32)
      guard e >= 0 && e < m else { return "edge index \(e) out of range 0..<\(m)" }
      guard !used[e] else { return "edge \(e) listed twice" }
      used[e] = true
      let u = Int(instance.edgeU[e]), v = Int(instance.edgeV[e])
      guard u >= 0 && u < n && v >= 0 && v < n else { return "edge \(e) has an endpoint out of range" }
      guard sets.union(u, v) else { return "edge \(e) closes a cycle" }
      cost += instance.edgeWeight[e]
    }
    let tolerance = 1e-9 * max(1, abs(cost))
    guard abs(cost - solution.cost) <= tolerance else {
      return "cost \(solution.cost) differs from the edge sum \(cost)"
    }
    guard solution.lowerBound <= solution.cost + tolerance else {
      return "lower bound \(solution.lowerBound) exceeds cost \(solution.cost)"
    }
    let original = OriginalGraph(instance)
    let terminals = original.terminals
    guard let first = terminals.first else { return nil }
    let root = sets.find(Int(first))
    for t in terminals where sets.find(Int(t)) != root {
      return "terminal \(t) is not connected to terminal \(first)"
    }
    // One tree: every used edge lies in the terminals' component.
    for e in 0..<m where used[e] && sets.find(Int(instance.edgeU[e])) != root {
      return "edge \(e) is not connected to the terminals"
    }
    return nil
  }
}
