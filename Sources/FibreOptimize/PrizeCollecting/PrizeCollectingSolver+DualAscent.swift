import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// Lower bound for the PCSTP by dual ascent (Wong 1984) on rooted transformations.
  ///
  /// With the prize vertices t1, t2, … in decreasing prize order, every tree has a first
  /// member t_i; it then avoids t1…t(i−1) (paying their prizes) and is a tree rooted at t_i.
  /// That rooted problem is exactly the SAP of the standard transformation (arc v→v' of
  /// cost 0, arc t_i→v' of cost p(v) for every later prize vertex v, Ljubić 2004;
  /// Rehfeldt & Koch 2018), so OPT = min_i [Σ_{j<i} p(t_j) + SAP_i] ≥ min_i [Σ_{j<i} p(t_j) +
  /// DA_i], and a tree with no prize vertex costs at least Σ p. Dual ascent is a valid
  /// bound at every step, so each DA_i may stop once the term can no longer be the minimum,
  /// and the loop stops once Σ_{j<i} p(t_j) alone reaches it.
  ///
  /// Work (arcs examined) is counted, not timed, so the bound does not depend on the
  /// machine; the first root always gets `firstRootWork`, so the bound is positive
  /// whenever that root's ascent can raise any dual.
  package struct DualAscent {
    package let g: Graph
    /// Reduced cost of the arc adjNode[k] → (owner of slot k).
    package var reduced: [Double]
    package var rootArc: [Double]
    package var deleted: [Bool]
    package var inCut: [Bool]
    package var component: [Int32] = []
    /// Arcs examined so far.
    package var work = 0
    /// Work the first root may always use, whatever the budget and the clock say.
    package static let firstRootWork = 2_000_000

    package init(_ g: Graph) {
      self.g = g
      reduced = [Double](repeating: 0, count: g.adjNode.count)
      rootArc = [Double](repeating: 0, count: g.nodeCount)
      deleted = [Bool](repeating: false, count: g.nodeCount)
      inCut = [Bool](repeating: false, count: g.nodeCount)
    }

    /// The bound, at most `upper`, after about `workLimit` arcs examined (the first root
    /// excepted, see `firstRootWork`). `expired`, the clock's safety net, is asked between
    /// whole dual-ascent steps of later roots; either way the bound so far (still valid)
    /// is returned.
    package mutating func bound(upper: Double, workLimit: Int, expired: () -> Bool) -> Double {
      let prize = g.prize
      var order: [Int32] = []
      for v in 0..<g.nodeCount where prize[v] > 0 { order.append(Int32(v)) }
      order.sort { (a: Int32, b: Int32) -> Bool in
        let pa = prize[Int(a)], pb = prize[Int(b)]
        return pa != pb ? pa > pb : a < b
      }
      var best = upper
      var paid = 0.0  // Σ prizes of the vertices excluded so far
      for (i, r) in order.enumerated() {
        if paid >= best { return best }
        let first = i == 0
        let stop = first ? max(workLimit, Self.firstRootWork) : workLimit
        if work >= stop || (!first && expired()) { return min(best, paid) }
        let da = rooted(at: Int(r), terminals: order[(i + 1)...], stopAt: best - paid, workStop: stop,
                        expired: { !first && expired() })
        best = min(best, paid + da)
        paid += g.prize[Int(r)]
        deleted[Int(r)] = true
      }
      return min(best, paid)
    }

    /// Dual ascent for the SAP rooted at `root` over non-deleted vertices; terminals are
    /// the prize vertices after it, each with its root arc of cost p(v). Round robin over
    /// active terminals, each step saturating the cheapest arc into one terminal's cut.
    /// Stops (still valid) once `work` reaches `workStop` or `expired` answers true.
    /// O(steps · (cut size + arcs into it)).
    package mutating func rooted(at root: Int, terminals: ArraySlice<Int32>, stopAt: Double, workStop: Int = .max,
                                 expired: () -> Bool) -> Double {
      work += reduced.count
      for v in 0..<g.nodeCount {
        for k in Int(g.start[v])..<Int(g.start[v + 1]) { reduced[k] = g.weight[Int(g.adjEdge[k])] }
      }
      for t in terminals { rootArc[Int(t)] = g.prize[Int(t)] }
      var active = Array(terminals)
      var lower = 0.0
      var steps = 0
      while !active.isEmpty && lower < stopAt {
        var still: [Int32] = []
        for t in active {
          steps += 1
          if work >= workStop || (steps & 15 == 0 && expired()) { return lower }
          if lower >= stopAt { break }
          if step(terminal: Int(t), root: root, lower: &lower) { still.append(t) }
        }
        active = still
      }
      return lower
    }

    /// One ascent step on the cut of `t`; false once `t` is connected to the root.
    package mutating func step(terminal t: Int, root: Int, lower: inout Double) -> Bool {
      if rootArc[t] <= 0 { return false }
      // The cut's inside: vertices reaching t over saturated arcs.
      component.removeAll(keepingCapacity: true)
      component.append(Int32(t)); inCut[t] = true
      var i = 0, reachedRoot = false
      while i < component.count {
        let v = Int(component[i]); i += 1
        work += Int(g.start[v + 1] - g.start[v])
        for k in Int(g.start[v])..<Int(g.start[v + 1]) where reduced[k] <= 0 {
          let w = Int(g.adjNode[k])
          if inCut[w] || deleted[w] { continue }
          if w == root { reachedRoot = true; break }
          inCut[w] = true; component.append(Int32(w))
        }
        if reachedRoot { break }
      }
      var delta = rootArc[t]
      if !reachedRoot {
        work += 2 * component.count
        for v in component {
          for k in Int(g.start[Int(v)])..<Int(g.start[Int(v) + 1]) {
            let w = Int(g.adjNode[k])
            if !inCut[w] && !deleted[w] && reduced[k] < delta { delta = reduced[k] }
          }
        }
        for v in component {
          for k in Int(g.start[Int(v)])..<Int(g.start[Int(v) + 1]) {
            let w = Int(g.adjNode[k])
            if !inCut[w] && !deleted[w] { reduced[k] -= delta }
          }
        }
        rootArc[t] -= delta
        lower += delta
      }
      for v in component { inCut[Int(v)] = false }
      return !reachedRoot && rootArc[t] > 0
    }
  }
}

extension PrizeCollectingSolver.DualAscent {
  /// Degree bound: a tree of two or more vertices pays, for each vertex it spans, at
  /// least half its cheapest incident edge (every tree edge is shared by two ends), and
  /// the prize of each vertex it leaves out; a one-vertex tree pays all prizes but its
  /// own. So OPT ≥ min(Σ p − max p, Σ_v min(p(v), c_min(v)/2)). Cheap, never 0 when all
  /// edges and prizes are positive; the floor under the dual-ascent bound. O(n + m).
  package static func degreeBound(_ g: PrizeCollectingSolver.Graph) -> Double {
    var spread = 0.0, top = 0.0
    for v in 0..<g.nodeCount {
      var cheapest = Double.infinity
      for k in Int(g.start[v])..<Int(g.start[v + 1]) { cheapest = min(cheapest, g.weight[Int(g.adjEdge[k])]) }
      spread += min(g.prize[v], cheapest / 2)
      top = max(top, g.prize[v])
    }
    return min(g.totalPrize - top, spread)
  }
}
