import FibreCore
import FibreGraph
import FibreGeo

/// A uniform grid over straight segments for nearest-segment queries: each segment is
/// listed in every cell its bounding box touches (CSR: `cellStart`, `items`).
/// Build O(S + C) for S segments and C cells (C ≤ 4S + 64); a query visits rings of cells
/// around the point until no closer segment can exist.
package struct SegmentGrid {
  package struct Hit {
    package var segment: Int32
    /// Position of the nearest point along the segment, 0 at its first vertex.
    package var t: Double
    package var distance: Double
  }

  private var minX = 0.0, minY = 0.0, cell = 1.0
  private var nx = 0, ny = 0
  private var cellStart: [Int32] = [0]
  private var items: [Int32] = []

  /// Indexes the segments `s` with `include(s)`; `x`, `y` are vertex coordinates.
  package init(x: [Double], y: [Double], segA: [Int32], segB: [Int32], include: (Int) -> Bool) {
    var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
    var n = 0
    for s in segA.indices where include(s) {
      n += 1
      let a = Int(segA[s]), b = Int(segB[s])
      lo = (min(lo.0, x[a], x[b]), min(lo.1, y[a], y[b]))
      hi = (max(hi.0, x[a], x[b]), max(hi.1, y[a], y[b]))
    }
    guard n > 0 else { return }
    let width = max(hi.0 - lo.0, 1), height = max(hi.1 - lo.1, 1)
    var cell = max(10, (width * height / Double(n)).squareRoot())
    while (width / cell + 1) * (height / cell + 1) > Double(4 * n + 64) { cell *= 1.25 }
    self.cell = cell
    minX = lo.0; minY = lo.1
    nx = Int(width / cell) + 1; ny = Int(height / cell) + 1

    var counts = [Int32](repeating: 0, count: nx * ny + 1)
    for s in segA.indices where include(s) {
      let (x0, x1, y0, y1) = cellRange(s, x, y, segA, segB)
      for iy in y0...y1 { for ix in x0...x1 { counts[iy * nx + ix + 1] += 1 } }
    }
    for i in 1..<counts.count { counts[i] += counts[i - 1] }
    var fill = counts
    items = [Int32](repeating: 0, count: Int(counts[nx * ny]))
    for s in segA.indices where include(s) {
      let (x0, x1, y0, y1) = cellRange(s, x, y, segA, segB)
      for iy in y0...y1 {
        for ix in x0...x1 {
          let c = iy * nx + ix
          items[Int(fill[c])] = Int32(s)
          fill[c] += 1
        }
      }
    }
    cellStart = counts
  }

  private func cellRange(_ s: Int, _ x: [Double], _ y: [Double], _ segA: [Int32], _ segB: [Int32])
    -> (Int, Int, Int, Int) {
    let a = Int(segA[s]), b = Int(segB[s])
    return (column(min(x[a], x[b])), column(max(x[a], x[b])),
            row(min(y[a], y[b])), row(max(y[a], y[b])))
  }

  /// Row-major index of the cell holding (px, py), clamped to the grid; points in one
  /// cell get one index, so sorting queries by it keeps the grid hot in cache.
  package func cellIndex(x px: Double, y py: Double) -> Int {
    nx == 0 ? 0 : row(py) * nx + column(px)
  }

  @inline(__always) private func column(_ px: Double) -> Int {
    min(nx - 1, max(0, Int(((px - minX) / cell).rounded(.down))))
  }
  @inline(__always) private func row(_ py: Double) -> Int {
    min(ny - 1, max(0, Int(((py - minY) / cell).rounded(.down))))
  }

  /// The nearest indexed segment to (px, py) within `maxDistance` (may be ∞) for which
  /// `skip` is false; ties go to the lowest segment id. Nil if there is none.
  package func nearest(x px: Double, y py: Double, maxDistance: Double,
               x: [Double], y: [Double], segA: [Int32], segB: [Int32],
               skip: (Int) -> Bool = { _ in false }) -> Hit? {
    guard nx > 0, px.isFinite, py.isFinite else { return nil }
    let cx = Int(max(-1e9, min(1e9, ((px - minX) / cell).rounded(.down))))
    let cy = Int(max(-1e9, min(1e9, ((py - minY) / cell).rounded(.down))))
    let r0 = max(0, -cx, cx - (nx - 1), -cy, cy - (ny - 1))
    let rMax = max(cx, nx - 1 - cx, cy, ny - 1 - cy)
    var best = Hit(segment: -1, t: 0, distance: .infinity)

    func visit(_ ix: Int, _ iy: Int) {
      let c = iy * nx + ix
      for k in Int(cellStart[c])..<Int(cellStart[c + 1]) {
        let s = Int(items[k])
        if skip(s) { continue }
        let a = Int(segA[s]), b = Int(segB[s])
        let (t, d) = Self.project(px, py, x[a], y[a], x[b], y[b])
        if d < best.distance || (d == best.distance && Int32(s) < best.segment) {
          best = Hit(segment: Int32(s), t: t, distance: d)
        }
      }
    }

    var r = r0
    while r <= rMax {
      // Every point in ring r lies at least (r - 1) cells away.
      if Double(r - 1) * cell > min(maxDistance, best.distance) { break }
      if r == 0 {
        visit(cx, cy)
      } else {
        let xLo = max(cx - r, 0), xHi = min(cx + r, nx - 1)
        if xLo <= xHi {
          if cy - r >= 0 && cy - r < ny { for ix in xLo...xHi { visit(ix, cy - r) } }
          if cy + r >= 0 && cy + r < ny { for ix in xLo...xHi { visit(ix, cy + r) } }
        }
        let yLo = max(cy - r + 1, 0), yHi = min(cy + r - 1, ny - 1)
        if yLo <= yHi {
          if cx - r >= 0 && cx - r < nx { for iy in yLo...yHi { visit(cx - r, iy) } }
          if cx + r >= 0 && cx + r < nx { for iy in yLo...yHi { visit(cx + r, iy) } }
        }
      }
      r += 1
    }
    guard best.segment >= 0, best.distance <= maxDistance else { return nil }
    return best
  }

  /// Parameter t ∈ [0, 1] of the point on segment a–b nearest to p, and its distance.
  @inline(__always)
  package static func project(_ px: Double, _ py: Double, _ ax: Double, _ ay: Double,
                      _ bx: Double, _ by: Double) -> (t: Double, distance: Double) {
    let dx = bx - ax, dy = by - ay
    let len2 = dx * dx + dy * dy
    var t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
    t = min(1, max(0, t))
    let qx = ax + t * dx - px, qy = ay + t * dy - py
    return (t, (qx * qx + qy * qy).squareRoot())
  }
}
