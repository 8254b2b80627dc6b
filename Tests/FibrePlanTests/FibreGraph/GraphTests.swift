import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Seeded generator for test data (SplitMix64).
struct TestRNG: RandomNumberGenerator {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A random connected multigraph with small integer weights (zeros included),
/// parallel edges and, if asked, self-loops.
func randomGraph(nodes n: Int, extraEdges: Int, maxWeight: Int, selfLoops: Bool = false,
                 _ rng: inout TestRNG) -> (u: [Int32], v: [Int32], w: [Double]) {
  var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
  for i in 1..<n {
    u.append(Int32(Int.random(in: 0..<i, using: &rng))); v.append(Int32(i))
    w.append(Double(Int.random(in: 0...maxWeight, using: &rng)))
  }
  for _ in 0..<extraEdges {
    let a = Int.random(in: 0..<n, using: &rng)
    var b = Int.random(in: 0..<n, using: &rng)
    if a == b && !selfLoops { b = (a + 1) % n }
    u.append(Int32(a)); v.append(Int32(b)); w.append(Double(Int.random(in: 0...maxWeight, using: &rng)))
  }
  return (u, v, w)
}

@Suite struct GraphTests {
  @Test func csrKeepsParallelEdgesAndSelfLoops() {
    let g = CSRGraph(nodeCount: 4, edgeU: [0, 0, 1, 2], edgeV: [1, 1, 1, 3])
    #expect(g.rowStart.count == 5)
    #expect(g.degree(0) == 2)
    #expect(g.degree(1) == 4)  // two parallel edges plus both ends of the loop
    #expect(g.degree(3) == 1)
    #expect(Set(g.arcs(0).map { g.arcEdge[$0] }) == [0, 1])
    #expect(g.opposite(3, 3) == 2)
    #expect(g.reachable(from: 0) == [true, true, false, false])
  }

  @Test func heapPopsInKeyOrderWithDecreaseKey() {
    var rng = TestRNG(7)
    var heap = IndexedHeap(capacity: 200)
    var key = [Double](repeating: .infinity, count: 200)
    for _ in 0..<600 {
      let v = Int.random(in: 0..<200, using: &rng)
      let k = Double(Int.random(in: 0..<1000, using: &rng))
      heap.push(v, k)
      key[v] = min(key[v], k)
    }
    var last = -Double.infinity
    var popped = 0
    while !heap.isEmpty {
      let (v, k) = heap.pop()
      #expect(k == key[v])
      #expect(k >= last)
      last = k; popped += 1
    }
    #expect(popped == key.filter { $0 < .infinity }.count)
    heap.push(3, 1); heap.removeAll()
    #expect(heap.isEmpty && !heap.contains(3))
  }

  @Test func dijkstraMatchesBellmanFord() {
    var rng = TestRNG(11)
    var sp = ShortestPaths(nodeCount: 30)
    for _ in 0..<40 {
      let n = Int.random(in: 2...30, using: &rng)
      let (u, v, w) = randomGraph(nodes: n, extraEdges: n, maxWeight: 9, selfLoops: true, &rng)
      let g = CSRGraph(nodeCount: n, edgeU: u, edgeV: v)
      let s = Int.random(in: 0..<n, using: &rng)
      var reference = [Double](repeating: .infinity, count: n)
      reference[s] = 0
      for _ in 0..<n {
        for e in 0..<u.count {
          let a = Int(u[e]), b = Int(v[e])
          reference[b] = min(reference[b], reference[a] + w[e])
          reference[a] = min(reference[a], reference[b] + w[e])
        }
      }
      var scratch = ShortestPaths(nodeCount: n)
      scratch.singleSource(g, weights: w, from: s)
      #expect(Array(scratch.dist) == reference)
      // The predecessor path of every node has the node's distance as its length.
      for x in 0..<n {
        let length = scratch.pathEdges(g, to: x).reduce(0.0) { $0 + w[Int($1)] }
        #expect(length == reference[x])
      }
      // Reused scratch after reset gives the same answer; a bound stops early.
      sp = ShortestPaths(nodeCount: n)
      sp.singleSource(g, weights: w, from: s, bound: 5)
      for x in 0..<n where reference[x] <= 5 { #expect(sp.dist[x] == reference[x]) }
    }
  }

  @Test func voronoiAssignsNearestSite() {
    var rng = TestRNG(5)
    for _ in 0..<30 {
      let n = Int.random(in: 3...25, using: &rng)
      let (u, v, w) = randomGraph(nodes: n, extraEdges: n, maxWeight: 9, &rng)
      let g = CSRGraph(nodeCount: n, edgeU: u, edgeV: v)
      let sites = Array(Set((0..<3).map { _ in Int32(Int.random(in: 0..<n, using: &rng)) })).sorted()
      let vor = VoronoiRegions(g, weights: w, sites: sites)
      var sp = ShortestPaths(nodeCount: n)
      var best = [Double](repeating: .infinity, count: n)
      for s in sites {
        sp.singleSource(g, weights: w, from: Int(s))
        for x in 0..<n { best[x] = min(best[x], sp.dist[x]) }
      }
      for x in 0..<n {
        #expect(vor.dist[x] == best[x])
        sp.singleSource(g, weights: w, from: Int(sites[Int(vor.site[x])]))
        #expect(sp.dist[x] == best[x])
        #expect(vor.pathToSite(g, from: x).reduce(0.0) { $0 + w[Int($1)] } == best[x])
      }
    }
  }

  @Test func disjointSets() {
    var d = DisjointSets(count: 5)
    let first = d.union(0, 1), second = d.union(3, 4), again = d.union(1, 0)
    #expect(first && second && !again)
    let (a, b, c) = (d.find(0), d.find(1), d.find(3))
    #expect(a == b && a != c)
    d.reset([0, 1])
    let (x, y) = (d.find(0), d.find(1))
    #expect(x != y)
  }
}
