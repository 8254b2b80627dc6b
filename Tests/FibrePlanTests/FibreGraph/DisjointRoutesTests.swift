import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct DisjointRoutesTests {
  func graph(_ n: Int, _ edges: [(Int32, Int32, Double)]) -> (CSRGraph, [Double]) {
    (CSRGraph(nodeCount: n, edgeU: edges.map(\.0), edgeV: edges.map(\.1)), edges.map(\.2))
  }

  @Test("Trap graph: removing the shortest path leaves no route, Suurballe finds the pair")
  func trapTopology() throws {
    // s=0 a=1 b=2 t=3 c=4 d=5; shortest s-a-b-t blocks every second route.
    let (g, w) = graph(6, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 4, 2), (4, 2, 2), (1, 5, 2), (5, 3, 2)])
    let none = [Bool](repeating: false, count: 7), all = [Bool](repeating: true, count: 7)
    let pair = try #require(DisjointRoutes.shortestPair(g, weights: w, from: 0, to: 3, sharable: none, allowed: all))
    #expect(pair.cost == 10)
    #expect(pair.shared.isEmpty)
    #expect(DisjointRoutes.verify(pair, g, from: 0, to: 3, sharable: none))
    #expect(Set(pair.first).isDisjoint(with: Set(pair.second)))
    #expect(!Set(pair.first + pair.second).contains(1))  // the middle edge a-b cancels out
  }

  @Test("Ladder: the two rails")
  func ladder() throws {
    // Top 0-1-2, bottom 3-4-5, rungs 0-3, 1-4, 2-5, unit weights.
    let (g, w) = graph(6, [(0, 1, 1), (1, 2, 1), (3, 4, 1), (4, 5, 1), (0, 3, 1), (1, 4, 1), (2, 5, 1)])
    let none = [Bool](repeating: false, count: 7), all = [Bool](repeating: true, count: 7)
    let pair = try #require(DisjointRoutes.shortestPair(g, weights: w, from: 0, to: 2, sharable: none, allowed: all))
    #expect(pair.cost == 6)
    #expect(DisjointRoutes.verify(pair, g, from: 0, to: 2, sharable: none))
    #expect(DisjointRoutes.bridges(g, allowed: all).allSatisfy { !$0 })
  }

  @Test("Two triangles joined by a bridge: the bridge is shared and reported")
  func bridgeIsShared() throws {
    let (g, w) = graph(6, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 3, 5), (3, 4, 1), (4, 5, 1), (5, 3, 1)])
    let all = [Bool](repeating: true, count: 7)
    let bridges = DisjointRoutes.bridges(g, allowed: all)
    #expect(bridges == [false, false, false, true, false, false, false])
    let none = [Bool](repeating: false, count: 7)
    #expect(DisjointRoutes.shortestPair(g, weights: w, from: 0, to: 5, sharable: none, allowed: all) == nil)
    let pair = try #require(DisjointRoutes.shortestPair(g, weights: w, from: 0, to: 5, sharable: bridges, allowed: all))
    #expect(pair.shared == [3])
    #expect(pair.cost == 1 + 2 + 10 + 1 + 2)
    #expect(DisjointRoutes.verify(pair, g, from: 0, to: 5, sharable: bridges))
    #expect(!DisjointRoutes.verify(pair, g, from: 0, to: 5, sharable: none))
    // Parallel edges are never bridges.
    let (p, _) = graph(2, [(0, 1, 1), (0, 1, 2)])
    #expect(DisjointRoutes.bridges(p, allowed: [true, true]) == [false, false])
  }

  @Test("Random small graphs: Suurballe's pair costs what brute force over path pairs finds")
  func matchesBruteForce() throws {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<40 {
      let n = 6
      var edges: [(Int32, Int32, Double)] = []
      for u in 0..<n { for v in (u + 1)..<n where rng.next() % 100 < 45 {
        edges.append((Int32(u), Int32(v), Double(rng.next() % 9 + 1)))
      } }
      let (g, w) = graph(n, edges)
      let none = [Bool](repeating: false, count: edges.count), all = [Bool](repeating: true, count: edges.count)
      // All simple paths 0 → 5 as edge sets.
      var paths: [[Int]] = []
      func dfs(_ v: Int, _ visited: Set<Int>, _ path: [Int]) {
        if v == n - 1 { paths.append(path); return }
        for a in g.arcs(v) {
          let x = Int(g.arcHead[a])
          if !visited.contains(x) { dfs(x, visited.union([x]), path + [Int(g.arcEdge[a])]) }
        }
      }
      dfs(0, [0], [])
      var best = Double.infinity
      for i in paths.indices { for j in paths.indices where j > i && Set(paths[i]).isDisjoint(with: paths[j]) {
        best = min(best, (paths[i] + paths[j]).reduce(0) { $0 + w[$1] })
      } }
      let pair = DisjointRoutes.shortestPair(g, weights: w, from: 0, to: n - 1, sharable: none, allowed: all)
      if best.isInfinite {
        #expect(pair == nil)
      } else {
        let p = try #require(pair)
        #expect(abs(p.cost - best) < 1e-9)
        #expect(DisjointRoutes.verify(p, g, from: 0, to: n - 1, sharable: none))
      }
    }
  }
}
