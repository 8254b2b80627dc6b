import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan solve FILE`: PACE 2018 output of a Steiner tree for a SteinLib/PACE file.
enum SolveCommand: Subcommand {
  static let spec = CommandSpec(
    name: "solve",
    abstract: "Solve a Steiner tree instance (SteinLib .stp or PACE .gr, optionally gzipped).",
    discussion: """
      Prints `VALUE <cost>` and one `u v` line per tree edge (1-based node ids of the
      file), or one JSON object with --json. Prize-collecting files (TP lines) report
      the edge cost plus the prizes of unspanned nodes. The tree is verified before it
      is printed. On prize-collecting files the search runs until the time limit unless
      the tree is proven optimal, so two runs may print different trees; --deterministic
      stops on counted work instead (the same tree on every run and thread count, but a
      fast machine stops before the limit). Steiner files always stop on counted work.
      """,
    positionals: [PositionalSpec(name: "file", help: "Instance file (.stp, .gr, .gz)")],
    options: [
      OptionSpec(name: "time-limit", value: "seconds", help: "Solver time budget (default 10; 0 = construction and one improvement pass)."),
      OptionSpec(name: "json", value: nil, help: "Print one JSON object instead of PACE text."),
      OptionSpec(name: "threads", value: "n", help: "Worker threads (default 2); results do not depend on it, except prize-collecting searches to the time limit (one search per thread)."),
      OptionSpec(name: "deterministic", value: nil, help: "Prize-collecting files: stop on counted work, for the same tree on every run."),
      OptionSpec(name: "seed", value: "n", help: "Random seed (default 1)."),
    ])

  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    let seed = try arguments.int("seed") ?? 1
    guard seed >= 0 else { throw FibrePlanError(.usage, "invalid value '\(seed)' for --seed: expected a non-negative integer") }
    let request = SolveRequest(
      path: arguments.positionals[0],
      timeLimit: try arguments.double("time-limit") ?? 10,
      threads: try arguments.int("threads") ?? 2,
      seed: UInt64(seed),
      json: arguments.flag("json"),
      deterministic: arguments.flag("deterministic"))
    do {
      print(try runSolve(request).output, terminator: "")
      return 0
    } catch let failure as SteinerVerificationError {
      writeStderr("Error: internal: \(failure.message)\n")
      return 1
    }
  }
}
