import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibrePlan

/// The smallest SteinLib instances from ../shared (skipped when absent): fast path and
/// a short search must reach the published optimum and report a valid bound.
@Suite(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) struct SteinerInstanceTests {
  @Test(arguments: [("b01.stp.gz", 82.0), ("lin01.gr.gz", 503), ("msm1844.gr.gz", 188),
                    ("b11.stp.gz", 88), ("taq0920.gr.gz", 210)])
  func reachesPublishedOptimum(_ file: String, _ optimum: Double) throws {
    let path = try #require(SteinerFixtures.path("spg/" + file))
    let inst = try SteinLibReader.read(path: path).instance
    let fast = SteinerSolver.solve(inst, options: .init(timeLimit: 0))
    #expect(SteinerSolver.verify(fast, for: inst) == nil)
    #expect(fast.lowerBound <= optimum && fast.cost >= optimum)
    let s = SteinerSolver.solve(inst, options: .init(timeLimit: 2, maxRounds: 10))
    #expect(SteinerSolver.verify(s, for: inst) == nil)
    #expect(s.cost == optimum)
    #expect(s.lowerBound <= optimum)
  }
}
