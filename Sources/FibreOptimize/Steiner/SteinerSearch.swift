import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// The search on a reduced problem: constructions and local search, a dual-ascent
/// bound, then rounds of perturbed restarts and recombinations (Uchoa & Werneck 2010,
/// HGP+LS style) until the work budget derived from the time limit is spent.
package struct SteinerSearch {
  package let problem: SteinerProblem
  package let options: SteinerOptions
  package let started: UInt64
  /// Work units (heap operations, roughly) per second of time limit.
  package static let workPerSecond = 6_000_000.0
  /// Work units of the vertex-set annealing (edges and nodes examined, plus a fixed
  /// charge per evaluation and move) per second, per thread, on this 2-core machine.
  package static let annealingWorkPerSecond = 250_000_000.0
  /// Steps of the exact subset DP (one addition and comparison each) allowed per
  /// second of time limit.
  package static let exactWorkPerSecond = 50_000_000.0

  /// Share of the time limit a later phase (the swap search) needs: the work and clock
  /// shares of the restarts and the annealing shrink by it.
  package let reserve: Double

  package init(_ problem: SteinerProblem, options: SteinerOptions, started: UInt64, reserve: Double = 0) {
    self.problem = problem
    self.options = options
    self.started = started
    self.reserve = reserve
  }

  package func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

  package struct Outcome { var tree: [Int32]; var cost: Double; var lowerBound: Double }

  /// The best tree so far (problem edge ids) and its cost.
  struct Incumbent {
    var tree: [Int32]
    var cost: Double

    func closes(_ bound: Double) -> Bool { cost <= bound + 1e-9 * max(1, cost) }

    /// Takes the elite pool's best tree (core edge ids) if it is cheaper.
    mutating func adopt(_ elite: ElitePool, coreEdge: [Int32]) {
      guard let e = elite.best, e.cost < cost - 1e-9 * max(1, cost) else { return }
      cost = e.cost
      tree = e.tree.map { coreEdge[Int($0)] }
    }
  }

  /// The problem left after reduced-cost elimination, with each core edge's problem
  /// edge id, and the pool of the best distinct core trees.
  struct Core {
    var problem: SteinerProblem
    var edge: [Int32]
    var elite = ElitePool(capacity: 8)
  }

  package mutating func run() -> Outcome {
    let p = problem
    guard p.terminals.count > 1, p.edgeCount > 0 else {
      return Outcome(tree: [], cost: 0, lowerBound: 0)
    }
    let m = p.edgeCount, n = p.nodeCount
    let fast = options.timeLimit <= 0
    // Few terminals left after the reductions: solve exactly, in at most about a fifth
    // of the time limit (the search would spend all of it and may still miss).
    if !fast, TerminalSubsetDP.fits(p, work: options.timeLimit * Self.exactWorkPerSecond) {
      let tree = TerminalSubsetDP(p).tree()
      let cost = p.cost(tree)
      return Outcome(tree: tree, cost: cost, lowerBound: cost)
    }
    let candidates = constructions(fast: fast)
    let deadline = fast ? UInt64.max : started + UInt64(options.clockSpan * 0.95e9)
    // On big graphs the descent from the first tree is the best use of work: a restart
    // costs as much and starts from a far worse tree. The work beyond the usual share
    // is taken from the restarts' budget below.
    let usual = fast ? 20 * (m + n) : 60 * (m + n)
    let lsBudget = fast ? usual : max(usual, Int(options.timeLimit * Self.workPerSecond) / 2)
    var ls = LocalSearch(p, weights: p.weight, budget: lsBudget)
    ls.deadline = deadline
    let first = ls.improve(candidates[0])
    let extraWork = max(0, (lsBudget - max(0, ls.budget)) - usual)
    var incumbent = Incumbent(tree: first, cost: p.cost(first))
    let dual = dualAscent(fast: fast)
    var lowerBound = dual.bound
    if fast || incumbent.closes(lowerBound) {
      return Outcome(tree: incumbent.tree, cost: incumbent.cost, lowerBound: min(lowerBound, incumbent.cost))
    }
    var core = reducedCore(dual: dual, incumbent: incumbent, candidates: candidates, deadline: deadline)
    restartRounds(&core, incumbent: &incumbent, lowerBound: lowerBound, deadline: deadline, spent: extraWork)
    if !incumbent.closes(lowerBound), options.annealingShare > 0, !core.elite.entries.isEmpty {
      annealing(&core, incumbent: &incumbent, lowerBound: lowerBound)
    }
    lowerBound = min(lowerBound, incumbent.cost)
    return Outcome(tree: incumbent.tree, cost: incumbent.cost, lowerBound: lowerBound)
  }

  /// The Voronoi tree and shortest-path trees from a few spread terminal roots,
  /// cheapest first.
  func constructions(fast: Bool) -> [[Int32]] {
    let p = problem
    let m = p.edgeCount, n = p.nodeCount
    var sp = ShortestPaths(nodeCount: n)
    var candidates: [[Int32]] = [p.voronoiTree(weights: p.weight, scratch: &sp)]
    let rootCount = fast ? max(1, min(6, 300_000 / (m + n))) : max(2, min(8, 400_000 / (m + n)))
    for r in 0..<rootCount {
      let root = p.terminals[(r * p.terminals.count) / rootCount]
      candidates.append(p.shortestPathTree(root: Int(root), weights: p.weight, scratch: &sp))
    }
    candidates.sort { p.cost($0) < p.cost($1) }
    return candidates
  }

  /// Dual ascent from a few terminal roots; the best bound is kept. The work floor
  /// lets small instances run it to completion.
  func dualAscent(fast: Bool) -> DualAscent {
    let p = problem
    let m = p.edgeCount, n = p.nodeCount
    let daWork = max(300_000, fast ? 20 * (m + n) : 100 * (m + n))
    let daRoots = fast || m + n > 100_000 ? 1 : min(3, p.terminals.count)
    var dual = DualAscent(p, root: Int(p.terminals[0]), workLimit: daWork)
    // Extra roots only while the clock allows (a safety net on a slow machine).
    for r in 1..<max(1, daRoots) where elapsed() < options.clockSpan * 0.4 {
      let other = DualAscent(p, root: Int(p.terminals[(r * p.terminals.count) / daRoots]), workLimit: daWork)
      if other.bound > dual.bound { dual = other }
    }
    return dual
  }

  /// Reduced-cost elimination: later searches only need edges that can be in a tree
  /// cheaper than the incumbent. The elite pool starts with the incumbent and the two
  /// best constructions, improved on the core.
  func reducedCore(dual: DualAscent, incumbent: Incumbent, candidates: [[Int32]], deadline: UInt64) -> Core {
    let p = problem
    let m = p.edgeCount, n = p.nodeCount
    let keep = dual.survivors(p, upperBound: incumbent.cost)
    let (coreProblem, coreEdge) = p.restricted(to: keep)
    var core = Core(problem: coreProblem, edge: coreEdge)
    var coreIndex = [Int32](repeating: -1, count: m)
    for (i, e) in coreEdge.enumerated() { coreIndex[Int(e)] = Int32(i) }
    if incumbent.tree.allSatisfy({ coreIndex[Int($0)] >= 0 }) {
      core.elite.insert(incumbent.tree.map { coreIndex[Int($0)] }, cost: incumbent.cost)
    }
    for c in candidates.prefix(2) where c.allSatisfy({ coreIndex[Int($0)] >= 0 }) {
      if elapsed() > options.clockSpan * 0.5 { break }
      var l = LocalSearch(coreProblem, weights: coreProblem.weight, budget: 20 * (m + n))
      l.deadline = deadline
      let t = l.improve(c.map { coreIndex[Int($0)] })
      core.elite.insert(t, cost: coreProblem.cost(t))
    }
    return core
  }

  /// Rounds of perturbed restarts and recombinations, two units a round, until the
  /// work budget of the time limit (less `spent`, the first descent's extra share) is
  /// spent or the tree meets the bound.
  func restartRounds(_ core: inout Core, incumbent: inout Incumbent, lowerBound: Double, deadline: UInt64,
                     spent: Int) {
    let totalWork = Int(options.timeLimit * (1 - reserve) * Self.workPerSecond)
    var work = spent
    var round = 0
    let units = 2
    var roundSeconds = 0.0
    // The clock (a safety net) leaves the annealing its share: on a busy machine the
    // rounds would otherwise take all of it, and unit-weight instances need the walk.
    let clockShare = 0.98 - (options.annealingShare > 0 ? min(0.5, options.annealingShare) : 0) - reserve
    while work < totalWork && elapsed() + roundSeconds < options.clockSpan * clockShare
            && round < (options.maxRounds ?? Int.max) {
      let roundStart = elapsed()
      defer { roundSeconds = max(roundSeconds * 0.5, elapsed() - roundStart) }
      let snapshot = core.elite, thisRound = round, seed = options.seed, coreProblem = core.problem
      let results = SearchUnit.runAll(count: units, threads: options.threads) { i in
        SearchUnit(core: coreProblem, seed: seed, round: thisRound, index: i, deadline: deadline).run(elite: snapshot)
      }
      for r in results {
        work += r.work
        core.elite.insert(r.tree, cost: r.cost)
      }
      round += 1
      incumbent.adopt(core.elite, coreEdge: core.edge)
      if incumbent.closes(lowerBound) { break }
    }
  }

  /// The restarts stall on plateaus of equal-cost trees (unit weights); a walk over
  /// Steiner-vertex sets crosses them. Paced by work, like the rounds; with `maxRounds`
  /// set the walk is sized by it too, so such runs never meet the clock.
  func annealing(_ core: inout Core, incumbent: inout Incumbent, lowerBound: Double) {
    let m = problem.edgeCount, n = problem.nodeCount
    let total = options.maxRounds.map { $0 * 100 * (m + n) }
      ?? Int(options.timeLimit * options.annealingShare * Self.annealingWorkPerSecond)
    let rounds = 4, units = 2
    let chunk = total / (rounds * units)
    guard chunk > 0 else { return }
    let annealDeadline = started + UInt64(options.clockSpan * (0.9 - reserve) * 1e9)
    for round in 0..<rounds where elapsed() < options.clockSpan * (0.9 - reserve) {
      let snapshot = core.elite, seed = options.seed, coreProblem = core.problem
      let results = SearchUnit.runAll(count: units, threads: options.threads) { i in
        let start = snapshot.entries[min(i, snapshot.entries.count - 1)].tree
        var walk = VertexSetAnnealing(coreProblem, budget: chunk,
                                      seed: seed ^ 0xA5A5_5A5A ^ (UInt64(round * units + i) &* 0x9E37_79B9_7F4A_7C15))
        walk.deadline = annealDeadline
        var t = walk.run(from: start)
        var polish = LocalSearch(coreProblem, weights: coreProblem.weight, budget: 30 * (m + n))
        polish.deadline = annealDeadline
        t = polish.improve(t)
        return SearchUnit.Result(tree: t, cost: coreProblem.cost(t), work: chunk)
      }
      for r in results { core.elite.insert(r.tree, cost: r.cost) }
      incumbent.adopt(core.elite, coreEdge: core.edge)
      if incumbent.closes(lowerBound) { break }
    }
  }
}

/// The best distinct trees found so far, cheapest first.
package struct ElitePool: Sendable {
  package let capacity: Int
  package var entries: [(tree: [Int32], cost: Double)] = []

  package init(capacity: Int) { self.capacity = capacity }

  package var best: (tree: [Int32], cost: Double)? { entries.first }

  package mutating func insert(_ tree: [Int32], cost: Double) {
    guard !tree.isEmpty else { return }
    let sorted = tree.sorted()
    if entries.contains(where: { $0.cost == cost && $0.tree == sorted }) { return }
    if entries.count >= capacity, let worst = entries.last, worst.cost <= cost { return }
    let at = entries.firstIndex { $0.cost > cost } ?? entries.count
    entries.insert((sorted, cost), at: at)
    if entries.count > capacity { entries.removeLast() }
  }
}
