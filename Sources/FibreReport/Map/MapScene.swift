import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// What a plan map shows, in projected metres and before any styling decision about
/// pixels: polylines and marks grouped by style class. Built either from a finished
/// plan (`MapScene(plan:)`) or from any plan.geojson (`MapScene(features:)`), so that
/// `plan.svg` and `fibreplan render` share every line of drawing code.
public struct MapScene: Sendable {
  public var title: String
  public var attribution: String?
  public var projection: LocalProjection
  /// Polylines of each line class, indexed by `MapLineClass.rawValue`.
  public var lines: [MapPolylines]
  /// Marks of each point class, indexed by `MapPointClass.rawValue`.
  public var points: [MapMarks]
  /// Municipality names at a point inside (or near the middle of) their area.
  public var labels: [MapLabel] = []
  public var pop: (x: Double, y: Double)?
  /// With several POPs: each POP with its name, and the backbone to the data centre.
  public var pops: [(x: Double, y: Double, name: String)] = []
  public var backbone = MapPolylines()
  /// Each POP's area (the hull of its trench), closed.
  public var popAreas = MapPolylines()
  /// Length of a drop's maximum, for the legend's reason text ("no road within 250 m").
  public var maxDropLength: Double?
  /// Trench of each construction phase, drawn over the plan (empty without phasing).
  public var phaseLines: [MapPolylines] = []
  /// Feeder and distribution cable by installed size, drawn over the trench. Empty for
  /// a plan without an architecture (`--uniform-cost`, or a plan.geojson without a
  /// `cable` layer): its trench is then drawn by the fibres it needs.
  public var cables: [MapCableClass: MapPolylines] = [:]
  /// The plan's trench tree vertices as projected here, for the report's map, which
  /// projects the same positions again from plan.geojson (`MapScene(plan:)` only).
  package var treePositions: ProjectionCache?

  public init(title: String, attribution: String?, projection: LocalProjection) {
    self.title = title
    self.attribution = attribution
    self.projection = projection
    lines = Array(repeating: MapPolylines(), count: MapLineClass.allCases.count)
    points = Array(repeating: MapMarks(), count: MapPointClass.allCases.count)
  }

  /// Appends one polyline (WGS84), skipping invalid positions.
  package mutating func addLine<C: Collection>(_ cls: MapLineClass, _ positions: C, closed: Bool = false) where C.Element == LonLat {
    // Appended in place: a local copy of the class's arrays would be copied whole on
    // every call (copy-on-write), quadratic in the number of lines.
    lines[Int(cls.rawValue)].append(positions, projection: projection, closed: closed)
  }

  /// One cable run (WGS84) of `tier` with `fibres` installed.
  package mutating func addCable<C: Collection>(_ tier: ArchitecturePlan.Tier, fibres: Int, _ positions: C) where C.Element == LonLat {
    cables[Self.cableClass(tier, fibres: fibres), default: MapPolylines()]
      .append(positions, projection: projection, closed: false)
  }

  /// The class a cable of `tier` with `fibres` installed is drawn in (one fibre at least).
  static func cableClass(_ tier: ArchitecturePlan.Tier, fibres: Int) -> MapCableClass {
    MapCableClass(tier: tier, fibres: max(fibres, 1))
  }

  /// The cable classes present, feeder first, each tier by size.
  public var cableClasses: [MapCableClass] { cables.keys.sorted() }

  package mutating func addMark(_ cls: MapPointClass, _ p: LonLat) {
    guard p.isValid else { return }
    let q = projection.project(p)
    points[Int(cls.rawValue)].x.append(q.x)
    points[Int(cls.rawValue)].y.append(q.y)
  }

  /// Extent of what the plan is about, metres: buildings, sites, the trench tree, the
  /// POP and the municipality boundaries. Unused roads may run far beyond (a valley
  /// road, a motorway) and are cut at the frame; only a scene of nothing but roads is
  /// framed by them. Nil when the scene is empty.
  package var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
    var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
    func add(_ xs: [Double], _ ys: [Double]) {
      for x in xs { minX = min(minX, x); maxX = max(maxX, x) }
      for y in ys { minY = min(minY, y); maxY = max(maxY, y) }
    }
    for cls in MapLineClass.allCases where cls != .road && cls != .duct {
      add(lines[Int(cls.rawValue)].x, lines[Int(cls.rawValue)].y)
    }
    for c in cables.values { add(c.x, c.y) }
    for m in points { add(m.x, m.y) }
    if let pop { add([pop.x], [pop.y]) }
    add(pops.map(\.x), pops.map(\.y))
    if minX > maxX {
      for cls in [MapLineClass.road, .duct] { add(lines[Int(cls.rawValue)].x, lines[Int(cls.rawValue)].y) }
    }
    return minX <= maxX && minY <= maxY ? (minX, minY, maxX, maxY) : nil
  }

  /// Number of marks in a class (for the legend and for tests).
  public func count(_ cls: MapPointClass) -> Int { points[Int(cls.rawValue)].x.count }
  public func lineCount(_ cls: MapLineClass) -> Int { lines[Int(cls.rawValue)].start.count - 1 }
}

/// Polylines held flat: line `i` owns `x[start[i] ..< start[i+1]]`.
public struct MapPolylines: Sendable {
  public var start: [Int32] = [0]
  public var x: [Double] = []
  public var y: [Double] = []
  public var closed: [Bool] = []
}

extension MapPolylines {
  /// Appends one polyline, skipping invalid positions; fewer than two points add none.
  package mutating func append<C: Collection>(_ positions: C, projection: LocalProjection, closed: Bool) where C.Element == LonLat {
    let before = x.count
    for p in positions where p.isValid {
      let q = projection.project(p)
      x.append(q.x)
      y.append(q.y)
    }
    endLine(from: before, closed: closed)
  }

  /// Ends the line whose points start at `before`: kept with two points or more, else removed.
  mutating func endLine(from before: Int, closed: Bool) {
    if x.count - before >= 2 {
      start.append(Int32(x.count))
      self.closed.append(closed)
    } else {
      x.removeSubrange(before...)
      y.removeSubrange(before...)
    }
  }
}

/// A cable class of the map: its tier and installed fibres (the sum when cables are
/// pulled side by side). Ordered feeder first, then by size.
public struct MapCableClass: Hashable, Comparable, Sendable {
  public var tier: ArchitecturePlan.Tier
  public var fibres: Int

  public static func < (a: MapCableClass, b: MapCableClass) -> Bool {
    (a.tier == .feeder ? 0 : 1, a.fibres) < (b.tier == .feeder ? 0 : 1, b.fibres)
  }
}

public struct MapMarks: Sendable {
  public var x: [Double] = []
  public var y: [Double] = []
}

public struct MapLabel: Sendable {
  public var text: String
  public var x: Double
  public var y: Double
}

/// Line style classes, in drawing order (later classes are drawn on top).
public enum MapLineClass: UInt8, CaseIterable, Sendable {
  case boundary, road, duct, drop
  case trench0, trench1, trench2, trench3, trench4, trench5
  case reuse0, reuse1, reuse2, reuse3, reuse4, reuse5
  /// Cable on existing poles (one width: pole lines are rural, with few fibres).
  case aerial
  /// The two trench-disjoint routes of each protected site (`--rings`).
  case ring

  /// The class for a tree edge of `kind` carrying `fibres`: width grows with the
  /// logarithm of the fibre count, one step per factor of 4.
  package static func cable(_ kind: EdgeKind, fibres: Int) -> MapLineClass {
    let bucket = fibreBucket(fibres)
    switch kind {
    case .drop, .crossing, .popLink: return .drop
    case .aerial: return .aerial
    case .trench: return MapLineClass(rawValue: MapLineClass.trench0.rawValue + UInt8(bucket))!
    case .ductReuse: return MapLineClass(rawValue: MapLineClass.reuse0.rawValue + UInt8(bucket))!
    }
  }

  /// 1–3 → 0, 4–15 → 1, 16–63 → 2, 64–255 → 3, 256–1023 → 4, more → 5.
  package static func fibreBucket(_ fibres: Int) -> Int {
    var f = max(fibres, 1), b = 0
    while f >= 4 && b < 5 { f /= 4; b += 1 }
    return b
  }

  /// Lower fibre count of a bucket (for the legend).
  package static func bucketFloor(_ b: Int) -> Int { b == 0 ? 1 : 1 << (2 * b) }
}

/// Point style classes, in drawing order.
public enum MapPointClass: UInt8, CaseIterable, Sendable {
  /// A building with no household (units 0): not a gap, drawn quietly.
  case noHouseholds
  case connected
  /// No road within the maximum drop length.
  case noRoad
  /// Its road network does not reach the POP (or any other unserved reason).
  case disconnected
  /// Reachable but left out by the budget or the cost threshold.
  case coverageGap
  /// Reached by the trench, yet the architecture cannot serve it (optical budget, drop
  /// length, cabinet reach or capacity): not a home passed, so not drawn as one.
  case notServable
  case closure
  case site
  case siteUnserved
  case cabinet
  /// Ring around critical sites (fire stations, schools, town halls marked critical).
  case critical
}
