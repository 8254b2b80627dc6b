import FibreCore
import FibreGraph

/// Planar polygon measures on lon/lat degrees. Over one building or municipality the
/// equirectangular distortion is an affine map, which preserves centroids and the
/// ordering of areas, so no projection is needed for these uses.
package enum PolygonGeometry {
  /// Twice the signed area and the area-weighted centroid of a ring (shoelace formula),
  /// computed relative to the first vertex for precision. O(n).
  package static func ringCentroid(_ points: ArraySlice<LonLat>) -> (doubleArea: Double, centroid: LonLat)? {
    guard let origin = points.first, points.count >= 3 else { return nil }
    var a2 = 0.0, cx = 0.0, cy = 0.0
    var prev = points[points.endIndex - 1]
    for p in points {
      let x0 = prev.lon - origin.lon, y0 = prev.lat - origin.lat
      let x1 = p.lon - origin.lon, y1 = p.lat - origin.lat
      let cross = x0 * y1 - x1 * y0
      a2 += cross
      cx += (x0 + x1) * cross
      cy += (y0 + y1) * cross
      prev = p
    }
    guard a2 != 0, a2.isFinite else { return (0, mean(points)) }
    return (a2, LonLat(lon: origin.lon + cx / (3 * a2), lat: origin.lat + cy / (3 * a2)))
  }

  package static func mean(_ points: ArraySlice<LonLat>) -> LonLat {
    var x = 0.0, y = 0.0
    for p in points { x += p.lon; y += p.lat }
    let n = Double(max(points.count, 1))
    return LonLat(lon: x / n, lat: y / n)
  }

  /// Even-odd crossing test of `p` against one ring (W. R. Franklin, PNPOLY); the
  /// half-open rule `(a.lat > y) != (b.lat > y)` counts each crossing once. O(n).
  @inline(__always)
  package static func crossings(_ points: ArraySlice<LonLat>, _ p: LonLat) -> Bool {
    var inside = false
    guard var a = points.last else { return false }
    for b in points {
      if (a.lat > p.lat) != (b.lat > p.lat) {
        let x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat)
        if p.lon < x { inside.toggle() }
      }
      a = b
    }
    return inside
  }

  /// A point inside the polygon formed by `rings` (exterior first, then holes): the
  /// middle of the widest interior span of the horizontal line through `y`, or nil if
  /// that line misses the polygon. O(n log n).
  package static func pointOnSurface(_ rings: [ArraySlice<LonLat>], y: Double) -> LonLat? {
    var xs: [Double] = []
    for ring in rings {
      guard var a = ring.last else { continue }
      for b in ring {
        if (a.lat > y) != (b.lat > y) {
          xs.append(a.lon + (y - a.lat) * (b.lon - a.lon) / (b.lat - a.lat))
        }
        a = b
      }
    }
    xs.sort()
    var best: LonLat?
    var widest = -1.0
    var i = 0
    while i + 1 < xs.count {
      if xs[i + 1] - xs[i] > widest {
        widest = xs[i + 1] - xs[i]
        best = LonLat(lon: (xs[i] + xs[i + 1]) / 2, lat: y)
      }
      i += 2
    }
    return best
  }
}

extension FeatureTable {
  /// One point standing for feature `f`: a Point's position; for (Multi)Polygons the
  /// area-weighted centroid of the largest polygon's exterior ring, or a point on its
  /// surface when that centroid falls outside (L-shapes, courtyards). Nil for other
  /// geometry types and for features with invalid coordinates. O(points of f).
  public func representativePoint(_ f: Int) -> LonLat? {
    let parts = self.parts(of: f)
    switch geometryTypes[f] {
    case .point:
      guard let p = parts.first, let q = points[pointRange(ofPart: p)].first, q.isValid else { return nil }
      return q
    case .polygon, .multiPolygon:
      var bestArea = -1.0
      var bestRings: [ArraySlice<LonLat>] = []
      var bestCentroid = LonLat(lon: 0, lat: 0)
      var p = parts.lowerBound
      while p < parts.upperBound {
        var q = p + 1
        while q < parts.upperBound && !partStartsPolygon[q] { q += 1 }
        let rings = (p..<q).map { points[pointRange(ofPart: $0)] }
        for ring in rings where !ring.allSatisfy({ $0.isValid }) { return nil }
        if let (a2, c) = PolygonGeometry.ringCentroid(rings[0]), abs(a2) > bestArea {
          bestArea = abs(a2)
          bestRings = rings
          bestCentroid = c
        }
        p = q
      }
      guard bestArea >= 0 else { return nil }
      if bestArea == 0 { return bestCentroid }
      var inside = false
      for ring in bestRings where PolygonGeometry.crossings(ring, bestCentroid) { inside.toggle() }
      if inside { return bestCentroid }
      return PolygonGeometry.pointOnSurface(bestRings, y: bestCentroid.lat) ?? bestCentroid
    default:
      return nil
    }
  }
}
