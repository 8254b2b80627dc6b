import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct ArchitecturePlanTests {
  func planTown(_ configure: (inout FTTHArchitecture) -> Void = { _ in }) throws -> FibrePlanResult {
    let dir = try HandMadeTown.write()
    var s = Scenario(name: "town", layers: .init(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson"),
                     pop: LonLat(lon: HandMadeTown.originLon, lat: HandMadeTown.originLat), timeLimit: 1)
    configure(&s.architecture)
    return try Planner.plan(PlanRequest(scenario: s))
  }

  @Test("The town gets one cabinet serving its six households, cables sized from the catalogue")
  func townDefaults() throws {
    let p = try planTown()
    ArchitectureInvariants.check(p)
    let arch = try #require(p.architecture)
    #expect(arch.cabinets.count == 1)
    #expect(arch.cabinets[0].households == 6)
    #expect(arch.cabinets[0].splitters == [.init(ratio: 32, count: 1)])
    #expect(arch.gaps.isEmpty)
    #expect(arch.cables.allSatisfy { $0.cableFibres == 12 })
    #expect(arch.architectureCapex > FTTHArchitecture.defaults.cabinetCost)
    #expect(arch.comparison == nil)
    let c = try #require(ArchitectureDesigner.designComparingWithKMeans(p).comparison)
    #expect(c.optimisedCapex <= c.baselineCapex + 1e-6)
  }

  @Test("A cabinet of four ports splits the town in two and never overfills")
  func capacityForcesTwoCabinets() throws {
    let p = try planTown { $0.cabinetCapacity = 4 }
    ArchitectureInvariants.check(p)
    let arch = try #require(p.architecture)
    #expect(arch.cabinets.count == 2)
    #expect(arch.cabinets.allSatisfy { $0.fibres <= 4 })
    #expect(arch.householdsServed == 6)
  }

  @Test("The local search opens the same cabinets evaluating one or two trials at a time")
  func localSearchThreads() throws {
    let p = try planTown { $0.cabinetCapacity = 2 }
    let one = ArchitectureDesigner.design(p, architecture: p.scenario.architecture, pins: [], threads: 1)
    let two = ArchitectureDesigner.design(p, architecture: p.scenario.architecture, pins: [], threads: 2)
    #expect(one.cabinets.count >= 3)
    #expect(one.cabinets.map(\.node) == two.cabinets.map(\.node))
    #expect(one.cabinets.map(\.fibres) == two.cabinets.map(\.fibres))
    #expect(one.architectureCapex == two.architectureCapex)
  }

  @Test("A priced move costs what the plan it would build costs; closures where a group's ends branch or change size")
  func priceIsTheBuiltCapex() throws {
    let p = try planTown { $0.cabinetCapacity = 2 }
    let a = p.scenario.architecture
    let tree = RootedTree(network: p.network, treeEdges: p.tree.edges, root: p.tree.popNode)
    var isDemand = [Bool](repeating: false, count: p.network.nodeCount)
    var demands: [ArchitectureDesigner.Demand] = []
    for b in 0..<p.demand.buildings.count where p.outcomes.buildings.outcome[b] == .connected {
      let node = p.network.buildingNode[b]
      isDemand[Int(node)] = true
      demands.append(.init(id: Int32(b), node: node, fibres: p.demand.buildings.units[b], households: Int(p.demand.buildings.units[b])))
    }
    let candidates = tree.preorder.filter { !isDemand[Int($0)] }
    let assembly = ArchitectureDesigner.Assembly(plan: p, tree: tree, architecture: a, candidates: candidates, demands: demands)
    // Every home on one of two cabinets, by turns, and all on the last candidate; each
    // priced afresh and from the memo of the plan before (which shares a cabinet).
    var memo: ArchitectureDesigner.Assembly.PriceMemo? = nil
    for picks in [[0, Int32(candidates.count - 1)], [Int32(candidates.count - 1)], [1, Int32(candidates.count - 1)]] {
      let parts = demands.indices.map { g in
        ArchitectureDesigner.Assembly.Part(group: Int32(g), candidate: picks[g % picks.count], fibres: Int(demands[g].fibres))
      }
      let built = assembly.build(parts)
      let priced = assembly.price(parts, reusing: nil)
      #expect(priced.capex == built.capex)
      #expect(priced.failingGroups == built.failingGroups)
      let reused = assembly.price(parts, reusing: memo)
      #expect(reused.capex == built.capex)
      #expect(reused.failingGroups == built.failingGroups)
      memo = reused.memo
      #expect(built.closureCost == Double(built.closures.count) * a.spliceClosureCost)
      // The closures by their definition: sort every cable end by (node, group, size).
      var ends: [(node: Int32, group: Int32, size: Int)] = []
      for c in built.cables {
        ends.append((p.network.edgeU[Int(c.edge)], c.cabinet, c.cableFibres))
        ends.append((p.network.edgeV[Int(c.edge)], c.cabinet, c.cableFibres))
      }
      ends.sort { ($0.node, $0.group, $0.size) < ($1.node, $1.group, $1.size) }
      var expected = Set<Int32>()
      var i = 0
      while i < ends.count {
        var j = i
        while j < ends.count && ends[j].node == ends[i].node && ends[j].group == ends[i].group { j += 1 }
        let isOrigin = ends[i].group < 0 ? tree.isPOP(ends[i].node) : built.cabinets[Int(ends[i].group)].node == ends[i].node
        if !isOrigin && (j - i >= 3 || (j - i == 2 && ends[i].size != ends[i + 1].size)) { expected.insert(ends[i].node) }
        i = j
      }
      #expect(Set(built.closures.map(\.node)) == expected)
      #expect(built.cables.allSatisfy { $0.sizes.reduce(0, +) == $0.cableFibres })
    }
  }

  @Test("Homes beyond the limits are gaps with their reason")
  func gapsCarryReasons() throws {
    // B's drop is 30 m: with 25 m allowed it is too long.
    let p = try planTown { $0.maxDropLength = 25 }
    ArchitectureInvariants.check(p)
    let arch = try #require(p.architecture)
    let b = try #require(p.demand.buildings.ids.firstIndex(of: "B"))
    #expect(arch.gaps.contains(.init(demand: Int32(b), reason: "drop_too_long", households: 4)))
    #expect(arch.householdsServed == 2)

    // A 19 dB budget cannot pay a 1:32 splitter (17.5 dB) plus connectors.
    let q = try planTown { $0.optics.budget = 19 }
    ArchitectureInvariants.check(q)
    // Out of reach even on the shortest route: no trench is built towards them.
    #expect(q.outcomes.buildings.outcome.filter { $0 == .beyondOpticalReach }.count == 3)
    #expect(q.totals.region.householdsServed == 0 && q.tree.edges.isEmpty)
    #expect(try #require(q.architecture).cabinets.isEmpty)

    // One port and homes 600 m apart: the cabinet takes one, the others are capacity gaps.
    let r = try planTown { $0.cabinetCapacity = 1; $0.maxCabinetDistance = 60; $0.cabinetCost = 1 }
    ArchitectureInvariants.check(r)
    let rg = try #require(r.architecture)
    #expect(rg.householdsServed + rg.gaps.reduce(0) { $0 + $1.households } == 6)
    #expect(rg.gaps.contains { $0.reason == "cabinet_capacity" })
  }

  @Test("The cascade 1:4 + 1:8 loses more light than 1:32 alone")
  func cascadeLoss() throws {
    let single = try #require(try planTown().architecture)
    let cascade = try #require(try planTown { $0.split = .cascaded(4, 8) }.architecture)
    let b = 0  // A
    #expect(cascade.buildingLoss[b] > single.buildingLoss[b])
    #expect(cascade.cabinets[0].splitters == [.init(ratio: 4, count: 1), .init(ratio: 8, count: 1)])
  }

  @Test("The architecture object is read, validated and its errors name the field")
  func readsScenario() throws {
    func scenario(_ text: String) throws -> Scenario {
      try Scenario(json: JSONValue.parse(Array(text.utf8), path: "s.json"), path: "s.json", baseDirectory: "")
    }
    let s = try scenario(#"""
      {"architecture":{"split":"1:4+1:8","cabinet_capacity":128,"max_drop_length_m":150,"spare_percent":10,
       "cables":[{"fibres":48,"eur_per_m":3},{"fibres":24,"eur_per_m":2}],"splitter_cost":{"1:8":70},
       "optics":{"budget_db":32,"splitter_loss_db":{"8":10.2}},"take_rate":0.45,"mystery":1}}
      """#)
    let a = s.architecture
    #expect(a.split == .cascaded(4, 8))
    #expect(a.cabinetCapacity == 128 && a.maxDropLength == 150 && a.sparePercent == 10 && a.takeRate == 0.45)
    #expect(a.cables.map(\.fibres) == [24, 48])
    #expect(a.splitterCost[8] == 70 && a.optics.budget == 32 && a.optics.splitterLoss[8] == 10.2)
    #expect(s.warnings.contains { $0.contains("architecture.mystery") })
    #expect(try scenario("{}").architecture == .defaults)
    for (bad, field) in [(#"{"spare_percent":-5}"#, "architecture.spare_percent"),
                         (#"{"cabinet_capacity":0}"#, "architecture.cabinet_capacity"),
                         (#"{"split":"1:33"}"#, "architecture.split"),
                         (#"{"take_rate":1.5}"#, "architecture.take_rate"),
                         (#"{"cables":[{"fibres":12,"eur_per_m":-1}]}"#, "architecture.cables[0].eur_per_m"),
                         (#"{"optics":{"budget_db":-28}}"#, "architecture.optics.budget_db"),
                         (#"{"splitter_cost":{"32":"x"}}"#, "architecture.splitter_cost.32")] {
      do {
        _ = try scenario(#"{"architecture":"# + bad + "}")
        Issue.record("\(bad) should be rejected")
      } catch let e as FibrePlanError {
        #expect(e.kind == .data)
        #expect(e.message.contains(field), "\(e.message) should name \(field)")
      }
    }
  }
}
