import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Routes the backbone from the data centre to every POP over the road graph: a
/// Steiner tree by the shortest-path heuristic (Takahashi & Matsuyama 1980), grown
/// from the data centre by the nearest POP not yet joined. An edge costs its trench
/// (nothing where the access plan already digs it: a trench is paid once) plus the
/// smallest backbone cable per metre; existing ducts cost their reuse price.
enum Backbone {
  /// Edges of the tree (network edge ids, ascending) and POPs it could not reach.
  static func route(network: RoadNetwork, from dataCentre: Int32, to pops: [Int32], accessTrench: [Bool],
                    cablePerMetre: Double) -> (edges: [Int32], unreached: [Int32]) {
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    let weight = (0..<network.edgeCount).map { e -> Double in
      let kind = network.edgeKind[e]
      guard kind == .trench || kind == .ductReuse else { return .infinity }
      return (accessTrench[e] ? 0 : network.edgeCost[e]) + cablePerMetre * network.edgeLength[e]
    }
    var onTree = [Bool](repeating: false, count: network.nodeCount)
    onTree[Int(dataCentre)] = true
    var inTree = [Bool](repeating: false, count: network.edgeCount)
    var waiting = Set(pops.filter { $0 != dataCentre })
    var paths = ShortestPaths(nodeCount: network.nodeCount)
    while !waiting.isEmpty {
      paths.reset()
      for v in 0..<network.nodeCount where onTree[v] { paths.seed(v, label: 0) }
      guard let reached = paths.run(g, weights: weight, allowed: { weight[$0].isFinite },
                                    stop: { waiting.contains(Int32($0)) }) else { break }
      waiting.remove(Int32(reached))
      for e in paths.pathEdges(g, to: reached) {
        inTree[Int(e)] = true
        onTree[Int(network.edgeU[Int(e)])] = true
        onTree[Int(network.edgeV[Int(e)])] = true
      }
      onTree[reached] = true
    }
    let edges = (0..<network.edgeCount).filter { inTree[$0] }.map { Int32($0) }
    return (edges, waiting.sorted())
  }
}
