import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// `fibreplan render PLAN.geojson -o map.svg`: draws any plan.geojson as an SVG map.
enum RenderCommand: Subcommand {
  static let spec = CommandSpec(
    name: "render",
    abstract: "Draw a plan.geojson as an SVG map with legend, scale bar and north arrow.",
    discussion: """
      Styles features by the plan's properties: trench by kind (new trench, reused duct,
      drop), feeder and distribution cable by installed size, cabinets, splice closures,
      ring routes, buildings and sites by outcome (gaps in warning colours, homes the
      architecture cannot serve apart from served ones), critical sites ringed, the POP. The title and the
      attribution come from the file's name and attribution members unless given.
      An output ending in .qgs writes a styled QGIS project over the plan.geojson
      (relative path), one ending in .kml the plan as KML, one ending in .html the
      map of report.html as a page of its own (pan, zoom, layers, properties on
      click; no network fetch). The output is deterministic and written atomically.
      """,
    positionals: [PositionalSpec(name: "plan", help: "A plan.geojson written by 'fibreplan plan'.")],
    options: [
      OptionSpec(name: "output", value: "file", help: "The file to write: .svg, .qgs, .kml or .html (default: map.svg).", short: "o"),
      OptionSpec(name: "width", value: "pixels", help: "Width of the picture (default: 1600)."),
      OptionSpec(name: "title", value: "text", help: "Title in the legend panel."),
      OptionSpec(name: "attribution", value: "text", help: "Data attribution printed under the map."),
    ]
  )

  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    var o = RenderCommandOptions(input: arguments.positionals[0], output: arguments.value("output") ?? "map.svg")
    if let w = try arguments.int("width") {
      guard (600...20000).contains(w) else { throw FibrePlanError(.usage, "--width must be 600 to 20000 pixels, got \(w)") }
      o.map = PlanMapOptions(width: w)
    }
    o.title = arguments.value("title")
    o.attribution = arguments.value("attribution")
    try PlanMap.render(o)
    return 0
  }
}
