import Foundation
import FibreCore
import FibreGeo

/// The files made from plan.geojson for other tools: the QGIS project, the KML and the
/// map page.
/// Both read the GeoJSON as written, so `fibreplan render` makes the same files from
/// any plan.geojson as `fibreplan plan` does beside its own.
package enum PlanFieldFiles {
  /// Parses the plan.geojson bytes just written. O(bytes).
  package static func layers(geojson: [UInt8], path: String = "plan.geojson") throws -> PlanLayers {
    PlanLayers(try GeoJSONReader.read(bytes: geojson, path: path))
  }

  /// The output format `fibreplan render` writes for a file name, from its extension.
  package enum Format { case svg, qgs, kml, html }

  package static func format(of output: String) -> Format {
    let lower = output.lowercased()
    if lower.hasSuffix(".qgs") { return .qgs }
    if lower.hasSuffix(".kml") { return .kml }
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
    return .svg
  }
}

extension PlanMap {
  /// `input` as seen from the folder `directory`, for the project's relative source:
  /// the file name when both sit in one folder, else the path with `..` steps.
  package static func relativePath(from directory: String, to input: String) -> String {
    func parts(_ p: String) -> [String] {
      let absolute = p.hasPrefix("/") ? p : (FileManager.default.currentDirectoryPath + "/" + p)
      var out: [String] = []
      for c in absolute.split(separator: "/") where c != "." {
        if c == ".." { _ = out.popLast() } else { out.append(String(c)) }
      }
      return out
    }
    let d = parts(directory.isEmpty ? "." : directory), f = parts(input)
    var common = 0
    while common < d.count && common < f.count - 1 && d[common] == f[common] { common += 1 }
    return (Array(repeating: "..", count: d.count - common) + f[common...]).joined(separator: "/")
  }
}
