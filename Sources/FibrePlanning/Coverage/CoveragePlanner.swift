import Dispatch
import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// One plan on the cost–coverage curve.
public struct CoveragePoint: Sendable, Equatable {
  public var capex: Double
  public var households: Int
  /// EUR per household offered as prize when this plan was found (0 for greedy plans).
  public var lambda: Double
}

/// The trees a coverage run settles on, in local edge ids of its `CoverageGraph`.
package struct CoverageChoice {
  package var edges: [Int32]
  package var capex: Double
  package var households: Int
  package var method: String
}

/// Chooses which households to connect when money is short: a prize-collecting Steiner
/// tree with a price per household (Goemans–Williamson growth and local search, see
/// PrizeCollectingSolver), searched over the price to meet a budget, then topped up
/// greedily; and never worse than connecting the cheapest households first.
package enum CoveragePlanner {
  /// `peeling` is the build order of the full-coverage tree (see `TreePeeling`): it gives
  /// a first plan for any budget and the price at which to start the search.
  package static func choose(_ g: CoverageGraph, mode: CoverageMode, options: CoverageOptions,
                     steiner: SteinerOptions, peeling: TreePeeling) -> CoverageChoice {
    let started = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
    func better(_ a: CoverageChoice, than b: CoverageChoice) -> Bool {
      a.households > b.households || (a.households == b.households && a.capex < b.capex)
    }
    switch mode {
    case .full:
      preconditionFailure("full coverage is routed by the Steiner engine")
    case .budget(let budget):
      // The cheapest-first greedy plan is both a baseline and a floor.
      var best = greedy(g, from: [], budget: budget, threshold: nil, siteWeight: options.siteWeight)
      best.method = "greedy"
      // The full tree built in order of households per euro until the money runs out.
      let (prefix, lambda0) = prefix(of: peeling, budget: budget)
      var pruned = greedy(g, from: prefix, budget: budget, threshold: nil, siteWeight: options.siteWeight)
      pruned.method = "pruned full tree"
      if better(pruned, than: best) { best = pruned }
      // Prize-collecting trees at a price per household, searched by bisection in log
      // space (the cost of a PCST tree grows with the price) from the price at which the
      // pruned tree stops, for as long as the time limit allows (one step at limit 0).
      var lo = 0.0, hi = max(1, g.weight.reduce(0, +))
      var lambda = min(max(lambda0, hi / 1_000_000), hi / 2)
      for step in 0..<18 {
        if step > 0 {
          if elapsed() >= steiner.timeLimit { break }
          lambda = lo > 0 ? (lo * hi).squareRoot() : lambda / 4
        }
        let remaining = max(0, steiner.timeLimit - elapsed())
        var stepOptions = SteinerOptions(timeLimit: min(remaining, max(0, steiner.timeLimit / 6)),
                                         threads: steiner.threads, seed: steiner.seed)
        stepOptions.vertexMovesOnly = steiner.timeLimit == 0
        let tree = prizeTree(g, lambda: lambda, options: options, steiner: stepOptions)
        let capex = g.cost(tree)
        if capex <= budget {
          lo = lambda
          var filled = greedy(g, from: tree, budget: budget, threshold: nil, siteWeight: options.siteWeight)
          filled.method = "prize-collecting"
          if better(filled, than: best) { best = filled }
        } else {
          hi = lambda
        }
        if hi / max(lo, 1e-9) < 1.02 { break }
      }
      return best
    case .maxCostPerHome(let threshold):
      var quick = steiner
      quick.vertexMovesOnly = steiner.timeLimit == 0
      let tree = prizeTree(g, lambda: threshold, options: options, steiner: quick)
      var choice = greedy(g, from: tree, budget: nil, threshold: threshold, siteWeight: options.siteWeight)
      choice.method = "prize-collecting"
      // The full tree's best start for the same objective (capex − threshold × worth),
      // which a quick PCSTP descent can miss when almost every home pays for itself.
      var run = 0.0, bestValue = 0.0, bestEnd = 0
      for i in 1..<max(1, peeling.order.count) {
        run += threshold * peeling.worth[i] - peeling.edgeCost[i]
        if run > bestValue + 1e-9 { bestValue = run; bestEnd = i }
      }
      let start = bestEnd > 0 ? Array(peeling.edge[1...bestEnd]).sorted() : []
      var pruned = greedy(g, from: start, budget: nil, threshold: threshold, siteWeight: options.siteWeight)
      pruned.method = "pruned full tree"
      func objective(_ c: CoverageChoice) -> Double { c.capex - threshold * Double(c.households) }
      if objective(pruned) < objective(choice) - 1e-6 { choice = pruned }
      return choice
    }
  }

  /// The longest start of the build order that fits the budget, and the euros per
  /// household of the part that no longer fits (the price where the search starts).
  package static func prefix(of peeling: TreePeeling, budget: Double) -> (edges: [Int32], eurPerHousehold: Double) {
    var spent = 0.0
    var edges: [Int32] = []
    var i = 1
    while i < peeling.order.count && spent + peeling.edgeCost[i] <= budget {
      spent += peeling.edgeCost[i]
      edges.append(peeling.edge[i])
      i += 1
    }
    // Price of the next stretch that brings households: its cost over its worth.
    var cost = 0.0, worth = 0.0
    while i < peeling.order.count && worth == 0 {
      cost += peeling.edgeCost[i]
      worth += peeling.worth[i]
      i += 1
    }
    return (edges.sorted(), worth > 0 ? cost / worth : 1)
  }

  /// A rooted prize-collecting tree at `lambda` EUR per household.
  package static func prizeTree(_ g: CoverageGraph, lambda: Double, options: CoverageOptions, steiner: SteinerOptions) -> [Int32] {
    let instance = g.prizeInstance(lambda: lambda, siteWeight: options.siteWeight)
    let solution = PrizeCollectingSolver.solve(instance, root: g.root, options: steiner)
    return solution.edges
  }

  /// Grows `start` by whole shortest paths to the demand with the lowest cost per
  /// household first, while the budget allows (and, with a threshold, while a path costs
  /// at most `threshold` per household). Distances come from one multi-source Dijkstra per
  /// round; a path's real cost only drops as the tree grows, so the budget always holds.
  package static func greedy(_ g: CoverageGraph, from start: [Int32], budget: Double?, threshold: Double?,
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

  /// Points of the cost–coverage curve: the full tree built in order of households per
  /// euro (every prefix is a plan from the POP), sampled at `curvePoints` even steps of
  /// capex, plus any plans found elsewhere, reduced to their upper envelope so that more
  /// capex never shows fewer households.
  package static func curve(_ g: CoverageGraph, peeling: TreePeeling, full: CoveragePoint, extra: [CoveragePoint],
                    options: CoverageOptions) -> [CoveragePoint] {
    let k = options.curvePoints
    guard k >= 2, full.households > 0 else { return upperEnvelope([full] + extra) }
    // Every prefix at which households grow.
    var steps: [CoveragePoint] = []
    var capex = 0.0, households = Int(peeling.households.first ?? 0)
    steps.append(CoveragePoint(capex: 0, households: households, lambda: 0))
    for i in 1..<max(1, peeling.order.count) {
      capex += peeling.edgeCost[i]
      if peeling.households[i] > 0 {
        households += Int(peeling.households[i])
        steps.append(CoveragePoint(capex: capex, households: households, lambda: 0))
      }
    }
    // Sample: the last prefix within each even step of capex.
    var points: [CoveragePoint] = [steps[0]]
    var j = 0
    for s in 1..<k {
      let target = full.capex * Double(s) / Double(k - 1)
      while j + 1 < steps.count && steps[j + 1].capex <= target + 1e-9 { j += 1 }
      var p = steps[j]
      if let last = points.last, p.households > last.households {
        p.lambda = (p.capex - last.capex) / Double(p.households - last.households)
      }
      points.append(p)
    }
    return upperEnvelope(points + [full] + extra)
  }

  /// Keeps the points not dominated by a cheaper plan with at least as many households.
  package static func upperEnvelope(_ points: [CoveragePoint]) -> [CoveragePoint] {
    let sorted = points.sorted { ($0.capex, -$0.households) < ($1.capex, -$1.households) }
    var result: [CoveragePoint] = []
    for p in sorted where p.households > (result.last?.households ?? -1) {
      result.append(p)
    }
    return result
  }

  /// Cost of adding each node to the tree as built (multi-source Dijkstra from the
  /// tree), connection costs included.
  package static func marginalCosts(_ g: CoverageGraph, tree: [Int32]) -> [Double] {
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
