import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

enum PlanCommand: Subcommand {
  static let spec = CommandSpec(
    name: "plan",
    abstract: "Plan a fibre network for a scenario and write a GeoJSON plan.",
    discussion: """
      Builds the shared-trench network from the road, building and site layers, routes one
      minimum-cost Steiner tree from the POP to every reachable household and site, and
      accounts for every building: connected, or not connected with a reason. Flags
      override the scenario, so a plan can be made from flags alone.
      Writes atomically into the output folder: plan.geojson, gaps.geojson, plan.svg,
      report.html, summary.json, summary.txt, coverage.csv, coverage.svg and bom.csv;
      the field files plan.qgs, plan.kml, buildings.csv, fibres.csv and splices.csv
      (unless --no-field-files); and cost_sharing.csv, siting.csv, rollout.csv and
      economics.csv when asked for.
      """,
    positionals: [PositionalSpec(name: "scenario.json", help: "Scenario file (schema in README).", optional: true)],
    options: [
      OptionSpec(name: "roads", value: "file", help: "Road lines (GeoJSON LineString/MultiLineString)."),
      OptionSpec(name: "buildings", value: "file", help: "Buildings (GeoJSON Point/Polygon), optional 'units'."),
      OptionSpec(name: "sites", value: "file", help: "Municipal sites (GeoJSON), with name, kind, critical."),
      OptionSpec(name: "ducts", value: "file", help: "Existing ducts (GeoJSON LineString)."),
      OptionSpec(name: "boundaries", value: "file", help: "Municipality polygons with 'name'."),
      OptionSpec(name: "aerial", value: "file", help: "Existing pole lines (GeoJSON LineString), optional 'poles'."),
      OptionSpec(name: "no-aerial", value: nil, help: "Leave the aerial pole lines out (trench only)."),
      OptionSpec(name: "pop", value: "lon,lat", help: "POP position (repeat for several fixed POPs); default: road node nearest the demand centre.",
                 repeatable: true),
      OptionSpec(name: "pops", value: "n|auto", help: "Let the planner choose N POPs, or as many as pay (auto)."),
      OptionSpec(name: "data-centre", value: "lon,lat", help: "The backbone's hub; default: the POP nearest the demand centre."),
      OptionSpec(name: "budget", value: "eur", help: "Connect as many households as this capex allows."),
      OptionSpec(name: "max-cost-per-home", value: "eur", help: "Connect households whose marginal cost is below this."),
      OptionSpec(name: "phases", value: "n", help: "Cut the plan into N construction phases of equal capex (rollout.csv)."),
      OptionSpec(name: "annual-budget", value: "eur", help: "Cut the plan into phases of at most this capex each."),
      OptionSpec(name: "eligible-only", value: nil, help: "Plan only homes below the eligibility threshold (existing_mbps)."),
      OptionSpec(name: "alternatives", value: nil, help: "Give every household fibre does not serve fixed wireless or satellite."),
      OptionSpec(name: "uniform-cost", value: nil, help: "Every metre costs 1 and connections nothing (compare lengths)."),
      OptionSpec(name: "out", value: "dir", help: "Output folder (default: ./plan-<scenario name>/).", short: "o"),
      OptionSpec(name: "name", value: "name", help: "Scenario name (default: from the scenario file)."),
      OptionSpec(name: "time-limit", value: "seconds", help: "Time for the Steiner engine (default 10)."),
      OptionSpec(name: "seed", value: "n", help: "Seed of the Steiner engine's random choices (default 1)."),
      OptionSpec(name: "threads", value: "n", help: "Worker threads (default 2); results do not depend on it."),
      OptionSpec(name: "rings", value: nil, help: "Give every critical site two trench-disjoint routes to the hub."),
      OptionSpec(name: "cost-sharing", value: nil, help: "Split the cost between municipalities (cost_sharing.csv)."),
      OptionSpec(name: "no-field-files", value: nil, help: "Skip plan.qgs, plan.kml, buildings.csv, fibres.csv and splices.csv."),
      OptionSpec(name: "quiet", value: nil, help: "Print no summary and no warnings."),
    ])

  static func run(_ a: ParsedArguments) throws -> Int32 {
    var o = PlanCommandOptions()
    o.scenarioPath = a.positionals.first
    o.layers = Scenario.LayerPaths(roads: a.value("roads"), buildings: a.value("buildings"), sites: a.value("sites"),
                                   ducts: a.value("ducts"), boundaries: a.value("boundaries"))
    o.layers.aerial = a.value("aerial")
    o.noAerial = a.flag("no-aerial")
    o.pops = a.values("pop")
    o.popCount = a.value("pops")
    o.dataCentre = a.value("data-centre")
    o.uniformCost = a.flag("uniform-cost")
    o.outputDirectory = a.value("out")
    o.name = a.value("name")
    o.timeLimit = try a.double("time-limit")
    o.threads = try a.int("threads")
    if let seed = try a.int("seed") {
      guard seed >= 0 else { throw FibrePlanError(.usage, "invalid value '\(seed)' for --seed: expected a non-negative integer") }
      o.seed = UInt64(seed)
    }
    o.budget = try a.double("budget")
    o.maxCostPerHome = try a.double("max-cost-per-home")
    o.phases = try a.int("phases")
    o.annualBudget = try a.double("annual-budget")
    o.costSharing = a.flag("cost-sharing")
    o.rings = a.flag("rings")
    o.eligibleOnly = a.flag("eligible-only")
    o.alternatives = a.flag("alternatives")
    o.fieldFiles = !a.flag("no-field-files")
    if o.scenarioPath == nil && o.layers.roads == nil {
      throw FibrePlanError(.usage, "give a scenario file or at least --roads and --buildings")
    }
    let progress = ProgressLine.forStandardError()
    let phases = PhaseClock.fromEnvironment()
    let report = try PlanRun.run(o, progress: progress == nil && phases == nil ? nil : { @Sendable stage in
      progress?.show(stage)
      phases?.show(stage)
    })
    progress?.finish()
    phases?.show(nil)
    if !a.flag("quiet") {
      for w in report.warnings { writeStderr(w.contains(": warning: ") ? "\(w)\n" : "warning: \(w)\n") }
      print(report.summaryText, terminator: "")
    }
    return 0
  }
}
