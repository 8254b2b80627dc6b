import Dispatch
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Local search for Steiner trees (Uchoa & Werneck 2010, "Fast local search for Steiner
/// trees in graphs"): key-path exchange, all key paths at once from one Voronoi diagram
/// of the tree's nodes (`keyPathSweep`), and key-vertex elimination, evaluated by a
/// bounded Dijkstra from all pieces but the largest, so a move costs about the size of
/// the neighbourhood it explores rather than of the graph.
package struct LocalSearch {
  package let problem: SteinerProblem
  package var weights: [Double]
  package var paths: ShortestPaths
  /// Second Dijkstra state: the key-path sweep repairs regions while `paths` holds them.
  package var repair: ShortestPaths
  package var layout: TreeLayout
  /// Marks edges to drop from the tree; cleared after every use.
  package var edgeMark: [Bool]
  /// Remaining heap operations; the search stops when it runs out.
  package var budget: Int
  /// Uptime in nanoseconds after which the search stops (a safety net; the budget is
  /// what normally ends it, which keeps results independent of the machine).
  package var deadline: UInt64 = .max
  private var checks = 0

  package init(_ problem: SteinerProblem, weights: [Double], budget: Int) {
    self.problem = problem
    self.weights = weights
    paths = ShortestPaths(nodeCount: problem.nodeCount)
    repair = ShortestPaths(nodeCount: problem.nodeCount)
    layout = TreeLayout(nodeCount: problem.nodeCount)
    edgeMark = [Bool](repeating: false, count: problem.edgeCount)
    self.budget = budget
  }

  package var root: Int { Int(problem.terminals[0]) }

  /// Charges `work` to the budget and, every few calls, looks at the clock.
  package mutating func spend(_ work: Int) {
    budget -= work
    checks += 1
    if checks & 31 == 0 && deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { budget = 0 }
  }

  package func cost(_ tree: [Int32]) -> Double {
    var c = 0.0
    for e in tree { c += weights[Int(e)] }
    return c
  }

  /// Applies the moves until none improves the tree or the budget runs out.
  /// The result never costs more than `tree`. Each move is O(explored region · log n).
  package mutating func improve(_ start: [Int32]) -> [Int32] {
    var tree = problem.pruned(start)
    guard !tree.isEmpty else { return tree }
    var rounds = 0
    while budget > 0 && rounds < 50 {
      rounds += 1
      let b = keyPathSweeps(&tree)
      let c = keyVertexElimination(&tree)
      // Insertion costs O(|T|) per candidate; on big trees it would eat the budget.
      let a = tree.count <= 4_000 ? vertexInsertion(&tree) : false
      // Elimination scans the induced edges once per Steiner vertex: only when stuck.
      let d = !a && !b && !c && tree.count <= 2_000 ? vertexElimination(&tree) : false
      if !a && !b && !c && !d { break }
    }
    return tree
  }

  /// Replaces `removed` by `added` and re-derives a clean tree (MST + pruning), keeping
  /// the old tree should the result be worse or not span the terminals.
  package mutating func replace(_ tree: inout [Int32], removing removed: [Int32], adding added: [Int32]) -> Bool {
    let before = cost(tree)
    for e in removed { edgeMark[Int(e)] = true }
    var candidate: [Int32] = []
    candidate.reserveCapacity(tree.count + added.count)
    for e in tree where !edgeMark[Int(e)] { candidate.append(e) }
    for e in removed { edgeMark[Int(e)] = false }
    candidate += added
    let next = problem.tree(from: candidate, weights: weights)
    spend(4 * candidate.count + 64)
    let after = cost(next)
    guard after < before - 1e-9 * max(1, before), spansTerminals(next) else { return false }
    tree = next
    return true
  }

  package func spansTerminals(_ tree: [Int32]) -> Bool {
    if problem.terminals.count <= 1 { return true }
    var sets = DisjointSets(count: problem.nodeCount)
    for e in tree { sets.union(Int(problem.graph.edgeU[Int(e)]), Int(problem.graph.edgeV[Int(e)])) }
    let r = sets.find(root)
    for t in problem.terminals where sets.find(Int(t)) != r { return false }
    return true
  }
}
