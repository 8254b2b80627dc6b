/// The convex hull of points, counter-clockwise as RFC 7946 wants exterior rings, first
/// point not repeated (Andrew's monotone chain, 1979). O(n log n). Empty for fewer
/// than three points; points all on one line give fewer than three.
package func convexHull(_ points: [LonLat]) -> [LonLat] {
  let p = points.filter(\.isValid).sorted { ($0.lon, $0.lat) < ($1.lon, $1.lat) }
  guard p.count >= 3 else { return [] }
  func cross(_ o: LonLat, _ a: LonLat, _ b: LonLat) -> Double {
    (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon)
  }
  var lower: [LonLat] = [], upper: [LonLat] = []
  for q in p {
    while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
    lower.append(q)
  }
  for q in p.reversed() {
    while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
    upper.append(q)
  }
  return Array(lower.dropLast() + upper.dropLast())
}
