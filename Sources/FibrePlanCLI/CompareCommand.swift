import FibrePlan
import FibreCore
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan compare A.json B.json ...`: plans side by side, with what changed.
enum CompareCommand: Subcommand {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Plan two or more scenarios and compare them side by side.",
    discussion: """
      Plans every scenario (two at a time) and prints capex, trench and reused-duct km,
      households connected, coverage, gaps, cost per home and capex per municipality
      (and the Shapley cost shares of scenarios with "cost_sharing"). Writes
      comparison.csv and diff.geojson (trench present in some plans and not in others).
      """,
    positionals: [PositionalSpec(name: "scenario.json", help: "Scenario files (at least two).", repeating: true)],
    options: [
      OptionSpec(name: "out", value: "dir", help: "Output folder (default: ./comparison/).", short: "o"),
      OptionSpec(name: "time-limit", value: "seconds", help: "Time for the Steiner engine per plan (default: each scenario's)."),
      OptionSpec(name: "threads", value: "n", help: "Plans at once (default 2); results do not depend on it."),
      OptionSpec(name: "uniform-cost", value: nil, help: "Every metre costs 1 and connections nothing."),
    ])

  static func run(_ a: ParsedArguments) throws -> Int32 {
    var o = CompareOptions(scenarioPaths: a.positionals)
    o.outputDirectory = a.value("out")
    o.timeLimit = try a.double("time-limit")
    o.threads = try a.int("threads")
    o.uniformCost = a.flag("uniform-cost")
    print(try ScenarioComparison.run(o).text, terminator: "")
    return 0
  }
}
