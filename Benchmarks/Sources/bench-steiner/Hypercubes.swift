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
/// set to 1. Their optima are unknown; the table compares them with the solver's bound.
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

/// One SplitMix64 step (Steele, Lea & Flood 2014).
func splitMix64(_ state: inout UInt64) -> UInt64 {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
