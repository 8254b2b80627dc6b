import FibreCore
import FibreGraph

/// Road vertices bucketed by square cell (head/next lists in flat arrays), to find the
/// vertex nearest a new settlement in O(1) expected time.
package struct VertexGrid {
  package let cell: Double
  package let side: Int
  private var head: [Int32]
  private var next: [Int32] = []
  private var xs: [Double] = [], ys: [Double] = []

  package init(width: Double, cell: Double) {
    self.cell = cell
    side = Int((width / cell).rounded(.up)) + 1
    head = [Int32](repeating: -1, count: side * side)
  }

  package var isEmpty: Bool { xs.isEmpty }

  @inline(__always) private func cellIndex(_ v: Double) -> Int {
    min(side - 1, max(0, Int(v / cell)))
  }

  package mutating func insert(_ x: Double, _ y: Double) {
    let c = cellIndex(y) * side + cellIndex(x)
    next.append(head[c])
    head[c] = Int32(xs.count)
    xs.append(x)
    ys.append(y)
  }

  /// The nearest vertex and its distance, searching rings of cells outwards until the
  /// best distance found is within the searched radius. O(1) expected for dense grids.
  package func nearest(_ x: Double, _ y: Double) -> (x: Double, y: Double, distance: Double)? {
    guard !xs.isEmpty else { return nil }
    let cx = cellIndex(x), cy = cellIndex(y)
    var best = -1
    var bestD2 = Double.infinity
    var r = 0
    while r < side {
      for j in (cy - r)...(cy + r) where j >= 0 && j < side {
        let edge = j == cy - r || j == cy + r
        var i = cx - r
        while i <= cx + r {
          if i >= 0 && i < side {
            var v = head[j * side + i]
            while v >= 0 {
              let dx = xs[Int(v)] - x, dy = ys[Int(v)] - y
              let d2 = dx * dx + dy * dy
              // Ties go to the lower index, so the answer does not depend on bucket order.
              if d2 < bestD2 || (d2 == bestD2 && Int(v) < best) { bestD2 = d2; best = Int(v) }
              v = next[Int(v)]
            }
          }
          // Inner rows only have their two end cells in this ring.
          i += edge || r == 0 ? 1 : 2 * r
        }
      }
      // Every vertex outside ring r is at least r cells away.
      if best >= 0 && bestD2.squareRoot() <= Double(r) * cell { break }
      r += 1
    }
    return (xs[best], ys[best], bestD2.squareRoot())
  }
}
