import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

public struct CostSharingOptions: Sendable {
  /// Up to this many municipalities the Shapley value is exact (every coalition's tree
  /// is solved: 2^n − 1 solves); beyond, it is estimated from sampled join orders.
  public var exactLimit = 12
  /// Join orders sampled beyond `exactLimit` (each costs up to n tree solves).
  public var samples = 64
  public var seed: UInt64 = 1
  /// Coalitions solved at once.
  public var threads = 2
  public init(exactLimit: Int = 12, samples: Int = 64, seed: UInt64 = 1, threads: Int = 2) {
    self.exactLimit = exactLimit
    self.samples = samples
    self.seed = seed
    self.threads = threads
  }
}

/// One municipality's line of the cost statement, in EUR.
public struct CostShare: Sendable, Equatable {
  public var name: String
  public var householdsConnected: Int
  public var trenchMetres: Double
  /// Its own households and sites connected from the shared POP, built alone.
  public var standAlone: Double
  public var proportionalHouseholds: Double
  public var proportionalTrench: Double
  public var shapley: Double
  /// 95 % interval when the Shapley value was sampled; nil when exact.
  public var shapleyLow: Double?
  public var shapleyHigh: Double?
  /// The Shapley share does not exceed the stand-alone cost.
  public var coreOK: Bool { shapley <= standAlone + 0.005 }
  public var savingVsStandAlone: Double { standAlone - shapley }
}

/// Who pays what for the joint plan, and why cooperating pays.
public struct CostSharingStatement: Sendable {
  /// The plan's capex (`region.capexTotal`): the shared trench tree plus what each
  /// party builds on its own ground (connections, cabinets, cables, closures, rings).
  public var jointCost: Double
  public var shares: [CostShare]
  public var exact: Bool
  /// Sampled join orders (0 when exact).
  public var samples: Int
  public var coalitionsEvaluated: Int
  /// Coalitions (other than single municipalities and all of them) charged more by the
  /// Shapley value than their own cost; checked only when exact. Names of members.
  public var coalitionViolations: [(members: [String], allocated: Double, cost: Double)]
  public var seconds: Double

  public var standAloneTotal: Double { shares.reduce(0) { $0 + $1.standAlone } }
  public var saving: Double { standAloneTotal - jointCost }
  public var coreOK: Bool { shares.allSatisfy(\.coreOK) && coalitionViolations.isEmpty }
  /// Coalition costs come from a heuristic Steiner engine: upper bounds, not optima.
  public static let heuristicNote =
    "Coalition costs are upper bounds from the Steiner heuristic (fast mode), each no worse than the joint tree cut down to the coalition."
}

public enum CostSharing {
  /// The cost statement of a plan between its municipalities (buildings and trench
  /// outside every boundary form one more party). The coalition game: c(S) is the
  /// trench tree from the POP to the households and sites of S plus their connection
  /// costs; c(all) is the plan's own capex. Shapley exact up to
  /// `options.exactLimit` players (2^n − 1 tree solves, in parallel, each also bounded
  /// by the trees of its one-larger coalitions cut down to it), sampled beyond.
  /// Returns nil when fewer than two municipalities have anything connected.
  public static func statement(for plan: FibrePlanResult, options: CostSharingOptions = .init()) -> CostSharingStatement? {
    let started = DispatchTime.now().uptimeNanoseconds
    guard !plan.demand.municipalityNames.isEmpty, plan.tree.popNode >= 0 else { return nil }
    let (terminalPlayer, n) = parties(plan)
    guard n >= 2, n <= 64 else { return nil }
    let figures = (0..<n).map { i in
      i < plan.totals.municipalities.count ? plan.totals.municipalities[i] : PlanFigures(name: "(outside boundaries)")
    }
    let trees = CoalitionTrees(network: plan.network, popNode: plan.tree.popNode, treeEdges: plan.tree.edges,
                               terminalPlayer: terminalPlayer, playerCount: n)
    // Connections, cabinets, cables, closures and rings are paid where they stand;
    // the game shares the trench. So the joint cost is the plan's capex.
    let connection = figures.map { $0.capexTotal - $0.networkCost }
    let jointCost = trees.grandCost + connection.reduce(0, +)
    let game = n <= options.exactLimit
      ? exactGame(trees, connection: connection, names: figures.map(\.name), jointCost: jointCost, options: options)
      : sampledGame(trees, connection: connection, options: options)

    // Proportional keys: connected households, and trench metres in each municipality.
    let households = figures.map(\.householdsConnected)
    let trench = figures.map(\.trenchMetres)
    let householdTotal = Double(households.reduce(0, +)), trenchTotal = trench.reduce(0, +)
    var shares: [CostShare] = []
    for i in 0..<n {
      let byHouseholds = householdTotal > 0 ? jointCost * Double(households[i]) / householdTotal : jointCost / Double(n)
      let byTrench = trenchTotal > 0 ? jointCost * trench[i] / trenchTotal : byHouseholds
      shares.append(CostShare(name: figures[i].name, householdsConnected: households[i], trenchMetres: trench[i],
                              standAlone: game.standAlone[i], proportionalHouseholds: byHouseholds,
                              proportionalTrench: byTrench, shapley: game.shapley[i],
                              shapleyLow: game.low?[i], shapleyHigh: game.high?[i]))
    }
    return CostSharingStatement(
      jointCost: jointCost, shares: shares, exact: n <= options.exactLimit,
      samples: n <= options.exactLimit ? 0 : max(2, options.samples), coalitionsEvaluated: game.evaluated,
      coalitionViolations: game.violations,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
  }

  /// The party of each network node (-1: none) and the number of parties: one per
  /// municipality, plus one for served points outside every boundary when there are any.
  static func parties(_ plan: FibrePlanResult) -> (terminalPlayer: [Int32], count: Int) {
    let named = plan.demand.municipalityNames.count
    var terminalPlayer = [Int32](repeating: -1, count: plan.network.nodeCount)
    var hasOutside = false
    func assign(_ node: Int32, _ m: Int32) {
      guard terminalPlayer[Int(node)] < 0 else { return }
      if m < 0 { hasOutside = true }
      terminalPlayer[Int(node)] = m >= 0 ? m : Int32(named)
    }
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.served[b] {
      assign(plan.network.buildingNode[b], plan.demand.buildingMunicipality[b])
    }
    for s in 0..<plan.demand.sites.count where plan.outcomes.sites.served[s] {
      assign(plan.network.siteNode[s], plan.demand.siteMunicipality[s])
    }
    return (terminalPlayer, named + (hasOutside ? 1 : 0))
  }

  /// Stand-alone costs and Shapley values (with sampling bounds), and the coalitions
  /// whose cost the Shapley shares exceed.
  struct GameFigures {
    var standAlone: [Double]
    var shapley: [Double]
    var low: [Double]? = nil, high: [Double]? = nil
    var evaluated = 0
    var violations: [(members: [String], allocated: Double, cost: Double)] = []
  }

  /// Every coalition's tree solved: exact Shapley values and the core check.
  static func exactGame(_ trees: CoalitionTrees, connection: [Double], names: [String], jointCost: Double,
                        options: CostSharingOptions) -> GameFigures {
    let n = connection.count
    let solveOptions = SteinerOptions(timeLimit: 0, threads: 1, seed: options.seed)
    let table = exactTreeCosts(trees, playerCount: n, options: solveOptions, threads: max(1, options.threads))
    // Connection costs are additive, so they add to every coalition's cost as they are.
    var cost = table
    for s in 1..<cost.count {
      var bits = s
      while bits != 0 { cost[s] += connection[bits.trailingZeroBitCount]; bits &= bits - 1 }
    }
    let game = CostGame(playerCount: n, cost: cost)
    var figures = GameFigures(standAlone: (0..<n).map { cost[1 << $0] }, shapley: game.shapley())
    figures.evaluated = table.count - 2
    let tolerance = 0.005 + 1e-9 * jointCost
    for v in game.coreViolations(figures.shapley, tolerance: tolerance) where v.coalition.nonzeroBitCount > 1 {
      figures.violations.append((v.members(playerCount: n).map { names[$0] }, v.allocated, v.cost))
    }
    return figures
  }

  /// Shapley values estimated from sampled orders, with their bounds.
  static func sampledGame(_ trees: CoalitionTrees, connection: [Double], options: CostSharingOptions) -> GameFigures {
    let n = connection.count
    let solveOptions = SteinerOptions(timeLimit: 0, threads: 1, seed: options.seed)
    let threads = max(1, options.threads)
    let full = n >= 64 ? UInt64.max : (UInt64(1) << UInt64(n)) - 1
    var rng = SplitMix64(seed: options.seed)
    let sampled = ShapleySampling.estimate(playerCount: n, samples: max(2, options.samples), using: &rng) { list in
      let grandTree = trees.grandTree
      return orderedParallelMap(list.count, threads: threads) { k in
        let s = list[k]
        if s == full { return trees.grandCost }
        let own = trees.solve(s, options: solveOptions).cost
        return min(own, trees.pruned(grandTree, to: s).cost)
      }
    }
    let singles = orderedParallelMap(n, threads: threads) { i in
      min(trees.solve(1 << UInt64(i), options: solveOptions).cost, trees.pruned(trees.grandTree, to: 1 << UInt64(i)).cost)
    }
    var figures = GameFigures(standAlone: zip(singles, connection).map { $0 + $1 },
                              shapley: zip(sampled.mean, connection).map { $0 + $1 })
    figures.evaluated = sampled.coalitionsEvaluated
    figures.low = zip(sampled.low, connection).map { $0 + $1 }
    figures.high = zip(sampled.high, connection).map { $0 + $1 }
    return figures
  }

  /// Tree cost of every coalition, solved level by level from the largest down so that
  /// each coalition can also take the cheapest of its one-larger coalitions' trees cut
  /// down to it (which keeps the costs monotone under the heuristic). Entry 0 is 0 and
  /// the grand coalition is the plan's own tree. O(2^n) tree solves.
  package static func exactTreeCosts(_ trees: CoalitionTrees, playerCount n: Int, options: SteinerOptions,
                             threads: Int) -> [Double] {
    let size = 1 << n
    var cost = [Double](repeating: 0, count: size)
    let full = size - 1
    cost[full] = trees.grandCost
    var upper: [Int: [Int32]] = [full: trees.grandTree]
    for level in stride(from: n - 1, through: 1, by: -1) {
      let masks = (1..<full).filter { $0.nonzeroBitCount == level }
      let larger = upper
      let results = orderedParallelMap(masks.count, threads: threads) { k -> ([Int32], Double) in
        let s = masks[k]
        var best = trees.solve(UInt64(s), options: options)
        var free = ~s & full
        while free != 0 {
          let i = free.trailingZeroBitCount
          free &= free - 1
          guard let parent = larger[s | 1 << i] else { continue }
          let cut = trees.pruned(parent, to: UInt64(s))
          if cut.cost < best.cost - 1e-9 { best = cut }
        }
        return best
      }
      upper = [:]
      for (k, s) in masks.enumerated() {
        cost[s] = results[k].1
        upper[s] = results[k].0
      }
    }
    return cost
  }
}
