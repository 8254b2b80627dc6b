import Dispatch
import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Simulated annealing over Steiner-vertex sets (the vertex neighbourhood of Minoux 1990
/// and Uchoa & Werneck 2010, walked with Metropolis acceptance as in Osborne & Gillett
/// 1991). A solution is a node set X that holds every terminal; its cost is the pruned
/// minimum spanning tree of the subgraph X induces. A move inserts a frontier vertex
/// (one with two or more neighbours in X) and drops the Steiner vertex near it that the
/// insertion made most redundant, so on unit weights a swap is a free plateau step and a
/// two-for-one a gain. Key-path exchange cannot see these moves: on the PUC hypercube
/// and bipartite instances every path is a tie.
///
/// Deterministic: the walk is paced by counted work (edges and nodes examined), the
/// clock is only a safety net.
package struct VertexSetAnnealing {
  package let problem: SteinerProblem
  /// Remaining work: edges and nodes examined, plus a fixed charge per evaluation and
  /// per move.
  package private(set) var budget: Int
  private let initialBudget: Int
  package var deadline: UInt64 = .max
  private var rng: SplitMix64

  // The current solution.
  private var inX: [Bool]
  private var members: [Int32] = []
  private var memberSlot: [Int32]
  /// Number of neighbours in X, per node.
  private var xNeighbours: [Int32]
  /// Nodes outside X with at least two neighbours in X: the only useful insertions.
  private var frontier: [Int32] = []
  private var frontierSlot: [Int32]
  /// Move index until which a node may not be inserted again (after its removal) or
  /// removed again (after its insertion).
  private var tabuUntil: [Int]
  package private(set) var cost: Double = .infinity
  package private(set) var bestCost: Double = .infinity
  private var bestMembers: [Int32] = []

  /// Edges with both ends in X, sorted by (weight, id): Kruskal's input, kept up to date
  /// on every accepted move, so an evaluation costs O(edges inside X), not the volume
  /// of X (on bip*u the terminals have 50 neighbours, two or three of them in X).
  private var induced: [Int32] = []
  private var mergeBuffer: [Int32] = []
  /// While loading a whole node set, `induced` is rebuilt once at the end instead.
  private var bulk = false

  // Spanning-tree scratch, reused by every evaluation.
  private var unionParent: [Int32]
  private var treeDegree: [Int32]
  /// XOR of the ids of a node's tree edges: a leaf's only edge, without adjacency lists.
  private var edgeXor: [Int32]
  private var kept: [Int32] = []
  private var peeled: [Bool]
  private var extra: [Int32] = []
  private var stack: [Int32] = []
  private var pruned: [Int32] = []
  private var candidates: [Int32] = []
  private var hop: [Int32] = []
  private var seen: [Bool]

  package init(_ problem: SteinerProblem, budget: Int, seed: UInt64) {
    self.problem = problem
    self.budget = budget
    initialBudget = max(1, budget)
    rng = SplitMix64(seed: seed)
    let n = problem.nodeCount
    inX = [Bool](repeating: false, count: n)
    memberSlot = [Int32](repeating: -1, count: n)
    xNeighbours = [Int32](repeating: 0, count: n)
    frontierSlot = [Int32](repeating: -1, count: n)
    tabuUntil = [Int](repeating: 0, count: n)
    unionParent = [Int32](repeating: 0, count: n)
    treeDegree = [Int32](repeating: 0, count: n)
    edgeXor = [Int32](repeating: 0, count: n)
    peeled = [Bool](repeating: false, count: problem.edgeCount)
    seen = [Bool](repeating: false, count: n)
  }

  /// Anneals from the nodes of `tree` and returns the cheapest tree met, never costlier
  /// than `tree` (which must span the terminals).
  package mutating func run(from tree: [Int32]) -> [Int32] {
    let g = problem.graph
    bulk = true
    for t in problem.terminals { insert(Int(t), at: 0) }
    for e in tree {
      insert(Int(g.edgeU[Int(e)]), at: 0)
      insert(Int(g.edgeV[Int(e)]), at: 0)
    }
    rebuildInduced()
    settle()
    guard cost.isFinite, members.count > 2 else { return tree }
    bestCost = cost
    bestMembers = members
    let unit = cost / Double(max(1, members.count - 1))
    // Hot enough to accept one extra edge about one time in five, cold enough at the end
    // to be a plain descent.
    let hot = 0.6 * unit, cold = 0.04 * unit
    var move = 0
    var nextClockCheck = budget - 1_000_000
    while budget > 0 {
      move += 1
      budget -= 32
      // The clock is read about every million units of work, whatever a move costs.
      if budget < nextClockCheck {
        nextClockCheck = budget - 1_000_000
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { break }
      }
      let progress = 1 - Double(max(0, budget)) / Double(initialBudget)
      let temperature = hot * pow(cold / hot, progress)
      if frontier.isEmpty || rng.next() % 5 == 0 {
        deletionMove(move, temperature)
      } else {
        insertionMove(move, temperature)
      }
      if cost < bestCost - 1e-9 * max(1, bestCost) {
        bestCost = cost
        bestMembers = members
      }
    }
    // Rebuild the best node set and read its tree off the spanning-tree evaluation.
    bulk = true
    for v in members { remove(Int(v), at: 0) }
    for v in bestMembers { insert(Int(v), at: 0) }
    rebuildInduced()
    settle()
    _ = evaluate(adding: -1, removing: -1)
    return kept.filter { !peeled[Int($0)] }
  }

  // MARK: Moves

  private mutating func accept(_ delta: Double, _ temperature: Double) -> Bool {
    if delta <= 1e-12 * max(1, cost) { return true }
    let u = Double(rng.next() >> 11) * 0x1p-53
    return u < exp(-delta / temperature)
  }

  private mutating func insertionMove(_ move: Int, _ temperature: Double) {
    let v = Int(frontier[Int(rng.next() % UInt64(frontier.count))])
    guard tabuUntil[v] <= move else { return }
    let added = evaluate(adding: v, removing: -1)
    guard added.isFinite else { return }
    // v itself pruned: inserting it alone changes nothing, only a removal can.
    let vUseful = !pruned.contains(Int32(v))
    // Steiner vertices within two hops of v inside X: where a redundant one will be.
    gatherCandidates(around: v)
    var bestDrop = Double.infinity, drop = -1, ties = 0
    for s in candidates where tabuUntil[Int(s)] <= move {
      let c = evaluate(adding: v, removing: Int(s))
      let tolerance = 1e-12 * max(1, c)
      if c < bestDrop - tolerance {
        bestDrop = c; drop = Int(s); ties = 1
      } else if c <= bestDrop + tolerance && c.isFinite {
        // Uniform choice among equal removals: on unit weights nearly all are ties.
        ties += 1
        if rng.next() % UInt64(ties) == 0 { drop = Int(s) }
      }
    }
    // A removal wins ties with the bare insertion: that is the plateau step.
    if vUseful && added < bestDrop - 1e-12 * max(1, added) { drop = -1 }
    guard drop >= 0 || vUseful else { return }
    let bestAfter = drop >= 0 ? bestDrop : added
    guard accept(bestAfter - cost, temperature) else { return }
    insert(v, at: move)
    if drop >= 0 { remove(drop, at: move) }
    settle()
    // Further removals that now pay (the second half of a two-for-one).
    gatherCandidates(around: v)
    for s in candidates where inX[Int(s)] && tabuUntil[Int(s)] <= move {
      let c = evaluate(adding: -1, removing: Int(s))
      if c < cost - 1e-9 * max(1, cost) { remove(Int(s), at: move); settle() }
    }
  }

  private mutating func deletionMove(_ move: Int, _ temperature: Double) {
    guard members.count > problem.terminals.count else { return }
    let s = Int(members[Int(rng.next() % UInt64(members.count))])
    guard !problem.isTerminal[s], tabuUntil[s] <= move else { return }
    let c = evaluate(adding: -1, removing: s)
    guard c.isFinite, accept(c - cost, temperature) else { return }
    remove(s, at: move)
    settle()
  }

  private mutating func gatherCandidates(around v: Int) {
    let g = problem.graph
    for s in candidates { seen[Int(s)] = false }
    for s in hop { seen[Int(s)] = false }
    candidates.removeAll(keepingCapacity: true)
    hop.removeAll(keepingCapacity: true)
    seen[v] = true
    for a in g.arcs(v) {
      let w = Int(g.arcHead[a])
      guard inX[w], !seen[w] else { continue }
      seen[w] = true
      if problem.isTerminal[w] { hop.append(Int32(w)) } else { candidates.append(Int32(w)) }
    }
    // Second hop through every neighbour in X, terminals included: on bipartite
    // instances two Steiner vertices only ever meet through a terminal.
    let firstSteiner = candidates.count
    var scanned = g.arcs(v).count
    for i in 0..<(firstSteiner + hop.count) where candidates.count < 32 {
      let x = i < firstSteiner ? Int(candidates[i]) : Int(hop[i - firstSteiner])
      scanned += g.arcs(x).count
      for a in g.arcs(x) {
        let w = Int(g.arcHead[a])
        guard inX[w], !seen[w], !problem.isTerminal[w] else { continue }
        seen[w] = true
        candidates.append(Int32(w))
      }
    }
    seen[v] = false
    budget -= scanned + candidates.count
  }

  // MARK: The node set

  private mutating func insert(_ v: Int, at move: Int) {
    guard !inX[v] else { return }
    inX[v] = true
    memberSlot[v] = Int32(members.count)
    members.append(Int32(v))
    leaveFrontier(v)
    tabuUntil[v] = move == 0 ? 0 : move + 3 + Int(rng.next() % 8)
    let g = problem.graph
    for a in g.arcs(v) {
      let w = Int(g.arcHead[a])
      xNeighbours[w] += 1
      if !inX[w] && xNeighbours[w] == 2 { joinFrontier(w) }
    }
    guard !bulk else { return }
    extra.removeAll(keepingCapacity: true)
    for a in g.arcs(v) where inX[Int(g.arcHead[a])] && Int(g.arcHead[a]) != v { extra.append(g.arcEdge[a]) }
    sortByWeight(&extra)
    mergeBuffer.removeAll(keepingCapacity: true)
    var i = 0, j = 0
    while i < induced.count || j < extra.count {
      if j == extra.count || (i < induced.count && lighter(induced[i], extra[j])) {
        mergeBuffer.append(induced[i]); i += 1
      } else {
        mergeBuffer.append(extra[j]); j += 1
      }
    }
    swap(&induced, &mergeBuffer)
    budget -= induced.count + g.arcs(v).count
  }

  private mutating func remove(_ v: Int, at move: Int) {
    guard inX[v] else { return }
    inX[v] = false
    let s = Int(memberSlot[v])
    let last = members.removeLast()
    if Int(last) != v { members[s] = last; memberSlot[Int(last)] = Int32(s) }
    memberSlot[v] = -1
    tabuUntil[v] = move == 0 ? 0 : move + 5 + Int(rng.next() % 10)
    if xNeighbours[v] >= 2 { joinFrontier(v) }
    let g = problem.graph
    for a in g.arcs(v) {
      let w = Int(g.arcHead[a])
      xNeighbours[w] -= 1
      if !inX[w] && xNeighbours[w] == 1 { leaveFrontier(w) }
    }
    guard !bulk else { return }
    budget -= induced.count
    induced.removeAll { Int(g.edgeU[Int($0)]) == v || Int(g.edgeV[Int($0)]) == v }
  }

  private mutating func rebuildInduced() {
    let g = problem.graph
    induced.removeAll(keepingCapacity: true)
    for v in members {
      for a in g.arcs(Int(v)) where inX[Int(g.arcHead[a])] && v < g.arcHead[a] { induced.append(g.arcEdge[a]) }
    }
    sortByWeight(&induced)
    bulk = false
  }

  private func lighter(_ a: Int32, _ b: Int32) -> Bool {
    let wa = problem.weight[Int(a)], wb = problem.weight[Int(b)]
    return wa < wb || (wa == wb && a < b)
  }

  private func sortByWeight(_ edges: inout [Int32]) {
    let w = problem.weight
    edges.sort { a, b in w[Int(a)] < w[Int(b)] || (w[Int(a)] == w[Int(b)] && a < b) }
  }

  private mutating func joinFrontier(_ v: Int) {
    guard frontierSlot[v] < 0 else { return }
    frontierSlot[v] = Int32(frontier.count)
    frontier.append(Int32(v))
  }

  private mutating func leaveFrontier(_ v: Int) {
    let s = Int(frontierSlot[v])
    guard s >= 0 else { return }
    let last = frontier.removeLast()
    if Int(last) != v { frontier[s] = last; frontierSlot[Int(last)] = Int32(s) }
    frontierSlot[v] = -1
  }

  /// Sets `cost` for the current X and drops the Steiner vertices the pruning removed.
  private mutating func settle() {
    cost = evaluate(adding: -1, removing: -1)
    let gone = pruned
    for v in gone { remove(Int(v), at: 0) }
  }

  // MARK: Evaluation

  /// Cost of the pruned minimum spanning tree (Kruskal 1956) of the subgraph induced by
  /// X + `adding` − `removing`, or +infinity when it does not span the terminals.
  /// Fills `kept` (the spanning tree), `peeled` (its pruned edges) and `pruned` (the
  /// Steiner vertices that fell away). O(edges inside X · α).
  private mutating func evaluate(adding a: Int, removing r: Int) -> Double {
    let g = problem.graph
    let w = problem.weight
    for e in kept { peeled[Int(e)] = false }
    kept.removeAll(keepingCapacity: true)
    pruned.removeAll(keepingCapacity: true)
    for v in members { unionParent[Int(v)] = v; treeDegree[Int(v)] = 0; edgeXor[Int(v)] = 0 }
    extra.removeAll(keepingCapacity: true)
    if a >= 0 {
      unionParent[a] = Int32(a); treeDegree[a] = 0; edgeXor[a] = 0
      for arc in g.arcs(a) where inX[Int(g.arcHead[arc])] && Int(g.arcHead[arc]) != r {
        extra.append(g.arcEdge[arc])
      }
      sortByWeight(&extra)
    }
    let size = members.count + (a >= 0 ? 1 : 0) - (r >= 0 ? 1 : 0)
    var total = 0.0
    var i = 0, j = 0
    while kept.count < size - 1 && (i < induced.count || j < extra.count) {
      let e: Int32
      if j == extra.count || (i < induced.count && lighter(induced[i], extra[j])) {
        e = induced[i]; i += 1
      } else {
        e = extra[j]; j += 1
      }
      let u = Int(g.edgeU[Int(e)]), v = Int(g.edgeV[Int(e)])
      if u == r || v == r { continue }
      let ru = find(u), rv = find(v)
      if ru == rv { continue }
      unionParent[ru] = Int32(rv)
      kept.append(e)
      total += w[Int(e)]
      treeDegree[u] += 1; treeDegree[v] += 1
      edgeXor[u] ^= e; edgeXor[v] ^= e
    }
    budget -= i + j + size + 64
    guard kept.count == size - 1 else { return .infinity }
    // Peel Steiner leaves until none is left.
    stack.removeAll(keepingCapacity: true)
    for v in members where Int(v) != r && treeDegree[Int(v)] == 1 && !problem.isTerminal[Int(v)] { stack.append(v) }
    if a >= 0 && treeDegree[a] == 1 && !problem.isTerminal[a] { stack.append(Int32(a)) }
    while let v32 = stack.popLast() {
      let v = Int(v32)
      guard treeDegree[v] == 1 else { continue }
      let e = Int(edgeXor[v])
      peeled[e] = true
      total -= w[e]
      treeDegree[v] = 0
      pruned.append(v32)
      let x = g.opposite(e, v)
      treeDegree[x] -= 1
      edgeXor[x] ^= Int32(e)
      if treeDegree[x] == 1 && !problem.isTerminal[x] { stack.append(Int32(x)) }
    }
    return total
  }

  /// Union-find root with path halving over `unionParent`. Not `DisjointSets`: its
  /// union by size made this loop markedly slower (bip62u at 10 s: 6.0 s → 8.0 s for
  /// the same tree), and a set of a few hundred nodes rebuilt per evaluation gains
  /// nothing from balancing.
  private mutating func find(_ x: Int) -> Int { DisjointSets.root(x, in: &unionParent) }
}

