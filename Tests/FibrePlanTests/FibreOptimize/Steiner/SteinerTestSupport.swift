@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Exact optimum by enumeration: the best MST over terminals plus any subset of the
/// other nodes. Only for tiny graphs (≤ about 14 non-terminals).
func bruteForceSteiner(nodeCount n: Int, u: [Int32], v: [Int32], w: [Double], terminals: [Int32]) -> Double {
  var isTerminal = [Bool](repeating: false, count: n)
  for t in terminals { isTerminal[Int(t)] = true }
  let distinct = isTerminal.filter { $0 }.count
  if distinct <= 1 { return 0 }
  let others = (0..<n).filter { !isTerminal[$0] }
  let order = (0..<u.count).sorted { w[$0] < w[$1] }
  var best = Double.infinity
  for mask in 0..<(1 << others.count) {
    var inSet = isTerminal
    var size = distinct
    for (i, x) in others.enumerated() where mask & (1 << i) != 0 { inSet[x] = true; size += 1 }
    var sets = DisjointSets(count: n)
    var cost = 0.0, joined = 0
    for e in order where inSet[Int(u[e])] && inSet[Int(v[e])] {
      if sets.union(Int(u[e]), Int(v[e])) { cost += w[e]; joined += 1 }
    }
    if joined == size - 1 { best = min(best, cost) }
  }
  return best
}

func bruteForce(_ inst: SteinerInstance) -> Double {
  bruteForceSteiner(nodeCount: inst.nodeCount, u: inst.edgeU, v: inst.edgeV, w: inst.edgeWeight,
                    terminals: inst.terminals)
}

func bruteForce(_ p: SteinerProblem) -> Double {
  bruteForceSteiner(nodeCount: p.nodeCount, u: p.graph.edgeU, v: p.graph.edgeV, w: p.weight,
                    terminals: p.terminals)
}

/// A random connected instance on at most `maxNodes` nodes.
func randomInstance(_ rng: inout TestRNG, maxNodes: Int = 12, maxWeight: Int = 10) -> SteinerInstance {
  let n = Int.random(in: 3...maxNodes, using: &rng)
  let (u, v, w) = randomGraph(nodes: n, extraEdges: Int.random(in: 0...(2 * n), using: &rng),
                              maxWeight: maxWeight, &rng)
  let k = Int.random(in: 2...n, using: &rng)
  let terminals = Array((0..<Int32(n)).shuffled(using: &rng).prefix(k))
  return SteinerInstance(nodeCount: n, edgeU: u, edgeV: v, edgeWeight: w, terminals: terminals)
}

/// The engine's problem view of a test instance.
func steinerProblem(_ inst: SteinerInstance) -> SteinerProblem {
  SteinerProblem(graph: CSRGraph(nodeCount: inst.nodeCount, edgeU: inst.edgeU, edgeV: inst.edgeV),
                 weight: inst.edgeWeight, terminals: inst.terminals)
}

/// Whether `tree` is a Steiner tree of `inst` by the solver's own checker.
func isValidTree(_ tree: [Int32], _ inst: SteinerInstance) -> Bool {
  var cost = 0.0
  for e in tree { cost += inst.edgeWeight[Int(e)] }
  return SteinerSolver.verify(SteinerSolution(edges: tree.sorted(), cost: cost, lowerBound: 0, seconds: 0),
                              for: inst) == nil
}

/// Unit weights, terminals 0..<t, Steiner vertices after them; each Steiner vertex joins
/// `degree` random terminals, plus one extra per terminal so that none is isolated.
func randomBipartite(_ rng: inout TestRNG, terminals t: Int, steiner s: Int, degree: Int) -> SteinerInstance {
  var u: [Int32] = [], v: [Int32] = []
  var has = Set<Int>()
  func link(_ x: Int, _ y: Int) {
    if has.insert(x * 1000 + y).inserted { u.append(Int32(x)); v.append(Int32(y)) }
  }
  for k in 0..<s {
    for _ in 0..<degree { link(t + k, Int.random(in: 0..<t, using: &rng)) }
  }
  for x in 0..<t { link(t + Int.random(in: 0..<s, using: &rng), x) }
  return SteinerInstance(nodeCount: t + s, edgeU: u, edgeV: v,
                         edgeWeight: [Double](repeating: 1, count: u.count), terminals: (0..<Int32(t)).map { $0 })
}

/// Terminals t0…t3 (nodes 0–3); Steiner a ~ {t0,t1}, b ~ {t2,t3}, c ~ {t1,t2} (nodes
/// 4–6, edges 0–5); hub d ~ all four (node 7, edges 6–9); unit weights. The tree through
/// a, b, c costs 6; the hub alone, 4.
func hubInstance() -> SteinerInstance {
  let (a, b, c, d): (Int32, Int32, Int32, Int32) = (4, 5, 6, 7)
  let u: [Int32] = [a, a, b, b, c, c, d, d, d, d]
  let v: [Int32] = [0, 1, 2, 3, 1, 2, 0, 1, 2, 3]
  return SteinerInstance(nodeCount: 8, edgeU: u, edgeV: v,
                         edgeWeight: [Double](repeating: 1, count: u.count), terminals: [0, 1, 2, 3])
}
