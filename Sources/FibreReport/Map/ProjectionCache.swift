import FibreGeo

/// Projected positions by their exact coordinates (bit patterns): open addressing with
/// linear probing (Knuth, TAOCP vol. 3, 6.4, algorithm L). The report's map projects
/// every position of plan.geojson, and most were projected for the static map already
/// (a road vertex read with 7 decimals prints and reads back as the same double) or
/// occur twice (cables on their trench, buildings at their drop's end). A hit returns
/// the very doubles `LocalProjection.project` gave, so the drawing is the same.
package struct ProjectionCache: Sendable {
  package let projection: LocalProjection
  /// One slot: the key's bits and its projection. `lon == empty` marks a free slot: a
  /// NaN pattern, which no valid position has.
  private struct Slot {
    var lon: UInt64, lat: UInt64
    var x: Double, y: Double
  }
  private static let empty = UInt64.max
  private var slots: [Slot]
  private var count = 0
  private var shift: UInt64

  /// Room for `capacity` positions before the table grows.
  package init(_ projection: LocalProjection, capacity: Int) {
    self.projection = projection
    var bits = 4
    while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
    slots = [Slot](repeating: Slot(lon: Self.empty, lat: 0, x: 0, y: 0), count: 1 << bits)
    shift = UInt64(64 - bits)
  }

  package var isEmpty: Bool { count == 0 }

  /// `p` (valid) projected: looked up, or projected and kept.
  @inline(__always)
  package mutating func project(_ p: LonLat) -> (x: Double, y: Double) {
    let lon = p.lon.bitPattern, lat = p.lat.bitPattern
    let i = slot(lon, lat)
    if slots[i].lon == lon && slots[i].lat == lat { return (slots[i].x, slots[i].y) }
    let q = projection.project(p)
    put(i, lon, lat, q)
    return q
  }

  /// Keeps `q` as the projection of `p` (valid), as `project` would have made it.
  package mutating func insert(_ p: LonLat, _ q: (x: Double, y: Double)) {
    let lon = p.lon.bitPattern, lat = p.lat.bitPattern
    let i = slot(lon, lat)
    if slots[i].lon != lon || slots[i].lat != lat { put(i, lon, lat, q) }
  }

  /// Grows the table, when needed, to hold `capacity` positions without growing again.
  package mutating func reserve(_ capacity: Int) {
    guard 2 * capacity > slots.count else { return }
    var grown = ProjectionCache(projection, capacity: capacity)
    for s in slots where s.lon != Self.empty { grown.insert(LonLat(lon: Double(bitPattern: s.lon), lat: Double(bitPattern: s.lat)), (s.x, s.y)) }
    self = grown
  }

  /// The slot holding the key, or the free slot where it goes.
  @inline(__always)
  private func slot(_ lon: UInt64, _ lat: UInt64) -> Int {
    // Fibonacci hashing of both halves (Knuth 6.4): the high bits, mixed, index the table.
    var i = Int(truncatingIfNeeded: ((lon &* 0x9E37_79B9_7F4A_7C15) ^ (lat &* 0xC2B2_AE3D_27D4_EB4F)) >> shift)
    let mask = slots.count - 1
    while slots[i].lon != Self.empty && (slots[i].lon != lon || slots[i].lat != lat) { i = (i + 1) & mask }
    return i
  }

  private mutating func put(_ i: Int, _ lon: UInt64, _ lat: UInt64, _ q: (x: Double, y: Double)) {
    slots[i] = Slot(lon: lon, lat: lat, x: q.x, y: q.y)
    count += 1
    // At most half full, so probes stay short.
    if 2 * count > slots.count { reserve(2 * count) }
  }
}
