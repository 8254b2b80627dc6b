import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// A Shapley value estimated from random join orders, for games too large to tabulate.
public struct SampledShapley: Sendable {
  public var mean: [Double]
  /// 95 % confidence interval of each player's value (normal approximation,
  /// mean ± 1.96 · s / √k over k sampled orders).
  public var low: [Double]
  public var high: [Double]
  public var samples: Int
  /// Distinct coalitions whose cost was evaluated.
  public var coalitionsEvaluated: Int
}

public enum ShapleySampling {
  /// Estimates the Shapley value by sampling `samples` uniformly random orders of the
  /// players and averaging each player's marginal cost on joining (Castro, Gómez &
  /// Tejada 2009). Every order's marginals sum to c(N), so the mean allocation is
  /// efficient exactly. The orders are drawn first from `rng`; `costs` then receives
  /// all distinct coalitions at once, sorted, so the caller may evaluate them in
  /// parallel and the result does not depend on how. O(samples · n) coalitions.
  /// - Precondition: `1 <= playerCount <= 64`, `samples >= 2`.
  public static func estimate(playerCount n: Int, samples: Int,
                              using rng: inout some RandomNumberGenerator,
                              costs: ([UInt64]) -> [Double]) -> SampledShapley {
    precondition(n >= 1 && n <= 64 && samples >= 2, "1...64 players and at least 2 samples")
    var orders: [[Int]] = []
    orders.reserveCapacity(samples)
    var base = Array(0..<n)
    for _ in 0..<samples {
      base.shuffle(using: &rng)
      orders.append(base)
    }
    // Prefix coalitions of every order, deduplicated.
    var needed = Set<UInt64>()
    for order in orders {
      var s: UInt64 = 0
      for p in order {
        s |= 1 << UInt64(p)
        needed.insert(s)
      }
    }
    let list = needed.sorted()
    let values = costs(list)
    precondition(values.count == list.count, "one cost per coalition")
    var index: [UInt64: Int] = [:]
    index.reserveCapacity(list.count)
    for (k, s) in list.enumerated() { index[s] = k }

    var sum = [Double](repeating: 0, count: n)
    var sumSquares = [Double](repeating: 0, count: n)
    for order in orders {
      var s: UInt64 = 0
      var before = 0.0
      for p in order {
        s |= 1 << UInt64(p)
        let after = values[index[s]!]
        let marginal = after - before
        sum[p] += marginal
        sumSquares[p] += marginal * marginal
        before = after
      }
    }
    let k = Double(samples)
    var mean = [Double](repeating: 0, count: n), low = mean, high = mean
    for p in 0..<n {
      mean[p] = sum[p] / k
      let variance = max(0, (sumSquares[p] - k * mean[p] * mean[p]) / (k - 1))
      let half = 1.96 * (variance / k).squareRoot()
      low[p] = mean[p] - half
      high[p] = mean[p] + half
    }
    return SampledShapley(mean: mean, low: low, high: high, samples: samples, coalitionsEvaluated: list.count)
  }
}
