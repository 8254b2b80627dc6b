import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The naive cabinet plan the optimised one is measured against: k-means on the homes'
/// coordinates (Lloyd 1982, k-means++ seeding by Arthur & Vassilvitskii 2007), k the
/// fewest cabinets the capacity allows, and a cabinet at the candidate nearest each
/// centroid; every home goes to its cluster's cabinet whatever the capacity.
package enum KMeansBaseline {
  package struct Clustering: Sendable {
    /// Candidate position chosen for each cluster.
    package var cabinets: [Int32]
    /// Cluster of each point.
    package var label: [Int32]
  }

  /// - Complexity: O(iterations · points · k + candidates · k).
  package static func cluster(x: [Double], y: [Double], weight: [Double], k requested: Int,
                      candidateX: [Double], candidateY: [Double], iterations: Int = 25,
                      using rng: inout some RandomNumberGenerator) -> Clustering {
    let n = x.count
    let k = max(1, min(requested, n, candidateX.count))
    guard n > 0, !candidateX.isEmpty else { return Clustering(cabinets: [], label: []) }
    // k-means++ seeding: each next centre drawn with probability ∝ weight · D².
    var cx: [Double] = [], cy: [Double] = []
    let first = Int.random(in: 0..<n, using: &rng)
    cx.append(x[first]); cy.append(y[first])
    var d2 = (0..<n).map { (x[$0] - cx[0]) * (x[$0] - cx[0]) + (y[$0] - cy[0]) * (y[$0] - cy[0]) }
    while cx.count < k {
      let total = (0..<n).reduce(0.0) { $0 + d2[$1] * weight[$1] }
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
      for i in 0..<n {
        let d = (x[i] - x[pick]) * (x[i] - x[pick]) + (y[i] - y[pick]) * (y[i] - y[pick])
        if d < d2[i] { d2[i] = d }
      }
    }
    var label = [Int32](repeating: 0, count: n)
    for _ in 0..<iterations {
      var changed = false
      cx.withUnsafeBufferPointer { cx in
        cy.withUnsafeBufferPointer { cy in
          for i in 0..<n {
            let best = Int32(nearest(x[i], y[i], cx, cy))
            if label[i] != best { label[i] = best; changed = true }
          }
        }
      }
      var sx = [Double](repeating: 0, count: k), sy = sx, sw = sx
      for i in 0..<n {
        let c = Int(label[i])
        sx[c] += x[i] * weight[i]; sy[c] += y[i] * weight[i]; sw[c] += weight[i]
      }
      for c in 0..<k where sw[c] > 0 { cx[c] = sx[c] / sw[c]; cy[c] = sy[c] / sw[c] }
      if !changed { break }
    }
    // A cabinet at the free candidate nearest each centroid.
    var taken = [Bool](repeating: false, count: candidateX.count)
    var cabinets: [Int32] = []
    for c in 0..<k {
      var best = -1, bestD = Double.infinity
      for j in 0..<candidateX.count where !taken[j] {
        let d = (candidateX[j] - cx[c]) * (candidateX[j] - cx[c]) + (candidateY[j] - cy[c]) * (candidateY[j] - cy[c])
        if d < bestD { bestD = d; best = j }
      }
      if best >= 0 { taken[best] = true }
      cabinets.append(Int32(max(best, 0)))
    }
    return Clustering(cabinets: cabinets, label: label)
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
