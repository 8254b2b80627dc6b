import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan
import Foundation

// Plans a real map end to end (read, network, Steiner tree, accounting, encoding) and
// prints the time of each stage, best of N runs. Default: the largest map in
// ../shared/maps (Liechtenstein: 2,748 roads, 3,723 buildings, 11 municipalities).
//
//   swift run -c release --package-path Benchmarks bench-plan [--map DIR] [--runs N] [--time-limit S]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func benchmark() {
var mapDir = "../shared/maps/liechtenstein"
var runs = 5
var timeLimit = 0.0
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  switch a {
  case "--map": mapDir = args.popFirst() ?? mapDir
  case "--runs": runs = Int(args.popFirst() ?? "") ?? runs
  case "--time-limit": timeLimit = Double(args.popFirst() ?? "") ?? timeLimit
  default:
    FileHandle.standardError.write(Data("usage: bench-plan [--map DIR] [--runs N] [--time-limit S]\n".utf8))
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
scenario.timeLimit = timeLimit

var best = (total: Double.infinity, read: 0.0, plan: 0.0, encode: 0.0)
var bestField = Double.infinity
var last: FibrePlanResult?
for _ in 0..<runs {
  let t0 = now()
  let result: FibrePlanResult
  do {
    result = try Planner.plan(PlanRequest(scenario: scenario))
  } catch {
    FileHandle.standardError.write(Data("bench-plan: \(error)\n".utf8))
    exit(65)
  }
  let t1 = now()
  let geojson = PlanGeoJSON.encode(result)
  let summary = PlanSummary.json(result)
  let t2 = now()
  precondition(!geojson.isEmpty && !summary.isEmpty)
  // The field files (plan.qgs, plan.kml, buildings.csv, fibres.csv, splices.csv), as
  // `plan` makes them from the plan.geojson it wrote: their share of the plan's time.
  let fieldFiles: [(name: String, bytes: [UInt8])]
  do { fieldFiles = try PlanRun.fieldFiles(geojson: geojson, plan: result) } catch {
    FileHandle.standardError.write(Data("bench-plan: \(error)\n".utf8))
    exit(65)
  }
  let t3 = now()
  precondition(fieldFiles.count >= 3)
  if t2 - t0 < best.total { best = (t2 - t0, 0, t1 - t0, t2 - t1) }
  bestField = min(bestField, t3 - t2)
  last = result
}
let r = last!
print("map \(mapDir): \(r.demand.buildings.count) buildings, \(r.network.nodeCount) nodes, \(r.network.edgeCount) edges, "
  + "\(r.tree.edges.count) tree edges")
print(String(format: "plan: best of %d: total %.3f s (plan %.3f s, encode %.3f s); steiner time limit %.0f s, gap to bound %.2f %%",
             runs, best.total, best.plan, best.encode, timeLimit, r.tree.steiner.gapPercent))
print(String(format: "field files: best of %d: %.3f s, %.1f %% of the plan (plan + encode %.3f s)",
             runs, bestField, bestField / best.total * 100, best.total))
}

benchmark()
