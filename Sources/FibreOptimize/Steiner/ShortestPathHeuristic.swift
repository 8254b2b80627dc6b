import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Constructive heuristics: the shortest-path heuristic (Takahashi & Matsuyama 1980)
/// and the Voronoi-based 2-approximation (Mehlhorn 1988).
extension SteinerProblem {
  /// Grows a tree from `root`, each time joining the terminal nearest to the tree by a
  /// shortest path, then takes the MST of the induced subgraph and prunes it. The one
  /// Dijkstra continues across joins: nodes on a new path are re-seeded at distance 0
  /// and distances only decrease. O(m log n) in practice.
  package func shortestPathTree(root: Int, weights: [Double], scratch sp: inout ShortestPaths) -> [Int32] {
    sp.reset()
    var inTree = [Bool](repeating: false, count: nodeCount)
    var treeEdges: [Int32] = []
    var remaining = terminals.count - (isTerminal[root] ? 1 : 0)
    inTree[root] = true
    sp.seed(root, label: 0)
    let g = graph
    while remaining > 0 && !sp.heap.isEmpty {
      let (v, d) = sp.heap.pop()
      if isTerminal[v] && !inTree[v] {
        var x = v
        var steps = 0
        while !inTree[x] && steps <= nodeCount {
          inTree[x] = true
          let e = Int(sp.predEdge[x])
          if e < 0 { break }
          treeEdges.append(Int32(e))
          sp.dist[x] = 0; sp.predEdge[x] = -1
          sp.heap.push(x, 0)
          x = g.opposite(e, x)
          steps += 1
        }
        remaining -= 1
        continue
      }
      for a in g.arcs(v) {
        let w = Int(g.arcHead[a])
        let e = Int(g.arcEdge[a])
        let nd = d + weights[e]
        if nd < sp.dist[w] {
          sp.seed(w, distance: nd, label: 0)
          sp.predEdge[w] = Int32(e)
        }
      }
    }
    sp.reset()
    return inducedTree(of: treeEdges, weights: weights)
  }

  /// Mehlhorn's 2-approximation: Voronoi regions of the terminals, MST of the
  /// terminal distance graph over region boundaries, paths expanded, then MST of the
  /// induced subgraph and pruning. O(m log n).
  package func voronoiTree(weights: [Double], scratch sp: inout ShortestPaths) -> [Int32] {
    let g = graph
    let vor = VoronoiRegions(g, weights: weights, sites: terminals, scratch: &sp)
    var bridges: [(cost: Double, edge: Int32)] = []
    for e in 0..<edgeCount {
      let u = Int(g.edgeU[e]), v = Int(g.edgeV[e])
      let su = vor.site[u], sv = vor.site[v]
      if su >= 0 && sv >= 0 && su != sv {
        bridges.append((vor.dist[u] + weights[e] + vor.dist[v], Int32(e)))
      }
    }
    bridges.sort { $0.cost < $1.cost || ($0.cost == $1.cost && $0.edge < $1.edge) }
    var sets = DisjointSets(count: terminals.count)
    var chosen: [Int32] = []
    for b in bridges {
      let e = Int(b.edge)
      let u = Int(g.edgeU[e]), v = Int(g.edgeV[e])
      if sets.union(Int(vor.site[u]), Int(vor.site[v])) {
        chosen.append(b.edge)
        chosen += vor.pathToSite(g, from: u)
        chosen += vor.pathToSite(g, from: v)
      }
    }
    return inducedTree(of: chosen, weights: weights)
  }
}
