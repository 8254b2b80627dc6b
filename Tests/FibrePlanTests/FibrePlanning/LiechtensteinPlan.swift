import Foundation
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// One plan of the real Liechtenstein layers in ../shared/maps (3,723 OpenStreetMap
/// buildings in 11 municipalities), made once and shared by the real-map tests: a debug
/// build takes minutes per plan of this size. Steiner time limit 0 and a short cabinet
/// search keep it quick; bench-plan and bench-ftth run the full searches in release.
/// The files land in .build/test-output/plan/, where CI opens plan.geojson with ogrinfo.
enum LiechtensteinPlan {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let outputDirectory = packageRoot.appendingPathComponent(".build/test-output/plan").path
  static var available: Bool { SharedMaps.available }

  private static let outcome: Result<PlanRunReport, FibrePlanError> = {
    let maps = SharedMaps.path("liechtenstein")
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: maps + "/roads.geojson", buildings: maps + "/buildings.geojson",
                                   sites: maps + "/sites.geojson", boundaries: maps + "/boundaries.geojson")
    o.name = "liechtenstein"
    o.timeLimit = 0
    o.outputDirectory = outputDirectory
    // PlanRun reads flags only; the short cabinet search comes through a scenario file.
    let scenarioPath = NSTemporaryDirectory() + "fibreplan-liechtenstein-\(getpidString()).json"
    do {
      try #"{"name":"liechtenstein","architecture":{"local_search_moves":12}}"#
        .write(toFile: scenarioPath, atomically: true, encoding: .utf8)
      o.scenarioPath = scenarioPath
      return .success(try PlanRun.run(o))
    } catch let e as FibrePlanError {
      return .failure(e)
    } catch {
      return .failure(FibrePlanError(.io, "\(error)"))
    }
  }()

  /// The shared plan run; throws what the run threw.
  static func report() throws -> PlanRunReport { try outcome.get() }
}
