/// Chooses which candidate street nodes get a cabinet: capacitated facility location
/// with every assignment solved exactly by min-cost flow, improved by first-improvement
/// local search over close, swap and open moves (Kuehn & Hamburger 1963; Korupolu,
/// Plaxton & Rajaraman 2000 for the capacitated open/close/swap neighbourhood).
struct CabinetSiting {
  var problem: TransportationProblem
  /// Cabinet, foundation and a feeder share for each candidate, EUR.
  var fixedCost: [Double]
  /// Fibres one cabinet can take.
  var capacity: Int32
  /// EUR per unserved fibre in the objective (above any assignment cost).
  var unservedPenalty: Double
  /// The true cost of an open set and its flow (cabinets, splitters, sized cables,
  /// closures, gaps); nil = cabinet costs + flow cost + unserved penalty.
  var price: ((_ open: [Int32], _ flow: TransportationSolution) -> Double)? = nil

  struct Evaluation: Sendable {
    var open: [Int32]
    var solution: TransportationSolution
    var cost: Double
  }

  /// Cost of opening `open` (candidate positions) with the optimal assignment.
  /// - Complexity: one `TransportationProblem.solve`.
  func evaluate(_ open: [Int32]) -> Evaluation {
    var caps = [Int32](repeating: 0, count: problem.facilityCount)
    var fixed = 0.0
    for c in open { caps[Int(c)] = capacity; fixed += fixedCost[Int(c)] }
    let s = problem.solve(capacity: caps)
    let sorted = open.sorted()
    return Evaluation(open: sorted, solution: s,
                      cost: price?(sorted, s) ?? fixed + s.assignmentCost + Double(s.unservedUnits) * unservedPenalty)
  }

  /// First-improvement local search from `start`, trying at most `maxMoves` moves.
  /// Close moves first (a cabinet fewer is the biggest saving), then swaps towards the
  /// candidates the cabinet's homes also see, then opening a candidate near the
  /// unserved or the most expensive homes.
  /// - Complexity: O(maxMoves) evaluations.
  func improve(from start: [Int32], maxMoves: Int, width: Int = 8) -> Evaluation {
    var best = evaluate(start)
    var moves = 0
    var improved = true
    while improved && moves < maxMoves {
      improved = false
      // Close (never the last cabinet: an empty plan explains no gap).
      for c in best.open where moves < maxMoves && best.open.count > 1 {
        moves += 1
        let trial = evaluate(best.open.filter { $0 != c })
        if trial.cost < best.cost - 1e-6 { best = trial; improved = true; break }
      }
      if improved { continue }
      // Swap.
      swapLoop: for c in best.open where moves < maxMoves {
        for n in neighbourCandidates(of: c, in: best, width: width) where moves < maxMoves {
          moves += 1
          let trial = evaluate(best.open.map { $0 == c ? n : $0 })
          if trial.cost < best.cost - 1e-6 { best = trial; improved = true; break swapLoop }
        }
      }
      if improved { continue }
      // Open.
      for n in openingCandidates(best, width: width) where moves < maxMoves {
        moves += 1
        let trial = evaluate(best.open + [n])
        if trial.cost < best.cost - 1e-6 { best = trial; improved = true; break }
      }
    }
    return best
  }

  /// Closed candidates seen by the homes of cabinet `c`, most often seen first.
  func neighbourCandidates(of c: Int32, in e: Evaluation, width: Int) -> [Int32] {
    var isOpen = [Bool](repeating: false, count: problem.facilityCount)
    for o in e.open { isOpen[Int(o)] = true }
    var seen: [Int32: Int] = [:]
    for g in 0..<problem.groupCount {
      let range = Int(problem.arcStart[g])..<Int(problem.arcStart[g + 1])
      guard range.contains(where: { e.solution.arcFlow[$0] > 0 && problem.arcFacility[$0] == c }) else { continue }
      for a in range where !isOpen[Int(problem.arcFacility[a])] {
        seen[problem.arcFacility[a], default: 0] += Int(problem.supply[g])
      }
    }
    return top(seen, width)
  }

  /// Closed candidates near unserved homes, else near the homes paying the most.
  func openingCandidates(_ e: Evaluation, width: Int) -> [Int32] {
    var isOpen = [Bool](repeating: false, count: problem.facilityCount)
    for o in e.open { isOpen[Int(o)] = true }
    var seen: [Int32: Int] = [:]
    var groups = (0..<problem.groupCount).filter { e.solution.unserved[$0] > 0 }
    if groups.isEmpty {
      var paying: [(Double, Int)] = []
      for g in 0..<problem.groupCount {
        var c = 0.0
        for a in Int(problem.arcStart[g])..<Int(problem.arcStart[g + 1]) {
          c += Double(e.solution.arcFlow[a]) * problem.arcCost[a]
        }
        paying.append((c, g))
      }
      paying.sort { $0 > $1 }
      groups = paying.prefix(64).map(\.1)
    }
    for g in groups {
      for a in Int(problem.arcStart[g])..<Int(problem.arcStart[g + 1]) where !isOpen[Int(problem.arcFacility[a])] {
        seen[problem.arcFacility[a], default: 0] += Int(problem.supply[g])
      }
    }
    return top(seen, width)
  }

  private func top(_ seen: [Int32: Int], _ width: Int) -> [Int32] {
    seen.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(width).map(\.key)
  }
}
