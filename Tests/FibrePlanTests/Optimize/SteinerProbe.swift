// TEMPORARY measurement probe; deleted before the branch is finished.
import Foundation
import Testing
import FibrePlan

func probeLoad(_ path: String) -> SteinerInstance? {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
  var n = 0; var us: [Int32] = [], vs: [Int32] = [], ws: [Double] = [], ts: [Int32] = []
  for line in text.split(whereSeparator: \.isNewline) {
    let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let k = f.first?.lowercased() else { continue }
    if k == "nodes", f.count > 1 { n = Int(f[1])! }
    else if k == "e", f.count >= 4 { us.append(Int32(f[1])! - 1); vs.append(Int32(f[2])! - 1); ws.append(Double(f[3])!) }
    else if k == "t", f.count >= 2 { ts.append(Int32(f[1])! - 1) }
  }
  return SteinerInstance(nodeCount: n, edgeU: us, edgeV: vs, edgeWeight: ws, terminals: ts)
}

@Suite struct SteinerProbe {
  @Test func probe() throws {
    let env = ProcessInfo.processInfo.environment
    guard let dir = env["STEINER_PROBE"] else { return }
    let limit = Double(env["STEINER_TIME"] ?? "0")!
    let only = env["STEINER_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
    let csv = try String(contentsOfFile: "/work/shared/benchmarks/steiner/spg/optima.csv", encoding: .utf8)
    var gaps: [Double] = []
    var out = ""
    for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
      let c = line.split(separator: ",").map(String.init)
      if let only, !only.contains(c[0]) { continue }
      let file = dir + "/" + c[7].replacingOccurrences(of: ".gz", with: "")
      guard let inst = probeLoad(file) else { continue }
      let opt = Double(c[5])!
      let t0 = Date()
      let s = SteinerSolver.solve(inst, options: .init(timeLimit: limit))
      let dt = Date().timeIntervalSince(t0)
      let gap = (s.cost - opt) / opt * 100
      gaps.append(gap)
      let v = SteinerSolver.verify(s, for: inst) ?? "ok"
      let lbGap = (opt - s.lowerBound) / opt * 100
      out += String(format: "%-28@ %-22@ gap %7.3f%%  lbgap %7.3f%%  %6.2fs %@\n", c[0] as NSString, c[1] as NSString, gap, lbGap, dt, v as NSString)

    }
    let mean = gaps.reduce(0, +) / Double(max(1, gaps.count))
    out += String(format: "MEAN %.3f%%  MAX %.3f%%  n=%d\n", mean, gaps.max() ?? 0, gaps.count)
    print(out)
    try out.write(toFile: "/tmp/steiner-probe.txt", atomically: true, encoding: .utf8)
  }
}
