import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Plans the real Liechtenstein layers in ../shared/maps and leaves the plan in
/// .build/test-output/plan/ where CI opens it with GDAL's ogrinfo (see LiechtensteinPlan).
@Suite struct RealMapPlanTests {
  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinPlanAccountsForEveryBuilding() throws {
    let report = try LiechtensteinPlan.report()
    let p = report.result
    #expect(p.demand.buildings.count == 3723)
    #expect(p.demand.sites.count == 62)
    #expect(p.demand.municipalityNames.count == 11)
    // Every building is connected or carries a reason.
    let connected = p.outcomes.buildings.outcome.filter { $0 == .connected }.count
    let other = p.outcomes.buildings.outcome.filter { $0 != .connected }.count
    #expect(connected + other == 3723)
    #expect(p.totals.region.householdsConnected + p.totals.region.householdsUnreachable
            + p.outcomes.buildings.outcome.indices.filter { p.outcomes.buildings.outcome[$0] == .beyondOpticalReach }.map { Int(p.demand.buildings.units[$0]) }.reduce(0, +)
            + p.outcomes.buildings.outcome.indices.filter { p.outcomes.buildings.outcome[$0] == .noHouseholds }.map { Int(p.demand.buildings.units[$0]) }.reduce(0, +)
            == p.totals.region.householdsTotal)
    // One POP in Vaduz cannot reach the whole country within GPON B+.
    #expect(p.totals.region.coveragePercent > 60)
    #expect(p.totals.region.householdsServed + p.totals.region.householdsNotServable + p.totals.region.householdsUnreachable
            + p.totals.region.householdsGap + p.outcomes.buildings.outcome.indices.filter { p.outcomes.buildings.outcome[$0] == .noHouseholds }
              .map { Int(p.demand.buildings.units[$0]) }.reduce(0, +) == p.totals.region.householdsTotal)
    #expect(HeadlineTruthTests.leavesAreServed(p))
    // Municipal figures add up to the region.
    let sum = p.totals.municipalities.reduce(0) { $0 + $1.householdsTotal }
    #expect(sum == p.totals.region.householdsTotal)
    let capex = p.totals.municipalities.reduce(0.0) { $0 + $1.capexTotal }
    #expect(abs(capex - p.totals.region.capexTotal) < 1)
  }
}
