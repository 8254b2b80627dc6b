import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Restricting a problem to some of its edges, keeping the node numbering, so trees
/// found on the part map back by one array lookup.
extension SteinerProblem {
  /// The problem on the edges with `keep[e]`, and the parent edge of each kept edge.
  /// O(n + m).
  package func restricted(to keep: [Bool]) -> (problem: SteinerProblem, parentEdge: [Int32]) {
    var map: [Int32] = []
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = []
    for e in 0..<edgeCount where keep[e] {
      map.append(Int32(e))
      us.append(graph.edgeU[e]); vs.append(graph.edgeV[e]); ws.append(weight[e])
    }
    let g = CSRGraph(nodeCount: nodeCount, edgeU: us, edgeV: vs)
    return (SteinerProblem(graph: g, weight: ws, terminals: terminals), map)
  }
}
