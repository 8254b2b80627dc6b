import FibreCore
import FibreGraph

/// Railways and waterways that a drop can only cross by a bore (`layers.barriers`, and
/// the `railway` / `waterway` lines without a `highway` class in the roads layer).
public struct BarrierLayer: Sendable {
  public enum Kind: UInt8, Sendable { case rail, water }
  public var lines: LineLayer
  public var kinds: [Kind] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { lines = LineLayer(path: path) }
  public var count: Int { kinds.count }

  /// Lines tagged `railway` (any value but `abandoned`, `razed`, `disused` and
  /// `platform`) or `waterway` (any value but `dam`, `weir`, `lock_gate`), or with
  /// `kind` `rail` / `water`. With `skippingRoads`, features with a `highway` class are
  /// roads and are left out silently; without it, lines of neither kind are skipped
  /// with a warning. O(points).
  public init(_ table: FeatureTable, skippingRoads: Bool) {
    self.init(path: table.path)
    var log = DiagnosticLog(table)
    let kRail = table.keyIndex("railway"), kWater = table.keyIndex("waterway")
    let kKind = table.keyIndex("kind"), kHighway = table.keyIndex("highway")
    for f in 0..<table.count {
      let type = table.geometryTypes[f]
      guard type == .lineString || type == .multiLineString else {
        if !skippingRoads { log.skip(f, field: "geometry.type", code: "unsupported_geometry", reason: "\(type) is not a line") }
        continue
      }
      if skippingRoads && table.property(f, kHighway)?.hasText ?? false { continue }
      let rail = table.property(f, kRail)?.text, water = table.property(f, kWater)?.text
      let kind: Kind
      if let rail, !["abandoned", "razed", "disused", "platform"].contains(rail) { kind = .rail }
      else if let water, !["dam", "weir", "lock_gate"].contains(water) { kind = .water }
      else if let k = table.property(f, kKind)?.text, k == "rail" || k == "water" { kind = k == "rail" ? .rail : .water }
      else {
        if !skippingRoads {
          log.skip(f, field: "properties.railway", code: "unknown_barrier", reason: "neither railway nor waterway")
        }
        continue
      }
      for part in table.parts(of: f) {
        let line = table.points[table.pointRange(ofPart: part)]
        guard line.count >= 2, line.allSatisfy({ $0.isValid }) else { continue }
        lines.points.append(contentsOf: line)
        lines.lineStart.append(Int32(lines.points.count))
        lines.featureIndex.append(Int32(f))
        kinds.append(kind)
      }
    }
    diagnostics = skippingRoads ? [] : log.finish(kept: count, what: "barrier lines")
  }

  /// Reads `layers.barriers`. O(file size).
  public static func read(path: String) throws -> BarrierLayer {
    BarrierLayer(try GeoJSONReader.read(path: path), skippingRoads: false)
  }

  /// Appends another layer's lines.
  public mutating func append(_ other: BarrierLayer) {
    for line in 0..<other.count {
      lines.points.append(contentsOf: other.lines.points[other.lines.pointRange(line)])
      lines.lineStart.append(Int32(lines.points.count))
      lines.featureIndex.append(other.lines.featureIndex[line])
      kinds.append(other.kinds[line])
    }
  }
}
