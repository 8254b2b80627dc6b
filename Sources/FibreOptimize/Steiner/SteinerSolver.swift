import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Entry point of the Steiner engine: reductions, construction, local search,
/// multi-start with recombination, and a dual-ascent lower bound.
public enum SteinerSolver {
  /// Solves the Steiner tree problem in graphs heuristically, with a certified lower
  /// bound. Edges with an endpoint out of range or a weight that is negative or not
  /// finite are ignored; terminals not connected to the first terminal are left out
  /// (the tree then spans the terminals reachable from it). Deterministic for given
  /// options: the search is paced by counted work, the clock is only a safety net.
  /// Roughly O(m log n) per construction and local-search round.
  public static func solve(_ instance: SteinerInstance, options: SteinerOptions = .init()) -> SteinerSolution {
    let started = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    let original = OriginalGraph(instance)
    guard original.terminals.count > 1 else {
      return SteinerSolution(edges: [], cost: 0, lowerBound: 0, seconds: elapsed())
    }
    var reduced = original.reductionGraph()
    reduced.reduce(effort: options.timeLimit <= 0 ? .fast : .thorough(seconds: options.timeLimit))
    let compact = reduced.compacted()

    // Equal weights on the instance itself (the reductions may merge edges into longer
    // ones): the swap search runs last, on the original graph, and the search before it
    // leaves it its share.
    let swap = options.timeLimit > 0 && options.swapShare > 0 && UniformCostSwapSearch.applies(to: original.problem)
    var search = SteinerSearch(compact.problem, options: options, started: started,
                               reserve: swap ? options.swapShare : 0)
    let outcome = search.run()

    var originalEdges: [Int32] = []
    for e in outcome.tree { reduced.ancestry.expand(compact.origin[Int(e)], into: &originalEdges) }
    for id in reduced.fixedOrigins { reduced.ancestry.expand(id, into: &originalEdges) }
    var tree = original.problem.tree(from: originalEdges, weights: original.problem.weight)
    if swap && outcome.lowerBound < original.problem.cost(tree) - 1e-9 {
      tree = UniformCostSwapSearch.improve(tree, in: original.problem, options: options, started: started)
    }
    let edges = tree.map { original.edgeIndex[Int($0)] }.sorted()
    var cost = 0.0
    for e in edges { cost += instance.edgeWeight[Int(e)] }
    let bound = min(cost, reduced.fixedCost + outcome.lowerBound)
    return SteinerSolution(edges: edges, cost: cost, lowerBound: max(0, bound), seconds: elapsed())
  }
}

/// The instance cleaned for solving: valid edges only (self-loops dropped), restricted
/// to the component of the first terminal, with a map back to instance edge indices.
package struct OriginalGraph {
  package var problem: SteinerProblem
  /// Instance edge index of each edge kept.
  package var edgeIndex: [Int32]
  package var terminals: [Int32] { problem.terminals }
  package var inComponent: [Bool]

  package init(_ instance: SteinerInstance) {
    let n = max(0, instance.nodeCount)
    let m = min(instance.edgeU.count, instance.edgeV.count, instance.edgeWeight.count)
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], index: [Int32] = []
    for e in 0..<m {
      let u = Int(instance.edgeU[e]), v = Int(instance.edgeV[e]), w = instance.edgeWeight[e]
      guard u >= 0, u < n, v >= 0, v < n, u != v, w.isFinite, w >= 0 else { continue }
      us.append(Int32(u)); vs.append(Int32(v)); ws.append(w); index.append(Int32(e))
    }
    let g = CSRGraph(nodeCount: n, edgeU: us, edgeV: vs)
    var seen = [Bool](repeating: false, count: n)
    var terminals: [Int32] = []
    for t in instance.terminals where t >= 0 && Int(t) < n && !seen[Int(t)] {
      seen[Int(t)] = true; terminals.append(t)
    }
    let component = terminals.isEmpty ? seen : g.reachable(from: Int(terminals[0]))
    terminals = terminals.filter { component[Int($0)] }
    inComponent = component
    problem = SteinerProblem(graph: g, weight: ws, terminals: terminals)
    edgeIndex = index
  }

  /// The component of the first terminal as a reduction graph whose ancestry leaves
  /// are this graph's edge indices.
  package func reductionGraph() -> ReductionGraph {
    let g = problem.graph
    var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], origins: [Int32] = []
    for e in 0..<g.edgeCount where inComponent[Int(g.edgeU[e])] {
      us.append(g.edgeU[e]); vs.append(g.edgeV[e]); ws.append(problem.weight[e]); origins.append(Int32(e))
    }
    return ReductionGraph(nodeCount: g.nodeCount, edgeU: us, edgeV: vs, weight: ws, origins: origins,
                          originalEdgeCount: g.edgeCount, terminals: terminals, alive: inComponent)
  }
}

