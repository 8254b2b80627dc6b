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

  package init(_ problem: SteinerProblem, options: SteinerOptions, started: UInt64) {
    self.problem = problem
    self.options = options
    self.started = started
  }

  package func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

  package struct Outcome { var tree: [Int32]; var cost: Double; var lowerBound: Double }

  package mutating func run() -> Outcome {
    let p = problem
    guard p.terminals.count > 1, p.edgeCount > 0 else {
      return Outcome(tree: [], cost: 0, lowerBound: 0)
    }
    let m = p.edgeCount, n = p.nodeCount
    let fast = options.timeLimit <= 0
    var sp = ShortestPaths(nodeCount: n)
    var candidates: [[Int32]] = [p.voronoiTree(weights: p.weight, scratch: &sp)]
    let rootCount = fast ? max(1, min(6, 300_000 / (m + n))) : max(2, min(8, 400_000 / (m + n)))
    for r in 0..<rootCount {
      let root = p.terminals[(r * p.terminals.count) / rootCount]
      candidates.append(p.shortestPathTree(root: Int(root), weights: p.weight, scratch: &sp))
    }
    candidates.sort { p.cost($0) < p.cost($1) }
    var best = candidates[0]
    let deadline = fast ? UInt64.max : started + UInt64(options.timeLimit * 0.95e9)
    var ls = LocalSearch(p, weights: p.weight, budget: fast ? 20 * (m + n) : 60 * (m + n))
    ls.deadline = deadline
    best = ls.improve(best)
    var bestCost = p.cost(best)

    // Dual ascent from a few terminal roots; the best bound is kept. The work floor
    // lets small instances run it to completion.
    let daWork = max(300_000, fast ? 20 * (m + n) : 100 * (m + n))
    let daRoots = fast || m + n > 100_000 ? 1 : min(3, p.terminals.count)
    var dual = DualAscent(p, root: Int(p.terminals[0]), workLimit: daWork)
    // Extra roots only while the clock allows (a safety net on a slow machine).
    for r in 1..<max(1, daRoots) where elapsed() < options.timeLimit * 0.4 {
      let other = DualAscent(p, root: Int(p.terminals[(r * p.terminals.count) / daRoots]), workLimit: daWork)
      if other.bound > dual.bound { dual = other }
    }
    var lowerBound = dual.bound
    if fast || bestCost <= lowerBound + 1e-9 * max(1, bestCost) {
      return Outcome(tree: best, cost: bestCost, lowerBound: min(lowerBound, bestCost))
    }

    // Reduced-cost elimination: later searches only need edges that can be in a tree
    // cheaper than the incumbent.
    let keep = dual.survivors(p, upperBound: bestCost)
    let (core, coreEdge) = p.restricted(to: keep)
    var coreIndex = [Int32](repeating: -1, count: m)
    for (i, e) in coreEdge.enumerated() { coreIndex[Int(e)] = Int32(i) }
    var elite = ElitePool(capacity: 8)
    let bestInCore = best.allSatisfy { coreIndex[Int($0)] >= 0 }
    if bestInCore { elite.insert(best.map { coreIndex[Int($0)] }, cost: bestCost) }
    for c in candidates.prefix(2) where c.allSatisfy({ coreIndex[Int($0)] >= 0 }) {
      if elapsed() > options.timeLimit * 0.5 { break }
      var l = LocalSearch(core, weights: core.weight, budget: 20 * (m + n))
      l.deadline = deadline
      let t = l.improve(c.map { coreIndex[Int($0)] })
      elite.insert(t, cost: core.cost(t))
    }

    let totalWork = Int(options.timeLimit * Self.workPerSecond)
    var work = 0
    var round = 0
    let units = 2
    var roundSeconds = 0.0
    while work < totalWork && elapsed() + roundSeconds < options.timeLimit * 0.98
            && round < (options.maxRounds ?? Int.max) {
      let roundStart = elapsed()
      defer { roundSeconds = max(roundSeconds * 0.5, elapsed() - roundStart) }
      let snapshot = elite, thisRound = round, seed = options.seed
      let results = SearchUnit.runAll(count: units, threads: options.threads) { i in
        SearchUnit(core: core, seed: seed, round: thisRound, index: i, deadline: deadline).run(elite: snapshot)
      }
      for r in results {
        work += r.work
        elite.insert(r.tree, cost: r.cost)
      }
      round += 1
      if let e = elite.best, e.cost < bestCost - 1e-9 * max(1, bestCost) {
        bestCost = e.cost
        best = e.tree.map { coreEdge[Int($0)] }
        if bestCost <= lowerBound + 1e-9 * max(1, bestCost) { break }
      }
    }
    annealing: if bestCost > lowerBound + 1e-9 * max(1, bestCost), options.annealingShare > 0,
                  !elite.entries.isEmpty {
      // The restarts above stall on plateaus of equal-cost trees (unit weights); a walk
      // over Steiner-vertex sets crosses them. Paced by work, like the rounds above; with
      // `maxRounds` set the walk is sized by it too, so such runs never meet the clock.
      let total = options.maxRounds.map { $0 * 100 * (m + n) }
        ?? Int(options.timeLimit * options.annealingShare * Self.annealingWorkPerSecond)
      let rounds = 4, units = 2
      let chunk = total / (rounds * units)
      guard chunk > 0 else { break annealing }
      let annealDeadline = started + UInt64(options.timeLimit * 0.9e9)
      for round in 0..<rounds where elapsed() < options.timeLimit * 0.9 {
        let snapshot = elite, seed = options.seed
        let results = SearchUnit.runAll(count: units, threads: options.threads) { i in
          let start = snapshot.entries[min(i, snapshot.entries.count - 1)].tree
          var walk = VertexSetAnnealing(core, budget: chunk,
                                        seed: seed ^ 0xA5A5_5A5A ^ (UInt64(round * units + i) &* 0x9E37_79B9_7F4A_7C15))
          walk.deadline = annealDeadline
          var t = walk.run(from: start)
          var polish = LocalSearch(core, weights: core.weight, budget: 30 * (m + n))
          polish.deadline = annealDeadline
          t = polish.improve(t)
          return SearchUnit.Result(tree: t, cost: core.cost(t), work: chunk)
        }
        for r in results { elite.insert(r.tree, cost: r.cost) }
        if let e = elite.best, e.cost < bestCost - 1e-9 * max(1, bestCost) {
          bestCost = e.cost
          best = e.tree.map { coreEdge[Int($0)] }
          if bestCost <= lowerBound + 1e-9 * max(1, bestCost) { break }
        }
      }
    }
    lowerBound = min(lowerBound, bestCost)
    return Outcome(tree: best, cost: bestCost, lowerBound: lowerBound)
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
