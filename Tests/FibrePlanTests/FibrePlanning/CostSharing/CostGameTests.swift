import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Shapley values by brute force: average marginal cost over every join order.
func bruteForceShapley(_ game: CostGame) -> [Double] {
  let n = game.playerCount
  var phi = [Double](repeating: 0, count: n)
  var orders = 0
  func permute(_ prefix: [Int], _ rest: [Int]) {
    if rest.isEmpty {
      orders += 1
      var s = 0
      for p in prefix {
        phi[p] += game.cost[s | 1 << p] - game.cost[s]
        s |= 1 << p
      }
      return
    }
    for (k, p) in rest.enumerated() {
      var r = rest
      r.remove(at: k)
      permute(prefix + [p], r)
    }
  }
  permute([], Array(0..<n))
  return phi.map { $0 / Double(orders) }
}

@Suite struct CostGameTests {
  @Test("Airport game of three runways: Shapley splits each stretch among its users")
  func airportGame() {
    // c(S) = longest runway needed by S: 1, 2, 3. Known value: 1/3, 1/3+1/2, 1/3+1/2+1.
    let need = [1.0, 2.0, 3.0]
    let game = CostGame(playerCount: 3) { s in
      (0..<3).filter { s & (1 << UInt64($0)) != 0 }.map { need[$0] }.max() ?? 0
    }
    let phi = game.shapley()
    #expect(abs(phi[0] - 1.0 / 3) < 1e-12)
    #expect(abs(phi[1] - 5.0 / 6) < 1e-12)
    #expect(abs(phi[2] - 11.0 / 6) < 1e-12)
    #expect(game.coreViolations(phi, tolerance: 1e-9).isEmpty)
  }

  @Test("Formula agrees with brute force over all orders; efficiency holds")
  func formulaMatchesBruteForce() {
    var rng = SplitMix64(seed: 7)
    for n in 1...5 {
      let game = CostGame(playerCount: n) { _ in Double(rng.next() % 1000) }
      let phi = game.shapley()
      let brute = bruteForceShapley(game)
      for i in 0..<n { #expect(abs(phi[i] - brute[i]) < 1e-9) }
      #expect(abs(phi.reduce(0, +) - game.cost[(1 << n) - 1]) < 1e-9)
    }
  }

  @Test("Symmetric players pay the same; a dummy player pays nothing")
  func symmetryAndDummy() {
    // Players 0 and 1 are interchangeable, player 2 adds nothing to any coalition.
    let game = CostGame(playerCount: 3) { s in
      let a = s & 1 != 0, b = s & 2 != 0
      return a && b ? 15 : (a || b ? 10 : 0)
    }
    let phi = game.shapley()
    #expect(abs(phi[0] - phi[1]) < 1e-12)
    #expect(abs(phi[0] - 7.5) < 1e-12)
    #expect(abs(phi[2]) < 1e-12)
  }

  @Test("A game with an empty core: the pairs are charged more than they cost")
  func coreViolationFound() {
    // Each alone 1, each pair 0.8, all three 1.5: Shapley 0.5 each, pairs pay 1.0 > 0.8.
    let game = CostGame(playerCount: 3) { s in
      switch s.nonzeroBitCount { case 1: return 1; case 2: return 0.8; default: return 1.5 }
    }
    let phi = game.shapley()
    for x in phi { #expect(abs(x - 0.5) < 1e-12) }
    let violations = game.coreViolations(phi, tolerance: 1e-9)
    #expect(violations.map(\.coalition) == [3, 5, 6])
    #expect(violations.allSatisfy { abs($0.excess - 0.2) < 1e-12 })
  }

  @Test("Sampled Shapley of a 13-player airport game converges on the exact value")
  func sampledEstimateConverges() {
    let n = 13
    let need = (0..<n).map { Double(($0 * 37) % 19 + 1) * 10 }
    func cost(_ s: UInt64) -> Double {
      (0..<n).filter { s & (1 << UInt64($0)) != 0 }.map { need[$0] }.max() ?? 0
    }
    // Exact airport-game value (Littlechild & Owen 1973): each runway stretch split
    // equally among the players needing it.
    let sorted = need.sorted()
    var exact = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var previous = 0.0
      for (j, level) in sorted.enumerated() where level <= need[i] && level > previous {
        let users = Double(need.filter { $0 >= level }.count)
        exact[i] += (level - previous) / users
        previous = level
        _ = j
      }
    }
    let game = CostGame(playerCount: n) { cost($0) }
    let tabulated = game.shapley()
    for i in 0..<n { #expect(abs(tabulated[i] - exact[i]) < 1e-6) }

    var errors: [Double] = []
    var inside = 0
    for samples in [50, 3000] {
      var rng = SplitMix64(seed: 42)
      let est = ShapleySampling.estimate(playerCount: n, samples: samples, using: &rng) { $0.map(cost) }
      #expect(abs(est.mean.reduce(0, +) - cost((1 << UInt64(n)) - 1)) < 1e-6)
      errors.append(zip(est.mean, exact).map { abs($0 - $1) }.max()!)
      if samples == 3000 {
        inside = (0..<n).filter { est.low[$0] - 1e-9 <= exact[$0] && exact[$0] <= est.high[$0] + 1e-9 }.count
      }
    }
    #expect(errors[1] < errors[0])
    #expect(errors[1] < 2.0)
    #expect(inside >= 11)  // 95 % intervals: nearly all cover the true value
    // Same seed, same estimate.
    var r1 = SplitMix64(seed: 3), r2 = SplitMix64(seed: 3)
    let a = ShapleySampling.estimate(playerCount: n, samples: 20, using: &r1) { $0.map(cost) }
    let b = ShapleySampling.estimate(playerCount: n, samples: 20, using: &r2) { $0.map(cost) }
    #expect(a.mean == b.mean)
  }
}
