import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Running the reductions and turning what is left into a compact `SteinerProblem`.
extension ReductionGraph {
  package enum Effort: Equatable {
    case fast
    /// Scans scaled to the time limit in seconds.
    case thorough(seconds: Double)
  }

  /// Runs the reduction tests to a fixed point (or a few rounds). O(rounds · m · cap).
  package mutating func reduce(effort: Effort) {
    removeParallelEdges()
    degreeTests()
    let rounds = effort == .fast ? 1 : 4
    for _ in 0..<rounds {
      guard terminalCount > 1 else { break }
      let live = edgeAlive.reduce(0) { $0 + ($1 ? 1 : 0) }
      // A fixed number of arc scans in all (fewer on the fast path), but at least a
      // small neighbourhood per edge.
      var total = 3_000_000
      if case .thorough(let seconds) = effort { total = Int(min(20_000_000, max(3_000_000, seconds * 2_000_000))) }
      let cap = max(30, min(2_000, total / max(1, live)))
      let deleted = specialDistanceTest(scansPerEdge: cap)
      // Degree-3 pseudo-elimination only when there is time to search: at time limit 0
      // it cost vienna G303 40 % more wall time and changed b11's first tree from the
      // optimum (88) to 90, while its gain, a tighter dual-ascent bound, is only used
      // by the search that follows.
      let eliminated = effort == .fast ? 0 : nonTerminalDegree3Test(scansPerSearch: max(60, min(600, cap)))
      removeParallelEdges()
      degreeTests()
      if (deleted + eliminated) * 100 < live { break }
    }
  }

  /// Live nodes and edges renumbered densely, with each new edge's ancestry id.
  /// O(n + m).
  package func compacted() -> (problem: SteinerProblem, origin: [Int32], node: [Int32]) {
    var newId = [Int32](repeating: -1, count: nodeCount)
    var nodes: [Int32] = []
    for v in 0..<nodeCount where nodeAlive[v] && (degree[v] > 0 || isTerminal[v]) {
      newId[v] = Int32(nodes.count); nodes.append(Int32(v))
    }
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], origins: [Int32] = []
    for e in 0..<edgeCapacity where edgeAlive[e] {
      let (u, v) = endpoints(e)
      us.append(newId[u]); vs.append(newId[v]); ws.append(weight[e]); origins.append(origin[e])
    }
    var terminals: [Int32] = []
    for v in nodes where isTerminal[Int(v)] { terminals.append(newId[Int(v)]) }
    let g = CSRGraph(nodeCount: nodes.count, edgeU: us, edgeV: vs)
    return (SteinerProblem(graph: g, weight: ws, terminals: terminals), origins, nodes)
  }
}
