import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Lays an FTTH architecture on a routed trench tree: candidate cabinet sites are the
/// street nodes of the tree; homes are assigned exactly by min-cost flow within the
/// cabinet capacity and distance; the cabinet set is improved by local search from a
/// k-means start; then cables are sized edge by edge and every home's optical budget
/// checked. Homes that fail a rule are gaps with a reason, never silently served.
public enum ArchitectureDesigner {
  /// One demand point in the assignment: a building (index ≥ 0) or a site (-1 - s).
  package struct Demand {
    package var id: Int32
    package var node: Int32
    package var fibres: Int32
    package var households: Int
  }

  /// Designs the architecture of `plan` with `plan.scenario.architecture`.
  /// - Complexity: O(k · tree · log) for the candidate labelling, one min-cost flow per
  ///   local-search move (at most `localSearchMoves`), O(Σ path lengths) for cables.
  public static func design(_ plan: FibrePlanResult) -> ArchitecturePlan {
    design(plan, architecture: plan.scenario.architecture)
  }

  public static func design(_ plan: FibrePlanResult, architecture a: FTTHArchitecture) -> ArchitecturePlan {
    design(plan, architecture: a, withBaseline: false)
  }

  /// The design with cabinets pinned at `pins` (tree nodes): always opened, others
  /// added around them.
  /// `tree`: the plan's tree rooted at its POP, when the caller has it already.
  package static func design(_ plan: FibrePlanResult, architecture a: FTTHArchitecture, pins: [Int32],
                             threads: Int = 1, tree: RootedTree? = nil) -> ArchitecturePlan {
    design(plan, architecture: a, withBaseline: false, pins: pins, threads: threads, tree: tree)
  }

  /// The design plus `comparison`: the naive k-means cabinet plan built the same way.
  /// For the benchmark (bench-ftth); plans do not build it.
  public static func designComparingWithKMeans(_ plan: FibrePlanResult) -> ArchitecturePlan {
    design(plan, architecture: plan.scenario.architecture, withBaseline: true)
  }

  static func design(_ plan: FibrePlanResult, architecture a: FTTHArchitecture, withBaseline: Bool,
                     pins: [Int32] = [], threads: Int = 1, tree given: RootedTree? = nil) -> ArchitecturePlan {
    let started = DispatchTime.now().uptimeNanoseconds
    let network = plan.network
    let tree = given ?? RootedTree(network: network, treeEdges: plan.tree.edges, root: plan.tree.popNode)
    precondition(tree.treeEdges == plan.tree.edges && tree.root == plan.tree.popNode, "the plan's own tree")
    var result = ArchitecturePlan()
    result.buildingLoss = [Double](repeating: .nan, count: plan.demand.buildings.count)
    result.siteLoss = [Double](repeating: .nan, count: plan.demand.sites.count)

    let (demands, candidates) = demandsAndCandidates(plan, tree: tree, architecture: a, gaps: &result.gaps)

    let perFibreMetre = max(a.fibreMetreCost, 1e-6)
    // A fibre left unserved costs more than any route to a cabinet could.
    let unservedCost = max(a.cabinetCost, 1) + 2 * a.maxCabinetDistance * perFibreMetre + 1

    // The naive plan: k-means on the homes, a cabinet at the candidate nearest each centroid.
    let totalFibres = demands.reduce(0) { $0 + Int($1.fibres) }
    let k = max(1, (totalFibres + a.cabinetCapacity - 1) / max(a.cabinetCapacity, 1))
    var rng = SplitMix64(seed: plan.scenario.seed)
    let clustering = KMeansBaseline.cluster(
      x: demands.map { network.nodeX[Int($0.node)] }, y: demands.map { network.nodeY[Int($0.node)] },
      weight: demands.map { Double($0.fibres) }, k: k,
      candidateX: candidates.map { network.nodeX[Int($0)] }, candidateY: candidates.map { network.nodeY[Int($0)] },
      using: &rng)

    guard !candidates.isEmpty else {
      for d in demands {
        result.gaps.append(.init(demand: d.id, reason: "no_cabinet_within_\(Int(a.maxCabinetDistance.rounded()))m",
                                 households: d.households))
      }
      result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      return result
    }

    // Moves are judged by the plan they would build: cabinets, splitters, sized
    // cables and closures, plus `unservedCost` for every fibre left unserved or over
    // the optical budget.
    let assembly = Assembly(plan: plan, tree: tree, architecture: a, candidates: candidates, demands: demands)
    // Fibres of each demand, for the pricing that runs on worker threads.
    let fibresOf = demands.map(\.fibres)
    @Sendable func parts(of p: TransportationProblem, _ flow: TransportationSolution) -> [Assembly.Part] {
      var parts: [Assembly.Part] = []
      parts.reserveCapacity(fibresOf.count)
      for g in 0..<fibresOf.count where flow.unserved[g] == 0 {
        for arc in Int(p.arcStart[g])..<Int(p.arcStart[g + 1]) where flow.arcFlow[arc] > 0 {
          parts.append(.init(group: Int32(g), candidate: p.arcFacility[arc], fibres: Int(flow.arcFlow[arc])))
        }
      }
      return parts
    }
    var siting = CabinetSiting(
      tree: tree, candidates: candidates, demandNode: demands.map(\.node), supply: fibresOf,
      k: a.candidatesPerHome, bound: a.maxCabinetDistance, perFibreMetre: perFibreMetre, unservedCost: unservedCost,
      capacity: Int32(a.cabinetCapacity),
      proposals: NearestCandidates(tree: tree, candidates: candidates, k: a.candidatesPerHome, bound: a.maxCabinetDistance),
      price: { _, p, flow, memo in
        let built = assembly.price(parts(of: p, flow), reusing: memo as? Assembly.PriceMemo)
        var lost = built.failingGroups.reduce(0) { $0 + Int(fibresOf[$1]) }
        for g in 0..<fibresOf.count where flow.unserved[g] > 0 { lost += Int(fibresOf[g]) }
        return (built.capex + Double(lost) * unservedCost, built.memo)
      })
    var positionOf = [Int32](repeating: -1, count: network.nodeCount)
    for (i, c) in candidates.enumerated() { positionOf[Int(c)] = Int32(i) }
    siting.threads = threads
    siting.pinned = Array(Set(pins.compactMap { positionOf[Int($0)] >= 0 ? positionOf[Int($0)] : nil })).sorted()
    // Start from the better of the k-means sites and a bottom-up tree partition.
    let kmeansStart = siting.evaluate(clustering.cabinets)
    let treeStart = siting.evaluate(siting.treePartitionStart())
    let start = treeStart.cost < kmeansStart.cost ? treeStart : kmeansStart
    let best = siting.improve(from: start, maxMoves: a.localSearchMoves)

    // Optimised plan from the flow; unserved homes and homes over the optical budget are gaps.
    let built = finalPlan(best, demands: demands, assembly: assembly, parts: parts, architecture: a, gaps: &result.gaps)
    built.write(into: &result)

    if withBaseline {
      result.comparison = kmeansComparison(result, assembly: assembly, clustering: clustering, tree: tree)
    }
    result.gaps.sort { ($0.demand >= 0 ? 0 : 1, abs($0.demand)) < ($1.demand >= 0 ? 0 : 1, abs($1.demand)) }
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return result
  }

  /// The homes and sites the cabinets serve, and the tree nodes that may hold a cabinet
  /// (no demand node, not the hub). Homes whose drop is too long, or whose tree path
  /// alone loses more than the optical budget, become gaps.
  private static func demandsAndCandidates(_ plan: FibrePlanResult, tree: RootedTree, architecture a: FTTHArchitecture,
                                           gaps: inout [ArchitecturePlan.Gap]) -> ([Demand], [Int32]) {
    let network = plan.network
    var demands: [Demand] = []
    var isDemandNode = [Bool](repeating: false, count: network.nodeCount)
    func add(id: Int32, node: Int32, dropMetres: Double, fibres: Int, households: Int) {
      isDemandNode[Int(node)] = true
      if dropMetres > a.maxDropLength {
        gaps.append(.init(demand: id, reason: "drop_too_long", households: households))
      } else if tree.isOnTree(node) && !a.withinBudget(a.opticalLoss(metres: tree.depth[Int(node)])) {
        // Every route POP → cabinet → home is at least as long as the tree path.
        gaps.append(.init(demand: id, reason: "optical_budget", households: households))
      } else if tree.isOnTree(node) {
        demands.append(Demand(id: id, node: node, fibres: Int32(fibres), households: households))
      }
    }
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b] == .connected {
      let households = Int(plan.demand.buildings.units[b])
      add(id: Int32(b), node: network.buildingNode[b], dropMetres: network.buildingDistanceToRoad[b],
          fibres: households * a.fibresPerHousehold, households: households)
    }
    for s in 0..<plan.demand.sites.count where plan.outcomes.sites.outcome[s] == .connected {
      add(id: Int32(-1 - s), node: network.siteNode[s], dropMetres: network.siteDistanceToRoad[s],
          fibres: a.fibresPerSite, households: 0)
    }
    if tree.barrier >= 0 { isDemandNode[Int(tree.barrier)] = true }  // the hub is no cabinet site
    return (demands, tree.preorder.filter { !isDemandNode[Int($0)] })
  }

  /// The plan the best siting builds: homes the flow leaves unserved are gaps (no
  /// cabinet in reach, or full), and homes over the optical budget are gaps too, the
  /// rest rebuilt without them.
  private static func finalPlan(_ best: CabinetSiting.Evaluation, demands: [Demand], assembly: Assembly,
                                parts: (TransportationProblem, TransportationSolution) -> [Assembly.Part],
                                architecture a: FTTHArchitecture, gaps: inout [ArchitecturePlan.Gap]) -> Assembly.Built {
    let bp = best.problem
    for (g, d) in demands.enumerated() where best.solution.unserved[g] > 0 {
      let reason = bp.arcStart[g] == bp.arcStart[g + 1]
        ? "no_cabinet_within_\(Int(a.maxCabinetDistance.rounded()))m" : "cabinet_capacity"
      gaps.append(.init(demand: d.id, reason: reason, households: d.households))
    }
    let chosen = parts(bp, best.solution)
    var built = assembly.build(chosen)
    let failing = built.failingGroups
    if !failing.isEmpty {
      for g in failing {
        gaps.append(.init(demand: demands[g].id, reason: "optical_budget", households: demands[g].households))
      }
      let failed = Set(failing)
      built = assembly.build(chosen.filter { !failed.contains(Int($0.group)) })
    }
    return built
  }

  /// The baseline, built the same way with every home on its k-means cluster's cabinet.
  private static func kmeansComparison(_ result: ArchitecturePlan, assembly: Assembly, clustering: KMeansBaseline.Clustering,
                                       tree: RootedTree) -> ArchitecturePlan.Comparison {
    let a = assembly.architecture, demands = assembly.demands, candidates = assembly.candidates
    var baselineParts: [Assembly.Part] = []
    var tooFar = 0
    for (g, d) in demands.enumerated() {
      let c = clustering.cabinets[Int(clustering.label[g])]
      if tree.distance(d.node, candidates[Int(c)]) > a.maxCabinetDistance { tooFar += Int(d.fibres) }
      baselineParts.append(.init(group: Int32(g), candidate: c, fibres: Int(d.fibres)))
    }
    let baseline = assembly.build(baselineParts)
    var baselinePlan = ArchitecturePlan()
    baseline.write(into: &baselinePlan)
    let over = baselinePlan.cabinets.reduce(0) { $0 + max(0, $1.fibres - a.cabinetCapacity) }
    return .init(optimisedCapex: result.architectureCapex, optimisedCabinets: result.cabinets.count,
                 baselineCapex: baselinePlan.architectureCapex, baselineCabinets: baselinePlan.cabinets.count,
                 baselineFibresOverCapacity: over, baselineFibresTooFar: tooFar,
                 baselineGaps: baseline.failingGroups.count, optimisedGaps: result.gaps.count)
  }

  /// Fibres from the POP to a cabinet serving `servedFibres` ports: one per
  /// first-stage splitter.
  package static func feederFibres(servedFibres: Int, split: FTTHArchitecture.SplitRatio) -> Int {
    splitters(servedFibres: servedFibres, split: split).first?.count ?? 0
  }

  /// Splitters a cabinet needs, first stage first.
  package static func splitters(servedFibres n: Int, split: FTTHArchitecture.SplitRatio) -> [ArchitecturePlan.SplitterCount] {
    guard n > 0 else { return [] }
    switch split {
    case .single(let r):
      return [.init(ratio: r, count: (n + r - 1) / r)]
    case .cascaded(let first, let second):
      let secondStage = (n + second - 1) / second
      return [.init(ratio: first, count: (secondStage + first - 1) / first), .init(ratio: second, count: secondStage)]
    }
  }
}
