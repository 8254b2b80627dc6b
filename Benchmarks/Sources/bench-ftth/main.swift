import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan
import Foundation

// Designs the FTTH architecture (cabinet siting by min-cost flow + local search, cable
// sizing, optics) on a real map's trench tree and compares the optimised cabinet plan
// with the naive k-means one. Default: ../shared/maps/liechtenstein.
//
//   swift run -c release --package-path Benchmarks bench-ftth [--map DIR] [--runs N] [--moves N]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func benchmark() {
  var mapDir = "../shared/maps/liechtenstein"
  var runs = 3
  var moves: Int?
  var args = CommandLine.arguments.dropFirst()
  while let a = args.popFirst() {
    switch a {
    case "--map": mapDir = args.popFirst() ?? mapDir
    case "--runs": runs = Int(args.popFirst() ?? "") ?? runs
    case "--moves": moves = Int(args.popFirst() ?? "")
    default:
      FileHandle.standardError.write(Data("usage: bench-ftth [--map DIR] [--runs N] [--moves N]\n".utf8))
      exit(64)
    }
  }
  #if DEBUG
  print("warning: debug build; run with -c release for meaningful figures")
  #endif
  var scenario = Scenario(name: URL(fileURLWithPath: mapDir).lastPathComponent)
  func layer(_ name: String) -> String? {
    let p = mapDir + "/" + name + ".geojson"
    return FileManager.default.fileExists(atPath: p) ? p : nil
  }
  scenario.layers = Scenario.LayerPaths(roads: layer("roads"), buildings: layer("buildings"), sites: layer("sites"),
                                        boundaries: layer("boundaries"))
  scenario.timeLimit = 0
  if let moves { scenario.architecture.localSearchMoves = moves }
  let plan: FibrePlanResult
  do {
    plan = try Planner.plan(PlanRequest(scenario: scenario))
  } catch {
    FileHandle.standardError.write(Data("bench-ftth: \(error)\n".utf8))
    exit(65)
  }
  var best = Double.infinity
  var arch = plan.architecture!
  for _ in 0..<runs {
    let t0 = now()
    arch = ArchitectureDesigner.designComparingWithKMeans(plan)
    best = min(best, now() - t0)
  }
  let c = arch.comparison!
  print("map \(mapDir): \(plan.demand.buildings.count) buildings, \(plan.totals.region.householdsConnected) households connected, "
    + "\(plan.tree.edges.count) tree edges")
  print(String(format: "architecture: best of %d: %.3f s; %d cabinets, %d cables, %d splice closures, %d gaps",
               runs, best, arch.cabinets.count, arch.cables.count, arch.closures.count, arch.gaps.count))
  var reasons: [String: Int] = [:]
  for g in arch.gaps { reasons[g.reason, default: 0] += 1 }
  print("gaps by reason: " + reasons.keys.sorted().map { "\($0) \(reasons[$0]!)" }.joined(separator: ", "))
  print(String(format: "optimised: %d cabinets, architecture capex EUR %.0f", c.optimisedCabinets, c.optimisedCapex))
  print(String(format: "k-means baseline: %d cabinets, architecture capex EUR %.0f (%d fibres over capacity, %d beyond %.0f m, %d homes over budget)",
               c.baselineCabinets, c.baselineCapex, c.baselineFibresOverCapacity, c.baselineFibresTooFar,
               scenario.architecture.maxCabinetDistance, c.baselineGaps))
  print(String(format: "saving: %.1f %%; plan capex EUR %.0f (everything built, %d households served)",
               (c.baselineCapex - c.optimisedCapex) / max(c.baselineCapex, 1) * 100,
               plan.totals.region.capexTotal, plan.totals.region.householdsServed))
}

benchmark()
