import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan generate`: writes a synthetic rural region (four layers + scenario) for
/// tests and scale benchmarks.
enum GenerateCommand: Subcommand {
  static let spec = CommandSpec(
    name: "generate",
    abstract: "Write a synthetic rural region (layers and a ready scenario) for testing at scale.",
    discussion: """
      Writes roads.geojson, buildings.geojson, sites.geojson, boundaries.geojson and
      scenario.json into the output folder: villages with a main road and side streets,
      hamlets, farms on tracks (some beyond the drop limit), a ridge that roads go around,
      municipalities with boundaries and sites, and a little deliberate mess (dangling road
      ends, duplicate ids, a disconnected fragment). The same seed gives identical files.
      Then: fibreplan plan DIR/scenario.json
      """,
    options: [
      OptionSpec(name: "households", value: "n", help: "Total households (sum of building units)."),
      OptionSpec(name: "seed", value: "n", help: "Seed of every random choice (default 1)."),
      OptionSpec(name: "out", value: "dir", help: "Output folder (default: ./synthetic-<n>/).", short: "o"),
      OptionSpec(name: "municipalities", value: "k", help: "Number of municipalities (default: about one per 10,000 households)."),
    ])

  static func run(_ a: ParsedArguments) throws -> Int32 {
    guard let households = try a.int("households") else {
      throw FibrePlanError(.usage, "missing '--households <n>'")
    }
    guard households >= 1 && households <= 50_000_000 else {
      throw FibrePlanError(.usage, "--households must be between 1 and 50,000,000, got \(households)")
    }
    let seed = try a.int("seed") ?? 1
    guard seed >= 0 else { throw FibrePlanError(.usage, "--seed must be ≥ 0, got \(seed)") }
    let municipalities = try a.int("municipalities")
    if let k = municipalities, k < 1 || k > 1000 {
      throw FibrePlanError(.usage, "--municipalities must be between 1 and 1000, got \(k)")
    }
    let directory = a.value("out") ?? "synthetic-\(households)"
    let region = SyntheticRegion.generate(households: households, seed: UInt64(seed), municipalities: municipalities)
    try region.write(to: directory)
    print("""
      fibreplan generate: \(region.householdsTotal) households in \(region.buildingCount) buildings, \
      \(region.roadCount) road lines, \(region.siteCount) sites, \(region.municipalityCount) municipalities
      wrote \(directory)/scenario.json (plan it with: fibreplan plan \(directory)/scenario.json)
      """)
    return 0
  }
}
