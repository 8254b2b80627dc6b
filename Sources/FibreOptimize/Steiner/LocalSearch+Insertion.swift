import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Steiner-vertex insertion (Minoux 1990; Uchoa & Werneck 2010): add a vertex next to
/// the tree and keep the minimum spanning tree of the enlarged node set if it is
/// cheaper. Because the tree is a spanning tree of its nodes, the new MST only needs
/// the tree edges plus the new vertex's edges, so one Kruskal pass over |T| + deg(v)
/// presorted edges evaluates a vertex.
extension LocalSearch {
  package mutating func vertexInsertion(_ tree: inout [Int32]) -> Bool {
    let g = problem.graph
    let n = problem.nodeCount
    var inTree = [Bool](repeating: false, count: n)
    var nodes: [Int32] = []
    var sorted: [Int32] = []
    var treeCost = 0.0
    func load(_ tree: [Int32]) {
      for v in nodes { inTree[Int(v)] = false }
      nodes.removeAll(keepingCapacity: true)
      for e in tree {
        for v in [g.edgeU[Int(e)], g.edgeV[Int(e)]] where !inTree[Int(v)] {
          inTree[Int(v)] = true; nodes.append(v)
        }
      }
      sorted = KeyedOrder.ascending(keys: tree.map { weights[Int($0)] }, ids: tree)
      treeCost = cost(tree)
    }
    load(tree)
    var improved = false
    var sets = DisjointSets(count: n)
    var local: [(w: Double, e: Int32)] = []
    var kept: [Int32] = []
    var v = 0, failures = 0
    while failures < n && budget > 0 {
      defer { v = (v + 1) % n }
      failures += 1
      if inTree[v] { continue }
      local.removeAll(keepingCapacity: true)
      for a in g.arcs(v) where inTree[Int(g.arcHead[a])] {
        let e = g.arcEdge[a]
        local.append((weights[Int(e)], e))
      }
      spend(g.degree(v))
      guard local.count >= 2 else { continue }
      local.sort { $0.w < $1.w || ($0.w == $1.w && $0.e < $1.e) }
      sets.reset(nodes); sets.reset([Int32(v)])
      kept.removeAll(keepingCapacity: true)
      var total = 0.0
      var i = 0, j = 0
      let need = nodes.count  // edges of a spanning tree on nodes + v
      while kept.count < need && (i < sorted.count || j < local.count) {
        // Ties go to the new vertex's edges, so it becomes a hub and old Steiner
        // vertices may fall out as leaves (the gain on unit weights).
        let takeLocal = i >= sorted.count ||
          (j < local.count && (local[j].w <= weights[Int(sorted[i])]))
        let e: Int32
        if takeLocal { e = local[j].e; j += 1 } else { e = sorted[i]; i += 1 }
        if sets.union(Int(g.edgeU[Int(e)]), Int(g.edgeV[Int(e)])) {
          kept.append(e); total += weights[Int(e)]
        }
      }
      spend(i + j)
      guard kept.count == need, total < treeCost - 1e-9 * max(1, treeCost) else { continue }
      let next = problem.pruned(kept)
      guard cost(next) < treeCost - 1e-9 * max(1, treeCost), spansTerminals(next) else { continue }
      tree = next
      load(tree)
      improved = true
      failures = 0
    }
    return improved
  }
}
