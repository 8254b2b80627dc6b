import Dispatch
import Foundation

/// One plan on the cost–coverage curve.
public struct CoveragePoint: Sendable, Equatable {
  public var capex: Double
  public var households: Int
  /// EUR per household offered as prize when this plan was found (0 for greedy plans).
  public var lambda: Double
}

/// The trees a coverage run settles on, in local edge ids of its `CoverageGraph`.
struct CoverageChoice {
  var edges: [Int32]
  var capex: Double
  var households: Int
  var method: String
}

/// Chooses which households to connect when money is short: a prize-collecting Steiner
/// tree with a price per household (Goemans–Williamson growth and local search, see
/// PrizeCollectingSolver), searched over the price to meet a budget, then topped up
/// greedily; and never worse than connecting the cheapest households first.
enum CoveragePlanner {
  static func choose(_ g: CoverageGraph, mode: CoverageMode, options: CoverageOptions,
                     steiner: SteinerOptions) -> CoverageChoice {
    switch mode {
    case .full:
      preconditionFailure("full coverage is routed by the Steiner engine")
    case .budget(let budget):
      // The cheapest-first greedy plan is both a baseline and a floor.
      var best = greedy(g, from: [], budget: budget, threshold: nil, siteWeight: options.siteWeight)
      best.method = "greedy"
      var lo = 0.0, hi = max(1, g.weight.reduce(0, +))
      var lambda = hi / 1_000_000
      // Bisection on the price per household, in log space (the cost of a PCST tree grows
      // with the price).
      for step in 0..<18 {
        if step > 0 { lambda = lo > 0 ? (lo * hi).squareRoot() : lambda * 16 }
        if lambda >= hi { lambda = (lo + hi) / 2 }
        let tree = prizeTree(g, lambda: lambda, options: options, steiner: steiner)
        let capex = g.cost(tree)
        if capex <= budget {
          lo = lambda
          var filled = greedy(g, from: tree, budget: budget, threshold: nil, siteWeight: options.siteWeight)
          filled.method = "prize-collecting"
          if filled.households > best.households || (filled.households == best.households && filled.capex < best.capex) {
            best = filled
          }
        } else {
          hi = lambda
        }
        if hi / max(lo, 1e-9) < 1.02 { break }
      }
      return best
    case .maxCostPerHome(let threshold):
      let tree = prizeTree(g, lambda: threshold, options: options, steiner: steiner)
      var choice = greedy(g, from: tree, budget: nil, threshold: threshold, siteWeight: options.siteWeight)
      choice.method = "prize-collecting"
      return choice
    }
  }

  /// A rooted prize-collecting tree at `lambda` EUR per household.
  static func prizeTree(_ g: CoverageGraph, lambda: Double, options: CoverageOptions, steiner: SteinerOptions) -> [Int32] {
    let instance = g.prizeInstance(lambda: lambda, siteWeight: options.siteWeight)
    let solution = PrizeCollectingSolver.solve(instance, root: g.root, options: steiner)
    return solution.edges
  }

  /// Grows `start` by whole shortest paths to the demand with the lowest cost per
  /// household first, while the budget allows (and, with a threshold, while a path costs
  /// at most `threshold` per household). Distances come from one multi-source Dijkstra per
  /// round; a path's real cost only drops as the tree grows, so the budget always holds.
  static func greedy(_ g: CoverageGraph, from start: [Int32], budget: Double?, threshold: Double?,
                     siteWeight: Double) -> CoverageChoice {
    let n = g.nodeCount
    var inTree = [Bool](repeating: false, count: n)
    var edgeInTree = [Bool](repeating: false, count: g.graph.edgeCount)
    inTree[Int(g.root)] = true
    var edges = start
    for e in start {
      edgeInTree[Int(e)] = true
      inTree[Int(g.graph.edgeU[Int(e)])] = true
      inTree[Int(g.graph.edgeV[Int(e)])] = true
    }
    var spent = g.cost(start)
    var paths = ShortestPaths(nodeCount: n)
    for _ in 0..<64 {
      paths.reset()
      for v in 0..<n where inTree[v] { paths.seed(v, label: Int32(v)) }
      _ = paths.run(g.graph, weights: g.weight)
      var candidates: [(ratio: Double, node: Int32)] = []
      for v in 0..<n where !inTree[v] && paths.dist[v].isFinite {
        let worth = Double(g.households[v]) + siteWeight * Double(g.sites[v])
        guard worth > 0 else { continue }
        candidates.append((paths.dist[v] / worth, Int32(v)))
      }
      candidates.sort { ($0.ratio, $0.node) < ($1.ratio, $1.node) }
      var added = false
      for (_, c) in candidates {
        var cost = 0.0
        var x = Int(c)
        var path: [Int32] = []
        while !inTree[x] {
          let e = Int(paths.predEdge[x])
          if e < 0 { break }
          path.append(Int32(e))
          cost += g.weight[e]
          x = g.graph.opposite(e, x)
        }
        guard inTree[x] else { continue }
        let worth = Double(g.households[Int(c)]) + siteWeight * Double(g.sites[Int(c)])
        if let threshold, cost > threshold * worth { continue }
        if let budget, spent + cost > budget { continue }
        for e in path where !edgeInTree[Int(e)] {
          edgeInTree[Int(e)] = true
          edges.append(e)
          inTree[Int(g.graph.edgeU[Int(e)])] = true
          inTree[Int(g.graph.edgeV[Int(e)])] = true
        }
        spent += cost
        added = true
      }
      if !added { break }
    }
    return CoverageChoice(edges: edges.sorted(), capex: g.cost(edges), households: g.households(spannedBy: edges),
                          method: "greedy")
  }

  /// Points of the cost–coverage curve: prize-collecting plans over a geometric sweep of
  /// prices around the full plan's cost per household, solved in parallel (results by
  /// index, so the curve does not depend on thread timing), plus the full plan, reduced
  /// to their upper envelope so that more capex never shows fewer households.
  static func curve(_ g: CoverageGraph, full: CoveragePoint, options: CoverageOptions,
                    steiner: SteinerOptions) -> [CoveragePoint] {
    let k = options.curvePoints
    guard k >= 2, full.households > 0 else { return [full] }
    let average = full.capex / Double(full.households)
    let low = average / 30, high = average * 30
    let fast = SteinerOptions(timeLimit: 0, threads: 1, seed: steiner.seed)
    var points = [CoveragePoint](repeating: CoveragePoint(capex: 0, households: 0, lambda: 0), count: k)
    nonisolated(unsafe) var slots = points
    let threads = max(1, steiner.threads)
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      var i = worker
      while i < k {
        let lambda = low * pow(high / low, Double(i) / Double(k - 1))
        let tree = prizeTree(g, lambda: lambda, options: options, steiner: fast)
        slots[i] = CoveragePoint(capex: g.cost(tree), households: g.households(spannedBy: tree), lambda: lambda)
        i += threads
      }
    }
    points = slots
    points.append(CoveragePoint(capex: 0, households: Int(g.households[Int(g.root)]), lambda: 0))
    points.append(full)
    return upperEnvelope(points)
  }

  /// Keeps the points not dominated by a cheaper plan with at least as many households.
  static func upperEnvelope(_ points: [CoveragePoint]) -> [CoveragePoint] {
    let sorted = points.sorted { ($0.capex, -$0.households) < ($1.capex, -$1.households) }
    var result: [CoveragePoint] = []
    for p in sorted where p.households > (result.last?.households ?? -1) {
      result.append(p)
    }
    return result
  }

  /// Cost of adding each node to the tree as built (multi-source Dijkstra from the
  /// tree), connection costs included.
  static func marginalCosts(_ g: CoverageGraph, tree: [Int32]) -> [Double] {
    var paths = ShortestPaths(nodeCount: g.nodeCount)
    paths.seed(Int(g.root), label: g.root)
    for e in tree {
      paths.seed(Int(g.graph.edgeU[Int(e)]), label: 0)
      paths.seed(Int(g.graph.edgeV[Int(e)]), label: 0)
    }
    _ = paths.run(g.graph, weights: g.weight)
    return paths.dist
  }
}
