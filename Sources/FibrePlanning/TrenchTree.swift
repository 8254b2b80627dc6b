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
    let n = network.nodeCount
    // Tree adjacency in CSR form, indexed by position in `treeEdges`.
    var degree = [Int32](repeating: 0, count: n + 1)
    for e in treeEdges {
      degree[Int(network.edgeU[Int(e)]) + 1] += 1
      degree[Int(network.edgeV[Int(e)]) + 1] += 1
    }
    for i in 0..<n { degree[i + 1] += degree[i] }
    var fill = degree
    var adjacent = [Int32](repeating: 0, count: 2 * treeEdges.count)
    for (k, e) in treeEdges.enumerated() {
      let u = Int(network.edgeU[Int(e)]), v = Int(network.edgeV[Int(e)])
      adjacent[Int(fill[u])] = Int32(k); fill[u] += 1
      adjacent[Int(fill[v])] = Int32(k); fill[v] += 1
    }
    // Iterative DFS order from the root, then accumulate in reverse.
    var parentEdge = [Int32](repeating: -1, count: n)
    var visited = [Bool](repeating: false, count: n)
    var order: [Int32] = []
    var stack: [Int32] = [root]
    visited[Int(root)] = true
    while let v = stack.popLast() {
      order.append(v)
      for i in Int(degree[Int(v)])..<Int(degree[Int(v) + 1]) {
        let k = Int(adjacent[i])
        let e = Int(treeEdges[k])
        let w = network.edgeU[e] == v ? network.edgeV[e] : network.edgeU[e]
        if !visited[Int(w)] {
          visited[Int(w)] = true
          parentEdge[Int(w)] = Int32(k)
          stack.append(w)
        }
      }
    }
    var below = demand
    var fibres = [Int32](repeating: 0, count: treeEdges.count)
    for v in order.reversed() where parentEdge[Int(v)] >= 0 {
      let k = Int(parentEdge[Int(v)])
      fibres[k] = below[Int(v)]
      let e = Int(treeEdges[k])
      let parent = network.edgeU[e] == v ? network.edgeV[e] : network.edgeU[e]
      below[Int(parent)] += below[Int(v)]
    }
    return fibres
  }

  /// The point halfway along an edge's drawn geometry.
  package static func midpoint(network: RoadNetwork, edge e: Int) -> LonLat {
    let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
    guard range.count >= 2 else { return range.isEmpty ? LonLat(lon: .nan, lat: .nan) : network.geometry[range.lowerBound] }
    var lengths: [Double] = []
    var total = 0.0
    for i in range.dropLast() {
      let a = network.geometry[i], b = network.geometry[i + 1]
      let dx = (b.lon - a.lon) * cosLat(a.lat), dy = b.lat - a.lat
      let l = (dx * dx + dy * dy).squareRoot()
      lengths.append(l)
      total += l
    }
    var remaining = total / 2
    for (k, i) in range.dropLast().enumerated() {
      if remaining <= lengths[k] || k == lengths.count - 1 {
        let t = lengths[k] > 0 ? min(1, remaining / lengths[k]) : 0
        let a = network.geometry[i], b = network.geometry[i + 1]
        return LonLat(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t)
      }
      remaining -= lengths[k]
    }
    return network.geometry[range.lowerBound]
  }

  package static func position(network: RoadNetwork, node: Int) -> LonLat {
    network.projection.unproject(x: network.nodeX[node], y: network.nodeY[node])
  }

  private static func cosLat(_ lat: Double) -> Double { cos(lat * Double.pi / 180) }
}
