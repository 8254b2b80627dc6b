import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Steiner-vertex elimination (Minoux 1990; Uchoa & Werneck 2010): drop a Steiner
/// vertex of the tree and keep the pruned minimum spanning tree of the subgraph induced
/// by the remaining vertices if it is cheaper and still spans the terminals. The induced
/// edges are sorted once per tree, so a vertex costs one Kruskal pass over them plus a
/// pruning pass, all on local indices. On unit or near-uniform weights this is the move
/// that turns a neutral reshuffle (insertion with ties) into a gain.
extension LocalSearch {
  package mutating func vertexElimination(_ tree: inout [Int32]) -> Bool {
    var s = EliminationScratch(nodeCount: problem.nodeCount)
    s.load(tree, problem, weights)
    var treeCost = cost(tree)
    var improved = false
    let rootNode = root
    var i = 0, failures = 0
    while failures < s.nodes.count && budget > 0 {
      let k = s.nodes.count
      let ui = Int32(i % k)
      i += 1
      failures += 1
      let u = Int(s.nodes[Int(ui)])
      if problem.isTerminal[u] { continue }
      spend(s.spanWithout(ui, problem) + k)
      let r = s.find(s.local[rootNode])
      var spans = true
      for t in problem.terminals where s.find(s.local[Int(t)]) != r { spans = false; break }
      guard spans else { continue }
      let total = s.pruneKept(problem, weights)
      spend(2 * k)
      guard total < treeCost - 1e-9 * max(1, treeCost) else { continue }
      let next = s.survivors(problem, rootSet: r)
      guard spansTerminals(next) else { continue }
      tree = next
      s.load(tree, problem, weights)
      treeCost = cost(tree)
      improved = true
      failures = 0
    }
    return improved
  }
}

/// The tree's nodes on local indices, the edges they induce sorted by (weight, id),
/// and the union-find and pruning scratch of one evaluation, reused by all.
private struct EliminationScratch {
  var local: [Int32]
  var nodes: [Int32] = []
  var induced: [Int32] = []
  var parent: [Int32] = []
  var kept: [Int32] = []
  var degree: [Int32] = []
  var start: [Int32] = []
  var incident: [Int32] = []
  var alive: [Bool] = []
  var stack: [Int32] = []

  init(nodeCount: Int) { local = [Int32](repeating: -1, count: nodeCount) }

  mutating func load(_ tree: [Int32], _ problem: SteinerProblem, _ weights: [Double]) {
    let g = problem.graph
    for v in nodes { local[Int(v)] = -1 }
    nodes.removeAll(keepingCapacity: true)
    for e in tree {
      for v in [g.edgeU[Int(e)], g.edgeV[Int(e)]] where local[Int(v)] < 0 {
        local[Int(v)] = Int32(nodes.count); nodes.append(v)
      }
    }
    induced.removeAll(keepingCapacity: true)
    for v in nodes {
      for a in g.arcs(Int(v)) where local[Int(g.arcHead[a])] >= 0 && v < g.arcHead[a] {
        induced.append(g.arcEdge[a])
      }
    }
    induced.sort { weights[Int($0)] < weights[Int($1)] || (weights[Int($0)] == weights[Int($1)] && $0 < $1) }
  }

  mutating func find(_ x: Int32) -> Int32 {
    var x = x
    while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
    return x
  }

  /// Kruskal over the induced edges that avoid local node `ui`, into `kept`; returns
  /// the edges scanned.
  mutating func spanWithout(_ ui: Int32, _ problem: SteinerProblem) -> Int {
    let g = problem.graph
    let k = nodes.count
    parent.removeAll(keepingCapacity: true)
    for x in 0..<Int32(k) { parent.append(x) }
    kept.removeAll(keepingCapacity: true)
    var scanned = 0
    for e in induced {
      scanned += 1
      var a = local[Int(g.edgeU[Int(e)])], b = local[Int(g.edgeV[Int(e)])]
      if a == ui || b == ui { continue }
      a = find(a); b = find(b)
      if a == b { continue }
      parent[Int(a)] = b
      kept.append(e)
      if kept.count == k - 2 { break }
    }
    return scanned
  }

  /// Prunes non-terminal leaves of `kept` (marking them dead in `alive`) and returns
  /// the cost left. Components without the root vanish later, in `survivors`.
  mutating func pruneKept(_ problem: SteinerProblem, _ weights: [Double]) -> Double {
    let g = problem.graph
    let k = nodes.count
    degree = [Int32](repeating: 0, count: k)
    var total = 0.0
    for e in kept {
      let a = Int(local[Int(g.edgeU[Int(e)])]), b = Int(local[Int(g.edgeV[Int(e)])])
      degree[a] += 1; degree[b] += 1; total += weights[Int(e)]
    }
    start = [Int32](repeating: 0, count: k + 1)
    for x in 0..<k { start[x + 1] = start[x] + degree[x] }
    var fill = start
    incident = [Int32](repeating: 0, count: 2 * kept.count)
    for (j, e) in kept.enumerated() {
      let a = Int(local[Int(g.edgeU[Int(e)])]), b = Int(local[Int(g.edgeV[Int(e)])])
      incident[Int(fill[a])] = Int32(j); fill[a] += 1
      incident[Int(fill[b])] = Int32(j); fill[b] += 1
    }
    alive = [Bool](repeating: true, count: kept.count)
    stack.removeAll(keepingCapacity: true)
    for x in 0..<k where degree[x] == 1 && !problem.isTerminal[Int(nodes[x])] { stack.append(Int32(x)) }
    while let x32 = stack.popLast() {
      let x = Int(x32)
      guard degree[x] == 1 else { continue }
      for s in Int(start[x])..<Int(start[x + 1]) {
        let j = Int(incident[s])
        guard alive[j] else { continue }
        alive[j] = false
        total -= weights[Int(kept[j])]
        degree[x] -= 1
        let e = Int(kept[j])
        let a = Int(local[Int(g.edgeU[e])]), b = Int(local[Int(g.edgeV[e])])
        let y = a == x ? b : a
        degree[y] -= 1
        if degree[y] == 1 && !problem.isTerminal[Int(nodes[y])] { stack.append(Int32(y)) }
        break
      }
    }
    return total
  }

  /// The kept, unpruned edges in the root's component `rootSet`.
  mutating func survivors(_ problem: SteinerProblem, rootSet r: Int32) -> [Int32] {
    let g = problem.graph
    var next: [Int32] = []
    next.reserveCapacity(kept.count)
    for (j, e) in kept.enumerated() where alive[j] && find(local[Int(g.edgeU[Int(e)])]) == r { next.append(e) }
    return next
  }
}
