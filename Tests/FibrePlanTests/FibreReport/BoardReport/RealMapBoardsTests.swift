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

/// Rings on the real Liechtenstein map: every critical site gets two trench-disjoint
/// routes or a named exception, checked here without the builder's own verifier.
@Suite struct RealMapBoardsTests {
  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinRingsAreDisjoint() throws {
    let plan = try LiechtensteinPlan.report().result
    let roads = try LineLayer.read(path: SharedMaps.path("liechtenstein/roads.geojson"))
    let design = plan.ringDesign(roadNames: roads.name)
    // The ring trench lands in the municipalities' figures as in the region's.
    var withRings = plan
    withRings.addRingCost(design)
    #expect(abs(withRings.totals.region.capexTotal - plan.totals.region.capexTotal - design.extraCost) < 1e-3)
    let sum = withRings.totals.municipalities.reduce(0.0) { $0 + $1.capexTotal }
    #expect(abs(sum - withRings.totals.region.capexTotal) < 1)
    let critical = (0..<plan.demand.sites.count).filter { plan.demand.sites.critical[$0] && plan.outcomes.sites.outcome[$0] == .connected }
    #expect(!critical.isEmpty)
    let ringed = Set(design.rings.map(\.site))
    let excepted = Set(design.exceptions.map(\.site))
    for s in critical { #expect(ringed.contains(s) || excepted.contains(s)) }
    let network = plan.network
    for ring in design.rings {
      for route in [ring.first, ring.second] {
        var at = Int(ring.start)
        for e in route {
          let u = Int(network.edgeU[Int(e)]), v = Int(network.edgeV[Int(e)])
          #expect(at == u || at == v)
          at = at == u ? v : u
        }
        #expect(at == Int(design.hubNode))
      }
      // Every edge on both routes must be a bridge: without it the site is cut off from the hub.
      let common = Set(ring.first).intersection(ring.second)
      #expect(common == Set(ring.shared))
      for cut in common {
        var adjacency = [[Int32]](repeating: [], count: network.nodeCount)
        for e in 0..<network.edgeCount where e != Int(cut) && network.edgeKind[e] != .drop {
          adjacency[Int(network.edgeU[e])].append(network.edgeV[e])
          adjacency[Int(network.edgeV[e])].append(network.edgeU[e])
        }
        var seen = [Bool](repeating: false, count: network.nodeCount)
        var stack = [ring.start]
        seen[Int(ring.start)] = true
        while let v = stack.popLast() {
          for w in adjacency[Int(v)] where !seen[Int(w)] { seen[Int(w)] = true; stack.append(w) }
        }
        #expect(!seen[Int(design.hubNode)])
      }
      if !ring.shared.isEmpty {
        #expect(design.exceptions.contains { $0.site == ring.site && $0.sharedMetres > 0 && $0.reason.hasPrefix("bridge: ") })
      }
    }
  }
}
