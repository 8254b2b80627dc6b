import Foundation
import FibreCore
import FibreGraph

/// Existing pole lines that fibre can be lashed to (`layers.aerial`), and optionally
/// the poles themselves (`layers.poles`). How many poles a line has decides its
/// make-ready cost: the line's own `poles` property, else the `layers.poles` points
/// matched to it (NetworkBuilder+Aerial), else one pole per span along it.
public struct AerialLayer: Sendable {
  /// The pole lines, read like ducts (LineString / MultiLineString, one line per part).
  public var lines: LineLayer
  /// `properties.poles` of each line, or -1 where the feature gives none. A
  /// MultiLineString's count is shared among its parts in proportion to their length.
  public var poles: [Int32] = []
  /// `layers.poles`: Point features (MultiPoints give each of their points).
  public var polePoints: [LonLat] = []
  public var polesPath: String?

  public init(lines: LineLayer) {
    self.lines = lines
    poles = [Int32](repeating: -1, count: lines.count)
  }

  public var diagnostics: [Diagnostic] { lines.diagnostics }

  /// Reads `layers.aerial` and, if given, `layers.poles`. Throws `.data` (65) naming
  /// the file, feature and field for a `poles` value that is not a whole number ≥ 0 and
  /// for a pole feature that is not a Point. O(file sizes).
  public static func read(path: String, polesPath: String? = nil) throws -> AerialLayer {
    let table = try GeoJSONReader.read(path: path)
    var layer = AerialLayer(lines: LineLayer(ducts: table))
    let key = table.keyIndex("poles")
    for line in 0..<layer.lines.count {
      let f = Int(layer.lines.featureIndex[line])
      guard let value = table.property(f, key), !value.isNull else { continue }
      guard let d = value.doubleValue ?? value.stringValue.flatMap({ Double($0.trimmingWhitespace) }),
            d.isFinite, d >= 0, d == d.rounded(), d < Double(Int32.max) else {
        throw FibrePlanError(.data, "\(path): feature \(f): properties.poles: must be a whole number ≥ 0, "
          + "got \(value.text ?? "a non-number")")
      }
      layer.poles[line] = Int32(d)
    }
    layer.shareMultiPartCounts()
    if let polesPath { try layer.readPoles(path: polesPath) }
    return layer
  }

  /// Splits a feature's `poles` among its parts by length (largest remainder, so the
  /// parts' counts add up to the feature's). O(points).
  private mutating func shareMultiPartCounts() {
    var line = 0
    while line < lines.count {
      var end = line + 1
      while end < lines.count && lines.featureIndex[end] == lines.featureIndex[line] { end += 1 }
      if end - line > 1 && poles[line] >= 0 {
        let total = Int(poles[line])
        let lengths = (line..<end).map { lines.approximateLength($0) }
        let sum = max(lengths.reduce(0, +), .leastNonzeroMagnitude)
        let exact = lengths.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for k in 0..<(total - counts.reduce(0, +)) { counts[order[k % order.count]] += 1 }
        for (i, c) in counts.enumerated() { poles[line + i] = Int32(c) }
      }
      line = end
    }
  }

  private mutating func readPoles(path: String) throws {
    let table = try GeoJSONReader.read(path: path)
    polesPath = path
    for f in 0..<table.count {
      let type = table.geometryTypes[f]
      guard type == .point || type == .multiPoint else {
        throw FibrePlanError(.data, "\(path): feature \(f): geometry.type: \(type) is not a Point (layers.poles)")
      }
      for part in table.parts(of: f) {
        for p in table.points[table.pointRange(ofPart: part)] where p.isValid { polePoints.append(p) }
      }
    }
  }
}

extension LineLayer {
  /// Length of line `i` in metres on a sphere (equirectangular per segment): good to a
  /// fraction of a percent over pole spans, enough to share a count among parts. O(points).
  package func approximateLength(_ i: Int) -> Double {
    let range = pointRange(i)
    var total = 0.0
    for k in range.dropFirst() {
      let a = points[k - 1], b = points[k]
      let mid = (a.lat + b.lat) / 2 * .pi / 180
      let dx = (b.lon - a.lon) * .pi / 180 * cos(mid), dy = (b.lat - a.lat) * .pi / 180
      total += 6_371_008.8 * (dx * dx + dy * dy).squareRoot()
    }
    return total
  }
}
