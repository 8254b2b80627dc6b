import FibreCore

/// Two routes between the same two nodes that share no edge, found together at least
/// total cost, plus the stretch they must share when a bridge leaves no choice.
public struct RoutePair: Sendable, Equatable {
  /// Edge ids from the source to the target, in order.
  public var first: [Int32]
  public var second: [Int32]
  /// Edges on both routes (only bridges given as sharable), ascending.
  public var shared: [Int32]
  public var cost: Double
}

public enum DisjointRoutes {
  /// The cheapest pair of edge-disjoint routes from `s` to `t` in an undirected graph
  /// (Suurballe & Tarjan 1984): a min-cost flow of two units by two shortest-path
  /// augmentations, the second on reduced costs so Dijkstra still applies, where a
  /// route may cancel the other's use of an edge. Edges with `sharable[e]` may carry
  /// both routes (pass the bridges, which every route across them must use); edges with
  /// `allowed[e] == false` are not used. Nil when `t` is unreachable or no second route
  /// exists even with the sharable edges. O(m log n).
  public static func shortestPair(_ g: CSRGraph, weights: [Double], from s: Int, to t: Int,
                                  sharable: [Bool], allowed: [Bool]) -> RoutePair? {
    let n = g.nodeCount
    guard s >= 0, s < n, t >= 0, t < n, s != t else { return nil }
    // flow[e] > 0: edge used from edgeU to edgeV, < 0: the other way.
    var flow = [Int8](repeating: 0, count: g.edgeCount)
    var potential = [Double](repeating: 0, count: n)
    for round in 0..<2 {
      guard let (dist, predArc) = residualDijkstra(g, weights: weights, flow: flow, potential: potential,
                                                   sharable: sharable, allowed: allowed, from: s) else { return nil }
      guard dist[t].isFinite else { return nil }
      var x = t
      while x != s {
        let a = Int(predArc[x])
        let e = Int(g.arcEdge[a])
        let from = g.opposite(e, x)
        flow[e] += Int8(from == Int(g.edgeU[e]) ? 1 : -1)
        x = from
      }
      if round == 0 {
        for v in 0..<n where dist[v].isFinite { potential[v] += dist[v] }
      }
    }
    // Decompose the two units into routes, following the flow out of s.
    var remaining = flow
    var routes: [[Int32]] = []
    var cost = 0.0
    for e in 0..<g.edgeCount where flow[e] != 0 { cost += Double(abs(Int(flow[e]))) * weights[e] }
    for _ in 0..<2 {
      var route: [Int32] = []
      var x = s
      var steps = 0
      while x != t {
        var next = -1
        for a in g.arcs(x) {
          let e = Int(g.arcEdge[a])
          let forward = x == Int(g.edgeU[e])
          if (forward && remaining[e] > 0) || (!forward && remaining[e] < 0) {
            remaining[e] += forward ? -1 : 1
            route.append(Int32(e))
            next = Int(g.arcHead[a])
            break
          }
        }
        steps += 1
        guard next >= 0, steps <= g.edgeCount else { return nil }
        x = next
      }
      routes.append(route)
    }
    let shared = (0..<g.edgeCount).filter { abs(Int(flow[$0])) == 2 }.map(Int32.init)
    return RoutePair(first: routes[0], second: routes[1], shared: shared, cost: cost)
  }

  /// Dijkstra over the residual graph with reduced costs c(x→y) + π(x) − π(y).
  private static func residualDijkstra(_ g: CSRGraph, weights: [Double], flow: [Int8], potential: [Double],
                                       sharable: [Bool], allowed: [Bool], from s: Int) -> ([Double], [Int32])? {
    let n = g.nodeCount
    var dist = [Double](repeating: .infinity, count: n)
    var predArc = [Int32](repeating: -1, count: n)
    var done = [Bool](repeating: false, count: n)
    var heap = IndexedHeap(capacity: n)
    dist[s] = 0
    heap.push(s, 0)
    while !heap.isEmpty {
      let (x, d) = heap.pop()
      done[x] = true
      for a in g.arcs(x) {
        let e = Int(g.arcEdge[a]), y = Int(g.arcHead[a])
        guard !done[y], allowed[e], y != x else { continue }
        let direction: Int8 = x == Int(g.edgeU[e]) ? 1 : -1
        let capacity: Int8 = sharable[e] ? 2 : 1
        let after = flow[e] + direction
        guard abs(after) <= capacity else { continue }
        // Moving against existing flow cancels it and gives its cost back.
        let base = flow[e] * direction < 0 ? -weights[e] : weights[e]
        let reduced = max(0, base + potential[x] - potential[y])
        let nd = d + reduced
        if nd < dist[y] {
          dist[y] = nd
          predArc[y] = Int32(a)
          heap.push(y, nd)
        }
      }
    }
    return (dist, predArc)
  }

  /// Bridges of the graph restricted to `allowed` edges: edges whose removal
  /// disconnects their component (Tarjan 1974, iterative DFS, low-link; parallel edges
  /// are never bridges). O(n + m).
  public static func bridges(_ g: CSRGraph, allowed: [Bool]) -> [Bool] {
    let n = g.nodeCount
    var isBridge = [Bool](repeating: false, count: g.edgeCount)
    var order = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var parentEdge = [Int32](repeating: -1, count: n)
    var nextArc = [Int32](repeating: 0, count: n)
    var counter: Int32 = 0
    var stack: [Int32] = []
    for root in 0..<n where order[root] < 0 {
      order[root] = counter; low[root] = counter; counter += 1
      nextArc[root] = g.rowStart[root]
      stack.append(Int32(root))
      while let top = stack.last {
        let v = Int(top)
        if nextArc[v] < g.rowStart[v + 1] {
          let a = Int(nextArc[v])
          nextArc[v] += 1
          let e = Int(g.arcEdge[a]), w = Int(g.arcHead[a])
          guard allowed[e], e != Int(parentEdge[v]), w != v else { continue }
          if order[w] < 0 {
            order[w] = counter; low[w] = counter; counter += 1
            parentEdge[w] = Int32(e)
            nextArc[w] = g.rowStart[w]
            stack.append(Int32(w))
          } else {
            low[v] = min(low[v], order[w])
          }
        } else {
          stack.removeLast()
          let pe = Int(parentEdge[v])
          if pe >= 0 {
            let p = g.opposite(pe, v)
            low[p] = min(low[p], low[v])
            if low[v] > order[p] { isBridge[pe] = true }
          }
        }
      }
    }
    return isBridge
  }

  /// Checks a pair independently of how it was found: each route is a walk from `s` to
  /// `t` along its edges, and the two share no edge except sharable ones. O(route length).
  public static func verify(_ pair: RoutePair, _ g: CSRGraph, from s: Int, to t: Int, sharable: [Bool]) -> Bool {
    func walks(_ route: [Int32]) -> Bool {
      var x = s
      for e32 in route {
        let e = Int(e32)
        guard e >= 0, e < g.edgeCount else { return false }
        if Int(g.edgeU[e]) == x { x = Int(g.edgeV[e]) } else if Int(g.edgeV[e]) == x { x = Int(g.edgeU[e]) } else { return false }
      }
      return x == t
    }
    guard walks(pair.first), walks(pair.second) else { return false }
    let firstSet = Set(pair.first)
    for e in pair.second where firstSet.contains(e) && !sharable[Int(e)] { return false }
    return true
  }
}
