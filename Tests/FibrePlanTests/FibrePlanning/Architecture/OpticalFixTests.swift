import Foundation
import Testing
@testable import FibreCore
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibrePlan

/// The optical fixes re-planned on the plan's own region and tree, against fixes
/// planned from scratch.
@Suite struct OpticalFixTests {
  /// One POP for two towns 40 km apart: the far town is beyond reach even with class
  /// C+ optics or a 1:16 split, so those fixes pose the plan's own Steiner instance.
  static func oneTownBeyondReach() throws -> (options: PlanCommandOptions, dir: String) {
    let dir = try RegionalPlanTests.twoTowns()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.timeLimit = 0
    o.outputDirectory = dir + "/plan"
    return (o, dir)
  }

  @Test("Fixes on the plan's region and tree give the figures of fixes planned from scratch")
  func reuseKeepsTheFigures() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = try PlanRun.run(options)
    let reused = try #require(report.opticalFix)
    let scenario = try PlanRun.scenario(for: options)
    let scratch = try #require(OpticalFix.check(report.result, request: PlanRequest(scenario: scenario, threads: 1)))
    #expect(reused.options.map(\.key) == ["another_pop", "class_c_plus", "split_1_16"])
    #expect(reused.options.map(\.key) == scratch.options.map(\.key))
    #expect(reused.options.map(\.householdsRecovered) == scratch.options.map(\.householdsRecovered))
    #expect(reused.options.map(\.extraCapex) == scratch.options.map(\.extraCapex))
  }

  @Test("Fixes re-planned beside the writing (two threads) write the files of fixes re-planned before it (one)")
  func fixesBesideTheWritingWriteTheSameFiles() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var one = options, two = options
    one.threads = 1; one.outputDirectory = dir + "/one"
    two.threads = 2; two.outputDirectory = dir + "/two"
    let serial = try PlanRun.run(one), beside = try PlanRun.run(two)
    #expect(serial.opticalFix != nil)
    #expect(serial.opticalFix?.options.map(\.extraCapex) == beside.opticalFix?.options.map(\.extraCapex))
    let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/one").sorted()
    #expect(names == (try FileManager.default.contentsOfDirectory(atPath: dir + "/two").sorted()))
    for name in names {
      #expect(FileManager.default.contents(atPath: "\(dir)/one/\(name)") == FileManager.default.contents(atPath: "\(dir)/two/\(name)"),
              "\(name) differs")
    }
    // The summaries are written last but listed where they always were.
    #expect(PlanRun.summariesAfterPlan(["plan.geojson", "gaps.geojson", "bom.csv", "summary.json", "summary.txt"])
            == ["plan.geojson", "summary.json", "summary.txt", "gaps.geojson", "bom.csv"])
  }

  @Test("Fixes started ahead of the plan give the figures the check re-plans itself; one thread starts none")
  func fixesAheadKeepTheFigures() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let scenario = try PlanRun.scenario(for: options)
    var request = PlanRequest(scenario: scenario, threads: 2)
    request.startsFixesAhead = true
    let (plan, region) = try Planner.planKeepingRegion(request)
    let ahead = try #require(region.fixesAhead).replanned()
    #expect(ahead.keys.sorted() == ["class_c_plus", "split_1_16"])
    var withAhead = PlanRequest(scenario: scenario, threads: 2)
    withAhead.prepared = region
    var without = region
    without.fixesAhead = nil
    var plain = PlanRequest(scenario: scenario, threads: 2)
    plain.prepared = without
    let taken = try #require(OpticalFix.check(plan, request: withAhead))
    let replanned = try #require(OpticalFix.check(plan, request: plain))
    #expect(taken.options.map(\.key) == ["another_pop", "class_c_plus", "split_1_16"])
    #expect(taken.options.map(\.key) == replanned.options.map(\.key))
    #expect(taken.options.map(\.householdsRecovered) == replanned.options.map(\.householdsRecovered))
    #expect(taken.options.map(\.extraCapex) == replanned.options.map(\.extraCapex))
    let cPlus = try #require(ahead["class_c_plus"] ?? nil)
    #expect(taken.options[1].householdsRecovered == cPlus.served - plan.totals.region.householdsServed)
    var single = request
    single.threads = 1
    #expect(try Planner.planKeepingRegion(single).region.fixesAhead == nil)
  }

  @Test("One search from the POP to the farthest reach excludes what each reach's own search excludes")
  func sharedReachExcludesTheSame() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let scenario = try PlanRun.scenario(for: options)
    let (plan, region) = try Planner.planKeepingRegion(PlanRequest(scenario: scenario, threads: 1))
    let network = region.network, popNode = plan.tree.popNode
    let far = ReachFromPOP(network: network, popNode: popNode, bound: FixesAhead.farthestReach(scenario))
    let fixes = OpticalFix.samePOPFixes(scenario, hierarchy: nil, ports: 0)
    #expect(fixes.count == 2)
    for a in [scenario.architecture] + fixes.map(\.scenario.architecture) {
      let bound = try #require(a.metresBeyondBudget)
      #expect(far.answers(network: network, popNode: popNode, bound: bound))
      let base = DemandSet.classify(network: network, popNode: popNode, inputs: region.inputs)
      var own = base, shared = base
      own.excludeBeyondOpticalReach(network: network, popNode: popNode, architecture: a)
      shared.excludeBeyondOpticalReach(network: network, popNode: popNode, architecture: a, known: far)
      #expect(own.building == shared.building)
      #expect(own.building.contains(.beyondOpticalReach))
      #expect(own.building.contains(.connected))
    }
    let near = ReachFromPOP(network: network, popNode: popNode, bound: 1_000)
    #expect(!near.answers(network: network, popNode: popNode, bound: far.bound))
    #expect(!far.answers(network: network, popNode: popNode == 0 ? 1 : 0, bound: 1_000))
  }

  @Test("A class C+ re-plan that moves no home into reach takes the plan's tree; another seed does not")
  func classCPlusTakesTheTree() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let scenario = try PlanRun.scenario(for: options)
    let (plan, region) = try Planner.planKeepingRegion(PlanRequest(scenario: scenario, threads: 1))
    let routed = try #require(region.routed)
    #expect(plan.outcomes.buildings.outcome.contains(.beyondOpticalReach))
    func storage(_ a: [Int32]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }

    var cPlus = scenario
    cPlus.architecture.optics.budget = 32
    var request = PlanRequest(scenario: cPlus, threads: 2)
    request.prepared = region
    let (fixed, fixedRegion) = try Planner.planKeepingRegion(request)
    #expect(storage(try #require(fixedRegion.routed).edges) == storage(routed.edges))
    #expect(fixed.tree.steiner.edges == plan.tree.steiner.edges)

    var reseeded = scenario
    reseeded.seed += 1
    request = PlanRequest(scenario: reseeded, threads: 1)
    request.prepared = region
    let (_, reseededRegion) = try Planner.planKeepingRegion(request)
    #expect(storage(try #require(reseededRegion.routed).edges) != storage(routed.edges))
  }

  @Test("A routed tree answers only its own instance")
  func routedTreeAnswers() throws {
    let (options, dir) = try Self.oneTownBeyondReach()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let scenario = try PlanRun.scenario(for: options)
    let (_, region) = try Planner.planKeepingRegion(PlanRequest(scenario: scenario, threads: 1))
    let routed = try #require(region.routed)
    let network = region.network
    let same = SteinerOptions(timeLimit: 0, threads: 3, seed: scenario.seed)
    #expect(routed.answers(network: network, component: routed.component, terminals: routed.terminals, options: same,
                            routable: nil))
    #expect(!routed.answers(network: network, component: routed.component, terminals: Array(routed.terminals.dropLast()),
                            options: same,
                            routable: nil))
    #expect(!routed.answers(network: network, component: routed.component, terminals: routed.terminals,
                            options: SteinerOptions(timeLimit: 1, threads: 3, seed: scenario.seed), routable: nil))
    var dearer = network
    dearer.edgeCost[0] += 1
    #expect(!routed.answers(network: dearer, component: routed.component, terminals: routed.terminals, options: same,
                            routable: nil))
    let narrower = [Bool](repeating: true, count: network.edgeCount)
    #expect(!routed.answers(network: network, component: routed.component, terminals: routed.terminals, options: same,
                            routable: narrower))
  }

  @Test("The reach search's bound is the shortest run over the budget")
  func metresBeyondBudget() throws {
    for a in [FTTHArchitecture(), { var a = FTTHArchitecture(); a.split = .single(16); a.optics.budget = 32; return a }()] {
      let m = try #require(a.metresBeyondBudget)
      #expect(!a.withinBudget(a.opticalLoss(metres: m)))
      #expect(!a.withinBudget(a.opticalLoss(metres: m + 5_000)))
      #expect(a.withinBudget(a.opticalLoss(metres: m - 0.01)))
      #expect(abs(m - RegionalSetup.opticalReach(a)) < 0.01)
    }
    var generous = FTTHArchitecture()
    generous.optics.budget = 1_000
    #expect(generous.metresBeyondBudget == nil)
    var falling = FTTHArchitecture()
    falling.optics.spliceLoss = -0.1
    #expect(falling.metresBeyondBudget == nil)
  }
}
