import Foundation
import FibreCore
import FibreGraph
import FibreGeo

/// Tolerances for turning messy road layers into a routable graph. All in metres.
public struct NetworkOptions: Sendable, Equatable {
  /// Road vertices closer than this are merged into one node (OSM junctions share a
  /// vertex exactly; digitised or converted data is often off by centimetres).
  public var snapTolerance: Double
  /// A dangling line end (used by one segment only) is joined to the nearest other road
  /// segment within this distance, splitting that segment: real data has roads that meet
  /// without a shared vertex.
  public var danglingSnap: Double
  /// Buildings and sites farther than this from every road are left unreachable.
  public var maxDropLength: Double
  /// A road stretch within this distance of an existing duct can reuse it; a duct
  /// stretch away from roads is joined to the roads where it comes within this distance.
  public var ductSnapDistance: Double
  /// OSM `highway` classes that carry no trench (`network.no_trench_highways`): their
  /// lines are left out of the trench graph, so cable only crosses them where other
  /// roads do (bridges, underpasses, junctions). Matched like cost classes (trimmed,
  /// lower-cased, first of `;`-separated values).
  public var noTrenchHighways: Set<String>
  /// Whether `layers.aerial` is used (`network.aerial`, `--no-aerial`).
  public var aerial = true
  /// Poles every this many metres along an aerial line that gives no `poles` count and
  /// has no `layers.poles` points (`network.aerial_span_m`; 40 m is a typical
  /// low-voltage and telecom pole span).
  public var aerialSpan = 40.0
  /// Whether demand points know their side of the road, so that a drop to the far side
  /// pays a crossing (`network.road_sides`).
  public var roadSides = true
  /// OSM `highway` classes on which the optimiser may trench both sides of the road
  /// instead of crossing it for each far-side drop (`network.both_sides_from`).
  public var bothSidesHighways: Set<String> = NetworkOptions.defaultBothSidesHighways

  /// Primary roads and above: wide, busy roads where a crossing is dear.
  public static let defaultBothSidesHighways: Set<String> = [
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
  ]

  /// Motorways and their links (traffic management, no verge access), and ways where no
  /// trench machine goes: steps, escalators, raceways, guided busways, via ferratas.
  public static let defaultNoTrenchHighways: Set<String> = [
    "motorway", "motorway_link", "steps", "escalator", "elevator", "raceway", "bus_guideway",
    "via_ferrata",
  ]

  public init(snapTolerance: Double = 1.0, danglingSnap: Double = 3.0,
              maxDropLength: Double = 250, ductSnapDistance: Double = 15,
              noTrenchHighways: Set<String> = NetworkOptions.defaultNoTrenchHighways) {
    self.snapTolerance = snapTolerance
    self.danglingSnap = danglingSnap
    self.maxDropLength = maxDropLength
    self.ductSnapDistance = ductSnapDistance
    self.noTrenchHighways = noTrenchHighways
  }

  /// Whether a road of this OSM `highway` value carries no trench. O(1) expected.
  public func carriesNoTrench(highway: String?) -> Bool {
    Self.matches(highway, noTrenchHighways)
  }

  /// Whether a road of this OSM `highway` value may be trenched on both sides. O(1).
  public func trenchesBothSides(highway: String?) -> Bool {
    Self.matches(highway, bothSidesHighways)
  }

  private static func matches(_ highway: String?, _ set: Set<String>) -> Bool {
    guard let highway, !set.isEmpty else { return false }
    if set.contains(highway) { return true }
    let normal = osmKey(highway)
    return normal != highway && set.contains(normal)
  }

  /// The options with NaN replaced by the default, negative values by 0 and the snapping
  /// distances capped at 1000 km, so that no setting can make the builder trap.
  /// `maxDropLength` may be ∞ (attach everything).
  package var sanitised: NetworkOptions {
    let defaults = NetworkOptions()
    func clean(_ v: Double, _ d: Double) -> Double { v.isNaN ? d : max(0, v) }
    return NetworkOptions(
      snapTolerance: min(1e6, clean(snapTolerance, defaults.snapTolerance)),
      danglingSnap: min(1e6, clean(danglingSnap, defaults.danglingSnap)),
      maxDropLength: clean(maxDropLength, defaults.maxDropLength),
      ductSnapDistance: min(1e6, clean(ductSnapDistance, defaults.ductSnapDistance)),
      noTrenchHighways: noTrenchHighways)
    .with { o in
      o.aerial = aerial
      o.aerialSpan = aerialSpan.isFinite && aerialSpan > 0 ? min(aerialSpan, 1e6) : defaults.aerialSpan
      o.roadSides = roadSides
      o.bothSidesHighways = bothSidesHighways
    }
  }

  private func with(_ change: (inout NetworkOptions) -> Void) -> NetworkOptions {
    var copy = self
    change(&copy)
    return copy
  }
}

/// An OSM tag value as a table key: its first `;`-separated value, trimmed, lowercased.
/// Most values are already keys (lowercase ASCII without `;` or edge blanks): those are
/// returned as they are, without Foundation's Unicode trimming (2 % of a million-home
/// network build, one call per road).
func osmKey(_ value: String) -> String {
  var plain = true
  for b in value.utf8 where b >= 0x80 || b == UInt8(ascii: ";") || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) {
    plain = false
    break
  }
  if plain, let first = value.utf8.first, let last = value.utf8.last,
     first != UInt8(ascii: " ") && first != UInt8(ascii: "\t") && last != UInt8(ascii: " ") && last != UInt8(ascii: "\t") {
    return value
  }
  var v = Substring(value)
  if let semicolon = v.firstIndex(of: ";") { v = v[..<semicolon] }
  return v.trimmingCharacters(in: .whitespaces).lowercased()
}
