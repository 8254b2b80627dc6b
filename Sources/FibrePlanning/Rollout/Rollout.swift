import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// A plan cut into construction phases that dig once: every phase extends the trench
/// the phases before it dug, so no edge is dug twice and every home of phase k reaches
/// the POP through trench of phases ≤ k. Made by `Rollout.plan`.
public struct Rollout: Sendable {
  public struct Phase: Sendable, Equatable {
    /// 1-based.
    public var number: Int
    /// Households served as designed from this phase on.
    public var households: Int
    public var capex: Double
    /// New trench dug, metres (reused duct and drops not counted).
    public var trenchMetres: Double
    /// Capex by municipality, indexed as the plan's `municipalityNames`, plus one last
    /// slot for what lies outside every boundary.
    public var capexByMunicipality: [Double]
    /// Households and new trench metres by municipality, in the same slots.
    public var householdsByMunicipality: [Int]
    public var trenchMetresByMunicipality: [Double]
  }

  public var phases: [Phase]
  /// Phase of each network node, edge, building, site and cabinet (0: not built).
  public var nodePhase: [Int32]
  public var edgePhase: [Int32]
  public var buildingPhase: [Int32]
  public var sitePhase: [Int32]
  public var cabinetPhase: [Int32]
  /// The yearly budget the phases keep to (nil for a fixed number of phases).
  public var annualBudget: Double?

  /// Σ phase capex, EUR.
  public var capexTotal: Double { phases.reduce(0) { $0 + $1.capex } }
  public var householdsTotal: Int { phases.reduce(0) { $0 + $1.households } }

  /// The phase of a feature (nil when not built), for writers.
  public static func label(_ phase: Int32) -> Int? { phase > 0 ? Int(phase) : nil }
}

extension Rollout {
  /// Cuts `plan` into phases. The order is Horn's densest-first order of the built tree
  /// with every cost of the plan folded onto the node that pays it (see
  /// `RolloutLedger`), after the paths to critical sites when asked. Throws when the budget cannot hold some
  /// single step of the order, naming `options.budgetName`.
  /// - Complexity: O(n log n) for a fixed count; O(n · phases) for a yearly budget.
  public static func plan(_ plan: FibrePlanResult, options: PhasingOptions, costs: TrenchCostModel) throws -> Rollout {
    let ledger = RolloutLedger(plan, costs: costs)
    let tree = RootedTree(network: plan.network, treeEdges: plan.tree.edges, root: plan.tree.popNode)
    let order = buildOrder(plan, tree: tree, ledger: ledger, options: options)
    let nodeCost = order.nodeCost
    let orderPhase: [Int32]
    switch options.split {
    case .phases(let n):
      orderPhase = equalCapexPhases(cost: order.sequence.map { nodeCost[Int($0)] }, fixed: order.fixedCost, count: n)
    case .annualBudget(let budget):
      orderPhase = try budgetPhases(order, budget: budget, options: options)
    }
    var nodePhase = [Int32](repeating: 0, count: plan.network.nodeCount)
    // The POP's own node (and any site or building standing on it) is there from phase 1.
    nodePhase[Int(order.networkNode[Int(order.root)])] = 1
    for (i, v) in order.sequence.enumerated() { nodePhase[Int(order.networkNode[Int(v)])] = orderPhase[i] }
    return assemble(plan, ledger: ledger, nodePhase: nodePhase, options: options)
  }

  /// Phases of about equal capex: each step goes to the phase that holds the middle of
  /// its cost on the cumulative capex line, so the phases stay in build order.
  package static func equalCapexPhases(cost: [Double], fixed: Double, count: Int) -> [Int32] {
    let total = fixed + cost.reduce(0, +)
    var before = fixed
    return cost.map { c in
      let middle = before + c / 2
      before += c
      guard total > 0 else { return 1 }
      return Int32(min(count, Int((middle / total * Double(count)).rounded(.down)) + 1))
    }
  }

  /// Phases of at most `budget` each: a phase takes the steps in build order whose
  /// parent is already built and whose cost still fits, then closes.
  package static func budgetPhases(_ order: BuildOrder, budget: Double, options: PhasingOptions) throws -> [Int32] {
    let n = order.sequence.count
    var phase = [Int32](repeating: 0, count: n)
    var builtPhase = [Int32](repeating: 0, count: order.networkNode.count)
    builtPhase[Int(order.root)] = 1
    var remaining = Array(0..<n)
    var current: Int32 = 1
    var spent = order.fixedCost
    guard spent <= budget else {
      throw FibrePlanError(options.errorKind, "\(options.budgetName): EUR \(JSONText.fixed(budget, decimals: 2)) is below the first phase's fixed cost, EUR \(JSONText.fixed(spent, decimals: 2)) (ring trench and equipment at the POP)")
    }
    while !remaining.isEmpty {
      var left: [Int] = []
      var added = false
      var cheapestBlocked = Double.infinity
      for i in remaining {
        let v = Int(order.sequence[i])
        let p = Int(order.parent[v])
        let c = order.nodeCost[v]
        let reachable = builtPhase[p] > 0 && builtPhase[p] <= current
        if reachable && spent + c <= budget {
          phase[i] = current
          builtPhase[v] = current
          spent += c
          added = true
        } else {
          if reachable { cheapestBlocked = min(cheapestBlocked, c) }
          left.append(i)
        }
      }
      remaining = left
      guard !remaining.isEmpty else { break }
      // A fresh phase that fits nothing would repeat forever.
      if !added && spent == 0 {
        throw FibrePlanError(options.errorKind, "\(options.budgetName): EUR \(JSONText.fixed(budget, decimals: 2)) is below the cheapest next connection, EUR \(JSONText.fixed(cheapestBlocked, decimals: 2)); the budget must be at least that")
      }
      current += 1
      spent = 0
    }
    return phase
  }
}
