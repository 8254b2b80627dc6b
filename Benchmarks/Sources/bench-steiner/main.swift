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
//   bench-steiner pcspg [--dir DIR] [--filter S] [--time-limit S] [--dimensions 6,7,8]
//                       [--reference S] [--write DIR] [--pacing clock|work]
//       PCSPG quality table: the shared pcspg set and generated unit-cost hypercubes

let usage = """
  usage: bench-steiner [quality|read|peers|pcspg] [--dir DIR] [--filter S] [--time-limit S] [--threads N] [--max-rounds N]
                       [--repeat N] [--fibreplan BIN --python PY --peer SCRIPT]
                       [--dimensions D,D,...] [--reference S] [--write DIR] [--pacing clock|work]
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
  if mode == "pcspg" { return pcspgExit(values) }
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

/// `pcspg` mode: the shared pcspg folder (default: beside the spg one) plus hypercubes.
func pcspgExit(_ values: [String: String]) -> Int32 {
  let spg = InstanceSet.defaultDirectory()
  guard let dir = values["dir"] ?? spg.map({ String($0.dropLast(3)) + "pcspg" }) else {
    print("bench-steiner pcspg: no --dir given and ../shared/benchmarks/steiner/pcspg not found")
    return 66
  }
  let dimensions = (values["dimensions"] ?? "6,7,8").split(separator: ",").compactMap { Int($0) }
    .filter { (2...16).contains($0) }
  let filter = values["filter"]
  let cubes = Hypercube.standardSet(dimensions: dimensions).filter { filter == nil || $0.name.contains(filter!) }
  var options = SteinerOptions(timeLimit: Double(values["time-limit"] ?? "10") ?? 10,
                               threads: Int(values["threads"] ?? "2") ?? 2, seed: 1)
  // As `fibreplan solve` paces prize-collecting files: to the clock, unless --pacing work.
  options.pacing = values["pacing"] == "work" ? .countedWork : .clock
  let reference = Double(values["reference"] ?? "0") ?? 0
  do {
    let shared = try InstanceSet.load(directory: dir, filter: filter)
    print("bench-steiner pcspg: \(shared.count) instances from \(dir) and \(cubes.count) unit-cost hypercubes, "
          + "time limit \(options.timeLimit) s, \(options.threads) threads, seed \(options.seed), "
          + "pacing \(options.pacing == .clock ? "clock" : "counted work")"
          + (reference > 0 ? ", reference runs \(reference) s (seed \(options.seed + 1))" : ""))
    return try PCSPGRun.run(shared: shared, cubes: cubes, options: options, referenceLimit: reference,
                            writeDirectory: values["write"]) ? 0 : 1
  } catch {
    print("bench-steiner pcspg: \(error)")
    return (error as? FibrePlanError)?.exitCode ?? 1
  }
}

exit(mainExit())
