import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning

@Suite struct PlanContextTests {
  /// The town's whole tree (a plan without architecture keeps it) with one home left
  /// out, so that trimming has trench to drop.
  func untrimmedTown() throws -> FibrePlanResult {
    let dir = try HandMadeTown.write()
    let s = Scenario(name: "town", layers: .init(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson"),
                     pop: LonLat(lon: HandMadeTown.originLon, lat: HandMadeTown.originLat), timeLimit: 1)
    var p = try Planner.plan(PlanRequest(scenario: s, uniformCost: true))
    let first = try #require(p.outcomes.buildings.outcome.firstIndex(of: .connected))
    p.outcomes.buildings.outcome[first] = .overBudget
    var a = s.architecture
    a.cabinetCapacity = 2
    p.architecture = ArchitectureDesigner.design(p, architecture: a, pins: [], threads: 1)
    return p
  }

  @Test("One rooted tree shared by the fibre count, the architecture and the trimming gives what trees built afresh give")
  func sharedTreeEqualsFresh() throws {
    let p = try untrimmedTown()
    let rooted = RootedTree(network: p.network, treeEdges: p.tree.edges, root: p.tree.popNode)
    #expect(p.servedFibres(tree: rooted) == p.servedFibres())
    var a = p.scenario.architecture
    a.cabinetCapacity = 2
    let fresh = ArchitectureDesigner.design(p, architecture: a, pins: [], threads: 1)
    let shared = ArchitectureDesigner.design(p, architecture: a, pins: [], threads: 1, tree: rooted)
    #expect(shared.cabinets.map(\.node) == fresh.cabinets.map(\.node))
    #expect(shared.architectureCapex == fresh.architectureCapex)
    var one = p, two = p
    one.keepServedTrench()
    two.keepServedTrench(tree: rooted)
    #expect(one.tree.edges.count < p.tree.edges.count)
    #expect(one.tree.edges == two.tree.edges)
    #expect(one.tree.edgeFibres == two.tree.edgeFibres)
    #expect(one.outcomes.buildings.served == two.outcomes.buildings.served)
  }

  @Test("A totals-only plan skips the municipalities of its edges and keeps the region's totals")
  func totalsOnlyKeepsTheRegionTotals() throws {
    let scenario = try ThreeTowns.scenario()
    let full = try Planner.plan(PlanRequest(scenario: scenario, uniformCost: true))
    var request = PlanRequest(scenario: scenario, uniformCost: true)
    request.totalsOnly = true
    let totals = try Planner.plan(request)
    #expect(full.tree.edgeMunicipality.contains { $0 >= 0 })
    #expect(totals.tree.edgeMunicipality.allSatisfy { $0 < 0 })
    #expect(totals.totals.region == full.totals.region)
    #expect(full.totals.region.capexTotal > 0)
  }
}
