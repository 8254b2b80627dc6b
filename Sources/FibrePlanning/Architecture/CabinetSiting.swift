import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Chooses which candidate street nodes get a cabinet: capacitated facility location
/// with every assignment solved exactly by min-cost flow, improved by first-improvement
/// local search over close, swap and open moves (Kuehn & Hamburger 1963; Korupolu,
/// Plaxton & Rajaraman 2000 for the capacitated open/close/swap neighbourhood).
package struct CabinetSiting: Sendable {
  package var tree: RootedTree
  /// Candidate cabinet nodes; facilities are positions in this list.
  package var candidates: [Int32]
  /// Node and fibres of each home (group).
  package var demandNode: [Int32]
  package var supply: [Int32]
  /// Each home is offered its `k` nearest open cabinets within `bound` metres.
  package var k: Int
  package var bound: Double
  package var perFibreMetre: Double
  package var unservedCost: Double
  /// Fibres one cabinet can take.
  package var capacity: Int32
  /// Every candidate's k nearest candidates, for proposing moves only.
  package var proposals: NearestCandidates
  /// Candidates that stay open whatever the cost (pinned cabinets).
  package var pinned: [Int32] = []
  /// Local-search trials evaluated side by side (the result does not depend on it).
  package var threads: Int = 1
  /// Search scratch the evaluations' flows reuse.
  let searchScratch = TransportationProblem.SearchScratchPool()
  /// The cost of an open set and its flow, as the plan it would build, and what the
  /// next price may reuse, given what the reference evaluation's price left (`memo`).
  package var price: @Sendable (_ open: [Int32], _ problem: TransportationProblem, _ flow: TransportationSolution,
                                _ memo: (any Sendable)?) -> (cost: Double, memo: (any Sendable)?)

  package struct Evaluation: Sendable {
    package var open: [Int32]
    package var problem: TransportationProblem
    package var solution: TransportationSolution
    package var cost: Double
    package var memo: (any Sendable)? = nil
    /// The problem's groups by facility, for the moves tried from this evaluation
    /// (`improve` sets it on each evaluation it moves from).
    package var facilityGroups: TransportationProblem.SharedGroupsByFacility? = nil
  }

  /// The transportation problem of an open set: each home's k nearest open cabinets.
  /// - Complexity: O(k · tree · log(k · tree)).
  package func problem(open: [Int32]) -> TransportationProblem {
    let near = NearestCandidates(tree: tree, candidates: open.map { candidates[Int($0)] }, k: k, bound: bound)
    var arcStart: [Int32] = [0], arcFacility: [Int32] = [], arcCost: [Double] = []
    arcStart.reserveCapacity(demandNode.count + 1)
    arcFacility.reserveCapacity(demandNode.count * near.k)
    arcCost.reserveCapacity(demandNode.count * near.k)
    for v in demandNode {
      for i in near.labelRange(of: v) {
        arcFacility.append(open[Int(near.source[i])]); arcCost.append(near.distance[i] * perFibreMetre)
      }
      arcStart.append(Int32(arcFacility.count))
    }
    return TransportationProblem(supply: supply, arcStart: arcStart, arcFacility: arcFacility, arcCost: arcCost,
                                 facilityCount: candidates.count, unservedCost: unservedCost)
  }

  /// The transportation problem of `open` (sorted) from that of `reference`, when they
  /// differ in one or two cabinets: only homes within `bound` of a changed one can gain
  /// or lose an arc, so only they are labelled again, on the part of the tree within
  /// twice the bound of the changed cabinets (which holds every candidate within the
  /// bound of such a home, and its path), by the same passes; the rest keep their arcs.
  /// The same problem as `problem(open:)`, and the groups labelled again; nil when more
  /// cabinets changed.
  /// - Complexity: O(k² · that part of the tree + arcs).
  package func problem(open: [Int32], from reference: Evaluation)
    -> (problem: TransportationProblem, relabelled: [Int32], changed: [Int32])? {
    var changed: [Int32] = []
    var i = 0, j = 0
    let old = reference.open
    while i < open.count || j < old.count {
      if j == old.count || (i < open.count && open[i] < old[j]) { changed.append(open[i]); i += 1 }
      else if i == open.count || old[j] < open[i] { changed.append(old[j]); j += 1 }
      else { i += 1; j += 1 }
      if changed.count > 2 { return nil }
    }
    guard !changed.isEmpty else { return nil }
    // Metres are summed along other paths than the labels' own: a metre of margin.
    let metres = tree.metres(from: changed.map { candidates[Int($0)] }, within: 2 * bound + 1)
    let region = metres.indices.compactMap { metres[$0] <= 2 * bound + 1 ? Int32($0) : nil }
    var sources: [(node: Int32, label: Int32)] = []
    for (label, c) in open.enumerated() {
      let v = candidates[Int(c)]
      if tree.isOnTree(v), metres[Int(tree.preorderPosition[Int(v)])] <= 2 * bound + 1 { sources.append((v, Int32(label))) }
    }
    let near = NearestCandidates(tree: tree, region: region, sources: sources, k: k, bound: bound)
    let (made, relabelled) = spliced(reference.problem, open: open, near: near) { g, v in
      let position = tree.isOnTree(v) ? Int(tree.preorderPosition[Int(v)]) : -1
      return position >= 0 && metres[position] <= bound + 1 ? position : nil
    }
    return (made, relabelled, changed)
  }

  /// The problem `p` with the arcs of the groups `relabel` names a tree position for
  /// (`near`'s region) made again from `near`'s labels; the other groups' arcs are
  /// copied in runs, not group by group (a move relabels a few hundred of the homes).
  private func spliced(_ p: TransportationProblem, open: [Int32], near: NearestCandidates,
                       relabel: (Int, Int32) -> Int?) -> (TransportationProblem, [Int32]) {
    var arcStart: [Int32] = [0], arcFacility: [Int32] = [], arcCost: [Double] = []
    var relabelled: [Int32] = []
    arcStart.reserveCapacity(demandNode.count + 1)
    arcFacility.reserveCapacity(p.arcFacility.count + demandNode.count)
    arcCost.reserveCapacity(p.arcFacility.count + demandNode.count)
    // Arcs of p from `copyFrom` on are not copied yet; a copied group's arcs start
    // `shift` later than in p.
    var copyFrom = 0, shift: Int32 = 0
    for (g, v) in demandNode.enumerated() {
      guard let position = relabel(g, v) else {
        arcStart.append(p.arcStart[g + 1] + shift)
        continue
      }
      let upTo = Int(p.arcStart[g])
      arcFacility.append(contentsOf: p.arcFacility[copyFrom..<upTo]); arcCost.append(contentsOf: p.arcCost[copyFrom..<upTo])
      copyFrom = Int(p.arcStart[g + 1])
      relabelled.append(Int32(g))
      for a in near.labelRange(atRegionIndex: Int(near.position[position])) {
        arcFacility.append(open[Int(near.source[a])]); arcCost.append(near.distance[a] * perFibreMetre)
      }
      shift = Int32(arcFacility.count) - p.arcStart[g + 1]
      arcStart.append(Int32(arcFacility.count))
    }
    let end = Int(p.arcStart[demandNode.count])
    arcFacility.append(contentsOf: p.arcFacility[copyFrom..<end]); arcCost.append(contentsOf: p.arcCost[copyFrom..<end])
    let made = TransportationProblem(supply: supply, arcStart: arcStart, arcFacility: arcFacility, arcCost: arcCost,
                                     facilityCount: candidates.count, unservedCost: unservedCost)
    return (made, relabelled)
  }

  /// Cost of opening `open` (candidate positions) with the optimal assignment; when it
  /// differs from `reference` in a cabinet or two, its problem is made from the
  /// reference's and its flow solved from the reference's flow.
  /// - Complexity: one labelling, one `TransportationProblem.solve`, one `price`.
  package func evaluate(_ open: [Int32], from reference: Evaluation? = nil) -> Evaluation {
    let sorted = Array(Set(open + pinned)).sorted()
    var caps = [Int32](repeating: 0, count: candidates.count)
    for c in sorted { caps[Int(c)] = capacity }
    if let reference, let made = problem(open: sorted, from: reference) {
      let opened = made.changed.filter { caps[Int($0)] > 0 }
      let s = made.problem.solve(capacity: caps, from: reference.problem, reference.solution,
                                 relabelled: made.relabelled, opened: opened, pool: searchScratch,
                                 referenceGroups: reference.facilityGroups)
        ?? made.problem.solve(capacity: caps, pool: searchScratch)
      let priced = price(sorted, made.problem, s, reference.memo)
      return Evaluation(open: sorted, problem: made.problem, solution: s, cost: priced.cost, memo: priced.memo)
    }
    let p = problem(open: sorted)
    let s = p.solve(capacity: caps, pool: searchScratch)
    let priced = price(sorted, p, s, reference?.memo)
    return Evaluation(open: sorted, problem: p, solution: s, cost: priced.cost, memo: priced.memo)
  }

  /// First-improvement local search from `start`, trying at most `maxMoves` moves.
  /// Close moves first (a cabinet fewer is the biggest saving), then swaps to the
  /// candidates near the cabinet and its homes, then opening a candidate near the
  /// unserved or the most expensive homes. Never closes the last cabinet.
  /// - Complexity: O(maxMoves) evaluations.
  package func improve(from start: Evaluation, maxMoves: Int, width: Int = 6) -> Evaluation {
    var best = start
    var moves = 0
    var improved = true
    while improved && moves < maxMoves {
      improved = false
      // Every move below is tried from `best`: its groups by facility are built once,
      // by the first that needs them.
      if best.facilityGroups == nil { best.facilityGroups = .init(best.problem) }
      // Least-loaded cabinets first: they are the likeliest to close.
      let byLoad = best.open.sorted { (best.solution.load[Int($0)], $0) < (best.solution.load[Int($1)], $1) }
      if best.open.count > 1 {
        let closes = byLoad.filter { !pinned.contains($0) }.map { c in best.open.filter { $0 != c } }
        if let trial = firstImproving(closes, on: best, moves: &moves, maxMoves: maxMoves) {
          best = trial; improved = true; continue
        }
      }
      for c in best.open where moves < maxMoves && !pinned.contains(c) {
        let swaps = neighbourCandidates(of: c, in: best, width: width).map { n in best.open.map { $0 == c ? n : $0 } }
        if let trial = firstImproving(swaps, on: best, moves: &moves, maxMoves: maxMoves) {
          best = trial; improved = true; break
        }
      }
      if improved { continue }
      let opens = openingCandidates(best, width: width).map { best.open + [$0] }
      if let trial = firstImproving(opens, on: best, moves: &moves, maxMoves: maxMoves) {
        best = trial; improved = true
      }
    }
    return best
  }

  /// The first of `trials` (in order) that beats `best`, each counted as a move until
  /// `maxMoves`. Trials are evaluated `threads` at a time side by side; whatever is
  /// evaluated past the first improving one is discarded, so the answer and the move
  /// count are those of trying them one by one.
  func firstImproving(_ trials: [[Int32]], on best: Evaluation, moves: inout Int, maxMoves: Int) -> Evaluation? {
    var next = 0
    while next < trials.count && moves < maxMoves {
      let batch = min(max(threads, 1), trials.count - next, maxMoves - moves)
      let first = next
      let evaluated = orderedParallelMap(batch, threads: threads) { evaluate(trials[first + $0], from: best) }
      for trial in evaluated {
        moves += 1
        if trial.cost < best.cost - 1e-6 { return trial }
      }
      next += batch
    }
    return nil
  }

  /// Closed candidates near cabinet `c` and near its homes, most fibres first.
  package func neighbourCandidates(of c: Int32, in e: Evaluation, width: Int) -> [Int32] {
    var isOpen = [Bool](repeating: false, count: candidates.count)
    for o in e.open { isOpen[Int(o)] = true }
    var seen: [Int32: Int] = [:]
    for (n, _) in proposals.labels(of: candidates[Int(c)]) where !isOpen[Int(n)] { seen[n, default: 0] += 1 << 20 }
    let p = e.problem
    for g in 0..<p.groupCount {
      let range = Int(p.arcStart[g])..<Int(p.arcStart[g + 1])
      guard range.contains(where: { e.solution.arcFlow[$0] > 0 && p.arcFacility[$0] == c }) else { continue }
      for (n, _) in proposals.labels(of: demandNode[g]) where !isOpen[Int(n)] { seen[n, default: 0] += Int(p.supply[g]) }
    }
    return top(seen, width)
  }

  /// Closed candidates near unserved homes, else near the homes paying the most.
  package func openingCandidates(_ e: Evaluation, width: Int) -> [Int32] {
    var isOpen = [Bool](repeating: false, count: candidates.count)
    for o in e.open { isOpen[Int(o)] = true }
    let p = e.problem
    var groups = (0..<p.groupCount).filter { e.solution.unserved[$0] > 0 }
    if groups.isEmpty {
      var paying: [(Double, Int)] = []
      for g in 0..<p.groupCount {
        var c = 0.0
        for a in Int(p.arcStart[g])..<Int(p.arcStart[g + 1]) { c += Double(e.solution.arcFlow[a]) * p.arcCost[a] }
        paying.append((c, g))
      }
      paying.sort { $0 > $1 }
      groups = paying.prefix(64).map(\.1)
    }
    var seen: [Int32: Int] = [:]
    for g in groups {
      for (n, _) in proposals.labels(of: demandNode[g]) where !isOpen[Int(n)] { seen[n, default: 0] += Int(p.supply[g]) }
    }
    return top(seen, width)
  }

  private func top(_ seen: [Int32: Int], _ width: Int) -> [Int32] {
    seen.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(width).map(\.key)
  }
}
