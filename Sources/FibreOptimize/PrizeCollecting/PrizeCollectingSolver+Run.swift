import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// The engine's seeded generator (see SplitMix64).
  package typealias SplitMix = SplitMix64

  /// One solve: reduce, construct, improve, perturb, bound, map back.
  package struct Run {
    package let instance: SteinerInstance
    package let prizes: [Double]
    package let root: Int32?
    package let options: SteinerOptions
    package let clock: ContinuousClock.Instant
    package let reduced: Reduction
    /// `countingBound` of the instance (nil unless the usable edges' costs are within a
    /// factor 2).
    package let countingBound: Double?
    /// Work units (elements examined, see `Workspace.work`) per second of time limit on
    /// the 2-core machine: the search stops on counted work, so a seed gives the same tree
    /// on any machine; the clock is only a safety net at the limit.
    package static let workPerSecond = 45_000_000.0
    /// Iterated local search restarts from the elite pool after this many rounds without
    /// a new best (it never stops on stagnation while the bound is not reached).
    package var stallLimit = 400
    /// Work units and iterated-search rounds of the last `solve()`, for calibrating
    /// `workPerSecond` (Benchmarks measure them against CPU time).
    package private(set) var spent = (work: 0, rounds: 0)

    package init(instance: SteinerInstance, usableEdges: [Int32], prizes: [Double], root: Int32?,
         options: SteinerOptions, clock: ContinuousClock.Instant) {
      self.instance = instance
      self.prizes = prizes
      self.root = root
      self.options = options
      self.clock = clock
      reduced = Reduction(instance: instance, usableEdges: usableEdges, prizes: prizes, root: root)
      countingBound = PrizeCollectingSolver.countingBound(
        nodeCount: instance.nodeCount, edgeU: instance.edgeU, edgeV: instance.edgeV, weight: instance.edgeWeight,
        usableEdges: usableEdges, prizes: prizes)
    }

    package var elapsed: Double { durationSeconds(ContinuousClock.now - clock) }

    /// The descent's work at limit 0: enough for whole passes of every move on instances
    /// up to some thousands of vertices, while on a town's coverage graph (tens of
    /// thousands) it stops a descent whose vertex elimination alone would take seconds.
    static func limitZeroWork(_ g: Graph) -> Int { max(20_000_000, 200 * (g.adjNode.count + g.nodeCount)) }

    package mutating func solve() -> (edges: [Int32], lowerBound: Double) {
      let g = reduced.graph
      var search = Search(g)
      search.vertexMovesOnly = options.vertexMovesOnly
      // Work split: first descent up to 60 %, the bound up to 15 %, the rest (and all the
      // descent left unused) for the iterated search. Limit 0: one descent, a short bound.
      let limit = options.timeLimit
      // The Steiner polish (below) gets its share of the limit; the rest is counted work.
      let budget = limit > 0 ? Int(min(limit * (1 - Self.polishShare) * Self.workPerSecond, 1e15)) : Int.max
      search.stopAt = limit > 0 ? clock.advanced(by: .seconds(limit)) : nil
      search.workStop = limit > 0 ? budget / 10 * 6 : Self.limitZeroWork(g)
      var rng = SplitMix(seed: options.seed)
      var best = search.improve(construct(g, search: &search, weight: g.weight, prize: g.prize))
      let boundWork = limit > 0 ? budget / 100 * 15 : max(1_000_000, 30 * g.adjNode.count)
      var bound = max(lowerBound(upper: best.objective, workLimit: boundWork, search: &search), countingBound ?? 0)
      // With integral data the optimum is integral, so the bound may be rounded up.
      let integral = g.weight.allSatisfy { $0 == $0.rounded() } && g.prize.allSatisfy { $0 == $0.rounded() }
        && prizes.allSatisfy { $0 == $0.rounded() }
      if integral { bound = (bound - 1e-6).rounded(.up) }
      let target = bound - reduced.offset
      if limit > 0 && best.objective > target + search.eps {
        search.workStop = budget
        (best, spent.rounds) = iterate(from: best, search: &search, rng: &rng, target: target)
      }
      if limit > 0 && best.objective > target + search.eps {
        best = steinerPolish(best, search: &search, seconds: limit * Self.polishShare)
      }
      if limit > 0 && options.pacing == .clock && best.objective > target + search.eps {
        // Half of what the clock leaves goes to one longer Steiner solve over the best
        // tree's prize vertices (another seed): the Steiner engine keeps improving large
        // terminal sets with time (all 512 even vertices of the unit 10-cube: 584 edges
        // at 0.7 s, 578 at 2 s, 576 at 5 s).
        let left = limit * 0.99 - elapsed
        let terminals = prizeTerminals(of: best, in: g)
        if left > 0 && terminals.count > 2 {
          let tree = steinerTree(spanning: terminals, search: &search, seconds: left / 2, seed: options.seed &+ 1)
          if tree.objective < best.objective - search.eps { best = tree }
        }
        best = searchOnTheClock(from: best, search: search, target: target)
      }
      spent.work = search.ws.work
      return (reduced.originalEdges(of: best.edges), bound)
    }

    /// Share of a positive time limit given to `steinerPolish`.
    package static let polishShare = 0.2

    /// Steiner polish: a set of prize vertices becomes the terminal set of a Steiner
    /// problem on the reduced graph, which the Steiner engine solves (counted work, so
    /// deterministic); the descent then adds or drops prize vertices around that tree.
    /// Its reductions, swap search and annealing connect a fixed terminal set better than
    /// vertex moves do: on the unit-cost 8-cube with prize 2 on the even vertices the
    /// descent ended at 157, while the Steiner engine spans every even vertex with 148
    /// edges in 1 s. Three sets, `seconds` / 3 each: the prize vertices of `start`, every
    /// prize vertex of its component, and those of the tree that the first two gave.
    /// Never worse than `start`.
    func steinerPolish(_ start: Tree, search: inout Search, seconds: Double) -> Tree {
      let g = search.g
      guard let seed = start.vertices.first else { return start }
      var best = start
      var tried: [[Int32]] = []
      for round in 0..<3 {
        let terminals = round == 1 ? search.prizeVertices(reachableFrom: seed)
          : prizeTerminals(of: best, in: g)
        // Only the clock's safety net stops it here: the counted work is spent by now.
        guard terminals.count > 2, !tried.contains(terminals),
              search.stopAt.map({ ContinuousClock.now < $0 }) ?? true else { continue }
        tried.append(terminals)
        let tree = steinerTree(spanning: terminals, search: &search, seconds: seconds / 3)
        if tree.objective < best.objective - search.eps { best = tree }
      }
      return best
    }

    /// The prize vertices of `tree`, sorted: the terminals of its Steiner polish.
    func prizeTerminals(of tree: Tree, in g: Graph) -> [Int32] {
      tree.vertices.filter { g.prize[Int($0)] > 0 }.sorted()
    }

    /// The Steiner engine's tree over `terminals` (connected in the reduced graph), then
    /// a short descent with a fresh allowance of counted work.
    func steinerTree(spanning terminals: [Int32], search: inout Search, seconds: Double, seed: UInt64? = nil) -> Tree {
      let g = search.g
      let spg = SteinerInstance(nodeCount: g.nodeCount, edgeU: g.edgeU, edgeV: g.edgeV, edgeWeight: g.weight,
                                terminals: terminals)
      var spgOptions = SteinerOptions(timeLimit: seconds, threads: options.threads, seed: seed ?? options.seed)
      spgOptions.maxRounds = options.maxRounds
      // Paced by its counted work; only this search's own safety net may stop it.
      spgOptions.clockLimit = max(seconds, options.timeLimit - elapsed)
      let tree = SteinerSolver.solve(spg, options: spgOptions)
      var vertices: [Int32] = []
      func add(_ x: Int32) {
        if !search.inSet[Int(x)] { search.inSet[Int(x)] = true; vertices.append(x) }
      }
      for e in tree.edges { add(g.edgeU[Int(e)]); add(g.edgeV[Int(e)]) }
      search.setMembers(vertices, false)
      search.ws.work += 10 * (g.adjNode.count + g.nodeCount)
      search.workStop = search.ws.work + Int(seconds * 0.25 * Self.workPerSecond)
      return search.improve(search.evaluate(vertices.isEmpty ? [terminals[0]] : vertices))
    }

    /// Clock pacing, after the counted work: one iterated search per thread, each with
    /// its own seed, from `best` until the clock reaches 99 % of the limit (the rest is
    /// for mapping back and verifying) or a tree meets `target`. The best tree wins, the
    /// lowest thread index on ties.
    func searchOnTheClock(from best: Tree, search: Search, target: Double) -> Tree {
      // Each search copies the search state (tens of bytes per vertex), and searches
      // beyond the cores would only share them, so there are at most as many as cores.
      let threads = max(1, min(options.threads, ProcessInfo.processInfo.activeProcessorCount))
      var start = search
      start.workStop = .max
      start.stopAt = clock.advanced(by: .seconds(options.timeLimit * 0.99))
      guard !start.expired else { return best }
      // Each worker copies the search state before it writes.
      let run = self, first = start
      let seed = options.seed
      let trees = orderedParallelMap(threads, threads: threads) { i -> Tree in
        var s = first
        var rng = SplitMix(seed: seed &+ 0x9E37_79B9 &* UInt64(i + 1))
        return run.iterate(from: best, search: &s, rng: &rng, target: target).best
      }
      return trees.reduce(best) { $1.objective < $0.objective - search.eps ? $1 : $0 }
    }

    /// Primal-dual growth with the given (possibly perturbed) costs, then strong pruning
    /// with the true costs.
    package func construct(_ g: Graph, search: inout Search, weight: [Double], prize: [Double]) -> Tree {
      let forest = growthForest(g, weight: weight, prize: prize)
      search.ws.work += 8 * (g.adjNode.count + g.nodeCount)  // growth's heap events, roughly
      var members = Set<Int32>()
      for e in forest { members.insert(g.edgeU[Int(e)]); members.insert(g.edgeV[Int(e)]) }
      if let top = g.prize.indices.max(by: { g.prize[$0] < g.prize[$1] }) { members.insert(Int32(top)) }
      return search.ws.strongPrune(forest: forest, members: members.sorted())
    }

    /// Iterated local search: perturb the current tree (drop a ball of vertices, graft a
    /// shortest path to a missing prize vertex, an annealing walk on the vertex set, regrow
    /// from perturbed costs, or recombine two elite trees), descend, accept when not
    /// worse. After `stallLimit` rounds without a new best it restarts from a
    /// recombination of the elite pool instead of stopping.
    /// Stops when the work budget is spent (`search.expired`), after `options.maxRounds`
    /// rounds, or once the objective reaches `target` (a proven bound). Returns the best
    /// tree and the rounds run.
    package func iterate(from start: Tree, search: inout Search, rng: inout SplitMix,
                         target: Double) -> (best: Tree, rounds: Int) {
      var best = start, cur = start
      var elite = TreePool(capacity: 8)
      elite.insert(start)
      var stall = 0, rounds = 0
      let prizeVertices = (0..<Int32(search.g.nodeCount)).filter { search.g.prize[Int($0)] > 0 }
      let stallLimit = min(self.stallLimit, 40 + 4 * prizeVertices.count)
      let roundLimit = options.maxRounds.map { max(0, $0) } ?? Int.max
      while rounds < roundLimit && !search.expired && best.objective > target + search.eps {
        rounds += 1
        var next = perturb(cur, elite: elite, prizeVertices: prizeVertices, search: &search, rng: &rng)
        next = search.improve(next)
        elite.insert(next)
        if next.objective < best.objective - search.eps { best = next; stall = 0 } else { stall += 1 }
        if next.objective <= cur.objective + search.eps { cur = next } else if stall % 50 == 49 { cur = best }
        if stall > 0 && stall % stallLimit == 0 {
          // Stagnation: restart from a recombination of two elite trees (or a regrowth).
          cur = search.improve(restart(elite: elite, search: &search, rng: &rng))
          elite.insert(cur)
          if cur.objective < best.objective - search.eps { best = cur; stall = 0 }
        }
      }
      return (best, rounds)
    }

    /// One perturbation of `cur`, chosen by the generator.
    package func perturb(_ cur: Tree, elite: TreePool, prizeVertices: [Int32], search: inout Search,
                         rng: inout SplitMix) -> Tree {
      switch rng.next() % 8 {
      case 0, 1: return dropBall(cur, search: &search, rng: &rng)
      case 2, 3: return graftPath(cur, prizeVertices: prizeVertices, search: &search, rng: &rng)
      case 4 where !elite.trees.isEmpty: return recombine(cur, elite.random(&rng), search: &search)
      case 5, 6:
        // Temperature: half the mean edge cost of the tree, so a typical worsening step is
        // taken about one time in eight at first.
        let g = search.g
        let mean = cur.edges.isEmpty ? (g.weight.max() ?? 1) : cur.edges.reduce(0) { $0 + g.weight[Int($1)] } / Double(cur.edges.count)
        // 4 moves per vertex, fewer on dense graphs where each deletion scans m edges.
        let moves = min(4 * g.nodeCount, 2_000_000 / max(1, g.edgeU.count))
        return search.anneal(from: cur, moves: max(64, moves), temperature: 0.5 * mean, rng: &rng)
      default: return regrow(search: &search, rng: &rng, noise: 0.4)
      }
    }

    /// Growth from costs and prizes scaled by seeded noise of relative size `noise`.
    package func regrow(search: inout Search, rng: inout SplitMix, noise: Double) -> Tree {
      let g = search.g
      var w = g.weight, p = g.prize
      for i in w.indices { w[i] *= 1 + noise * Double(rng.next() % 1024) / 1024 }
      for i in p.indices where p[i] > 0 { p[i] *= 1 - noise / 2 + noise * Double(rng.next() % 1024) / 1024 }
      if let r = reduced.root { p[Int(r)] = g.prize[Int(r)] }
      return construct(g, search: &search, weight: w, prize: p)
    }

    /// Restart point: two different elite trees recombined, else a strongly perturbed regrowth.
    package func restart(elite: TreePool, search: inout Search, rng: inout SplitMix) -> Tree {
      if elite.trees.count > 1 {
        let a = elite.random(&rng), b = elite.random(&rng)
        if a.vertices != b.vertices { return recombine(a, b, search: &search) }
      }
      return regrow(search: &search, rng: &rng, noise: 1.0)
    }

    /// Recombination (after Uchoa & Werneck's elite-pool crossover): the best tree on the
    /// union of two trees' vertex sets, which the descent then trims and extends.
    package func recombine(_ a: Tree, _ b: Tree, search: inout Search) -> Tree {
      var members = a.vertices
      search.setMembers(a.vertices, true)
      for v in b.vertices where !search.inSet[Int(v)] { members.append(v) }
      search.setMembers(a.vertices, false)
      return search.evaluate(members)
    }

    package func dropBall(_ cur: Tree, search: inout Search, rng: inout SplitMix) -> Tree {
      guard cur.vertices.count > 1 else { return cur }
      let g = search.g
      search.setMembers(cur.vertices, true)
      let radius = 1 + Int(rng.next() % UInt64(max(1, min(8, cur.vertices.count / 4))))
      var ball: [Int32] = [cur.vertices[Int(rng.next() % UInt64(cur.vertices.count))]]
      var removed = Set(ball)
      var i = 0
      while i < ball.count && ball.count < radius {
        let v = Int(ball[i]); i += 1
        for k in Int(g.start[v])..<Int(g.start[v + 1]) {
          let w = g.adjNode[k]
          if search.inSet[Int(w)] && !removed.contains(w) && ball.count < radius { removed.insert(w); ball.append(w) }
        }
      }
      search.setMembers(cur.vertices, false)
      if let r = reduced.root { removed.remove(r) }
      let rest = cur.vertices.filter { !removed.contains($0) }
      return rest.isEmpty ? cur : search.evaluate(rest)
    }

    package func graftPath(_ cur: Tree, prizeVertices: [Int32], search: inout Search, rng: inout SplitMix) -> Tree {
      guard !prizeVertices.isEmpty, !cur.vertices.isEmpty else { return cur }
      let target = Int(prizeVertices[Int(rng.next() % UInt64(prizeVertices.count))])
      search.setMembers(cur.vertices, true)
      if search.inSet[target] { search.setMembers(cur.vertices, false); return cur }
      search.dijkstra(from: cur.vertices, limit: .infinity) { _ in true }
      var grown = cur.vertices
      var v = target
      if search.dist[v] < .infinity {
        while !search.inSet[v] { grown.append(Int32(v)); v = search.g.other(Int(search.pred[v]), v) }
      }
      search.clearDijkstra()
      search.setMembers(cur.vertices, false)
      return search.evaluate(grown)
    }
  }
}

extension PrizeCollectingSolver.Run {
  /// Dual-ascent bound on the reduced graph plus the prizes the reductions set aside.
  /// Stops (still valid) after about `workLimit` arcs, which are charged to the search's
  /// work; the clock is a safety net at 90 % of the time limit. Never below the degree
  /// bound, so positive whenever edges and prizes are.
  package func lowerBound(upper: Double, workLimit: Int, search: inout PrizeCollectingSolver.Search) -> Double {
    var da = PrizeCollectingSolver.DualAscent(reduced.graph)
    let limit = options.timeLimit
    let b = da.bound(upper: upper, workLimit: workLimit) { limit > 0 && elapsed >= limit * 0.9 }
    search.ws.work += da.work
    let floor = min(upper, PrizeCollectingSolver.DualAscent.degreeBound(reduced.graph))
    // Guard the floating-point sum of many small ascent steps.
    return max(0, max(b, floor) * (1 - 1e-12)) + reduced.offset
  }
}

extension PrizeCollectingSolver {
  /// Objective of primal-dual growth + strong pruning alone (no reductions, no local
  /// search): the pcst_fast baseline, for benchmarks. O((m + r) log m).
  package static func growthObjective(_ instance: SteinerInstance) -> Double {
    let prizes = cleanPrizes(instance)
    let g = Graph(nodeCount: instance.nodeCount, edgeU: instance.edgeU, edgeV: instance.edgeV,
                  weight: instance.edgeWeight, prize: prizes)
    var ws = Workspace(g)
    let forest = growthForest(g, weight: g.weight, prize: g.prize)
    var members = Set<Int32>()
    for e in forest { members.insert(g.edgeU[Int(e)]); members.insert(g.edgeV[Int(e)]) }
    if let top = prizes.indices.max(by: { prizes[$0] < prizes[$1] }) { members.insert(Int32(top)) }
    return ws.strongPrune(forest: forest, members: members.sorted()).objective
  }
}

extension PrizeCollectingSolver {
  /// The best few distinct trees found (by objective, then insertion order), for
  /// recombination and restarts. Distinct means different vertex sets.
  package struct TreePool {
    package let capacity: Int
    package private(set) var trees: [Tree] = []
    /// Sorted vertex sets of `trees`, for the distinctness test.
    private var keys: [[Int32]] = []

    package init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds `t` unless the pool holds its vertex set or is full of better trees. O(k · |t|).
    package mutating func insert(_ t: Tree) {
      guard !t.vertices.isEmpty else { return }
      let worst = trees.indices.max { trees[$0].objective < trees[$1].objective }
      if trees.count >= capacity, let w = worst, trees[w].objective <= t.objective { return }
      let key = t.vertices.sorted()
      if keys.contains(key) { return }
      if trees.count >= capacity, let w = worst {
        trees[w] = t; keys[w] = key
      } else {
        trees.append(t); keys.append(key)
      }
    }

    /// A member chosen by the generator. Precondition: not empty.
    package func random(_ rng: inout SplitMix) -> Tree { trees[Int(rng.next() % UInt64(trees.count))] }
  }
}
