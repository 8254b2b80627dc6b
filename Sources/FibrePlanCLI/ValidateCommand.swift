import FibrePlan
import FibreCore
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan validate FILE...`: reads GeoJSON layers and reports what the planner
/// would see; exit 0 when usable (warnings allowed), 65 when not, 66 for a missing file.
enum ValidateCommand: Subcommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check GeoJSON input layers and report counts, extents and problems.",
    discussion: """
      Reads each file as a GeoJSON FeatureCollection and prints feature counts by
      geometry type, the bounding box and every diagnostic (file:line: feature N: field).
      Files named like roads, ducts, buildings, sites or boundaries are also checked as
      that layer. Exits 0 when all files are usable (warnings allowed), 65 when not,
      66 when a file is missing.
      """,
    positionals: [PositionalSpec(name: "file", help: "GeoJSON layer files.", repeating: true)],
    options: [
      OptionSpec(name: "json", value: nil, help: "Print the report as JSON."),
      OptionSpec(name: "threads", value: "n", help: "Worker threads (default 2); results do not depend on it."),
    ]
  )

  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    let threads = try arguments.int("threads") ?? 2
    guard threads >= 1 else { throw FibrePlanError(.usage, "--threads must be ≥ 1") }
    let report = validateLayers(paths: arguments.positionals, threads: threads)
    print(arguments.flag("json") ? report.json : report.text, terminator: "")
    return report.exitCode
  }
}
