import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// One candidate hub position, planned as the POP.
public struct SitingCandidate: Sendable {
  public var name: String
  public var position: LonLat
  /// The plan with the POP here (nil when planning failed, see `failure`).
  public var region: PlanFigures?
  public var failure: String?
  /// Capex above the best candidate's (0 for the best).
  public var differenceToBest = 0.0
  public var rank = 0
}

public enum DataCentreSiting {
  /// Plans the scenario once per candidate POP position (Steiner fast mode, time
  /// limit 0, candidates in parallel) and ranks them by total capex, cheapest first;
  /// ties by name, failed candidates last. Each plan is O(plan); k candidates cost k
  /// plans. Coverage may differ between candidates (a far POP can strand a component),
  /// so compare `householdsConnected` as well.
  public static func rank(_ scenario: Scenario, candidates: [(name: String, position: LonLat)],
                          uniformCost: Bool = false, threads: Int = 2) -> [SitingCandidate] {
    let results = orderedParallelMap(candidates.count, threads: threads) { k -> SitingCandidate in
      var s = scenario
      // With several POPs the candidate is the data centre, and the backbone to it is
      // part of the capex that ranks it; with one POP it is the POP.
      if s.hierarchy.isRegional {
        s.hierarchy.dataCentre = NamedPosition(name: candidates[k].name, position: candidates[k].position)
      } else {
        s.pop = candidates[k].position
      }
      s.timeLimit = 0
      s.costSharing = nil
      var candidate = SitingCandidate(name: candidates[k].name, position: candidates[k].position)
      do {
        let plan = try Planner.plan(PlanRequest(scenario: s, uniformCost: uniformCost, threads: 1))
        candidate.region = plan.totals.region
      } catch let e as FibrePlanError {
        candidate.failure = e.message
      } catch {
        candidate.failure = "\(error)"
      }
      return candidate
    }
    var ranked = results.enumerated().sorted { a, b in
      switch (a.element.region, b.element.region) {
      case let (x?, y?):
        return (x.capexTotal, a.element.name, a.offset) < (y.capexTotal, b.element.name, b.offset)
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return a.offset < b.offset
      }
    }.map(\.element)
    let best = ranked.first?.region?.capexTotal ?? 0
    for i in ranked.indices {
      ranked[i].rank = i + 1
      if let r = ranked[i].region { ranked[i].differenceToBest = r.capexTotal - best }
    }
    return ranked
  }
}
