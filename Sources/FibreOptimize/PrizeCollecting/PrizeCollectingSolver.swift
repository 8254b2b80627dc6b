import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Prize-collecting Steiner tree (PCSTP, DIMACS 2014 objective: cost of the tree's edges
/// plus the prizes of the vertices it does not span). Pipeline: reductions, primal-dual
/// growth with strong pruning, local search with seeded perturbation, vertex-set
/// annealing and elite recombination, and a dual-ascent lower bound.
public enum PrizeCollectingSolver {
  /// Best tree found within `options.timeLimit` (seconds; 0 = one construction plus one
  /// local search), its DIMACS objective and a certified lower bound. The search runs
  /// until the bound is reached or its work budget (counted work, `Run.workPerSecond` per
  /// second of the limit) is spent, so it is deterministic for a given seed unless the
  /// clock's safety net at the limit stops it first (a much slower or loaded machine).
  /// Edges that are self-loops, name nodes out of range or carry a negative or
  /// non-finite weight are ignored; missing or negative prizes count as 0.
  public static func solve(_ instance: SteinerInstance, options: SteinerOptions = .init()) -> SteinerSolution {
    solve(instance, root: nil, options: options)
  }

  /// As `solve(_:options:)`, but the tree must contain `root` (the POP in planning). A root
  /// out of range is ignored.
  public static func solve(_ instance: SteinerInstance, root: Int32?, options: SteinerOptions = .init()) -> SteinerSolution {
    let clock = ContinuousClock.now
    let n = instance.nodeCount
    guard n > 0 else { return SteinerSolution(edges: [], cost: 0, lowerBound: 0, seconds: 0) }
    let root = root.flatMap { $0 >= 0 && Int($0) < n ? $0 : nil }
    let prizes = cleanPrizes(instance)
    var usable: [Int32] = []
    for e in 0..<instance.edgeCount {
      let u = instance.edgeU[e], v = instance.edgeV[e], w = instance.edgeWeight[e]
      if u >= 0, v >= 0, Int(u) < n, Int(v) < n, u != v, w.isFinite, w >= 0 { usable.append(Int32(e)) }
    }
    var run = Run(instance: instance, usableEdges: usable, prizes: prizes, root: root,
                  options: options, clock: clock)
    var (edges, lowerBound) = run.solve()
    var cost = objective(edges: edges, prizes: prizes, weights: instance.edgeWeight,
                         edgeU: instance.edgeU, edgeV: instance.edgeV, root: root)
    // Reductions may delete the best one-vertex tree; it is always a candidate.
    let alone = objective(edges: [], prizes: prizes, weights: instance.edgeWeight,
                          edgeU: instance.edgeU, edgeV: instance.edgeV, root: root)
    if alone < cost {
      edges = []
      cost = alone
    }
    lowerBound = min(lowerBound, alone)
    let seconds = durationSeconds(ContinuousClock.now - clock)
    return SteinerSolution(edges: edges.sorted(), cost: cost, lowerBound: min(lowerBound, cost), seconds: seconds)
  }

  /// DIMACS objective of a tree given by edge indices: edge costs plus the prizes of the
  /// vertices no edge touches. With no edges the tree is the single vertex of largest
  /// prize (the best one-vertex tree). An edge index out of range gives +∞. O(n + |edges|).
  public static func objective(edges: [Int32], instance: SteinerInstance) -> Double {
    objective(edges: edges, prizes: cleanPrizes(instance), weights: instance.edgeWeight,
              edgeU: instance.edgeU, edgeV: instance.edgeV, root: nil)
  }

  /// As `objective(edges:instance:)`; with no edges the tree is `{root}`.
  public static func objective(edges: [Int32], instance: SteinerInstance, root: Int32) -> Double {
    objective(edges: edges, prizes: cleanPrizes(instance), weights: instance.edgeWeight,
              edgeU: instance.edgeU, edgeV: instance.edgeV, root: root)
  }

  /// nil when `s` is valid: edge indices in range and distinct, the edges form one tree,
  /// `cost` equals the recomputed objective and `lowerBound ≤ cost`. Otherwise the reason.
  /// O(n + |edges|).
  public static func verify(_ s: SteinerSolution, for instance: SteinerInstance) -> String? {
    verify(s, for: instance, root: nil)
  }

  /// As `verify(_:for:)`, and the tree must span `root`.
  public static func verify(_ s: SteinerSolution, for instance: SteinerInstance, root: Int32?) -> String? {
    let n = instance.nodeCount
    var seen = Set<Int32>()
    var sets = DisjointSets(count: max(n, 1))
    var spanned = Set<Int32>()
    for e in s.edges {
      guard e >= 0, Int(e) < instance.edgeCount else { return "edge index \(e) out of range 0..<\(instance.edgeCount)" }
      guard seen.insert(e).inserted else { return "edge \(e) listed twice" }
      let u = instance.edgeU[Int(e)], v = instance.edgeV[Int(e)]
      guard u >= 0, v >= 0, Int(u) < n, Int(v) < n else { return "edge \(e) names a node out of range" }
      guard sets.union(Int(u), Int(v)) else { return "edge \(e) (\(u)-\(v)) closes a cycle" }
      spanned.insert(u); spanned.insert(v)
    }
    if !s.edges.isEmpty && spanned.count != s.edges.count + 1 {
      return "edges form \(spanned.count - s.edges.count) components, not one tree"
    }
    if let root, !s.edges.isEmpty, !spanned.contains(root) { return "tree does not span root \(root)" }
    let expected = root.map { objective(edges: s.edges, instance: instance, root: $0) }
      ?? objective(edges: s.edges, instance: instance)
    let tolerance = 1e-9 * max(1, abs(expected))
    if abs(expected - s.cost) > tolerance { return "cost \(s.cost) differs from the objective \(expected)" }
    if s.lowerBound > s.cost + tolerance { return "lower bound \(s.lowerBound) exceeds cost \(s.cost)" }
    return nil
  }

  package static func cleanPrizes(_ instance: SteinerInstance) -> [Double] {
    (0..<instance.nodeCount).map { i in
      i < instance.prizes.count && instance.prizes[i].isFinite ? max(0, instance.prizes[i]) : 0
    }
  }

  package static func objective(edges: [Int32], prizes: [Double], weights: [Double], edgeU: [Int32], edgeV: [Int32],
                        root: Int32?) -> Double {
    let n = prizes.count
    if edges.isEmpty {
      guard n > 0 else { return 0 }
      let keep = root.map(Int.init) ?? (prizes.indices.max { prizes[$0] < prizes[$1] } ?? 0)
      var total = 0.0
      for v in 0..<n where v != keep { total += prizes[v] }
      return total
    }
    var spanned = [Bool](repeating: false, count: n)
    var total = 0.0
    for e in edges {
      guard e >= 0 && Int(e) < weights.count && Int(e) < edgeU.count && Int(e) < edgeV.count else { return .infinity }
      total += weights[Int(e)]
      let u = edgeU[Int(e)], v = edgeV[Int(e)]
      if u >= 0 && Int(u) < n { spanned[Int(u)] = true }
      if v >= 0 && Int(v) < n { spanned[Int(v)] = true }
    }
    for v in 0..<n where !spanned[v] { total += prizes[v] }
    return total
  }

  package static func durationSeconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
