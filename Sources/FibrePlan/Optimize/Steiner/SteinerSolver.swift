/// Entry point of the Steiner engine.
///
/// PLACEHOLDER (skeleton): a single-root shortest-path heuristic (Takahashi &
/// Matsuyama 1980) with a binary heap, good enough to route plans end to end until the
/// full engine (reductions, local search, dual ascent) replaces this file.
public enum SteinerSolver {
  public static func solve(_ instance: SteinerInstance, options: SteinerOptions = .init()) -> SteinerSolution {
    let n = instance.nodeCount
    let m = instance.edgeCount
    guard instance.terminals.count > 1 else {
      return SteinerSolution(edges: [], cost: 0, lowerBound: 0, seconds: 0)
    }
    // CSR adjacency.
    var degree = [Int32](repeating: 0, count: n + 1)
    for e in 0..<m { degree[Int(instance.edgeU[e])] += 1; degree[Int(instance.edgeV[e])] += 1 }
    var start = [Int32](repeating: 0, count: n + 1)
    for i in 0..<n { start[i + 1] = start[i] + degree[i] }
    var fill = start
    var adjNode = [Int32](repeating: 0, count: 2 * m)
    var adjEdge = [Int32](repeating: 0, count: 2 * m)
    for e in 0..<m {
      let u = Int(instance.edgeU[e]), v = Int(instance.edgeV[e])
      adjNode[Int(fill[u])] = Int32(v); adjEdge[Int(fill[u])] = Int32(e); fill[u] += 1
      adjNode[Int(fill[v])] = Int32(u); adjEdge[Int(fill[v])] = Int32(e); fill[v] += 1
    }
    var inTree = [Bool](repeating: false, count: n)
    var isTerminal = [Bool](repeating: false, count: n)
    for t in instance.terminals { isTerminal[Int(t)] = true }
    inTree[Int(instance.terminals[0])] = true
    var remaining = Set(instance.terminals.map(Int.init))
    remaining.remove(Int(instance.terminals[0]))
    var treeEdges: [Int32] = []
    var dist = [Double](repeating: .infinity, count: n)
    var pred = [Int32](repeating: -1, count: n)
    while !remaining.isEmpty {
      // Multi-source Dijkstra from the whole tree.
      for i in 0..<n { dist[i] = .infinity; pred[i] = -1 }
      var heap: [(Double, Int32)] = []
      func push(_ d: Double, _ v: Int32) {
        heap.append((d, v)); var i = heap.count - 1
        while i > 0 { let p = (i - 1) / 2; if heap[p].0 <= heap[i].0 { break }; heap.swapAt(p, i); i = p }
      }
      func pop() -> (Double, Int32) {
        let top = heap[0]; let last = heap.removeLast()
        if !heap.isEmpty {
          heap[0] = last; var i = 0
          while true {
            let l = 2 * i + 1, r = l + 1; var s = i
            if l < heap.count && heap[l].0 < heap[s].0 { s = l }
            if r < heap.count && heap[r].0 < heap[s].0 { s = r }
            if s == i { break }; heap.swapAt(s, i); i = s
          }
        }
        return top
      }
      for v in 0..<n where inTree[v] { dist[v] = 0; push(0, Int32(v)) }
      var reached = -1
      while !heap.isEmpty {
        let (d, v32) = pop(); let v = Int(v32)
        if d > dist[v] { continue }
        if isTerminal[v] && !inTree[v] { reached = v; break }
        for k in Int(start[v])..<Int(start[v + 1]) {
          let w = Int(adjNode[k]); let nd = d + instance.edgeWeight[Int(adjEdge[k])]
          if nd < dist[w] { dist[w] = nd; pred[w] = adjEdge[k]; push(nd, Int32(w)) }
        }
      }
      if reached < 0 { break }  // the rest is disconnected
      var v = reached
      while !inTree[v] {
        inTree[v] = true
        let e = Int(pred[v]); treeEdges.append(Int32(e))
        v = Int(instance.edgeU[e]) == v ? Int(instance.edgeV[e]) : Int(instance.edgeU[e])
        remaining.remove(v)
      }
      remaining.remove(reached)
    }
    let cost = treeEdges.reduce(0.0) { $0 + instance.edgeWeight[Int($1)] }
    return SteinerSolution(edges: treeEdges.sorted(), cost: cost, lowerBound: 0, seconds: 0)
  }
}
