import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The architecture on the real Liechtenstein map (the shared LiechtensteinPlan, with a
/// short cabinet search); bench-ftth runs the full search in release.
@Suite struct ArchitectureRealMapTests {
  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinArchitectureKeepsEveryRule() throws {
    let report = try LiechtensteinPlan.report()
    let p = report.result
    ArchitectureInvariants.check(p)
    let arch = try #require(p.architecture)
    #expect(arch.cabinets.count >= (arch.cabinets.reduce(0) { $0 + $1.fibres } + 255) / 256)
    // Served or a gap: the households add up to those the trench plan connects.
    #expect(arch.householdsServed + arch.gaps.reduce(0) { $0 + $1.households } == p.totals.region.householdsConnected)
    #expect(arch.householdsServed > p.totals.region.householdsConnected / 2)
    try BillOfMaterialsTests.check(out: report.outputDirectory, plan: p)
    // The naive k-means plan breaks the rules the optimised one keeps (bench-ftth
    // compares their costs after the full search).
    #expect(arch.comparison == nil)
    let c = try #require(ArchitectureDesigner.designComparingWithKMeans(p).comparison)
    #expect(c.baselineFibresOverCapacity + c.baselineFibresTooFar > 0)
  }
}
