/// Distance labels for many small searches over one graph: every label starts at
/// +infinity, and `reset` restores only the ones a search lowered, so a capped search
/// costs what it touches, not the node count.
struct SparseLabels {
  private(set) var label: [Double]
  private var touched: [Int32] = []

  init(count: Int) { label = [Double](repeating: .infinity, count: count) }

  subscript(_ v: Int) -> Double { label[v] }

  /// Sets v's label to d when d is lower; returns whether it was.
  @inline(__always)
  mutating func lower(_ v: Int, to d: Double) -> Bool {
    guard d < label[v] else { return false }
    if label[v] == .infinity { touched.append(Int32(v)) }
    label[v] = d
    return true
  }

  /// Every label back to +infinity. O(labels lowered since the last reset).
  mutating func reset() {
    for v in touched { label[Int(v)] = .infinity }
    touched.removeAll(keepingCapacity: true)
  }
}
