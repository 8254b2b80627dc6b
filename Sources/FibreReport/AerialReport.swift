import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// What the plan's aerial cable saves: each aerial tree edge that runs beside a trench
/// edge between the same two nodes (a pole line along a road) is set against that
/// trench edge's price. Pole lines across fields have no trench beside them and are not
/// counted. This is the saving on the routes the plan took, not a re-plan without
/// aerial (`--no-aerial` gives that).
package struct AerialSaving: Sendable, Equatable {
  package var metres = 0.0
  package var poles = 0.0
  package var cost = 0.0
  /// Aerial tree edges with a trench edge beside them: their metres, their cost and the
  /// cheapest such trench edge's cost.
  package var metresAlongRoads = 0.0
  package var costAlongRoads = 0.0
  package var trenchAlternativeCost = 0.0
  package var saving: Double { trenchAlternativeCost - costAlongRoads }

  /// O(E) expected (one hash look-up per trench edge).
  package init(_ plan: FibrePlanResult) {
    let network = plan.network
    var aerialPair: [UInt64: Int] = [:]
    var alternative: [Double] = []
    func pair(_ e: Int) -> UInt64 {
      let u = UInt64(UInt32(bitPattern: network.edgeU[e])), v = UInt64(UInt32(bitPattern: network.edgeV[e]))
      return min(u, v) << 32 | max(u, v)
    }
    let aerialEdges = plan.tree.edges.map(Int.init).filter { network.edgeKind[$0] == .aerial }
    for e in aerialEdges {
      metres += network.edgeLength[e]
      cost += network.edgeCost[e]
      poles += network.edgeLength[e] * network.aerialPoles(perMetreOf: Int32(e))
      if aerialPair[pair(e)] == nil { aerialPair[pair(e)] = alternative.count; alternative.append(.infinity) }
    }
    guard !aerialEdges.isEmpty else { return }
    for e in 0..<network.edgeCount where network.edgeKind[e] == .trench {
      if let k = aerialPair[pair(e)] { alternative[k] = min(alternative[k], network.edgeCost[e]) }
    }
    for e in aerialEdges {
      let trench = alternative[aerialPair[pair(e)]!]
      guard trench.isFinite else { continue }
      metresAlongRoads += network.edgeLength[e]
      costAlongRoads += network.edgeCost[e]
      trenchAlternativeCost += trench
    }
  }

  /// `"aerial":{...}` (no leading comma).
  package func json(into out: inout JSONText) {
    out.raw("\"aerial\":{\"metres\":"); out.number(metres, decimals: 1)
    out.raw(",\"poles\":"); out.number(poles, decimals: 1)
    out.raw(",\"cost\":"); out.number(cost, decimals: 2)
    out.raw(",\"metres_along_roads\":"); out.number(metresAlongRoads, decimals: 1)
    out.raw(",\"trench_alternative_cost\":"); out.number(trenchAlternativeCost, decimals: 2)
    out.raw(",\"saving_vs_trench\":"); out.number(saving, decimals: 2); out.raw("}")
  }
}
