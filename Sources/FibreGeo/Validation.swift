import FibreCore
import FibreGraph

/// What `fibreplan validate` found in a set of GeoJSON layers.
public struct ValidationReport: Sendable {
  /// The typed layer a file is checked as, recognised from its name.
  public enum LayerKind: String, Sendable {
    case roads, ducts, buildings, sites, boundaries
  }

  public struct GeometryCount: Sendable, Equatable {
    public var type: GeometryType
    public var count: Int
  }

  public struct FileReport: Sendable {
    public var path: String
    public var kind: LayerKind?
    public var featureCount = 0
    /// Non-zero counts in `GeometryType` order.
    public var geometryCounts: [GeometryCount] = []
    /// Over valid positions only.
    public var boundingBox = BoundingBox()
    public var pointCount = 0
    /// Reader and typed-layer diagnostics, in file order.
    public var diagnostics: [Diagnostic] = []
    /// Set when the file could not be read at all.
    public var failure: FibrePlanError?
    /// What the typed layer kept, e.g. `2748 lines`.
    public var layerSummary: String?

    public init(path: String) { self.path = path }

    public var isMissing: Bool { failure?.kind == .missingFile }
    /// Readable, and no error-severity diagnostics (warnings are allowed).
    public var isUsable: Bool { failure == nil && !diagnostics.contains { $0.severity == .error } }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
  }

  public var files: [FileReport]

  public init(files: [FileReport]) { self.files = files }

  public var isUsable: Bool { files.allSatisfy { $0.isUsable } }

  /// 0 when usable (warnings allowed), 66 when a file is missing, else 65.
  public var exitCode: Int32 {
    if files.contains(where: { $0.isMissing }) { return 66 }
    return isUsable ? 0 : 65
  }
}

extension ValidationReport.LayerKind {
  /// Recognises `roads.geojson`, `my-buildings.json`, ... by the file's base name.
  public init?(fileName path: String) {
    let base = String(path.split(separator: "/").last ?? Substring(path)).lowercased()
    if base.contains("road") || base.contains("street") { self = .roads }
    else if base.contains("duct") { self = .ducts }
    else if base.contains("building") || base.contains("address") { self = .buildings }
    else if base.contains("site") { self = .sites }
    else if base.contains("boundar") || base.contains("municipal") { self = .boundaries }
    else { return nil }
  }
}

/// Reads each file with `GeoJSONReader`, counts features by geometry type, computes
/// the bounding box, and, for files whose name says which layer they are
/// (`roads`, `ducts`, `buildings`, `sites`, `boundaries`), builds that typed layer to
/// collect its warnings too. A large file is read by `threads` workers; the report does
/// not depend on the count. Never throws: problems go into the report.
/// O(total file size).
public func validateLayers(paths: [String], threads: Int = 2) -> ValidationReport {
  ValidationReport(files: paths.map { validateLayer(path: $0, threads: threads) })
}

package func validateLayer(path: String, threads: Int = 2) -> ValidationReport.FileReport {
  var report = ValidationReport.FileReport(path: path)
  report.kind = ValidationReport.LayerKind(fileName: path)
  let table: FeatureTable
  do {
    table = try GeoJSONReader.read(path: path, threads: threads)
  } catch let error as FibrePlanError {
    report.failure = error
    return report
  } catch {
    report.failure = FibrePlanError(.io, "\(path): \(error)")
    return report
  }
  report.featureCount = table.count
  var counts = [Int](repeating: 0, count: GeometryType.allCases.count)
  for t in table.geometryTypes { counts[Int(t.rawValue)] += 1 }
  report.geometryCounts = GeometryType.allCases.compactMap {
    counts[Int($0.rawValue)] > 0 ? .init(type: $0, count: counts[Int($0.rawValue)]) : nil
  }
  report.pointCount = table.points.count
  report.boundingBox = table.validBounds
  let layer = checkLayer(table, as: report.kind, threads: threads, &report)
  // The report holds no part of them: freeing them is left off the critical path
  // (moved, so that the background thread holds the only references).
  releaseInBackground((consume table, consume layer))
  return report
}

/// Builds the typed layer a file is named as, for its diagnostics and summary; returns
/// the layer (nil for an unnamed file).
private func checkLayer(_ table: FeatureTable, as kind: ValidationReport.LayerKind?, threads: Int,
                        _ report: inout ValidationReport.FileReport) -> (any Sendable)? {
  switch kind {
  case .roads?:
    let layer = LineLayer(roads: table, threads: threads)
    report.diagnostics = layer.diagnostics
    report.layerSummary = "\(layer.count) road lines"
    return layer
  case .ducts?:
    let layer = LineLayer(ducts: table, threads: threads)
    report.diagnostics = layer.diagnostics
    report.layerSummary = "\(layer.count) duct lines"
    return layer
  case .buildings?:
    let layer = BuildingLayer(table)
    report.diagnostics = layer.diagnostics
    let units = layer.units.reduce(0) { $0 + Int($1) }
    report.layerSummary = "\(layer.count) buildings, \(units) units"
    return layer
  case .sites?:
    let layer = SiteLayer(table)
    report.diagnostics = layer.diagnostics
    report.layerSummary = "\(layer.count) sites, \(layer.critical.filter { $0 }.count) critical"
    return layer
  case .boundaries?:
    let layer = BoundaryLayer(table)
    report.diagnostics = layer.diagnostics
    report.layerSummary = "\(layer.count) municipalities"
    return layer
  case nil:
    report.diagnostics = table.diagnostics
    return nil
  }
}
