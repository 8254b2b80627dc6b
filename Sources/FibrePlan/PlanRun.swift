import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan plan` as one library call: scenario + flag overrides in, files out.
public struct PlanCommandOptions: Sendable {
  public var scenarioPath: String?
  public var layers = Scenario.LayerPaths()
  /// `--pop LON,LAT`, repeatable: one replaces the scenario's POP, several are fixed POPs.
  public var pops: [String] = []
  /// `--pops N|auto`: let the planner choose N POPs, or as many as pay.
  public var popCount: String?
  /// `--data-centre LON,LAT`: the backbone's hub.
  public var dataCentre: String?
  public var uniformCost = false
  /// `--no-aerial`: leave `layers.aerial` out (scenario `network.aerial: false`).
  public var noAerial = false
  public var outputDirectory: String?
  public var timeLimit: Double?
  /// `--seed`: the seed of the Steiner engine's random choices (scenario `solver.seed`).
  public var seed: UInt64?
  public var threads: Int?
  public var name: String?
  /// Capex budget in EUR: connect as many households as it allows.
  public var budget: Double?
  /// Connect every household whose marginal cost stays below this, EUR per household.
  public var maxCostPerHome: Double?
  /// `--cost-sharing`: add the cost statement between municipalities.
  public var costSharing = false
  /// `--rings`: two trench-disjoint routes from every critical site to the hub.
  public var rings = false
  /// `--phases N`, `--annual-budget EUR`: cut the plan into construction phases.
  public var phases: Int?
  public var annualBudget: Double?
  /// `--eligible-only`: plan only homes below the eligibility threshold.
  public var eligibleOnly = false
  /// `--alternatives`: fixed wireless or satellite for every household fibre does not serve.
  public var alternatives = false
  /// `--no-field-files`: leave out plan.qgs, plan.kml, buildings.csv, fibres.csv and
  /// splices.csv (scenario sweeps that only compare figures).
  public var fieldFiles = true
  public init() {}
}

public struct PlanRunReport: Sendable {
  public var result: FibrePlanResult
  public var outputDirectory: String
  /// The human summary, also saved as summary.txt.
  public var summaryText: String
  /// Scenario warnings and input diagnostics, one line each, for stderr.
  public var warnings: [String]
  /// The cost statement between municipalities, when asked for and there are two or more.
  public var costSharing: CostSharingStatement? = nil
  public var rings: RingDesign? = nil
  /// The scenario's data-centre candidates ranked by capex (empty when none given).
  public var siting: [SitingCandidate] = []
  /// Fixes for optical-budget failures, re-checked (nil when nothing fails).
  public var opticalFix: OpticalFix? = nil
  /// The construction phases, when asked for.
  public var rollout: Rollout? = nil
  public var businessCase: BusinessCase? = nil
}

/// What a plan run adds on top of the plan, each when asked for.
struct PlanAnalyses {
  var rings: RingDesign? = nil
  var opticalFix: OpticalFix? = nil
  /// The optical fixes while they are re-planned beside the writing of the outputs.
  var pendingFix: BackgroundJob<OpticalFix?>? = nil
  var rollout: Rollout? = nil
  var businessCase: BusinessCase? = nil
  var costSharing: CostSharingStatement? = nil
  var siting: [SitingCandidate] = []
}

public enum PlanRun {
  /// Reads the scenario (if any), applies flag overrides, plans, and writes every
  /// output file (the list in `fibreplan help plan`) atomically into the output folder.
  public static func run(_ options: PlanCommandOptions,
                         progress: (@Sendable (String) -> Void)? = nil) throws -> PlanRunReport {
    var scenario = try scenario(for: options)
    let threads = options.threads ?? 2
    guard threads >= 1 else { throw FibrePlanError(.usage, "--threads must be ≥ 1") }
    var request = PlanRequest(scenario: scenario, uniformCost: options.uniformCost, threads: threads, progress: progress)
    request.startsFixesAhead = true
    var (result, analyses): (FibrePlanResult, PlanAnalyses)
    do {
      // The analyses' re-plans start from the plan's layers, network and tree, which
      // are let go before the outputs are written.
      var analysing = request
      var plan: FibrePlanResult
      (plan, analysing.prepared) = try Planner.planKeepingRegion(request)
      if options.costSharing && scenario.costSharing == nil { scenario.costSharing = CostSharingOptions() }
      analyses = try analyse(&plan, scenario: scenario, options: options, request: analysing)
      result = plan
    }
    let directory = options.outputDirectory ?? scenario.outputDirectory ?? "plan-\(safeName(scenario.name))"
    progress?("writing outputs")
    let written: [String]
    (written, analyses) = try writeOutputs(result, analyses, directory: directory, options: options,
                                           costs: options.uniformCost ? TrenchCostModel.uniform : scenario.costs,
                                           threads: threads, progress: progress)
    let summary = PlanSummary.text(result, written: (directory, written)) + summaries(result, analyses).printedParts
    var warnings = scenario.warnings
    warnings += result.diagnostics.prefix(50).map(\.description)
    if result.diagnostics.count > 50 {
      warnings.append("... and \(result.diagnostics.count - 50) more warnings (see summary.json)")
    }
    return PlanRunReport(result: result, outputDirectory: directory, summaryText: summary, warnings: warnings,
                         costSharing: analyses.costSharing, rings: analyses.rings, siting: analyses.siting,
                         opticalFix: analyses.opticalFix, rollout: analyses.rollout, businessCase: analyses.businessCase)
  }

  /// The scenario file (or an empty scenario) with every flag applied, checked.
  static func scenario(for options: PlanCommandOptions) throws -> Scenario {
    var scenario: Scenario
    if let path = options.scenarioPath {
      scenario = try Scenario.read(path: path)
    } else {
      scenario = Scenario(name: options.name ?? "plan")
    }
    if let name = options.name { scenario.name = name }
    if let seed = options.seed { scenario.seed = seed }
    let o = options.layers
    if let p = o.roads { scenario.layers.roads = p }
    if let p = o.buildings { scenario.layers.buildings = p }
    if let p = o.sites { scenario.layers.sites = p }
    if let p = o.ducts { scenario.layers.ducts = p }
    if let p = o.boundaries { scenario.layers.boundaries = p }
    if let p = o.aerial { scenario.layers.aerial = p }
    if options.noAerial { scenario.network.aerial = false }
    try applyHierarchyFlags(options, to: &scenario)
    if let path = options.scenarioPath, scenario.layers.roads == nil {
      throw FibrePlanError(.data, "\(path): layers.roads: no roads layer: give one here or with --roads FILE")
    }
    try applyCoverageFlags(options, to: &scenario)
    for path in [scenario.layers.roads, scenario.layers.buildings, scenario.layers.sites,
                 scenario.layers.ducts, scenario.layers.boundaries, scenario.layers.forbidden,
                 scenario.layers.preferred, scenario.layers.aerial, scenario.layers.poles,
                 scenario.layers.barriers, scenario.layers.cabinets].compactMap({ $0 })
    where !FileManager.default.fileExists(atPath: path) {
      throw FibrePlanError(.missingFile, "\(path): no such layer file")
    }
    try applyPhasingFlags(options, to: &scenario)
    applyEligibilityFlags(options, to: &scenario)
    return scenario
  }

  /// `--time-limit`, `--budget` and `--max-cost-per-home`.
  static func applyCoverageFlags(_ options: PlanCommandOptions, to scenario: inout Scenario) throws {
    if let t = options.timeLimit {
      guard t >= 0 else { throw FibrePlanError(.usage, "--time-limit must be ≥ 0") }
      scenario.timeLimit = t
    }
    if options.budget != nil && options.maxCostPerHome != nil {
      throw FibrePlanError(.usage, "give --budget or --max-cost-per-home, not both")
    }
    if let b = options.budget {
      guard b >= 0 else { throw FibrePlanError(.usage, "--budget must be ≥ 0") }
      scenario.coverage.mode = .budget(b)
    }
    if let t = options.maxCostPerHome {
      guard t >= 0 else { throw FibrePlanError(.usage, "--max-cost-per-home must be ≥ 0") }
      scenario.coverage.mode = .maxCostPerHome(t)
    }
  }

  /// Optical fixes, rings, technologies, phases, business case, cost sharing and
  /// data-centre siting, each when asked for. Rings add their cost to `result`.
  static func analyse(_ result: inout FibrePlanResult, scenario: Scenario, options: PlanCommandOptions,
                      request: PlanRequest) throws -> PlanAnalyses {
    let progress = request.progress
    var a = PlanAnalyses()
    if OpticalFix.opticalFailures(result) > 0 { progress?("re-checking fixes for optical-budget failures") }
    if request.threads >= 2 && result.totals.region.householdsTotal <= FixesAhead.besidePlanUpTo {
      let plan = result
      a.pendingFix = BackgroundJob(threads: request.threads) { OpticalFix.check(plan, request: request) }
    } else {
      a.opticalFix = OpticalFix.check(result, request: request)
    }
    if options.rings || scenario.rings {
      progress?("ring protection for critical sites")
      let roadNames = try scenario.layers.roads.map { try LineLayer.read(path: $0).name } ?? []
      let design = result.ringDesign(hub: scenario.hub, roadNames: roadNames)
      result.addRingCost(design)
      a.rings = design
    }
    result.coverage.technologies = chooseTechnologies(result, scenario: scenario)
    let costs = options.uniformCost ? TrenchCostModel.uniform : scenario.costs
    if let phasing = scenario.phasing {
      progress?("cutting the plan into phases")
      a.rollout = try Rollout.plan(result, options: phasing, costs: costs)
    }
    a.businessCase = try scenario.economics.map { economics in
      progress?("business case")
      // Without phases the whole plan is built in year 1.
      let phased = try a.rollout ?? Rollout.plan(result, options: PhasingOptions(split: .phases(1)), costs: costs)
      return BusinessCase(rollout: phased, names: result.demand.municipalityNames, regionName: scenario.name,
                          options: economics)
    }
    if var sharing = scenario.costSharing {
      progress?("cost sharing between municipalities")
      sharing.threads = request.threads
      a.costSharing = CostSharing.statement(for: result, options: sharing)
    }
    if !scenario.dataCentreCandidates.isEmpty {
      progress?("ranking \(scenario.dataCentreCandidates.count) data-centre candidates")
      a.siting = DataCentreSiting.rank(scenario, candidates: scenario.dataCentreCandidates,
                                       uniformCost: options.uniformCost, threads: request.threads)
    }
    return a
  }

  /// The analyses' part of the printed summary (which adds timing and the files
  /// written), and the summary saved as summary.txt (without them, so the file is
  /// byte-identical from run to run).
  static func summaries(_ result: FibrePlanResult, _ a: PlanAnalyses) -> (printedParts: String, file: String) {
    var parts: [String] = []
    if let rings = a.rings { parts.append(RingReport.text(rings, plan: result)) }
    if let fix = a.opticalFix { parts.append(OpticalFixReport.text(fix)) }
    if let rollout = a.rollout { parts.append(RolloutReport.text(rollout)) }
    if let businessCase = a.businessCase { parts.append(EconomicsReport.text(businessCase)) }
    if !a.siting.isEmpty { parts.append(SitingReport.text(a.siting)) }
    if let costSharing = a.costSharing { parts.append(CostStatementReport.text(costSharing)) }
    var printed = parts.joined()
    let file = PlanSummary.text(withoutTiming: result) + parts.joined()
    if let costSharing = a.costSharing {
      printed += "  Cost sharing: \(costSharing.coalitionsEvaluated) coalition trees in \(JSONText.fixed(costSharing.seconds, decimals: 2)) s\n"
    }
    return (printed, file)
  }

  /// Stages every output file and commits them together; on any error none is left.
  /// Returns the names written. With `threads` ≥ 2, gaps.geojson, the map scene with
  /// plan.svg, the fibre schedule, the field files and the report are made on other
  /// threads beside plan.geojson; the bytes and the order of the names are those of
  /// making them one after another.
  static func writeOutputs(_ result: FibrePlanResult, _ a: PlanAnalyses, directory: String, options: PlanCommandOptions,
                           costs: TrenchCostModel, threads: Int,
                           progress: (@Sendable (String) -> Void)? = nil) throws -> (written: [String], analyses: PlanAnalyses) {
    var files = try OutputFiles(directory: directory)
    var jobs = OutputJobs()
    do {
      let gapsFile = try files.open("gaps.geojson")
      jobs.gaps = BackgroundJob(threads: threads) {
        CoverageReport.gapsGeoJSON(result, chunkBytes: 1 << 20) { gapsFile.write($0) }
      }
      // The map scene with plan.svg, and the fibre schedule, need the plan only: made
      // beside plan.geojson rather than after it.
      jobs.scene = BackgroundJob(threads: threads) { PlanRun.sceneAndMap(result, a) }
      if options.fieldFiles && result.architecture != nil {
        jobs.schedule = BackgroundJob(threads: threads) { FibreSchedule(result) }
      }
      let layers: PlanLayers
      do {
        // The GeoJSON bytes (a third of a gigabyte at a million homes) go once staged and read back.
        let geojson = PlanGeoJSON.encode(result, rings: a.rings, rollout: a.rollout)
        try files.stage("plan.geojson", geojson)
        layers = try PlanFieldFiles.layers(geojson: geojson)
      }
      if options.fieldFiles {
        let kml = try files.open("plan.kml")
        let schedule = try jobs.schedule?.wait()
        jobs.fieldFiles = BackgroundJob(threads: threads) {
          PlanRun.fieldFiles(layers: layers, plan: result, kml: kml, schedule: schedule)
        }
      }
      let (scene, svg) = try jobs.scene!.wait()
      jobs.report = BackgroundJob(threads: threads) { PlanRun.report(result, a, layers: layers, scene: scene) }
      try jobs.gaps?.wait()
      try files.finishOpened("gaps.geojson")
      if !result.coverage.curve.isEmpty {
        try files.stage("coverage.csv", text: CoverageReport.csv(result))
        try files.stage("coverage.svg", text: CoverageReport.svg(result))
      }
      let bom = BillOfMaterials(result, costs: costs, rollout: a.rollout).csv()
      if let html = try jobs.report?.wait() { try files.stage("report.html", html) }
      try files.stage("plan.svg", svg)
      try stageTables(a, into: &files)
      try files.stage("bom.csv", bom)
      for f in try jobs.fieldFiles?.wait() ?? [] {
        if let bytes = f.bytes { try files.stage(f.name, bytes) } else { try files.finishOpened(f.name) }
      }
      // The summaries last: they wait for the optical fixes, when those run beside.
      var analysed = a
      if let fix = a.pendingFix {
        // A stage of its own, so that FIBREPLAN_PHASES shows how long the fixes hold the writing up.
        progress?("waiting for the optical-fix re-plans")
        analysed.opticalFix = try fix.wait()
        analysed.pendingFix = nil
        progress?("writing the summaries")
      }
      try files.stage("summary.json", PlanSummary.json(result, costSharing: a.costSharing, rings: a.rings, rollout: a.rollout,
                                                         opticalFix: analysed.opticalFix, businessCase: a.businessCase))
      try files.stage("summary.txt", text: summaries(result, analysed).file)
      try files.commit()
      return (summariesAfterPlan(files.staged), analysed)
    } catch {
      // The jobs write into staged files (gaps.geojson, plan.kml): let them finish
      // before the files go; so do the optical fixes' re-plans.
      jobs.waitAll()
      _ = try? a.pendingFix?.wait()
      files.discard()
      throw error
    }
  }

  /// The names written, with the summaries listed after plan.geojson, where they have
  /// always been listed, although they are written last.
  static func summariesAfterPlan(_ names: [String]) -> [String] {
    let summaries = ["summary.json", "summary.txt"]
    var list = names.filter { !summaries.contains($0) }
    let at = (list.firstIndex(of: "plan.geojson") ?? -1) + 1
    list.insert(contentsOf: summaries.filter(names.contains), at: at)
    return list
  }

  /// The jobs `writeOutputs` runs beside its own work.
  private struct OutputJobs {
    var gaps: BackgroundJob<Void>?
    var scene: BackgroundJob<(MapScene, [UInt8])>?
    var schedule: BackgroundJob<FibreSchedule>?
    var fieldFiles: BackgroundJob<[(name: String, bytes: [UInt8]?)]>?
    var report: BackgroundJob<[UInt8]>?

    func waitAll() {
      _ = try? gaps?.wait()
      _ = try? scene?.wait()
      _ = try? schedule?.wait()
      _ = try? fieldFiles?.wait()
      _ = try? report?.wait()
    }
  }

  /// The map scene of report.html (the plan with its rings), and plan.svg drawn from
  /// it with the phases.
  static func sceneAndMap(_ result: FibrePlanResult, _ a: PlanAnalyses) -> (scene: MapScene, svg: [UInt8]) {
    var scene = MapScene(plan: result)
    if let rings = a.rings { scene.addRings(rings, plan: result) }
    var phased = scene
    if let rollout = a.rollout { phased.addPhases(rollout, plan: result) }
    return (scene, PlanMap.svg(phased))
  }

  /// report.html with the map drawn from `layers` over `scene`.
  static func report(_ result: FibrePlanResult, _ a: PlanAnalyses, layers: PlanLayers, scene: MapScene) -> [UInt8] {
    BoardReport.html(result, layers: layers, scene: scene, costSharing: a.costSharing,
                     rollout: a.rollout, businessCase: a.businessCase)
  }

  /// The analyses' CSV tables, each when there is one.
  private static func stageTables(_ a: PlanAnalyses, into files: inout OutputFiles) throws {
    if let rollout = a.rollout { try files.stage("rollout.csv", text: RolloutReport.csv(rollout)) }
    if let businessCase = a.businessCase { try files.stage("economics.csv", text: EconomicsReport.csv(businessCase)) }
    if let costSharing = a.costSharing { try files.stage("cost_sharing.csv", text: CostStatementReport.csv(costSharing)) }
    if !a.siting.isEmpty { try files.stage("siting.csv", text: SitingReport.csv(a.siting)) }
  }

  /// `LON,LAT` in degrees, the value of `--<option>`.
  package static func parsePosition(_ text: String, option: String = "pop") throws -> LonLat {
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let lon = parts[0], let lat = parts[1] else {
      throw FibrePlanError(.usage, "--\(option) expects LON,LAT in degrees, got '\(text)'")
    }
    let p = LonLat(lon: lon, lat: lat)
    guard p.isValid else { throw FibrePlanError(.usage, "--\(option) \(text): not a WGS84 position (lon first)") }
    return p
  }

  /// `--pop` (once: the POP; several times: fixed POPs), `--pops N|auto` and
  /// `--data-centre`.
  static func applyHierarchyFlags(_ options: PlanCommandOptions, to scenario: inout Scenario) throws {
    let pops = try options.pops.map { try parsePosition($0) }
    if pops.count == 1 && scenario.hierarchy.pops.isEmpty && options.popCount == nil {
      scenario.pop = pops[0]
    } else if !pops.isEmpty {
      scenario.hierarchy.pops = pops.enumerated().map { NamedPosition(name: "POP \($0 + 1)", position: $1) }
    }
    if let text = options.popCount {
      if text == "auto" {
        scenario.hierarchy.count = .auto
      } else if let n = Int(text), n >= 1, n <= 1000 {
        scenario.hierarchy.count = .exactly(n)
      } else {
        throw FibrePlanError(.usage, "invalid value '\(text)' for --pops: expected a whole number from 1 to 1000, or auto")
      }
    }
    if let text = options.dataCentre {
      scenario.hierarchy.dataCentre = NamedPosition(name: "data centre", position: try parsePosition(text, option: "data-centre"))
    }
  }

  package static func safeName(_ s: String) -> String {
    String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
  }
}

extension PlanSummary {
  /// The summary without run time and folder, for summary.txt (deterministic bytes).
  public static func text(withoutTiming plan: FibrePlanResult) -> String {
    var p = plan
    p.seconds = 0
    return text(p, written: nil).replacingOccurrences(of: "  Planned in 0.00 s", with: "  Planned")
  }
}
