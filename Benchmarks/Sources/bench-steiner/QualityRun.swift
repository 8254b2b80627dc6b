#if canImport(Glibc)
import Glibc
#endif
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan

/// In-process quality table: read, check, solve, verify each instance and compare with
/// the published optimum.
enum QualityRun {
  static func run(_ instances: [BenchInstance], setName: String, options: SteinerOptions) -> Bool {
    let header = ["instance".padded(26), "family".padded(21), "n".padded(7, right: true),
                  "m".padded(7, right: true), "|T|".padded(6, right: true), "optimum".padded(11, right: true),
                  "cost".padded(11, right: true), "gap %".padded(8, right: true), "LB gap %".padded(9, right: true),
                  "read ms".padded(8, right: true), "s".padded(7, right: true)]
    print(header.joined(separator: " "))
    var gaps: [(Double, String)] = []
    var lbGaps: [Double] = []
    var times: [Double] = []
    var failures: [String] = []
    for inst in instances {
      let row: [String]
      do {
        let t0 = SteinerRun.monotonicSeconds()
        let file = try SteinLibReader.read(path: inst.path)
        try SteinerRun.checkTerminalsConnected(file)
        let readMs = (SteinerRun.monotonicSeconds() - t0) * 1000
        let report = try SteinerRun.solve(file, options: options)
        var gap = Double.nan, lbGap = Double.nan
        if let opt = inst.optimum, opt > 0 {
          gap = (report.cost - opt) / opt * 100
          lbGap = (opt - report.lowerBound) / opt * 100
          if inst.optimal && gap < -1e-7 {
            failures.append("\(inst.name): cost \(report.cost) is below the proven optimum \(opt)")
          }
          if report.lowerBound > opt * (1 + 1e-9) {
            failures.append("\(inst.name): lower bound \(report.lowerBound) exceeds the optimum \(opt)")
          }
          gaps.append((gap, inst.name))
          lbGaps.append(lbGap)
        }
        times.append(report.seconds)
        row = [inst.name.padded(26), inst.family.padded(21), String(file.instance.nodeCount).padded(7, right: true),
               String(file.instance.edgeCount).padded(7, right: true),
               String(file.instance.terminals.count).padded(6, right: true),
               (inst.optimum.map(costText) ?? "?").padded(11, right: true), costText(report.cost).padded(11, right: true),
               fixed(gap, 3).padded(8, right: true), fixed(lbGap, 2).padded(9, right: true),
               fixed(readMs, 1).padded(8, right: true), fixed(report.seconds, 3).padded(7, right: true)]
      } catch {
        failures.append("\(inst.name): \(error)")
        row = [inst.name.padded(26), inst.family.padded(21), "FAILED: \(error)"]
      }
      print(row.joined(separator: " "))
    }
    let worst = gaps.max { $0.0 < $1.0 }
    let verified = failures.isEmpty ? "all verified" : "\(failures.count) FAILED"
    print("\(setName): \(instances.count) instances, \(verified), mean gap \(fixed(mean(gaps.map(\.0)), 3)) %, "
          + "median \(fixed(median(gaps.map(\.0)), 3)) %, max \(fixed(worst?.0 ?? 0, 3)) % (\(worst?.1 ?? "-")), "
          + "mean LB gap \(fixed(mean(lbGaps), 2)) %, mean time \(fixed(mean(times), 3)) s")
    for f in failures { print("FAILED \(f)") }
    return failures.isEmpty
  }
}

/// Thread CPU seconds (CLOCK_THREAD_CPUTIME_ID).
func cpuSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Inflate and parse timings, best of `repeats` runs per instance.
enum ReadRun {
  static func run(_ instances: [BenchInstance], repeats: Int) throws {
    print(["instance".padded(26), "gz KB".padded(8, right: true), "text KB".padded(9, right: true),
           "inflate ms".padded(11, right: true), "parse ms".padded(9, right: true),
           "MB/s".padded(7, right: true)].joined(separator: " "))
    var totalInflate = 0.0, totalParse = 0.0, totalText = 0, edgesRead = 0
    for inst in instances {
      let bytes = try FileBytes.read(path: inst.path)
      var bestInflate = Double.infinity, bestParse = Double.infinity
      var textCount = 0
      for _ in 0..<max(1, repeats) {
        // Thread CPU time: on a shared machine wall time also counts other processes.
        let t0 = cpuSeconds()
        let text = Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, file: inst.name) : bytes
        let t1 = cpuSeconds()
        let f = try SteinLibReader.parse(bytes: text, path: inst.path)
        let t2 = cpuSeconds()
        edgesRead += f.instance.edgeCount
        textCount = text.count
        bestInflate = min(bestInflate, t1 - t0)
        bestParse = min(bestParse, t2 - t1)
      }
      totalInflate += bestInflate
      totalParse += bestParse
      totalText += textCount
      print([inst.name.padded(26), fixed(Double(bytes.count) / 1024, 0).padded(8, right: true),
             fixed(Double(textCount) / 1024, 0).padded(9, right: true), fixed(bestInflate * 1000, 2).padded(11, right: true),
             fixed(bestParse * 1000, 2).padded(9, right: true),
             fixed(Double(textCount) / 1e6 / (bestInflate + bestParse), 0).padded(7, right: true)].joined(separator: " "))
    }
    print("read: \(instances.count) files, \(fixed(Double(totalText) / 1e6, 1)) MB of text, inflate \(fixed(totalInflate * 1000, 1)) ms, "
          + "parse \(fixed(totalParse * 1000, 1)) ms (thread CPU time, best of \(repeats); \(edgesRead) edges read in all runs)")
  }
}
