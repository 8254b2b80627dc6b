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
#endif

// bench-steiner: Steiner benchmark over a folder of instances with optima.csv.
//   bench-steiner [--dir DIR] [--filter S] [--time-limit S] [--threads N] [--max-rounds N]
//       in-process quality table (read, solve, verify, compare with optima)
//   bench-steiner read [--dir DIR] [--filter S] [--repeat N]
//       inflate and parse timings
//   bench-steiner peers --fibreplan BIN --python PY --peer SCRIPT [--dir DIR] [--filter S]
//       whole-process timings of `fibreplan solve --time-limit 0` against a Python peer

let usage = """
  usage: bench-steiner [quality|read|peers] [--dir DIR] [--filter S] [--time-limit S] [--threads N] [--max-rounds N]
                       [--repeat N] [--fibreplan BIN --python PY --peer SCRIPT]
  """

func mainExit() -> Int32 {
  var args = Array(CommandLine.arguments.dropFirst())
  var mode = "quality"
  if let first = args.first, !first.hasPrefix("-") { mode = first; args.removeFirst() }
  var values: [String: String] = [:]
  var i = 0
  while i < args.count {
    guard args[i].hasPrefix("--"), i + 1 < args.count else {
      print("bench-steiner: bad argument '\(args[i])'\n\(usage)")
      return 64
    }
    values[String(args[i].dropFirst(2))] = args[i + 1]
    i += 2
  }
  guard let dir = values["dir"] ?? InstanceSet.defaultDirectory() else {
    print("bench-steiner: no --dir given and ../shared/benchmarks/steiner/spg not found")
    return 66
  }
  let setName = dir.split(separator: "/").last.map(String.init) ?? dir
  do {
    let instances = try InstanceSet.load(directory: dir, filter: values["filter"])
    switch mode {
    case "quality":
      // --max-rounds makes the search independent of the clock (see SteinerOptions).
      let options = SteinerOptions(timeLimit: Double(values["time-limit"] ?? "0") ?? 0,
                                   threads: Int(values["threads"] ?? "2") ?? 2, seed: 1,
                                   maxRounds: values["max-rounds"].flatMap { Int($0) })
      print("bench-steiner: \(instances.count) instances from \(dir), time limit \(options.timeLimit) s, \(options.threads) threads")
      return QualityRun.run(instances, setName: setName, options: options) ? 0 : 1
    case "read":
      try ReadRun.run(instances, repeats: Int(values["repeat"] ?? "5") ?? 5)
      return 0
    case "peers":
      guard let bin = values["fibreplan"] else {
        print("bench-steiner peers: needs --fibreplan (and --python with --peer for a peer)\n\(usage)")
        return 64
      }
      var peer: (python: String, script: String)?
      if let python = values["python"], let script = values["peer"], !python.isEmpty, !script.isEmpty {
        peer = (python, script)
      }
      let script = values["peer"] ?? "none"
      let peerName = script.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? script
      return PeerRun.run(instances, setName: setName, fibreplan: bin, peer: peer, peerName: peerName) ? 0 : 1
    default:
      print("bench-steiner: unknown mode '\(mode)'\n\(usage)")
      return 64
    }
  } catch {
    print("bench-steiner: \(error)")
    return (error as? FibrePlanError)?.exitCode ?? 1
  }
}

exit(mainExit())
