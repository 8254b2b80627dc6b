import FibreCore
import FibreGraph

/// A synthetic but realistic rural region for tests and scale benchmarks: villages with
/// a main road and side streets, hamlets on lanes, farms on tracks (some beyond the drop
/// limit), a mountain ridge that roads go around, municipalities as Voronoi cells around
/// their main villages, and municipal sites. A little real-data mess is added on
/// purpose: dangling road ends a metre or two off another road, duplicate building ids,
/// and one road fragment that joins nothing.
///
/// Everything is drawn from one seeded SplitMix64 stream, so the same `households` and
/// `seed` give byte-identical files. Geometry is built in metres on a square of side
/// `width` and mapped to WGS84 around `origin` (47.3 N, 8.5 E) when written.
public struct SyntheticRegion: Sendable {
  public let households: Int
  public let seed: UInt64
  /// The centre of the region.
  public let origin: LonLat
  /// The side of the square region, metres (about 100 km at 1 M households).
  public let width: Double

  // Roads: parallel columns, one entry per LineString; points in metres.
  package var roadX: [Double] = [], roadY: [Double] = []
  package var roadStart: [Int32] = [0]
  package var roadClass: [RoadClass] = []
  package var roadSurface: [RoadSurface] = []

  // Buildings: points in metres, households, and the number printed in the id `b<N>`.
  package var buildingX: [Double] = [], buildingY: [Double] = []
  package var buildingUnits: [Int32] = []
  package var buildingNumber: [Int32] = []

  // Sites.
  package var siteX: [Double] = [], siteY: [Double] = []
  package var siteKind: [SiteKind] = []
  package var siteMunicipality: [Int32] = []

  /// Municipality names, in boundary order.
  public internal(set) var municipalityNames: [String] = []
  // One closed counter-clockwise ring per municipality.
  package var boundaryX: [Double] = [], boundaryY: [Double] = []
  package var boundaryStart: [Int32] = [0]

  package init(households: Int, seed: UInt64, width: Double) {
    self.households = households
    self.seed = seed
    self.width = width
    self.origin = LonLat(lon: 8.5, lat: 47.3)
  }

  public var roadCount: Int { roadClass.count }
  public var buildingCount: Int { buildingUnits.count }
  public var siteCount: Int { siteKind.count }
  public var municipalityCount: Int { municipalityNames.count }
  /// The sum of `units` over all buildings; equals `households`.
  public var householdsTotal: Int { buildingUnits.reduce(0) { $0 + Int($1) } }

  /// Generates the region. O(households); about a second per million in release builds.
  /// - Parameters:
  ///   - households: total households (sum of building `units`); values < 0 count as 0.
  ///   - seed: the seed of every random choice.
  ///   - municipalities: number of municipalities; default about one per 10,000
  ///     households (at least 2).
  public static func generate(households: Int, seed: UInt64, municipalities: Int? = nil) -> SyntheticRegion {
    let n = max(0, households)
    let k = max(1, min(municipalities ?? max(2, min(150, n / 10_000 + 1)), 1000))
    var sketch = RegionSketch(households: n, seed: seed, municipalities: k)
    sketch.build()
    return sketch.region
  }
}

package enum RoadClass: UInt8, Sendable {
  case primary, secondary, tertiary, unclassified, residential, service, track
  package var name: StaticString {
    switch self {
    case .primary: "primary"
    case .secondary: "secondary"
    case .tertiary: "tertiary"
    case .unclassified: "unclassified"
    case .residential: "residential"
    case .service: "service"
    case .track: "track"
    }
  }
}

package enum RoadSurface: UInt8, Sendable {
  case asphalt, pavingStones, sett, gravel, compacted, ground
  package var name: StaticString {
    switch self {
    case .asphalt: "asphalt"
    case .pavingStones: "paving_stones"
    case .sett: "sett"
    case .gravel: "gravel"
    case .compacted: "compacted"
    case .ground: "ground"
    }
  }
}

package enum SiteKind: UInt8, Sendable, CaseIterable {
  case townHall, school, fireStation
  package var name: StaticString {
    switch self {
    case .townHall: "town_hall"
    case .school: "school"
    case .fireStation: "fire_station"
    }
  }
  package var label: String {
    switch self {
    case .townHall: "town hall"
    case .school: "school"
    case .fireStation: "fire station"
    }
  }
  /// Emergency services and schools must be connected whatever they cost.
  package var critical: Bool { self != .townHall }
}

extension SplitMix64 {
  /// Uniform in [0, 1) from the top 53 bits: the same on every platform and toolchain.
  @inline(__always) package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
  @inline(__always) package mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }
  /// Uniform integer in a...b.
  @inline(__always) package mutating func int(_ a: Int, _ b: Int) -> Int { a + Int(next() % UInt64(b - a + 1)) }
  @inline(__always) package mutating func chance(_ p: Double) -> Bool { unit() < p }
  /// A uniformly random unit vector, by rejection in the unit disk (no trigonometry,
  /// so no libm differences between platforms).
  package mutating func direction() -> (x: Double, y: Double) {
    while true {
      let x = uniform(-1, 1), y = uniform(-1, 1)
      let r2 = x * x + y * y
      if r2 > 0.01 && r2 <= 1 { let r = r2.squareRoot(); return (x / r, y / r) }
    }
  }
}
