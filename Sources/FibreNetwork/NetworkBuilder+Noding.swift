import FibreCore
import FibreGraph
import FibreGeo

extension NetworkBuilder {
  /// Cost classes of a build: names (`surface=asphalt`, `duct`, `drop`) and EUR/m,
  /// numbered in order of first use so that output is deterministic.
  package struct CostClasses {
    package var names: [String] = []
    package var perMetre: [Double] = []
    private var index: [String: Int32] = [:]

    package mutating func intern(_ name: String, _ cost: Double) -> Int32 {
      if let i = index[name] { return i }
      names.append(name); perMetre.append(cost)
      index[name] = Int32(names.count - 1)
      return Int32(names.count - 1)
    }
  }

  /// Lines of class -1 carry no trench and are skipped.
  /// Projects every road coordinate and merges vertices within `tolerance` (greedy in
  /// input order: a point joins the nearest earlier vertex within reach, ties to the
  /// lowest id), then emits one segment per pair of consecutive distinct vertices.
  /// Hash grid with cells of side 2·`tolerance`, so a point's reach overlaps at most
  /// 2 × 2 cells; expected O(P) for P points. The points are projected up front on
  /// `threads` workers (each independent); the merge stays sequential, so the draft is
  /// the same with any number.
  package static func nodeRoads(_ roads: LineLayer, projection: LocalProjection, lineClass: [Int32],
                        tolerance: Double, draft: inout RoadDraft,
                        stats: inout NetworkStatistics, diagnostics: inout [Diagnostic], threads: Int = 1) {
    let projected = projectAll(roads.points, projection: projection, threads: threads)
    let cell = max(2 * tolerance, 0.01)
    let tol2 = tolerance * tolerance
    var heads = CellTable(expectedCount: roads.points.count)
    var nextInCell: [Int32] = []
    nextInCell.reserveCapacity(roads.points.count)
    draft.x.reserveCapacity(roads.points.count)
    var lineVertices: [Int32] = []

    for line in 0..<roads.usableLineCount where lineClass[line] >= 0 {
      lineVertices.removeAll(keepingCapacity: true)
      var invalid = 0
      for k in roads.pointRange(line) {
        let p = roads.points[k]
        guard p.isValid else { invalid += 1; continue }
        let px = projected[k].x, py = projected[k].y
        let fx = (px / cell).rounded(.down), fy = (py / cell).rounded(.down)
        guard fx.isFinite, fy.isFinite, abs(fx) < 2e9, abs(fy) < 2e9 else { invalid += 1; continue }
        let ix = Int(fx), iy = Int(fy)
        let x0 = Int(((px - tolerance) / cell).rounded(.down)), x1 = Int(((px + tolerance) / cell).rounded(.down))
        let y0 = Int(((py - tolerance) / cell).rounded(.down)), y1 = Int(((py + tolerance) / cell).rounded(.down))
        var best: Int32 = -1
        var bestD2 = Double.infinity
        for jy in y0...y1 {
          for jx in x0...x1 {
            var v = heads.value(CellTable.key(jx, jy))
            while v >= 0 {
              let dx = draft.x[Int(v)] - px, dy = draft.y[Int(v)] - py
              let d2 = dx * dx + dy * dy
              if d2 <= tol2 && (d2 < bestD2 || (d2 == bestD2 && v < best)) { best = v; bestD2 = d2 }
              v = nextInCell[Int(v)]
            }
          }
        }
        if best < 0 {
          best = draft.addVertex(x: px, y: py, lonLat: p)
          let key = CellTable.key(ix, iy)
          nextInCell.append(heads.value(key))
          heads.set(key, best)
        }
        if lineVertices.last != best { lineVertices.append(best) }
      }
      if invalid > 0 {
        stats.invalidRoadCoordinates += invalid
        diagnostics.append(Diagnostic(
          .warning, file: roads.path, feature: Int(roads.featureIndex[line]),
          field: "geometry.coordinates", code: "invalid_coordinate",
          "\(invalid) invalid coordinate\(invalid == 1 ? "" : "s") skipped"))
      }
      guard lineVertices.count >= 2 else {
        diagnostics.append(Diagnostic(
          .warning, file: roads.path, feature: Int(roads.featureIndex[line]),
          field: "geometry.coordinates", code: "degenerate_line",
          "line has fewer than 2 distinct valid points (within \(tolerance) m); ignored"))
        continue
      }
      stats.roadLinesUsed += 1
      for k in 1..<lineVertices.count {
        draft.addSegment(lineVertices[k - 1], lineVertices[k], source: Int32(line),
                         costClass: lineClass[line], kind: .trench)
      }
    }
    stats.roadVertices = draft.vertexCount
  }
}

extension NetworkBuilder {
  /// A point in the local projection, in metres.
  package struct Planar: Sendable {
    package var x: Double
    package var y: Double
  }

  /// `projection.project` of every valid point (NaN for invalid ones), on `threads`
  /// workers: the trigonometry per point is the bulk of noding and of placing demand
  /// points, and each point is independent.
  package static func projectAll(_ points: [LonLat], projection: LocalProjection, threads: Int) -> [Planar] {
    parallelArray(points.count, threads: points.count < 2048 ? 1 : threads) { i in
      let p = points[i]
      guard p.isValid else { return Planar(x: .nan, y: .nan) }
      let (x, y) = projection.project(p)
      return Planar(x: x, y: y)
    }
  }
}

extension LineLayer {
  /// The leading lines whose point range and feature index both exist: guards the
  /// builder against hand-made layers with ragged columns. O(lines).
  package var usableLineCount: Int {
    let n = min(featureIndex.count, max(0, lineStart.count - 1))
    guard n > 0, lineStart[0] >= 0 else { return 0 }
    for i in 0..<n where lineStart[i + 1] < lineStart[i] || Int(lineStart[i + 1]) > points.count {
      return i
    }
    return n
  }
}
