import FibreCore

/// Chooses which POP candidates to open under `POPCostModel`: greedy opening (Kuehn &
/// Hamburger 1963), then best-improvement local search over open, close and swap moves
/// (Teitz & Bart 1968) until no move lowers the cost. Fixed POPs stay open.
package enum POPSearch {
  package struct Result: Sendable {
    /// Open candidate positions, ascending.
    package var open: [Int]
    package var evaluation: POPCostModel.Evaluation
    package var evaluations: Int
  }

  /// How many POPs may be open: `low...high`.
  package static func sizes(_ model: POPCostModel, count: POPCount, maxPOPs: Int?) -> ClosedRange<Int> {
    let n = model.candidates.count, fixed = model.fixedCount
    switch count {
    case .exactly(let k):
      let size = min(max(k, fixed, 1), n)
      return size...size
    case .auto:
      let high = min(max(maxPOPs ?? n, fixed, 1), n)
      return min(max(fixed, 1), high)...high
    }
  }

  /// `maxEvaluations` bounds the work on large regions (each evaluation is
  /// O(demands · open + edges)); the greedy phase always completes, and the local search
  /// stops at the bound, so the result does not depend on the clock.
  package static func search(_ model: POPCostModel, count: POPCount, maxPOPs: Int? = nil,
                             maxRounds: Int = 200, maxEvaluations: Int? = nil) -> Result {
    let n = model.candidates.count
    let range = sizes(model, count: count, maxPOPs: maxPOPs)
    let budget = maxEvaluations ?? defaultEvaluations(model)
    var evaluations = 0
    var scratch = model.makeScratch()
    func cost(_ open: [Int]) -> POPCostModel.Evaluation {
      evaluations += 1
      return model.evaluate(open, scratch: &scratch)
    }
    var open = Array(0..<model.fixedCount)
    var current = cost(open)
    // Greedy: open the best candidate while the size must grow or the cost falls.
    while open.count < range.upperBound {
      var best: (open: [Int], eval: POPCostModel.Evaluation)?
      for j in 0..<n where !open.contains(j) {
        let trial = (open + [j]).sorted()
        let e = cost(trial)
        if best.map({ e.cost < $0.eval.cost }) ?? true { best = (trial, e) }
      }
      guard let best else { break }
      if open.count >= range.lowerBound && !improves(best.eval.cost, over: current.cost) { break }
      open = best.open
      current = best.eval
    }
    // Local search: the best of all open, close and swap moves, while it improves.
    for _ in 0..<maxRounds where evaluations < budget {
      var best: (open: [Int], eval: POPCostModel.Evaluation)?
      func consider(_ trial: [Int]) {
        let e = cost(trial)
        if best.map({ e.cost < $0.eval.cost }) ?? true { best = (trial, e) }
      }
      let closed = (0..<n).filter { !open.contains($0) }
      let movable = open.filter { $0 >= model.fixedCount }
      if open.count < range.upperBound { for j in closed { consider((open + [j]).sorted()) } }
      if open.count > range.lowerBound { for i in movable { consider(open.filter { $0 != i }) } }
      for i in movable { for j in closed { consider((open.filter { $0 != i } + [j]).sorted()) } }
      guard let best, improves(best.eval.cost, over: current.cost) else { break }
      open = best.open
      current = best.eval
    }
    return Result(open: open, evaluation: current, evaluations: evaluations)
  }

  /// About 3·10^8 elementary steps of evaluation in all: every move on towns and
  /// small regions, a bounded local search on 100,000 homes.
  package static func defaultEvaluations(_ model: POPCostModel) -> Int {
    let perEvaluation = Double(model.demands.count * max(model.candidates.count / 2, 1) + model.edgeU.count)
    return max(100, min(5_000, Int(3e8 / perEvaluation)))
  }

  /// Every allowed set, for tests and small instances. O(2^candidates) evaluations.
  package static func bruteForce(_ model: POPCostModel, count: POPCount, maxPOPs: Int? = nil) -> Result {
    let n = model.candidates.count
    precondition(n <= 20, "bruteForce: at most 20 candidates")
    let range = sizes(model, count: count, maxPOPs: maxPOPs)
    let fixedMask = (1 << model.fixedCount) - 1
    var best: Result?
    var evaluations = 0
    var scratch = model.makeScratch()
    for mask in 0..<(1 << n) where mask & fixedMask == fixedMask && range.contains(mask.nonzeroBitCount) {
      let open = (0..<n).filter { mask & (1 << $0) != 0 }
      let e = model.evaluate(open, scratch: &scratch)
      evaluations += 1
      if best.map({ e.cost < $0.evaluation.cost }) ?? true { best = Result(open: open, evaluation: e, evaluations: 0) }
    }
    var result = best ?? Result(open: [], evaluation: model.evaluate([]), evaluations: 0)
    result.evaluations = evaluations
    return result
  }

  /// A relative improvement beyond rounding noise.
  private static func improves(_ a: Double, over b: Double) -> Bool { a < b - 1e-9 * max(1, abs(b)) }
}
