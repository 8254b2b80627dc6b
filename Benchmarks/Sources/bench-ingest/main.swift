import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Reads a GeoJSON file N times with GeoJSONReader and reports the best time.
// Usage: bench-ingest FILE [N]   (default N = 5)
//        bench-ingest tile SRC TIMES OUT   (writes SRC's lines TIMES over, shifted)
//        bench-ingest lookup BOUNDARIES [N]   (N point-in-municipality lookups)
// Two timings: `parse` (bytes already in memory) and `read` (file read + parse, the
// same work ogrinfo does), each best of N.

func now() -> Double { clock(CLOCK_MONOTONIC) }
/// CPU time of this process: robust when other jobs share the cores.
func cpuNow() -> Double { clock(CLOCK_PROCESS_CPUTIME_ID) }
func clock(_ id: clockid_t) -> Double {
  var ts = timespec()
  clock_gettime(id, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 2 else {
  printError("usage: bench-ingest FILE [N]")
  exit(64)
}
if args[1] == "tile" {
  guard args.count == 5, let times = Int(args[3]), times > 0 else {
    printError("usage: bench-ingest tile SRC TIMES OUT")
    exit(64)
  }
  do {
    try writeTiled(source: args[2], times: times, to: args[4])
    exit(0)
  } catch let error as FibrePlanError {
    printError("bench-ingest: \(error.message)")
    exit(error.exitCode)
  }
}
if args[1] == "lookup" {
  guard args.count >= 3 else {
    printError("usage: bench-ingest lookup BOUNDARIES [N]")
    exit(64)
  }
  do {
    try benchmarkLookups(boundaries: args[2], count: args.count > 3 ? Int(args[3]) ?? 1_000_000 : 1_000_000)
    exit(0)
  } catch let error as FibrePlanError {
    printError("bench-ingest: \(error.message)")
    exit(error.exitCode)
  }
}
let path = args[1]
let repeats = args.count > 2 ? max(1, Int(args[2]) ?? 5) : 5

do {
  let bytes = try FileBytes.read(path: path)
  let megabytes = Double(bytes.count) / 1e6
  var bestParse = Double.infinity
  var bestRead = Double.infinity
  var bestReadCPU = Double.infinity
  var table = FeatureTable(path: path)
  for _ in 0..<repeats {
    let t0 = now()
    table = try GeoJSONReader.read(bytes: bytes, path: path)
    bestParse = min(bestParse, now() - t0)
    let t1 = now(), c1 = cpuNow()
    table = try GeoJSONReader.read(path: path)
    bestRead = min(bestRead, now() - t1)
    bestReadCPU = min(bestReadCPU, cpuNow() - c1)
  }
  var byType = [Int](repeating: 0, count: GeometryType.allCases.count)
  for t in table.geometryTypes { byType[Int(t.rawValue)] += 1 }
  let types = GeometryType.allCases.filter { byType[Int($0.rawValue)] > 0 }
    .map { "\($0) \(byType[Int($0.rawValue)])" }.joined(separator: ", ")
  print("file: \(path), \(String(format2(megabytes))) MB, \(table.count) features (\(types)), \(table.points.count) points, \(table.diagnostics.count) diagnostics")
  print("parse: best of \(repeats) \(format3(bestParse)) s, \(format2(megabytes / bestParse)) MB/s")
  print("read:  best of \(repeats) \(format3(bestRead)) s, \(format2(megabytes / bestRead)) MB/s")
  print("seconds \(format3(bestRead))")
  print("cpu-seconds \(format3(bestReadCPU))")
} catch let error as FibrePlanError {
  printError("bench-ingest: \(error.message)")
  exit(error.exitCode)
}

func format2(_ x: Double) -> String { fixed(x, 2) }
func format3(_ x: Double) -> String { fixed(x, 3) }
func fixed(_ x: Double, _ digits: Int) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let r = (x * scale).rounded() / scale
  var s = "\(r)"
  if let dot = s.firstIndex(of: ".") {
    let have = s.distance(from: dot, to: s.endIndex) - 1
    if have < digits { s += String(repeating: "0", count: digits - have) }
  }
  return s
}

func printError(_ s: String) {
  var line = s + "\n"
  line.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
}

/// Times `MunicipalityIndex` on `count` points spread over the layer's extent
/// (a fixed lattice, so runs are comparable).
func benchmarkLookups(boundaries: String, count: Int) throws {
  let layer = try BoundaryLayer.read(path: boundaries)
  var box = BoundingBox()
  for p in layer.points { box.add(p) }
  let t0 = now()
  let index = MunicipalityIndex(layer)
  let build = now() - t0
  let side = max(1, Int(Double(count).squareRoot()))
  var found = 0
  let t1 = now()
  for i in 0..<side {
    for j in 0..<side {
      let p = LonLat(lon: box.minLon + (box.maxLon - box.minLon) * (Double(i) + 0.5) / Double(side),
                     lat: box.minLat + (box.maxLat - box.minLat) * (Double(j) + 0.5) / Double(side))
      if index.municipality(containing: p) != nil { found += 1 }
    }
  }
  let lookups = now() - t1
  print("lookup: \(layer.count) municipalities, \(layer.points.count) vertices, index built in \(format3(build * 1000)) ms; \(side * side) lookups in \(format3(lookups)) s (\(format2(lookups / Double(side * side) * 1e9)) ns each), \(found) inside")
}
