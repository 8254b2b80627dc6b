import FibreCore
import FibreGraph

/// Polygon assembly and representative points for OSM areas: closed ways, and
/// multipolygon / boundary relations whose member ways are joined end to end into rings.
package enum OSMRings {
  /// The closed ring of a closed way, nodes missing from the extract left out and
  /// repeated consecutive points merged; nil when fewer than 3 distinct points remain
  /// (an outline cut by the extract's edge has no interior). O(k log N).
  package static func ring(_ refs: some Collection<Int64>, _ x: OSMExtract) -> [OSMPoint]? {
    var points: [OSMPoint] = []
    points.reserveCapacity(refs.count + 1)
    for r in refs {
      guard let p = x.node(r) else { continue }
      if points.last != p { points.append(p) }
    }
    if points.count > 1, points.first == points.last { points.removeLast() }
    guard Set(points).count >= 3 else { return nil }
    points.append(points[0])
    return points
  }

  /// Whether every way member (except `subarea`) is in the extract with at least two
  /// of its nodes: GDAL's driver drops shorter ways on reading and then ignores a
  /// relation that lacks a member way; so do we. O(member nodes × log N).
  package static func isComplete(wayIds: ArraySlice<Int64>, roles: ArraySlice<OSMMemberRole>, _ x: OSMExtract) -> Bool {
    zip(wayIds, roles).allSatisfy { id, role in
      role == .subarea || (x.way(id).map { w in x.refs(ofWay: w).lazy.filter { x.node($0) != nil }.prefix(2).count == 2 } ?? false)
    }
  }

  /// Polygons (outer ring then its holes) of a complete relation; ways that do not
  /// close into rings are left out, and nil is returned when no outer ring remains.
  /// Outer rings counter-clockwise, holes clockwise (RFC 7946).
  package static func polygons(
    wayIds: ArraySlice<Int64>, roles: ArraySlice<OSMMemberRole>, _ x: OSMExtract
  ) -> [[[OSMPoint]]]? {
    guard isComplete(wayIds: wayIds, roles: roles, x) else { return nil }
    var outerWays: [ArraySlice<Int64>] = [], innerWays: [ArraySlice<Int64>] = []
    for (id, role) in zip(wayIds, roles) where role != .subarea {
      guard let w = x.way(id) else { return nil }
      // Rings are joined from the nodes the extract holds, as GDAL joins coordinates:
      // a closed way whose first node is missing is an open chain.
      let refs = ArraySlice(x.refs(ofWay: w).filter { x.node($0) != nil })
      guard refs.count >= 2 else { continue }
      if role == .inner { innerWays.append(refs) } else { outerWays.append(refs) }
    }
    let outers: [[OSMPoint]] = join(outerWays).compactMap { ids in
      ring(ids, x).map { signedArea($0) < 0 ? $0.reversed() : $0 }
    }
    guard !outers.isEmpty else { return nil }
    let innerIds = join(innerWays)
    var polygons = outers.map { [$0] }
    let outerAreas = outers.map { abs(signedArea($0)) }
    for ids in innerIds {
      guard let r = ring(ids, x) else { continue }
      let hole = signedArea(r) > 0 ? Array(r.reversed()) : r
      // The smallest outer ring that holds the hole's first vertex; a hole outside
      // every outer ring is dropped.
      var best: Int?
      for o in outers.indices where contains(outers[o], hole[0]) {
        if best == nil || outerAreas[o] < outerAreas[best!] { best = o }
      }
      if let best { polygons[best].append(hole) }
    }
    return polygons
  }

  /// Joins way node sequences end to end into closed rings of node ids; chains that
  /// cannot be closed are dropped. O(total length) with an endpoint index.
  package static func join(_ sequences: [ArraySlice<Int64>]) -> [[Int64]] {
    var byEnd: [Int64: [Int]] = [:]
    for (i, s) in sequences.enumerated() where s.first != s.last {
      byEnd[s.first!, default: []].append(i)
      byEnd[s.last!, default: []].append(i)
    }
    var used = [Bool](repeating: false, count: sequences.count)
    var rings: [[Int64]] = []
    next: for i in sequences.indices where !used[i] {
      used[i] = true
      var ring = Array(sequences[i])
      while ring.first != ring.last {
        guard let j = byEnd[ring.last!]?.first(where: { !used[$0] }) else { continue next }
        used[j] = true
        let s = sequences[j]
        if s.first == ring.last { ring.append(contentsOf: s.dropFirst()) } else { ring.append(contentsOf: s.reversed().dropFirst()) }
      }
      if ring.count >= 4 { rings.append(ring) }
    }
    return rings
  }

  /// Twice the signed area in (1e-7 degree)², positive for counter-clockwise. O(k).
  package static func signedArea(_ ring: [OSMPoint]) -> Double {
    guard let o = ring.first else { return 0 }
    var sum = 0.0
    for i in 0..<(ring.count - 1) {
      let (x0, y0) = offset(ring[i], o), (x1, y1) = offset(ring[i + 1], o)
      sum += x0 * y1 - x1 * y0
    }
    return sum
  }

  @inline(__always) package static func offset(_ p: OSMPoint, _ o: OSMPoint) -> (Double, Double) {
    (Double(Int64(p.lon) - Int64(o.lon)), Double(Int64(p.lat) - Int64(o.lat)))
  }

  /// Even-odd point in ring. O(k).
  package static func contains(_ ring: [OSMPoint], _ p: OSMPoint) -> Bool {
    let o = ring[0]
    let (px, py) = offset(p, o)
    var inside = false
    for i in 0..<(ring.count - 1) {
      let (x0, y0) = offset(ring[i], o), (x1, y1) = offset(ring[i + 1], o)
      if (y0 > py) != (y1 > py), px < x0 + (py - y0) * (x1 - x0) / (y1 - y0) { inside.toggle() }
    }
    return inside
  }

  package static func contains(_ polygons: [[[OSMPoint]]], _ p: OSMPoint) -> Bool {
    polygons.contains { rings in contains(rings[0], p) && !rings.dropFirst().contains { contains($0, p) } }
  }

  /// The area-weighted centroid when it lies inside the area; otherwise a point on the
  /// surface: the middle of the widest interior stretch of a horizontal line through
  /// the middle of the largest polygon (the scan-line idea of JTS InteriorPointArea).
  /// Planar in degrees, like GDAL. O(total ring length).
  package static func representativePoint(_ polygons: [[[OSMPoint]]]) -> OSMPoint? {
    guard let o = polygons.first?.first?.first else { return nil }
    var a = 0.0, cx = 0.0, cy = 0.0
    for ring in polygons.joined() {
      for i in 0..<(ring.count - 1) {
        let (x0, y0) = offset(ring[i], o), (x1, y1) = offset(ring[i + 1], o)
        let cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
      }
    }
    // Self-intersecting rings can cancel their area out: only a centroid within the
    // coordinate range is tried.
    let dx = cx / (3 * a), dy = cy / (3 * a)
    if abs(a) >= 1, abs(dx) < 4e9, abs(dy) < 4e9 {
      let c = OSMPoint(lon: Int32(clamping: Int64(o.lon) + Int64(dx.rounded())),
                       lat: Int32(clamping: Int64(o.lat) + Int64(dy.rounded())))
      if contains(polygons, c) { return c }
    }
    guard let largest = polygons.max(by: { abs(signedArea($0[0])) < abs(signedArea($1[0])) }) else { return nil }
    return scanLinePoint(largest) ?? vertexMean(largest[0])
  }

  private static func scanLinePoint(_ rings: [[OSMPoint]]) -> OSMPoint? {
    let lats = rings[0].map { Double($0.lat) }
    guard let lo = lats.min(), let hi = lats.max(), hi > lo else { return nil }
    // Half-way between the middle and the nearest vertex latitude above it, so the line
    // never passes through a vertex.
    let mid = (lo + hi) / 2
    let above = rings.joined().map { Double($0.lat) }.filter { $0 > mid }.min() ?? hi
    let y = vertexFree(mid, above, rings)
    var xs: [Double] = []
    for ring in rings {
      for i in 0..<(ring.count - 1) {
        let p = ring[i], q = ring[i + 1]
        let (py, qy) = (Double(p.lat), Double(q.lat))
        guard (py > y) != (qy > y) else { continue }
        xs.append(Double(p.lon) + (y - py) * (Double(q.lon) - Double(p.lon)) / (qy - py))
      }
    }
    xs.sort()
    var best: (Double, Double)?
    var i = 0
    while i + 1 < xs.count {
      if best == nil || xs[i + 1] - xs[i] > best!.1 - best!.0 { best = (xs[i], xs[i + 1]) }
      i += 2
    }
    guard let best else { return nil }
    let x = ((best.0 + best.1) / 2).rounded()
    guard x.isFinite, abs(x) < 4e9 else { return nil }
    return OSMPoint(lon: Int32(clamping: Int64(x)), lat: Int32(clamping: Int64(y.rounded())))
  }

  /// `mid` if no vertex lies on it, else the midpoint towards the next vertex latitude.
  private static func vertexFree(_ mid: Double, _ above: Double, _ rings: [[OSMPoint]]) -> Double {
    rings.joined().contains { Double($0.lat) == mid } ? (mid + above) / 2 : mid
  }

  private static func vertexMean(_ ring: [OSMPoint]) -> OSMPoint? {
    let k = ring.count - 1
    guard k > 0 else { return nil }
    var lon: Int64 = 0, lat: Int64 = 0
    for p in ring.dropLast() { lon += Int64(p.lon); lat += Int64(p.lat) }
    return OSMPoint(lon: Int32(lon / Int64(k)), lat: Int32(lat / Int64(k)))
  }
}
