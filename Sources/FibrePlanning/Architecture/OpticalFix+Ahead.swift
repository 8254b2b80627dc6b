import FibreCore
import FibreNetwork

/// The fixes on the plan's own POP (class C+ optics, a 1:16 split), re-planned on
/// another thread while the plan itself is still being made. They need only the
/// scenario and the region's network, and they are certain to be asked for once a
/// home lies beyond optical reach of the POP; the plan's own tree and architecture
/// leave a core idle that they can use. `OpticalFix.check` takes their figures, which
/// are those it would re-plan itself (at `--time-limit 0` bit for bit; with a time
/// limit, as far as the Steiner search is reproducible on one thread against two).
package final class FixesAhead: Sendable {
  /// Up to this many households the fixes run beside the plan and the writing of its
  /// outputs. At a million homes two re-plans (about 430 MiB each) on top of the
  /// writing's peak would pass 2 GiB, so there they run before the writing.
  package static let besidePlanUpTo = 250_000

  /// The fixes it re-plans, known at once: the check re-plans the others meanwhile.
  let keys: [String]
  private let jobs: [BackgroundJob<OpticalFix.Replanned?>]

  private init(keys: [String], _ jobs: [BackgroundJob<OpticalFix.Replanned?>]) {
    self.keys = keys
    self.jobs = jobs
  }

  /// Starts the same-POP fixes of `scenario` (one POP, no hierarchy) on `region`, each
  /// on a thread of its own (short chains of work leave no core idle at the end, when
  /// the writing waits for the last fix); nil when there is none to re-plan or the
  /// region is too large to hold several plans beside each other.
  static func start(_ scenario: Scenario, region: PreparedRegion, households: Int) -> FixesAhead? {
    guard households <= besidePlanUpTo, !region.uniformCost else { return nil }
    let fixes = OpticalFix.samePOPFixes(scenario, hierarchy: nil, ports: 0)
    guard !fixes.isEmpty else { return nil }
    // At `--time-limit 0` they take only the CPU the plan and its writing leave, which
    // then never wait for them but at the end. With a time limit they are not held
    // back: a starved Steiner search would reach its clock's safety net.
    let yielding = scenario.timeLimit == 0
    let jobs = fixes.map { f in
      BackgroundJob(threads: 2, yielding: yielding) { OpticalFix.replan(f, region: region, uniformCost: false, threads: 1) }
    }
    return FixesAhead(keys: fixes.map(\.key), jobs)
  }

  /// The farthest optical reach of the plan and its same-POP fixes, metres (∞ when one
  /// has no limit): one search from the POP to it serves them all.
  static func farthestReach(_ scenario: Scenario) -> Double {
    let architectures = [scenario.architecture] + OpticalFix.samePOPFixes(scenario, hierarchy: nil, ports: 0).map(\.scenario.architecture)
    return architectures.map { $0.metresBeyondBudget ?? .infinity }.max() ?? .infinity
  }

  /// The fixes' re-plans by key, once they are done.
  func replanned() -> [String: OpticalFix.Replanned?] {
    var byKey: [String: OpticalFix.Replanned?] = [:]
    for (key, job) in zip(keys, jobs) { byKey[key] = (try? job.wait()) ?? nil }
    return byKey
  }
}
