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
    /// Iterated local search stops after this many rounds without a new best, which keeps
    /// small instances reproducible regardless of machine speed.
    package var stallLimit = 400
    package var roundLimit = 200_000

    package init(instance: SteinerInstance, usableEdges: [Int32], prizes: [Double], root: Int32?,
         options: SteinerOptions, clock: ContinuousClock.Instant) {
      self.instance = instance
      self.prizes = prizes
      self.root = root
      self.options = options
      self.clock = clock
      reduced = Reduction(instance: instance, usableEdges: usableEdges, prizes: prizes, root: root)
    }

    package var elapsed: Double { durationSeconds(ContinuousClock.now - clock) }

    package mutating func solve() -> (edges: [Int32], lowerBound: Double) {
      let g = reduced.graph
      var search = Search(g)
      search.vertexMovesOnly = options.vertexMovesOnly
      // Time split: first descent up to 60 %, then the bound up to 75 % (at least 10 % of
      // the limit of its own), the rest for the iterated search.
      let limit = options.timeLimit
      search.stopAt = limit > 0 ? clock.advanced(by: .seconds(limit * 0.6)) : nil
      var rng = SplitMix(seed: options.seed)
      var best = search.improve(construct(g, search: &search, weight: g.weight, prize: g.prize))
      var bound = lowerBound(upper: best.objective, deadline: max(limit * 0.75, min(limit, elapsed + limit * 0.1)))
      search.stopAt = limit > 0 ? clock.advanced(by: .seconds(limit)) : nil
      // With integral data the optimum is integral, so the bound may be rounded up.
      let integral = g.weight.allSatisfy { $0 == $0.rounded() } && g.prize.allSatisfy { $0 == $0.rounded() }
        && prizes.allSatisfy { $0 == $0.rounded() }
      if integral { bound = (bound - 1e-6).rounded(.up) }
      let target = bound - reduced.offset
      if options.timeLimit > 0 && best.objective > target + search.eps {
        best = iterate(from: best, search: &search, rng: &rng, target: target)
      }
      return (reduced.originalEdges(of: best.edges), bound)
    }

    /// Primal-dual growth with the given (possibly perturbed) costs, then strong pruning
    /// with the true costs.
    package func construct(_ g: Graph, search: inout Search, weight: [Double], prize: [Double]) -> Tree {
      let forest = growthForest(g, weight: weight, prize: prize)
      var members = Set<Int32>()
      for e in forest { members.insert(g.edgeU[Int(e)]); members.insert(g.edgeV[Int(e)]) }
      if let top = g.prize.indices.max(by: { g.prize[$0] < g.prize[$1] }) { members.insert(Int32(top)) }
      return search.ws.strongPrune(forest: forest, members: members.sorted())
    }

    /// Iterated local search: perturb the current tree (drop a ball of vertices, graft a
    /// shortest path to a missing prize vertex, or regrow from perturbed costs), descend,
    /// accept when not worse. Time is checked only between whole rounds.
    /// Stops early once the objective reaches `target` (a proven bound).
    package func iterate(from start: Tree, search: inout Search, rng: inout SplitMix, target: Double) -> Tree {
      let g = search.g
      var best = start, cur = start
      var stall = 0, rounds = 0
      let prizeVertices = (0..<Int32(g.nodeCount)).filter { g.prize[Int($0)] > 0 }
      let stallLimit = min(self.stallLimit, 40 + 4 * prizeVertices.count)
      let roundLimit = options.maxRounds.map { max(0, $0) } ?? self.roundLimit
      while stall < stallLimit && rounds < roundLimit && elapsed < options.timeLimit
              && best.objective > target + search.eps {
        rounds += 1
        var next: Tree
        switch rng.next() % 3 {
        case 0: next = dropBall(cur, search: &search, rng: &rng)
        case 1: next = graftPath(cur, prizeVertices: prizeVertices, search: &search, rng: &rng)
        default:
          var w = g.weight, p = g.prize
          for i in w.indices { w[i] *= 1 + 0.4 * Double(rng.next() % 1024) / 1024 }
          for i in p.indices where p[i] > 0 { p[i] *= 0.8 + 0.4 * Double(rng.next() % 1024) / 1024 }
          if let r = reduced.root { p[Int(r)] = g.prize[Int(r)] }
          next = construct(g, search: &search, weight: w, prize: p)
        }
        next = search.improve(next)
        if next.objective < best.objective - search.eps { best = next; stall = 0 } else { stall += 1 }
        if next.objective <= cur.objective + search.eps { cur = next } else if stall % 50 == 49 { cur = best }
      }
      return best
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
  /// Dual-ascent bound on the reduced graph plus the prizes the reductions set aside;
  /// stops (still valid) at `deadline` seconds.
  package func lowerBound(upper: Double, deadline: Double) -> Double {
    var da = PrizeCollectingSolver.DualAscent(reduced.graph)
    let b = da.bound(upper: upper) { elapsed >= deadline }
    // Guard the floating-point sum of many small ascent steps.
    return max(0, b * (1 - 1e-12)) + reduced.offset
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
