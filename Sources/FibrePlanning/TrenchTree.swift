import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Walks a trench tree rooted at the POP.
package enum TrenchTree {
  /// Fibres each tree edge carries: the demand of everything downstream of it.
  /// - Complexity: O(nodes + tree edges).
  package static func downstreamDemand(network: RoadNetwork, treeEdges: [Int32], root: Int32, demand: [Int32]) -> [Int32] {
    downstreamDemand(tree: RootedTree(network: network, treeEdges: treeEdges, root: root), demand: demand)
  }

  /// `downstreamDemand` on a tree already rooted, by position in `tree.treeEdges`.
  package static func downstreamDemand(tree: RootedTree, demand: [Int32]) -> [Int32] {
    let treeEdges = tree.treeEdges
    var below = demand
    var fibres = [Int32](repeating: 0, count: treeEdges.count)
    for v in tree.preorder.reversed() where tree.parentEdge[Int(v)] >= 0 {
      fibres[Int(tree.parentEdge[Int(v)])] = below[Int(v)]
      below[Int(tree.parent[Int(v)])] += below[Int(v)]
    }
    return fibres
  }

  /// The point halfway along an edge's drawn geometry.
  package static func midpoint(network: RoadNetwork, edge e: Int) -> LonLat {
    let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
    guard range.count >= 2 else { return range.isEmpty ? LonLat(lon: .nan, lat: .nan) : network.geometry[range.lowerBound] }
    // Each segment's length is worked out twice (to sum, then to walk) rather than kept
    // in a list: every tree edge of every plan asks, and the list cost more.
    func length(_ i: Int) -> Double {
      let a = network.geometry[i], b = network.geometry[i + 1]
      let dx = (b.lon - a.lon) * cosLat(a.lat), dy = b.lat - a.lat
      return (dx * dx + dy * dy).squareRoot()
    }
    var total = 0.0
    for i in range.dropLast() { total += length(i) }
    var remaining = total / 2
    let last = range.upperBound - 2
    for i in range.dropLast() {
      let l = length(i)
      if remaining <= l || i == last {
        let t = l > 0 ? min(1, remaining / l) : 0
        let a = network.geometry[i], b = network.geometry[i + 1]
        return LonLat(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t)
      }
      remaining -= l
    }
    return network.geometry[range.lowerBound]
  }

  package static func position(network: RoadNetwork, node: Int) -> LonLat {
    network.projection.unproject(x: network.nodeX[node], y: network.nodeY[node])
  }

  private static func cosLat(_ lat: Double) -> Double { cos(lat * Double.pi / 180) }
}
