import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// One fixed piece of the multi-start search. Its result depends only on its inputs
/// (problem, seed, round, index, elite snapshot), never on thread timing, so running
/// units in parallel and merging them in index order is deterministic.
package struct SearchUnit: Sendable {
  package let core: SteinerProblem
  package let seed: UInt64
  package let round: Int
  package let index: Int
  package let deadline: UInt64

  package struct Result: Sendable { var tree: [Int32]; var cost: Double; var work: Int }

  package func run(elite: ElitePool) -> Result {
    var rng = SplitMix64(seed: seed ^ (UInt64(round) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
    let p = core
    let m = p.edgeCount, n = p.nodeCount
    var work = 0
    if elite.entries.count >= 2 && (round + index) % 3 == 2 {
      // Recombination: solve on the union of a few elite trees (Uchoa & Werneck 2010).
      var keep = [Bool](repeating: false, count: m)
      let picks = min(elite.entries.count, 2 + Int(rng.next() % 3))
      var chosen: [Int] = [0]
      while chosen.count < picks {
        let k = Int(rng.next() % UInt64(elite.entries.count))
        if !chosen.contains(k) { chosen.append(k) }
      }
      for k in chosen { for e in elite.entries[k].tree { keep[Int(e)] = true } }
      let (sub, subEdge) = p.restricted(to: keep)
      var sp = ShortestPaths(nodeCount: n)
      let w = perturbed(sub.weight, &rng, strength: 0.05)
      let root = sub.terminals[Int(rng.next() % UInt64(sub.terminals.count))]
      var t = sub.shortestPathTree(root: Int(root), weights: w, scratch: &sp)
      t = sub.inducedTree(of: t, weights: sub.weight)
      var subSearch = LocalSearch(sub, weights: sub.weight, budget: 20 * (sub.edgeCount + n))
      subSearch.deadline = deadline
      t = subSearch.improve(t)
      var full = LocalSearch(p, weights: p.weight, budget: 30 * (m + n))
      full.deadline = deadline
      let tree = full.improve(t.map { subEdge[Int($0)] })
      work += 2 * (sub.edgeCount + n) + (20 * (sub.edgeCount + n) - subSearch.budget) + (30 * (m + n) - full.budget)
      return Result(tree: tree, cost: p.cost(tree), work: work)
    }
    // Perturbed restart: shortest-path heuristic on noisy weights from a random root,
    // then local search on noisy and on true weights.
    var sp = ShortestPaths(nodeCount: n)
    let strength = [0.05, 0.1, 0.2, 0.4][Int(rng.next() % 4)]
    let w = perturbed(p.weight, &rng, strength: strength)
    let root = p.terminals[Int(rng.next() % UInt64(p.terminals.count))]
    // On big graphs every third unit restarts from the incumbent instead (iterated
    // local search), far cheaper than a fresh construction; small graphs gain more
    // from diverse constructions.
    let fromIncumbent = m + n >= 20_000 && !elite.entries.isEmpty && (round + index) % 3 == 1
    var t = fromIncumbent ? elite.entries[0].tree
      : p.shortestPathTree(root: Int(root), weights: w, scratch: &sp)
    var noisy = LocalSearch(p, weights: w, budget: 20 * (m + n))
    noisy.deadline = deadline
    t = noisy.improve(t)
    t = p.inducedTree(of: t, weights: p.weight)
    var exact = LocalSearch(p, weights: p.weight, budget: 30 * (m + n))
    exact.deadline = deadline
    t = exact.improve(t)
    work += 3 * (m + n) + (20 * (m + n) - noisy.budget) + (30 * (m + n) - exact.budget)
    return Result(tree: t, cost: p.cost(t), work: work)
  }

  private func perturbed(_ w: [Double], _ rng: inout SplitMix64, strength: Double) -> [Double] {
    w.map { $0 * (1 + strength * Double(rng.next() >> 11) * 0x1p-53) }
  }

  /// Runs `count` units, in parallel when `threads` > 1, and returns their results in
  /// index order.
  package static func runAll(count: Int, threads: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    orderedParallelMap(count, threads: threads, body)
  }
}
