import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan
import Foundation

/// Side by side, whole processes: `fibreplan solve --time-limit 0 FILE` and a Python
/// peer (`python pcst_solve.py FILE`), both timed on the wall clock from spawn to exit,
/// both outputs verified against the instance with the same checker.
enum PeerRun {
  struct Outcome {
    var seconds: Double
    var value: Double?
    var checked: Double?
    var problem: String?
  }

  /// `peer` nil: time `fibreplan` alone (no Python peers installed).
  static func run(_ instances: [BenchInstance], setName: String, fibreplan: String,
                  peer peerCommand: (python: String, script: String)?, peerName: String) -> Bool {
    print(["instance".padded(26), "optimum".padded(11, right: true), "ours".padded(11, right: true),
           "peer".padded(11, right: true), "gap % ours".padded(11, right: true), "gap % peer".padded(11, right: true),
           "s ours".padded(8, right: true), "s peer".padded(8, right: true), "better".padded(7)].joined(separator: " "))
    var ourTimes: [Double] = [], peerTimes: [Double] = [], ratios: [Double] = []
    var ourGaps: [Double] = [], peerGaps: [Double] = []
    var better = 0, worse = 0, equal = 0
    var problems: [String] = []
    for inst in instances {
      let file: SteinerFile
      do { file = try SteinLibReader.read(path: inst.path) } catch {
        problems.append("\(inst.name): \(error)")
        continue
      }
      let ours = measure([fibreplan, "solve", "--time-limit", "0", inst.path], file: file)
      let peer = peerCommand.map { measure([$0.python, $0.script, inst.path], file: file) }
        ?? Outcome(seconds: 0, value: nil, checked: nil, problem: nil)
      if let p = ours.problem { problems.append("\(inst.name): ours: \(p)") }
      if let p = peer.problem { problems.append("\(inst.name): \(peerName): \(p)") }
      var verdict = "-"
      if let a = ours.checked, peerCommand == nil {
        ourTimes.append(ours.seconds)
        ourGaps.append(inst.optimum.map { ($0 > 0 ? (a - $0) / $0 * 100 : 0) } ?? 0)
      } else if let a = ours.checked, let b = peer.checked {
        if SteinerRunClose.close(a, b) { equal += 1; verdict = "=" } else if a < b { better += 1; verdict = "ours" } else { worse += 1; verdict = "peer" }
        ourTimes.append(ours.seconds)
        peerTimes.append(peer.seconds)
        ratios.append(peer.seconds / max(ours.seconds, 1e-6))
      }
      func gap(_ v: Double?) -> Double {
        guard let v, let o = inst.optimum, o > 0 else { return .nan }
        return (v - o) / o * 100
      }
      if peerCommand != nil && ours.checked != nil && peer.checked != nil {
        ourGaps.append(gap(ours.checked))
        peerGaps.append(gap(peer.checked))
      }
      print([inst.name.padded(26), (inst.optimum.map(costText) ?? "?").padded(11, right: true),
             (ours.checked.map(costText) ?? "INVALID").padded(11, right: true),
             (peer.checked.map(costText) ?? (peerCommand == nil ? "-" : "INVALID")).padded(11, right: true),
             fixed(gap(ours.checked), 3).padded(11, right: true), fixed(gap(peer.checked), 3).padded(11, right: true),
             fixed(ours.seconds, 3).padded(8, right: true), fixed(peer.seconds, 3).padded(8, right: true),
             verdict].joined(separator: " "))
    }
    let total = ourTimes.reduce(0, +), peerTotal = peerTimes.reduce(0, +)
    let geo = ratios.isEmpty ? 0 : exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
    if peerCommand == nil {
      print("\(setName): fibreplan alone (no peer): \(ourTimes.count) of \(instances.count) trees verified, "
            + "\(fixed(ourTimes.reduce(0, +), 2)) s in all, mean gap \(fixed(mean(ourGaps), 3)) %")
      for p in problems { print("PROBLEM \(p)") }
      return problems.isEmpty
    }
    print("\(setName) vs \(peerName): \(ratios.count) of \(instances.count) instances with both trees verified; "
          + "ours \(fixed(total, 2)) s vs \(fixed(peerTotal, 2)) s in all (\(fixed(peerTotal / max(total, 1e-9), 1))x), "
          + "per-instance geometric mean speed ratio \(fixed(geo, 1))x; ours better on \(better), equal on \(equal), "
          + "worse on \(worse); mean gap ours \(fixed(mean(ourGaps), 3)) % vs \(fixed(mean(peerGaps), 3)) %")
    for p in problems { print("PROBLEM \(p)") }
    return problems.isEmpty
  }

  /// Runs one process to completion and verifies its PACE output against `file`.
  static func measure(_ argv: [String], file: SteinerFile) -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let t0 = SteinerRun.monotonicSeconds()
    do { try process.run() } catch {
      return Outcome(seconds: 0, value: nil, checked: nil, problem: "cannot start \(argv[0]): \(error)")
    }
    // Drain stderr concurrently so a chatty process cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = SteinerRun.monotonicSeconds() - t0
    while !errReader.isFinished { usleep(1000) }
    guard process.terminationStatus == 0 else {
      let msg = String(decoding: errData.prefix(300), as: UTF8.self).trimmingSpaces()
      return Outcome(seconds: seconds, value: nil, checked: nil, problem: "exit \(process.terminationStatus): \(msg)")
    }
    return check(String(decoding: outData, as: UTF8.self), file: file, seconds: seconds)
  }

  /// Parses `VALUE c`, optional `V v`, and `u v` lines; maps each pair to the cheapest
  /// parallel edge and runs the library's tree verification on the result.
  static func check(_ text: String, file: SteinerFile, seconds: Double) -> Outcome {
    let inst = file.instance
    var cheapest: [UInt64: Int32] = [:]
    for e in 0..<inst.edgeCount {
      let a = UInt64(min(inst.edgeU[e], inst.edgeV[e])), b = UInt64(max(inst.edgeU[e], inst.edgeV[e]))
      let key = a << 32 | b
      if let old = cheapest[key], inst.edgeWeight[Int(old)] <= inst.edgeWeight[e] { continue }
      cheapest[key] = Int32(e)
    }
    var value: Double?
    var edges: [Int32] = []
    for line in text.split(separator: "\n") {
      let t = line.split(separator: " ")
      if t.first == "VALUE", t.count == 2 { value = Double(t[1]); continue }
      if t.first == "V" { continue }
      guard t.count == 2, let u = Int(t[0]), let v = Int(t[1]), u >= 1, v >= 1 else {
        return Outcome(seconds: seconds, value: value, checked: nil, problem: "unreadable line '\(line.prefix(60))'")
      }
      let key = UInt64(min(u, v) - 1) << 32 | UInt64(max(u, v) - 1)
      guard let e = cheapest[key] else {
        return Outcome(seconds: seconds, value: value, checked: nil, problem: "edge \(u) \(v) is not in the instance")
      }
      edges.append(e)
    }
    guard let value else { return Outcome(seconds: seconds, value: nil, checked: nil, problem: "no VALUE line") }
    do {
      let checked = try SteinerRun.verify(SteinerSolution(edges: edges, cost: value, lowerBound: 0, seconds: seconds), file: file)
      return Outcome(seconds: seconds, value: value, checked: checked.objective, problem: nil)
    } catch {
      return Outcome(seconds: seconds, value: value, checked: nil, problem: "\(error)")
    }
  }
}

enum SteinerRunClose {
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
}
