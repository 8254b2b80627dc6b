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
    #expect(p.buildings.count == 3723)
    #expect(p.sites.count == 62)
    #expect(p.municipalityNames.count == 11)
    // Every building is connected or carries a reason.
    let connected = p.buildingOutcome.filter { $0 == .connected }.count
    let other = p.buildingOutcome.filter { $0 != .connected }.count
    #expect(connected + other == 3723)
    #expect(p.region.householdsConnected + p.region.householdsUnreachable
            + p.buildingOutcome.indices.filter { p.buildingOutcome[$0] == .beyondOpticalReach }.map { Int(p.buildings.units[$0]) }.reduce(0, +)
            + p.buildingOutcome.indices.filter { p.buildingOutcome[$0] == .noHouseholds }.map { Int(p.buildings.units[$0]) }.reduce(0, +)
            == p.region.householdsTotal)
    // One POP in Vaduz cannot reach the whole country within GPON B+.
    #expect(p.region.coveragePercent > 60)
    #expect(p.region.householdsServed + p.region.householdsNotServable + p.region.householdsUnreachable
            + p.region.householdsGap + p.buildingOutcome.indices.filter { p.buildingOutcome[$0] == .noHouseholds }
              .map { Int(p.buildings.units[$0]) }.reduce(0, +) == p.region.householdsTotal)
    #expect(HeadlineTruthTests.leavesAreServed(p))
    // Municipal figures add up to the region.
    let sum = p.municipalities.reduce(0) { $0 + $1.householdsTotal }
    #expect(sum == p.region.householdsTotal)
    let capex = p.municipalities.reduce(0.0) { $0 + $1.capexTotal }
    #expect(abs(capex - p.region.capexTotal) < 1)
  }
}
