import FibreCore
import FibreGraph

/// Areas that change where cable may go (`layers.forbidden`): polygons (all rings of a
/// feature kept, even-odd inside test) and lines, each tied to its input feature so
/// that messages can name it.
public struct AreaLayer: Sendable {
  public var path: String
  /// Polygon `i` owns rings `polygonRingStart[i] ..< polygonRingStart[i+1]`; ring `r`
  /// owns `points[ringStart[r] ..< ringStart[r+1]]`.
  public var polygonRingStart: [Int32] = [0]
  public var ringStart: [Int32] = [0]
  public var points: [LonLat] = []
  public var polygonFeature: [Int32] = []
  /// `properties.name` of each polygon ("" if none).
  public var polygonName: [String] = []
  /// LineString / MultiLineString features of the layer.
  public var lines: LineLayer
  public var diagnostics: [Diagnostic] = []

  public init(path: String) {
    self.path = path
    lines = LineLayer(path: path)
  }

  public var polygonCount: Int { polygonFeature.count }

  /// Polygons and lines from one table; other geometries are skipped with a warning.
  /// O(points).
  public init(_ table: FeatureTable) {
    self.init(path: table.path)
    var log = DiagnosticLog(table)
    let kName = table.keyIndex("name")
    for f in 0..<table.count {
      let type = table.geometryTypes[f]
      guard let parts = validParts(table, f, &log) else { continue }
      switch type {
      case .polygon, .multiPolygon:
        guard let rings = usableRings(parts, f, &log) else { continue }
        appendRings(rings, points: &points, ringStart: &ringStart)
        polygonRingStart.append(Int32(ringStart.count - 1))
        polygonFeature.append(Int32(f))
        polygonName.append(table.property(f, kName)?.text ?? "")
      case .lineString, .multiLineString:
        for line in parts where line.count >= 2 {
          lines.points.append(contentsOf: line)
          lines.lineStart.append(Int32(lines.points.count))
          lines.featureIndex.append(Int32(f))
          lines.highway.append(nil); lines.surface.append(nil)
          lines.name.append(table.property(f, kName)?.text)
        }
      default:
        log.skip(f, field: "geometry.type", code: "unsupported_geometry", reason: "\(type) is not a Polygon or line")
      }
    }
    diagnostics = log.finish(kept: polygonCount + lines.count, what: "areas")
  }

  /// Reads an area file. O(file size).
  public static func read(path: String) throws -> AreaLayer {
    AreaLayer(try GeoJSONReader.read(path: path))
  }

  /// The input feature that covers `p` (even-odd over the polygon's rings), or nil.
  /// O(points).
  public func polygon(containing p: LonLat) -> Int? {
    for i in 0..<polygonCount {
      var inside = false
      for r in Int(polygonRingStart[i])..<Int(polygonRingStart[i + 1]) {
        if PolygonGeometry.crossings(points[Int(ringStart[r])..<Int(ringStart[r + 1])], p) { inside.toggle() }
      }
      if inside { return i }
    }
    return nil
  }
}
