import Dispatch
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Fixed-size swap search over Steiner-vertex sets for instances whose edges all cost
/// the same (the swap-and-weight local searches for minimum connected dominating sets,
/// e.g. NuCDS, Li et al., IJCAI 2020, with terminals in place of domination). There a
/// tree's cost is (terminals + Steiner vertices − 1) × the weight, so the problem is the
/// smallest set S whose union with the terminals induces a connected subgraph. With
/// |S| = k fixed, a step removes one vertex of S and inserts one outside it, minimising
/// the weighted number of terminals left outside the heaviest component; terminals that
/// stay outside gain weight, which pushes the walk off the plateaus where the annealing
/// and key-path moves see only ties. A connected set is recorded and k lowered by one.
///
/// Deterministic: paced by counted work (arcs and nodes examined), the clock is only a
/// safety net.
package struct UniformCostSwapSearch {
  package let problem: SteinerProblem
  package private(set) var budget: Int
  package var deadline: UInt64 = .max
  private var rng: SplitMix64

  /// A terminal of each group of terminals joined by terminal–terminal edges, and each
  /// terminal's group representative.
  private var reps: [Int32] = []
  private var repOf: [Int32]
  /// Weight of each representative (bumped while its group stays outside).
  private var repWeight: [Int]
  private var inS: [Bool]
  private var members: [Int32] = []
  /// Step until which a node may not be removed (after insertion) or inserted (after
  /// removal).
  private var tabuUntil: [Int]
  private var parent: [Int32]
  private var groupWeight: [Int]
  private var stamp: [Int]
  private var stampClock = 0

  package init(_ problem: SteinerProblem, budget: Int, seed: UInt64) {
    self.problem = problem
    self.budget = budget
    rng = SplitMix64(seed: seed)
    let n = problem.nodeCount
    repOf = [Int32](repeating: -1, count: n)
    repWeight = [Int](repeating: 1, count: n)
    inS = [Bool](repeating: false, count: n)
    tabuUntil = [Int](repeating: 0, count: n)
    parent = (0..<Int32(n)).map { $0 }
    groupWeight = [Int](repeating: 0, count: n)
    stamp = [Int](repeating: 0, count: n)
    groupTerminals()
  }

  /// True when every edge has the same weight (the only case the vertex count is the
  /// cost) and the graph is small enough for steps that scan every node.
  package static func applies(to p: SteinerProblem) -> Bool {
    guard let w = p.weight.first, p.edgeCount > 0, p.nodeCount + p.edgeCount <= 200_000 else { return false }
    return p.weight.allSatisfy { $0 == w }
  }

  /// Work units (arcs and nodes examined) per second, per thread, on this 2-core machine.
  package static let workPerSecond = 60_000_000.0

  /// Two walks from `tree` with different seeds, in parallel, paced by counted work
  /// (`options.swapShare` of the limit, or `maxRounds` when set); the cheaper tree wins,
  /// never costlier than `tree`.
  package static func improve(_ tree: [Int32], in p: SteinerProblem, options: SteinerOptions,
                              started: UInt64) -> [Int32] {
    let units = 2
    let total = options.maxRounds.map { $0 * 50 * (p.edgeCount + p.nodeCount) }
      ?? Int(options.timeLimit * options.swapShare * workPerSecond)
    let chunk = total / units
    guard chunk > 0 else { return tree }
    let deadline = started + UInt64(options.clockSpan * 0.95e9)
    let seed = options.seed
    let results = orderedParallelMap(units, threads: options.threads) { i -> [Int32] in
      var walk = UniformCostSwapSearch(p, budget: chunk, seed: seed ^ (UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15))
      walk.deadline = deadline
      return walk.run(from: tree)
    }
    var best = tree
    for t in results where p.cost(t) < p.cost(best) - 1e-9 * max(1, p.cost(best)) { best = t }
    return best
  }

  /// The best tree met from `tree`'s Steiner vertices, never costlier than `tree`.
  package mutating func run(from tree: [Int32]) -> [Int32] {
    resetMembers(to: tree)
    var best = tree
    guard outside(skipping: -1) == 0 else { return tree }
    var step = 0
    var nextClockCheck = budget - 1_000_000
    while budget > 0 && !members.isEmpty {
      step += 1
      if budget < nextClockCheck {
        nextClockCheck = budget - 1_000_000
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { break }
      }
      // Remove the vertex whose loss hurts least, then (unless that left S connected)
      // insert the one that joins most weight.
      // Every candidate tabu (small sets): the tabu rule is waived for this step.
      var r = bestRemoval(step)
      if r < 0 { r = bestRemoval(Int.max) }
      guard r >= 0 else { break }
      remove(r, step)
      var score = outside(skipping: -1)
      if score > 0 {
        var a = bestInsertion(step)
        if a < 0 { a = bestInsertion(Int.max) }
        if a >= 0 { insert(a, step) }
        score = outside(skipping: -1)
        if score > 0 { bumpWeights() }
      }
      if score == 0 {
        let t = currentTree()
        if problem.cost(t) < problem.cost(best) - 1e-9 * max(1, problem.cost(best)) { best = t }
        // Keep only the vertices the pruned tree uses; the next removal lowers k.
        resetMembers(to: t)
      }
    }
    return best
  }

  // MARK: Moves

  /// The vertex of S (not tabu) whose removal leaves the least weight outside; at most
  /// `sample` of them are tried, from a random offset, so a step stays O(sample · |S|).
  private mutating func bestRemoval(_ step: Int) -> Int {
    var bestScore = Int.max, pick = -1, ties = 0
    let sample = 48
    let offset = Int(rng.next() % UInt64(members.count))
    for i in 0..<min(sample, members.count) {
      let s = members[(offset + i) % members.count]
      guard tabuUntil[Int(s)] <= step else { continue }
      let score = outside(skipping: Int(s))
      if score < bestScore {
        bestScore = score; pick = Int(s); ties = 1
      } else if score == bestScore {
        ties += 1
        if rng.next() % UInt64(ties) == 0 { pick = Int(s) }
      }
    }
    return pick
  }

  /// The outside vertex joining the most component weight to the heaviest component.
  /// Expects `parent` and `groupWeight` from the last `outside` call (the current S).
  private mutating func bestInsertion(_ step: Int) -> Int {
    let g = problem.graph
    let heaviest = max(0, heaviestComponent().weight)
    var bestJoined = -1, pick = -1, ties = 0
    for v in 0..<problem.nodeCount where !inS[v] && !problem.isTerminal[v] && tabuUntil[v] <= step {
      stampClock += 1
      var joined = 0
      for a in g.arcs(v) {
        let w = Int(g.arcHead[a])
        let node = problem.isTerminal[w] ? Int(repOf[w]) : (inS[w] ? w : -1)
        guard node >= 0 else { continue }
        let root = find(node)
        if stamp[root] != stampClock { stamp[root] = stampClock; joined += groupWeight[root] }
      }
      budget -= g.arcs(v).count + 1
      let value = max(heaviest, joined)
      if value > bestJoined {
        bestJoined = value; pick = v; ties = 1
      } else if value == bestJoined {
        ties += 1
        if rng.next() % UInt64(ties) == 0 { pick = v }
      }
    }
    return pick
  }

  private mutating func insert(_ v: Int, _ step: Int) {
    inS[v] = true
    members.append(Int32(v))
    tabuUntil[v] = step + 2 + Int(rng.next() % 3)
  }

  private mutating func remove(_ v: Int, _ step: Int) {
    inS[v] = false
    if let i = members.firstIndex(of: Int32(v)) { members.swapAt(i, members.count - 1); members.removeLast() }
    tabuUntil[v] = step + 3 + Int(rng.next() % 5)
  }

  /// Terminal groups outside the heaviest component lose nothing yet: their weight
  /// grows so that the next steps favour joining them.
  private mutating func bumpWeights() {
    let heaviestRoot = heaviestComponent().root
    for r in reps where find(Int(r)) != heaviestRoot { repWeight[Int(r)] += 1 }
    budget -= reps.count
  }

  /// S becomes the Steiner vertices of `tree`, every terminal group back at weight 1.
  private mutating func resetMembers(to tree: [Int32]) {
    let g = problem.graph
    for s in members { inS[Int(s)] = false }
    members.removeAll(keepingCapacity: true)
    for e in tree {
      addMember(Int(g.edgeU[Int(e)]))
      addMember(Int(g.edgeV[Int(e)]))
    }
    for r in reps { repWeight[Int(r)] = 1 }
  }

  private mutating func addMember(_ v: Int) {
    guard !problem.isTerminal[v] && !inS[v] else { return }
    inS[v] = true
    members.append(Int32(v))
  }

  /// The root and weight of the heaviest component (the first in group, then member
  /// order on ties), from `parent` and `groupWeight` as the last `outside` left them.
  private mutating func heaviestComponent(skipping skip: Int = -1) -> (root: Int, weight: Int) {
    var root = -1, weight = -1
    for r in reps where find(Int(r)) == Int(r) && groupWeight[Int(r)] > weight {
      weight = groupWeight[Int(r)]; root = Int(r)
    }
    for s in members where Int(s) != skip && find(Int(s)) == Int(s) && groupWeight[Int(s)] > weight {
      weight = groupWeight[Int(s)]; root = Int(s)
    }
    return (root, weight)
  }

  // MARK: Evaluation

  /// Weight of the terminal groups outside the heaviest component of the subgraph that
  /// the terminals and S − `skipping` induce; 0 means connected. Leaves `parent` and
  /// `groupWeight` set for that subgraph. O(groups + arcs of S).
  private mutating func outside(skipping skip: Int) -> Int {
    let g = problem.graph
    var total = 0
    for r in reps { parent[Int(r)] = r; groupWeight[Int(r)] = repWeight[Int(r)]; total += repWeight[Int(r)] }
    for s in members { parent[Int(s)] = s; groupWeight[Int(s)] = 0 }
    var work = reps.count + members.count
    for s32 in members where Int(s32) != skip {
      let s = Int(s32)
      for a in g.arcs(s) {
        let w = Int(g.arcHead[a])
        let node = problem.isTerminal[w] ? Int(repOf[w]) : (inS[w] && w < s && w != skip ? w : -1)
        if node >= 0 { unite(s, node) }
      }
      work += g.arcs(s).count
    }
    budget -= work
    return total - max(0, heaviestComponent(skipping: skip).weight)
  }

  private mutating func unite(_ a: Int, _ b: Int) {
    let ra = find(a), rb = find(b)
    guard ra != rb else { return }
    parent[ra] = Int32(rb)
    groupWeight[rb] += groupWeight[ra]
  }

  private mutating func find(_ x: Int) -> Int { DisjointSets.root(x, in: &parent) }

  /// The pruned spanning tree of the subgraph the terminals and S induce.
  private func currentTree() -> [Int32] {
    let g = problem.graph
    var candidates: [Int32] = []
    for v in 0..<problem.nodeCount where problem.isTerminal[v] || inS[v] {
      for a in g.arcs(v) {
        let w = Int(g.arcHead[a])
        if v < w && (problem.isTerminal[w] || inS[w]) { candidates.append(g.arcEdge[a]) }
      }
    }
    return problem.tree(from: candidates, weights: problem.weight)
  }

  /// Groups the terminals joined by terminal–terminal edges (they are connected in any
  /// solution) and picks one representative each.
  private mutating func groupTerminals() {
    let g = problem.graph
    var sets = DisjointSets(count: problem.nodeCount)
    for t in problem.terminals {
      for a in g.arcs(Int(t)) where problem.isTerminal[Int(g.arcHead[a])] { _ = sets.union(Int(t), Int(g.arcHead[a])) }
    }
    var repOfRoot = [Int32](repeating: -1, count: problem.nodeCount)
    for t in problem.terminals {
      let root = sets.find(Int(t))
      if repOfRoot[root] < 0 { repOfRoot[root] = t; reps.append(t) }
      repOf[Int(t)] = repOfRoot[root]
    }
  }
}
