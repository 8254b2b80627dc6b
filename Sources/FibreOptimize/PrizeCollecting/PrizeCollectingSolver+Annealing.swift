import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver.Search {
  /// Vertex-set annealing (Kirkpatrick et al. 1983 on the vertex-set encoding of Steiner
  /// trees, Osborne & Gillett 1991): random single-vertex insertions next to the tree and
  /// deletions, each evaluated as MST + strong pruning, accepted by the Metropolis rule at a
  /// temperature cooling linearly from `temperature` to a twentieth of it. Walks the
  /// plateaus of equal-cost trees that the descent cannot leave (unit-cost hypercubes).
  /// Returns the best tree seen. O(moves · m α(n)).
  package mutating func anneal(from start: PrizeCollectingSolver.Tree, moves: Int, temperature: Double,
                               rng: inout PrizeCollectingSolver.SplitMix) -> PrizeCollectingSolver.Tree {
    guard !start.vertices.isEmpty, moves > 0 else { return start }
    var cur = start, best = start
    setMembers(cur.vertices, true)
    for i in 0..<moves {
      if i & 31 == 0 && expired { break }
      let t = temperature * (1 - 0.95 * Double(i) / Double(moves))
      guard let cand = annealCandidate(cur, rng: &rng) else { continue }
      let delta = cand.objective - cur.objective
      let coin = Double(rng.next() >> 11) * 0x1p-53
      if delta <= eps || coin < exp(-delta / t) {
        setMembers(cur.vertices, false)
        cur = cand.extract(&self)
        setMembers(cur.vertices, true)
        if cur.objective < best.objective - eps { best = cur }
      }
    }
    setMembers(cur.vertices, false)
    return best
  }

  /// A random neighbour of `cur` (members flagged in `inSet`): its objective and how to
  /// extract its tree. nil when the drawn move does not apply.
  package mutating func annealCandidate(_ cur: PrizeCollectingSolver.Tree,
                                        rng: inout PrizeCollectingSolver.SplitMix) -> AnnealMove? {
    let at = cur.vertices[Int(rng.next() % UInt64(cur.vertices.count))]
    var members = cur.vertices
    if rng.next() % 2 == 0 {
      // Insert a random non-member neighbour of a random member.
      let a = Int(g.start[Int(at)]), b = Int(g.start[Int(at) + 1])
      guard b > a else { return nil }
      let v = Int(g.adjNode[a + Int(rng.next() % UInt64(b - a))])
      if inSet[v] { return nil }
      buffer.removeAll(keepingCapacity: true)
      for k in Int(g.start[v])..<Int(g.start[v + 1]) where inSet[Int(g.adjNode[k])] { buffer.append(g.adjEdge[k]) }
      let candidates = mergeByWeight(cur.edges, ws.sortedByWeight(buffer))
      inSet[v] = true
      members.append(Int32(v))
      let forest = ws.spanningForest(candidates: candidates, inSet: inSet, members: members)
      let value = ws.strongPrune(forest: forest, members: members, extract: false).objective
      inSet[v] = false
      return AnnealMove(objective: value, members: members, candidates: candidates)
    }
    // Delete a random member (the tree's only vertex stays).
    guard members.count > 1 else { return nil }
    members.removeAll { $0 == at }
    inSet[Int(at)] = false
    let forest = ws.spanningForest(candidates: g.edgesByWeight, inSet: inSet, members: members)
    let value = ws.strongPrune(forest: forest, members: members, extract: false).objective
    inSet[Int(at)] = true
    return AnnealMove(objective: value, members: members, candidates: nil)
  }

  /// A proposed vertex set, its objective, and the sorted candidate edges that give its
  /// MST (nil: all edges).
  package struct AnnealMove {
    var objective: Double
    var members: [Int32]
    var candidates: [Int32]?

    /// The pruned tree of the proposal (flags in `inSet` must be clear).
    func extract(_ search: inout PrizeCollectingSolver.Search) -> PrizeCollectingSolver.Tree {
      search.setMembers(members, true)
      let forest = search.ws.spanningForest(candidates: candidates ?? search.g.edgesByWeight, inSet: search.inSet,
                                            members: members)
      let tree = search.ws.strongPrune(forest: forest, members: members)
      search.setMembers(members, false)
      return tree
    }
  }
}
