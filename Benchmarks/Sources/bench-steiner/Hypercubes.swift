import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan

/// Unit-cost hypercube PCSPG instances, the hc6p/hc7p family of the DIMACS 2014 set
/// (Rosseti et al. hypercubes, prizes on the even-parity vertices) with every edge cost
/// set to 1. `reference` says what is known of each optimum and where it comes from.
struct Hypercube {
  /// Dimension d: 2^d vertices, d·2^(d−1) edges.
  var dimension: Int
  /// nil: every even-parity vertex has prize `uniformPrize`; else prizes are integers
  /// drawn uniformly from 1...3 by SplitMix64 with this seed (FibreCore's generator is
  /// package-internal, hence the local step below).
  var seed: UInt64?
  var uniformPrize = 2

  var name: String { "hc\(dimension)u" + (seed.map { "-s\($0)" } ?? "-p\(uniformPrize)") }

  /// The prize of each vertex (0 on odd parity), deterministic for the seed.
  func prizes() -> [Int] {
    var state = seed ?? 0
    return (0..<(1 << dimension)).map { v in
      guard v.nonzeroBitCount % 2 == 0 else { return 0 }
      guard seed != nil else { return uniformPrize }
      return 1 + Int(splitMix64(&state) % 3)
    }
  }

  /// What is known of the optimum. With prizes p(v) ≥ 2 on the even vertices (0 on the odd
  /// ones) the prize-collecting optimum equals the Steiner optimum over the even vertices
  /// (SteinLib's hcDu: same cube, same terminals, unit costs). A tree spanning them all
  /// pays no prize; conversely, while a tree with an even vertex misses one, some missed v
  /// and spanned w are two apart (the even vertices are connected at distance 2), and the
  /// path v–u–w adds at most 2 ≤ p(v) to the cost and removes p(v); a tree of odd vertices
  /// alone is one vertex and pays ≥ 2 · 2^(d−1), more than any spanning tree (checked by
  /// enumeration on the 3- and 4-cube in PrizeCollectingHypercubeTests). So SteinLib's
  /// published values apply as they are (Koch, Martin & Voß 2001, as collected in
  /// sbeyer/steiner-tree-results): optimal for d ≤ 8, bounds above. Random prizes (seed 1): proven by our own exact
  /// runs (`Benchmarks/peers/README.md`); the best known value is fibreplan's tree.
  var reference: OptimumReference? {
    if seed == nil && uniformPrize >= 2, let (lower, upper) = Self.steinLibUnit[dimension] {
      return OptimumReference(lower: lower, upper: upper, source: "SteinLib hc\(dimension)u")
    }
    if seed == 1, let known = Self.seedOneReference[dimension] { return known }
    return nil
  }

  /// The cubes with prizes U{1..3} from seed 1. d = 6: HiGHS's flow model
  /// (`pcst_exact.py`) proves 37 in 94 s (2026-12-04) and 98 s (2026-12-05), and
  /// `bipartite_exact.py` in 1.3 s. d = 7: `bipartite_exact.py` proves a lower bound of 74
  /// in 1,800 s (2026-12-05), the cost of fibreplan's tree, so 74 is optimal. d = 8: it
  /// proves 144 in 1,200 s (2026-12-05); the best known tree is fibreplan's 145 (also
  /// after 600 s with seed 7), so the optimum is 144 or 145.
  static let seedOneReference: [Int: OptimumReference] = [
    6: OptimumReference(lower: 37, upper: 37, source: "HiGHS"),
    7: OptimumReference(lower: 74, upper: 74, source: "bipartite_exact"),
    8: OptimumReference(lower: 144, upper: 145, source: "bipartite_exact lb, fibreplan ub"),
  ]

  /// SteinLib's unit hypercubes hcDu: published lower bound and best known value.
  static let steinLibUnit: [Int: (Double, Double)] = [
    6: (39, 39), 7: (77, 77), 8: (148, 148), 9: (287, 292), 10: (568, 575), 11: (1126, 1144), 12: (2234, 2256),
  ]

  /// The instance as SteinLib text (1-based node ids, `TP v p` lines for every vertex).
  func steinLibText() -> String {
    let n = 1 << dimension
    var lines = ["33D32945 STP File, STP Format Version 1.0", "", "SECTION Comment",
                 "Name \"\(name)\"", "Creator \"bench-steiner\"",
                 "Remark \"unit-cost hypercube, prizes on even-parity vertices\"", "END", "",
                 "SECTION Graph", "Nodes \(n)", "Edges \(dimension * n / 2)"]
    for v in 0..<n {
      for b in 0..<dimension where v & (1 << b) == 0 { lines.append("E \(v + 1) \((v | (1 << b)) + 1) 1") }
    }
    lines += ["END", "", "SECTION Terminals", "Terminals \(n)"]
    for (v, p) in prizes().enumerated() { lines.append("TP \(v + 1) \(p)") }
    lines += ["END", "", "EOF", ""]
    return lines.joined(separator: "\n")
  }

  /// The default generated set: uniform and seeded prizes for d = 6, 7, 8.
  static func standardSet(dimensions: [Int]) -> [Hypercube] {
    dimensions.flatMap { [Hypercube(dimension: $0, seed: nil), Hypercube(dimension: $0, seed: 1)] }
  }
}

/// A published or proven lower bound and best known value of an optimum; equal
/// when the optimum is known.
struct OptimumReference {
  var lower: Double
  var upper: Double
  var source: String
  var optimum: Double? { lower == upper ? upper : nil }
}

/// One SplitMix64 step (Steele, Lea & Flood 2014).
func splitMix64(_ state: inout UInt64) -> UInt64 {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
