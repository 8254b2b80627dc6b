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
    if let a = p.architecture {
      var r: [String: Int] = [:]
      for g in a.gaps { r[g.reason, default: 0] += g.households }
      let losses = a.buildingLoss.filter { !$0.isNaN }.sorted()
      print("DEBUG gaps \(r) cabinets \(a.cabinets.map { ($0.fibres, Int(p.network.nodeX[Int($0.node)]), Int(p.network.nodeY[Int($0.node)])) }) losses \(losses.first ?? 0) \(losses.last ?? 0) cmp \(String(describing: a.comparison)) t \(a.seconds)")
    }
    let arch = try #require(p.architecture)
    #expect(arch.cabinets.count >= 17)  // 4,282 households + sites at 256 ports each
    #expect(arch.householdsServed > p.region.householdsConnected * 8 / 10)
    try BillOfMaterialsTests.check(out: s.outputDirectory!, plan: p)
    let c = try #require(arch.comparison)
    #expect(c.optimisedCapex < c.baselineCapex)
  }
}
