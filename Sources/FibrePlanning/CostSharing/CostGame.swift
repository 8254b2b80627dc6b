import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// A cooperative cost game with every coalition's cost tabulated: players
/// `0..<playerCount`, coalition `S` is the bit mask `S` (bit `i` set = player `i` in),
/// `cost[0] == 0`. Small enough to enumerate (the table has 2^n entries), so the
/// Shapley value and the core check are exact for the table given.
public struct CostGame: Sendable {
  public let playerCount: Int
  /// `cost[S]` for every mask `S` in `0 ..< 1 << playerCount`.
  public var cost: [Double]

  /// - Precondition: `cost.count == 1 << playerCount`, `playerCount <= 20`.
  public init(playerCount: Int, cost: [Double]) {
    precondition(playerCount >= 0 && playerCount <= 20 && cost.count == 1 << playerCount,
                 "a cost game needs 2^n coalition costs")
    self.playerCount = playerCount
    self.cost = cost
  }

  /// Builds the table by calling `value` once per non-empty coalition.
  public init(playerCount: Int, value: (UInt64) -> Double) {
    var table = [Double](repeating: 0, count: 1 << playerCount)
    for s in 1..<max(1, table.count) { table[s] = value(UInt64(s)) }
    self.init(playerCount: playerCount, cost: table)
  }

  public var grandCoalition: Int { (1 << playerCount) - 1 }

  /// The Shapley value (Shapley 1953): player i pays the average, over all orders in
  /// which the players could join, of the cost it adds on joining,
  /// φ_i = Σ_{S ∌ i} |S|! (n-|S|-1)! / n! · (c(S ∪ i) − c(S)). O(n · 2^n).
  public func shapley() -> [Double] {
    let n = playerCount
    guard n > 0 else { return [] }
    // s! (n-s-1)! / n! = 1 / (n · C(n-1, s)): a product of small ratios, no factorials
    // that overflow.
    var weight = [Double](repeating: 0, count: n)
    for s in 0..<n {
      var w = 1.0 / Double(n)
      var binomial = 1.0
      for k in 0..<s { binomial = binomial * Double(n - 1 - k) / Double(k + 1) }
      w /= binomial
      weight[s] = w
    }
    var phi = [Double](repeating: 0, count: n)
    for s in 0..<(1 << n) {
      let size = s.nonzeroBitCount
      guard size < n else { continue }
      let w = weight[size]
      let c = cost[s]
      var free = ~s & ((1 << n) - 1)
      while free != 0 {
        let i = free.trailingZeroBitCount
        free &= free - 1
        phi[i] += w * (cost[s | 1 << i] - c)
      }
    }
    return phi
  }

  /// Coalitions that would do better alone than under `allocation`: Σ_{i∈S} x_i > c(S)
  /// by more than `tolerance`, the grand coalition excluded. A non-empty answer means
  /// the allocation is outside the core (Gillies 1959). Sorted by excess, largest first,
  /// ties by mask. O(n · 2^n).
  public func coreViolations(_ allocation: [Double], tolerance: Double) -> [CoalitionExcess] {
    let n = playerCount
    precondition(allocation.count == n, "one allocation per player")
    guard n > 1 else { return [] }
    // Allocation sums by subset, built from the lowest bit: O(2^n).
    var paid = [Double](repeating: 0, count: 1 << n)
    var found: [CoalitionExcess] = []
    for s in 1..<(1 << n) {
      let low = s.trailingZeroBitCount
      paid[s] = paid[s & (s - 1)] + allocation[low]
      guard s != grandCoalition else { continue }
      let excess = paid[s] - cost[s]
      if excess > tolerance { found.append(CoalitionExcess(coalition: UInt64(s), allocated: paid[s], cost: cost[s])) }
    }
    found.sort { ($0.excess, $1.coalition) > ($1.excess, $0.coalition) }
    return found
  }
}

/// A coalition charged more than its own cost.
public struct CoalitionExcess: Sendable, Equatable {
  public var coalition: UInt64
  public var allocated: Double
  public var cost: Double
  public var excess: Double { allocated - cost }
  public func members(playerCount: Int) -> [Int] {
    (0..<playerCount).filter { coalition & (1 << UInt64($0)) != 0 }
  }
}
