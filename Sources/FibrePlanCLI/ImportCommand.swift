import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan import FILE --out DIR`: OpenStreetMap extract to the four input layers.
enum ImportCommand: Subcommand {
  static let spec = CommandSpec(
    name: "import",
    abstract: "Derive roads, buildings, sites and boundaries layers from an OSM extract.",
    discussion: """
      Reads an OpenStreetMap extract (.osm XML, .osm.gz or .osm.pbf) and writes
      roads.geojson, buildings.geojson, sites.geojson and boundaries.geojson into the
      output folder, with the same schema and rules as Maps/tools/derive-layers.sh
      (GDAL's OSM driver). Files are replaced atomically. Map data © OpenStreetMap
      contributors, ODbL 1.0.
      """,
    positionals: [PositionalSpec(name: "file", help: "The OSM extract (.osm, .osm.gz, .osm.pbf).")],
    options: [
      OptionSpec(name: "out", value: "dir", help: "Output folder (created if needed).", short: "o"),
      OptionSpec(name: "admin-level", value: "n", help: "admin_level of the boundaries (default 8)."),
    ]
  )

  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    guard let out = arguments.value("out") else {
      throw FibrePlanError(.usage, "missing '--out <DIR>'")
    }
    let summary = try OSMImport.run(
      input: arguments.positionals[0], outputDirectory: out,
      adminLevel: try arguments.int("admin-level") ?? 8)
    print(summary.text, terminator: "")
    return 0
  }
}
