import FibreCore
import FibreGraph

/// A WGS84 position in degrees, in GeoJSON order (longitude first).
public struct LonLat: Hashable, Sendable {
  public var lon: Double
  public var lat: Double
  public init(lon: Double, lat: Double) {
    self.lon = lon
    self.lat = lat
  }
  /// True for finite coordinates inside the WGS84 range.
  public var isValid: Bool {
    lon.isFinite && lat.isFinite && abs(lon) <= 180 && abs(lat) <= 90
  }
}

/// An axis-aligned box in degrees; `empty` until a point is added.
public struct BoundingBox: Equatable, Sendable {
  public var minLon = Double.infinity
  public var minLat = Double.infinity
  public var maxLon = -Double.infinity
  public var maxLat = -Double.infinity
  public init() {}
  public var isEmpty: Bool { minLon > maxLon }
  public mutating func add(_ p: LonLat) {
    minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
    minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
  }
  public mutating func add(_ other: BoundingBox) {
    guard !other.isEmpty else { return }
    minLon = min(minLon, other.minLon); maxLon = max(maxLon, other.maxLon)
    minLat = min(minLat, other.minLat); maxLat = max(maxLat, other.maxLat)
  }
  public var center: LonLat { LonLat(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2) }
}
