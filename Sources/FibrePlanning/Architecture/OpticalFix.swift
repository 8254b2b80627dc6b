import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// When homes fail the optical budget, the fixes the scenario allows, each re-checked
/// by planning again with it: another POP (the plan's POPs kept, one more chosen),
/// class C+ optics (32 dB, ITU-T G.984.2 Amd. 2) and a lower split (1:16), the last two
/// on the plan's own POPs. Each fix is priced as the change in capex plus the optics
/// it needs.
public struct OpticalFix: Sendable {
  public struct Option: Sendable {
    /// `another_pop`, `class_c_plus` or `split_1_16`.
    public var key: String
    public var label: String
    /// Households served more than in the plan.
    public var householdsRecovered: Int
    /// Capex of the re-planned network minus the plan's, plus the optics premium, EUR.
    public var extraCapex: Double
    public var eurPerHouseholdRecovered: Double {
      householdsRecovered > 0 ? extraCapex / Double(householdsRecovered) : .infinity
    }
  }

  /// Household-weighted k-means centres (at most four) of the homes that fail the
  /// optical budget.
  static func failingClusters(_ plan: FibrePlanResult) -> [LonLat] {
    // A mask, not a set: at a million homes nearly all of them fail.
    var failing = [Bool](repeating: false, count: plan.demand.buildings.count)
    for g in plan.architecture?.gaps ?? [] where g.reason == "optical_budget" && g.demand >= 0 { failing[Int(g.demand)] = true }
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b] == .beyondOpticalReach { failing[b] = true }
    let list = failing.indices.filter { failing[$0] && plan.demand.buildings.points[$0].isValid }
    guard !list.isEmpty else { return [] }
    let projection = plan.network.projection
    let xy = list.map { projection.project(plan.demand.buildings.points[$0]) }
    var rng = SplitMix64(seed: plan.scenario.seed)
    let clustering = KMeansBaseline.cluster(
      x: xy.map(\.x), y: xy.map(\.y), weight: list.map { Double(max(plan.demand.buildings.units[$0], 1)) },
      k: min(4, list.count), candidateX: xy.map(\.x), candidateY: xy.map(\.y), using: &rng)
    return clustering.cabinets.map { plan.demand.buildings.points[list[Int($0)]] }
  }

  /// Households that fail the optical budget in the plan.
  public var failingHouseholds: Int
  public var options: [Option]

  /// The option that recovers households at the lowest cost per household.
  public var cheapest: Option? {
    options.filter { $0.householdsRecovered > 0 }.min { ($0.eurPerHouseholdRecovered, $0.key) < ($1.eurPerHouseholdRecovered, $1.key) }
  }

  /// Premium of a class C+ OLT transceiver over a B+ one, EUR per PON port (list prices
  /// of GPON SFPs: C+ about EUR 250, B+ about EUR 100).
  public static let classCPlusPremiumPerPort = 150.0
  /// An OLT PON port with its transceiver and line-card share, EUR.
  public static let oltPortCost = 300.0

  /// Re-plans `plan`'s scenario with each fix; nil when no home fails the optical budget
  /// or no fix applies. Costs up to three more plans at the plan's own settings, less
  /// what `request.prepared` (the plan's region and tree, and the fixes re-planned
  /// ahead of the plan, `FixesAhead`) spares them.
  public static func check(_ plan: FibrePlanResult, request: PlanRequest) -> OpticalFix? {
    let failing = opticalFailures(plan)
    guard failing > 0, let arch = plan.architecture else { return nil }
    let ports = arch.cabinets.reduce(0) { $0 + $1.feederFibres }
    let pinned = pinnedPOPs(plan, request: request)
    // Another POP among sites near the failing homes: the centres of up to four
    // clusters of them, so that the re-plan weighs a handful of candidates.
    var onePOPMore = pinned
    onePOPMore.candidates = .list(failingClusters(plan).enumerated().map { NamedPosition(name: "candidate \($0 + 1)", position: $1) })
    onePOPMore.count = .exactly(pinned.pops.count + 1)
    var another = request.scenario
    another.hierarchy = onePOPMore
    // With one POP the other fixes keep today's single-POP plan; with several, their POPs.
    let fixes = [Fix(key: "another_pop", label: "another POP", scenario: another) { _ in 0 }]
      + samePOPFixes(request.scenario, hierarchy: plan.hierarchy == nil ? nil : pinned, ports: ports)
    // The fixes started ahead of the plan are waited for only once the others are done.
    let aheadKeys = request.prepared?.fixesAhead?.keys ?? []
    let replanned = replan(fixes.filter { !aheadKeys.contains($0.key) }, request: request)
    let ahead = request.prepared?.fixesAhead?.replanned()
    let served = plan.totals.region.householdsServed, capex = plan.totals.region.capexTotal
    let options = fixes.compactMap { f -> Option? in
      guard let other = ahead?[f.key] ?? replanned[f.key], let other else { return nil }
      return Option(key: f.key, label: f.label, householdsRecovered: other.served - served,
                    extraCapex: other.capex - capex + f.premium(other.feederFibres))
    }
    return options.isEmpty ? nil : OpticalFix(failingHouseholds: failing, options: options)
  }

  /// One fix: the scenario re-planned, and the optics premium for its feeder fibres.
  struct Fix: Sendable {
    var key: String, label: String
    var scenario: Scenario
    var premium: @Sendable (_ feederFibres: Int) -> Double
  }

  /// A fix's re-plan, as much as its option needs.
  struct Replanned: Sendable {
    var served: Int
    var capex: Double
    var feederFibres: Int
  }

  /// The plan's POPs, kept by every fix.
  static func pinnedPOPs(_ plan: FibrePlanResult, request: PlanRequest) -> HierarchyOptions {
    var pinned = request.scenario.hierarchy
    if let h = plan.hierarchy {
      pinned.pops = h.pops.map { NamedPosition(name: $0.name, position: $0.position) }
    } else {
      pinned.pops = [NamedPosition(name: "POP", position: plan.tree.pop)]
    }
    pinned.candidates = .none
    pinned.count = nil
    return pinned
  }

  /// The fixes on the plan's own POPs (`hierarchy`, nil with one POP): class C+ optics
  /// and a 1:16 split, each when the scenario's architecture allows it. `ports` is the
  /// plan's feeder fibres, which the split's extra OLT ports are counted from.
  static func samePOPFixes(_ scenario: Scenario, hierarchy: HierarchyOptions?, ports: Int) -> [Fix] {
    var fixes: [Fix] = []
    func fix(_ key: String, _ label: String, _ change: (inout FTTHArchitecture) -> Void,
             premium: @escaping @Sendable (Int) -> Double) {
      var s = scenario
      change(&s.architecture)
      if let hierarchy { s.hierarchy = hierarchy }
      fixes.append(Fix(key: key, label: label, scenario: s, premium: premium))
    }
    let a = scenario.architecture
    if a.optics.budget < 32 {
      fix("class_c_plus", "class C+ optics (32 dB)", { $0.optics.budget = 32 }) { Double($0) * classCPlusPremiumPerPort }
    }
    if case .single(let n) = a.split, n > 16 {
      fix("split_1_16", "split 1:16", { $0.split = .single(16) }) { Double($0 - ports) * oltPortCost }
    }
    return fixes
  }

  /// Each fix re-planned, by key (nil where the re-plan failed). The fixes keep the
  /// layers, network options and costs: they start from the plan's own layers, network
  /// and tree (`request.prepared`), and a fix that builds another network (another
  /// POP when the plan's POP was given) builds it on the same layers.
  static func replan(_ fixes: [Fix], request: PlanRequest) -> [String: Replanned?] {
    let uniformCost = request.uniformCost
    var regions: [PreparedRegion] = request.prepared.map { [$0] } ?? []
    for f in fixes where !regions.contains(where: { $0.fits(f.scenario, uniformCost: uniformCost) }) {
      let built = try? regions.first.map { try Planner.prepare(f.scenario, inputs: $0.inputs, uniformCost: uniformCost) }
        ?? Planner.prepare(f.scenario, uniformCost: uniformCost, threads: max(request.threads, 1))
      if let built { regions.append(built) }
    }
    // The fixes side by side, one thread each, longest (another POP) first: each re-plan
    // gives the same result with any thread count, and its local search and Steiner
    // engine use a second thread less well than a second fix does. Two at a time hold
    // two re-plans at once (about 430 MiB each at a million homes: the plan's peak
    // stays that of writing its outputs); a third waits for a free worker.
    let workers = min(max(request.threads, 1), fixes.count)
    let allRegions = regions
    let results = orderedParallelMap(fixes.count, threads: workers) { i -> Replanned? in
      let f = fixes[i]
      return replan(f, region: allRegions.first { $0.fits(f.scenario, uniformCost: uniformCost) },
                    uniformCost: uniformCost, threads: max(request.threads / max(workers, 2), 1))
    }
    var byKey: [String: Replanned?] = [:]
    for (f, r) in zip(fixes, results) { byKey[f.key] = r }
    return byKey
  }

  /// One fix re-planned for its totals; nil when the re-plan fails or has no architecture.
  static func replan(_ f: Fix, region: PreparedRegion?, uniformCost: Bool, threads: Int) -> Replanned? {
    var r = PlanRequest(scenario: f.scenario, uniformCost: uniformCost, threads: threads)
    r.prepared = region
    r.totalsOnly = true
    guard let other = try? Planner.plan(r), let arch = other.architecture else { return nil }
    return Replanned(served: other.totals.region.householdsServed, capex: other.totals.region.capexTotal,
                     feederFibres: arch.cabinets.reduce(0) { $0 + $1.feederFibres })
  }

  /// Households beyond optical reach of the POP or over the budget on their cabinet route.
  public static func opticalFailures(_ plan: FibrePlanResult) -> Int {
    var n = 0
    for b in 0..<plan.demand.buildings.count where plan.outcomes.buildings.outcome[b] == .beyondOpticalReach { n += Int(plan.demand.buildings.units[b]) }
    for g in plan.architecture?.gaps ?? [] where g.reason == "optical_budget" { n += g.households }
    return n
  }
}
