import Foundation
import Testing
@testable import FibrePlan

/// The architecture on the real Liechtenstein map (../shared/maps/liechtenstein),
/// planned with Steiner time limit 0 and a short local search to keep the debug
/// build quick; bench-ftth runs the full search in release.
@Suite struct ArchitectureRealMapTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// ../shared beside the package (CI); a git worktree one level deeper also looks one up.
  static let maps: String = {
    let near = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/maps/liechtenstein").path
    let far = packageRoot.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/maps/liechtenstein").path
    return FileManager.default.fileExists(atPath: near + "/roads.geojson") ? near : far
  }()

  @Test(.enabled(if: FileManager.default.fileExists(atPath: maps + "/roads.geojson")))
  func liechtensteinArchitectureKeepsEveryRule() throws {
    var s = Scenario(name: "liechtenstein", layers: .init(
      roads: Self.maps + "/roads.geojson", buildings: Self.maps + "/buildings.geojson",
      sites: Self.maps + "/sites.geojson", boundaries: Self.maps + "/boundaries.geojson"), timeLimit: 0)
    s.architecture.localSearchMoves = 12
    s.outputDirectory = NSTemporaryDirectory() + "fibreplan-ftth-\(UUID().uuidString)"
    var o = PlanCommandOptions()
    o.layers = s.layers
    o.name = s.name
    o.timeLimit = 0
    o.outputDirectory = s.outputDirectory
    // PlanRun reads flags only; give it the short search through a scenario file.
    let scenarioPath = s.outputDirectory! + ".json"
    try #"{"name":"liechtenstein","architecture":{"local_search_moves":12}}"#.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    o.scenarioPath = scenarioPath
    let report = try PlanRun.run(o)
    let p = report.result
    ArchitectureInvariants.check(p)
    let arch = try #require(p.architecture)
    #expect(arch.cabinets.count >= (arch.cabinets.reduce(0) { $0 + $1.fibres } + 255) / 256)
    // Served or a gap: the households add up to those the trench plan connects.
    #expect(arch.householdsServed + arch.gaps.reduce(0) { $0 + $1.households } == p.region.householdsConnected)
    #expect(arch.householdsServed > p.region.householdsConnected / 2)
    try BillOfMaterialsTests.check(out: s.outputDirectory!, plan: p)
    // The naive k-means plan breaks the rules the optimised one keeps (bench-ftth
    // compares their costs after the full search).
    let c = try #require(arch.comparison)
    #expect(c.baselineFibresOverCapacity + c.baselineFibresTooFar > 0)
  }
}
