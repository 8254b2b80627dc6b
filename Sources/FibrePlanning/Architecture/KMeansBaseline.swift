import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The naive cabinet plan the optimised one is measured against: k-means on the homes'
/// coordinates (Lloyd 1982, k-means++ seeding by Arthur & Vassilvitskii 2007), k the
/// fewest cabinets the capacity allows, and a cabinet at the candidate nearest each
/// centroid; every home goes to its cluster's cabinet whatever the capacity. The
/// assignment step skips points by Hamerly's bounds (2010), with the same labels.
package enum KMeansBaseline {
  package struct Clustering: Sendable {
    /// Candidate position chosen for each cluster.
    package var cabinets: [Int32]
    /// Cluster of each point.
    package var label: [Int32]
  }

  /// - Complexity: O(iterations · points · k + candidates · k).
  package static func cluster(x: [Double], y: [Double], weight: [Double], k requested: Int,
                      candidateX: [Double], candidateY: [Double], iterations: Int = 25, skipByBounds: Bool = true,
                      using rng: inout some RandomNumberGenerator) -> Clustering {
    let n = x.count
    let k = max(1, min(requested, n, candidateX.count))
    guard n > 0, !candidateX.isEmpty else { return Clustering(cabinets: [], label: []) }
    var (cx, cy) = seeds(x: x, y: y, weight: weight, k: k, using: &rng)
    var label = [Int32](repeating: 0, count: n)
    var bounds = Bounds(count: n)
    for iteration in 0..<iterations {
      var changed = false
      cx.withUnsafeBufferPointer { cx in
        cy.withUnsafeBufferPointer { cy in
          let half = iteration == 0 || !skipByBounds ? [] : halfGaps(cx, cy)
          for i in 0..<n {
            if iteration > 0 && skipByBounds && bounds.keeps(i, x[i], y[i], label: Int(label[i]), half: half, cx, cy) { continue }
            let best = bounds.scan(i, x[i], y[i], cx, cy)
            if label[i] != best { label[i] = best; changed = true }
          }
        }
      }
      var sx = [Double](repeating: 0, count: k), sy = sx, sw = sx
      for i in 0..<n {
        let c = Int(label[i])
        sx[c] += x[i] * weight[i]; sy[c] += y[i] * weight[i]; sw[c] += weight[i]
      }
      var moved = [Double](repeating: 0, count: k)
      for c in 0..<k where sw[c] > 0 {
        let nx = sx[c] / sw[c], ny = sy[c] / sw[c]
        moved[c] = ((nx - cx[c]) * (nx - cx[c]) + (ny - cy[c]) * (ny - cy[c])).squareRoot()
        cx[c] = nx; cy[c] = ny
      }
      if !changed { break }
      bounds.shift(moved: moved, label: label)
    }
    return Clustering(cabinets: nearestFree(cx: cx, cy: cy, candidateX: candidateX, candidateY: candidateY), label: label)
  }

  /// For each centre in turn, the first of the free candidates nearest it, which is then
  /// taken (0 when none is nearer than infinity). The candidates are bucketed into
  /// vertical strips by x, and each centre scans its own strip, then the strips on
  /// either side outwards (a plane sweep, as in Friedman, Baskett & Shustek 1975): a
  /// strip whose nearest x alone squares beyond the best holds none nearer (adding the y
  /// term rounds to no less), nor do the strips past it, so the answer is the full
  /// scan's, ties to the lowest index included.
  /// - Complexity: O(candidates) to bucket, then about the strips as wide as the nearest
  ///   distance per centre.
  static func nearestFree(cx: [Double], cy: [Double], candidateX: [Double], candidateY: [Double]) -> [Int32] {
    let strips = Strips(candidateX, candidateY)
    var taken = [Bool](repeating: false, count: candidateX.count)
    var cabinets: [Int32] = []
    for c in 0..<cx.count {
      var best = -1, bestD = Double.infinity
      func offer(_ j: Int) {
        guard !taken[j] else { return }
        let d = (candidateX[j] - cx[c]) * (candidateX[j] - cx[c]) + (candidateY[j] - cy[c]) * (candidateY[j] - cy[c])
        if d < bestD || (d == bestD && j < best) { bestD = d; best = j }
      }
      if let strips, cx[c].isFinite {
        let own = strips.strip(cx[c])
        for j in strips.members(own) { offer(j) }
        // Strips right of the centre's hold only larger x, left of it only smaller.
        for step in [1, -1] {
          var s = own + step
          while s >= 0 && s < strips.count && !(strips.gap(s, cx[c]) > bestD) {
            for j in strips.members(s) { offer(j) }
            s += step
          }
        }
      } else {
        for j in candidateX.indices { offer(j) }
      }
      if best >= 0 { taken[best] = true }
      cabinets.append(Int32(max(best, 0)))
    }
    return cabinets
  }

  /// Candidates bucketed by x into about √n strips of equal width, in index order
  /// within each, with each strip's least and greatest x; nil unless every coordinate
  /// is finite.
  struct Strips {
    let minX, width: Double
    let count: Int
    var start: [Int32], member: [Int32]
    /// Per strip, its smallest and largest member x.
    var lowX: [Double], highX: [Double]

    init?(_ x: [Double], _ y: [Double]) {
      guard !x.isEmpty, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
      let lo = x.min()!, hi = x.max()!
      count = max(1, Int(Double(x.count).squareRoot()))
      minX = lo
      width = (hi - lo) / Double(count)
      start = [Int32](repeating: 0, count: count + 1)
      lowX = [Double](repeating: .infinity, count: count)
      highX = [Double](repeating: -.infinity, count: count)
      member = []
      for v in x { start[strip(v) + 1] += 1 }
      for s in 0..<count { start[s + 1] += start[s] }
      var next = start
      member = [Int32](repeating: 0, count: x.count)
      for (j, v) in x.enumerated() {
        let s = strip(v)
        member[Int(next[s])] = Int32(j); next[s] += 1
        lowX[s] = min(lowX[s], v); highX[s] = max(highX[s], v)
      }
    }

    /// The strip of x, monotone in x and clamped to the strips.
    func strip(_ v: Double) -> Int {
      guard width > 0, width.isFinite else { return 0 }
      let t = ((v - minX) / width).rounded(.down)
      return t <= 0 ? 0 : t >= Double(count - 1) ? count - 1 : Int(t)
    }

    func members(_ s: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> { member[Int(start[s])..<Int(start[s + 1])].lazy.map { Int($0) } }

    /// The least squared x-gap from `cx` to strip s's members (wholly on one side of it),
    /// computed as the distance's own first term; -infinity for an empty strip.
    func gap(_ s: Int, _ cx: Double) -> Double {
      guard start[s] < start[s + 1] else { return -.infinity }
      let x = lowX[s] > cx ? lowX[s] : highX[s]
      return (x - cx) * (x - cx)
    }
  }

  /// k-means++ seeding: the first centre a uniform draw, each next one drawn with
  /// probability ∝ weight · D². The draw's total is summed while D² is updated (the
  /// same sums in the same order as a pass of its own), over raw buffers: the seeding
  /// makes k passes over the points.
  static func seeds(x: [Double], y: [Double], weight: [Double], k: Int,
                    using rng: inout some RandomNumberGenerator) -> (x: [Double], y: [Double]) {
    let n = x.count
    var cx: [Double] = [], cy: [Double] = []
    let first = Int.random(in: 0..<n, using: &rng)
    cx.append(x[first]); cy.append(y[first])
    var d2 = (0..<n).map { (x[$0] - cx[0]) * (x[$0] - cx[0]) + (y[$0] - cy[0]) * (y[$0] - cy[0]) }
    var total = (0..<n).reduce(0.0) { $0 + d2[$1] * weight[$1] }
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        weight.withUnsafeBufferPointer { weight in
          d2.withUnsafeMutableBufferPointer { d2 in
            while cx.count < k {
              var pick = 0
              if total > 0 {
                var r = Double.random(in: 0..<total, using: &rng)
                for i in 0..<n {
                  r -= d2[i] * weight[i]
                  if r < 0 { pick = i; break }
                  pick = i
                }
              }
              cx.append(x[pick]); cy.append(y[pick])
              let px = x[pick], py = y[pick]
              var next = 0.0
              for i in 0..<n {
                let d = (x[i] - px) * (x[i] - px) + (y[i] - py) * (y[i] - py)
                if d < d2[i] { d2[i] = d }
                next += d2[i] * weight[i]
              }
              total = next
            }
          }
        }
      }
    }
    return (cx, cy)
  }

  /// Per point, an upper bound on the distance to its centre and a lower bound on the
  /// distance to every other, so that the assignment step skips the points whose centre
  /// cannot have changed (Hamerly 2010). A point is skipped only when its centre is
  /// nearer than any other by a margin beyond rounding, so every label is the one the
  /// full scan gives (the first of equally near centres included).
  struct Bounds {
    var upper: [Double], lower: [Double]

    init(count n: Int) {
      upper = [Double](repeating: .infinity, count: n)
      lower = [Double](repeating: 0, count: n)
    }

    static func margin(_ d: Double) -> Double { 1e-6 + 1e-9 * d }

    /// Whether point i's centre `label` is still strictly its nearest.
    mutating func keeps(_ i: Int, _ x: Double, _ y: Double, label c: Int, half: [Double],
                        _ cx: UnsafeBufferPointer<Double>, _ cy: UnsafeBufferPointer<Double>) -> Bool {
      let m = max(half[c], lower[i])
      if upper[i] + Self.margin(upper[i]) < m { return true }
      upper[i] = ((x - cx[c]) * (x - cx[c]) + (y - cy[c]) * (y - cy[c])).squareRoot()
      return upper[i] + Self.margin(upper[i]) < m
    }

    /// The full scan (`nearest`), which also sets point i's bounds exactly.
    mutating func scan(_ i: Int, _ x: Double, _ y: Double,
                       _ cx: UnsafeBufferPointer<Double>, _ cy: UnsafeBufferPointer<Double>) -> Int32 {
      var best = 0, bestD = Double.infinity, secondD = Double.infinity
      for c in 0..<cx.count {
        let d = (x - cx[c]) * (x - cx[c]) + (y - cy[c]) * (y - cy[c])
        if d < bestD { secondD = bestD; bestD = d; best = c } else if d < secondD { secondD = d }
      }
      upper[i] = bestD.squareRoot()
      lower[i] = secondD.squareRoot()
      return Int32(best)
    }

    /// After the centres moved: the centre's own move loosens the upper bound, the
    /// largest move the lower one.
    mutating func shift(moved: [Double], label: [Int32]) {
      let most = moved.max() ?? 0
      for i in upper.indices {
        upper[i] += moved[Int(label[i])]
        lower[i] -= most
      }
    }
  }

  /// Half the distance from each centre to its nearest other centre: a point within it
  /// of its centre is nearer to that centre than to any other.
  static func halfGaps(_ cx: UnsafeBufferPointer<Double>, _ cy: UnsafeBufferPointer<Double>) -> [Double] {
    let k = cx.count
    var half = [Double](repeating: .infinity, count: k)
    for a in 0..<k {
      for b in (a + 1)..<k {
        let d = ((cx[a] - cx[b]) * (cx[a] - cx[b]) + (cy[a] - cy[b]) * (cy[a] - cy[b])).squareRoot() / 2
        half[a] = min(half[a], d); half[b] = min(half[b], d)
      }
    }
    return half
  }

  /// The first of the centres nearest (x, y). The assignment step's inner loop, over
  /// raw buffers: it runs points × k times per iteration.
  @inline(__always)
  static func nearest(_ x: Double, _ y: Double, _ cx: UnsafeBufferPointer<Double>, _ cy: UnsafeBufferPointer<Double>) -> Int {
    var best = 0, bestD = Double.infinity
    for c in 0..<cx.count {
      let d = (x - cx[c]) * (x - cx[c]) + (y - cy[c]) * (y - cy[c])
      if d < bestD { bestD = d; best = c }
    }
    return best
  }
}
