import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// The DIMACS 2014 PCSPG set with 10 s per instance, as a table on stdout. Off by
/// default (speed is measured in release builds, never in `swift test`); run with
///   FIBREPLAN_PCSPG_BENCH=10 swift test -c release --filter PCSPGBenchmark
/// where the value is the time limit in seconds.
@Suite struct PCSPGBenchmark {
  static let limit = ProcessInfo.processInfo.environment["FIBREPLAN_PCSPG_BENCH"].flatMap(Double.init)

  @Test(.enabled(if: PCSPGBenchmark.limit != nil), .enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func pcspgTable() throws {
    let dir = try #require(SteinerFixtures.path("pcspg"))
    let csv = try String(contentsOfFile: dir + "/optima.csv", encoding: .utf8)
    let limit = Self.limit ?? 10
    var gaps: [Double] = [], gwGaps: [Double] = [], lbGaps: [Double] = [], total = 0.0, invalid = 0
    print("instance     optimum       cost    gap%  LBgap%    sec   GW+SP gap%")
    for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      guard f.count >= 8, let opt = Double(f[5]) else { continue }
      let inst = try SteinLibReader.read(path: dir + "/" + f[7]).instance
      let s = PrizeCollectingSolver.solve(inst, options: SteinerOptions(timeLimit: limit, threads: 1, seed: 1))
      if let why = PrizeCollectingSolver.verify(s, for: inst) { invalid += 1; print("INVALID \(f[0]): \(why)") }
      let gap = (s.cost - opt) / opt * 100, lbGap = (opt - s.lowerBound) / opt * 100
      gaps.append(gap); lbGaps.append(lbGap); total += s.seconds
      let name = f[0].padding(toLength: 9, withPad: " ", startingAt: 0)
      let gw = (PrizeCollectingSolver.growthObjective(inst) - opt) / opt * 100
      gwGaps.append(gw)
      print(name + String(format: " %10.0f %10.0f %7.3f %7.2f %6.2f   %7.2f", opt, s.cost, gap, lbGap, s.seconds, gw))
      #expect(s.cost >= opt - 1e-6 && s.lowerBound <= opt + 1e-6, "\(f[0])")
    }
    let sorted = gaps.sorted()
    let median = sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    let gw = gwGaps.sorted()
    print(String(format: "SUMMARY n=%d mean gap %.3f%% median %.3f%% max %.3f%% | mean LB gap %.2f%% | %.1f s | invalid %d"
                   + " | GW+strong pruning alone: mean %.2f%% median %.2f%%",
                 gaps.count, gaps.reduce(0, +) / Double(max(1, gaps.count)), median, sorted.last ?? 0,
                 lbGaps.reduce(0, +) / Double(max(1, lbGaps.count)), total, invalid,
                 gw.reduce(0, +) / Double(max(1, gw.count)), gw.isEmpty ? 0 : gw[gw.count / 2]))
    #expect(invalid == 0)
  }
}

/// Scale probe on a seeded street-like grid (side² nodes, 10 % prize vertices), off by
/// default: FIBREPLAN_PCST_GRID=150 swift test -c release --filter PCSTGridProbe
@Suite struct PCSTGridProbe {
  static let side = ProcessInfo.processInfo.environment["FIBREPLAN_PCST_GRID"].flatMap(Int.init)

  @Test(.enabled(if: PCSTGridProbe.side != nil)) func grid() {
    let side = Self.side ?? 100
    var rng = PrizeCollectingSolver.SplitMix(seed: 3)
    var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
    for r in 0..<side {
      for c in 0..<side {
        let id = Int32(r * side + c)
        if c + 1 < side { u.append(id); v.append(id + 1); w.append(Double(10 + rng.next() % 90)) }
        if r + 1 < side { u.append(id); v.append(id + Int32(side)); w.append(Double(10 + rng.next() % 90)) }
      }
    }
    let prizes = (0..<side * side).map { _ in rng.next() % 10 == 0 ? Double(50 + rng.next() % 200) : 0 }
    let inst = SteinerInstance(nodeCount: side * side, edgeU: u, edgeV: v, edgeWeight: w, terminals: [], prizes: prizes)
    let s = PrizeCollectingSolver.solve(inst, options: SteinerOptions(timeLimit: 10, threads: 1, seed: 1))
    let gw = PrizeCollectingSolver.growthObjective(inst)
    print("grid \(side)x\(side): cost \(s.cost), bound \(s.lowerBound), GW+SP \(gw), \(s.seconds) s")
    #expect(PrizeCollectingSolver.verify(s, for: inst) == nil)
    #expect(s.cost <= gw)
  }
}
