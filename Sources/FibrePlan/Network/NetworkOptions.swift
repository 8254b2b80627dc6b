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

  public init(snapTolerance: Double = 1.0, danglingSnap: Double = 3.0,
              maxDropLength: Double = 250, ductSnapDistance: Double = 15) {
    self.snapTolerance = snapTolerance
    self.danglingSnap = danglingSnap
    self.maxDropLength = maxDropLength
    self.ductSnapDistance = ductSnapDistance
  }

  /// The options with NaN replaced by the default, negative values by 0 and the snapping
  /// distances capped at 1000 km, so that no setting can make the builder trap.
  /// `maxDropLength` may be ∞ (attach everything).
  var sanitised: NetworkOptions {
    let defaults = NetworkOptions()
    func clean(_ v: Double, _ d: Double) -> Double { v.isNaN ? d : max(0, v) }
    return NetworkOptions(
      snapTolerance: min(1e6, clean(snapTolerance, defaults.snapTolerance)),
      danglingSnap: min(1e6, clean(danglingSnap, defaults.danglingSnap)),
      maxDropLength: clean(maxDropLength, defaults.maxDropLength),
      ductSnapDistance: min(1e6, clean(ductSnapDistance, defaults.ductSnapDistance)))
  }
}

/// Counts from building a `RoadNetwork`, for reports and benchmarks.
public struct NetworkStatistics: Sendable, Equatable, CustomStringConvertible {
  /// Lines in the road layer, and those that took part (≥ 2 distinct valid vertices).
  public var roadLines = 0
  public var roadLinesUsed = 0
  /// Road coordinates skipped because they were invalid or outside the projection.
  public var invalidRoadCoordinates = 0
  /// Road vertices after merging within `snapTolerance`.
  public var roadVertices = 0
  /// Dangling line ends joined to a nearby segment within `danglingSnap`.
  public var danglingEndsSnapped = 0
  /// Components of the road graph (trench and duct edges), and the share of road
  /// length in the largest one (0…1).
  public var roadComponents = 0
  public var largestComponentRoadShare = 0.0
  /// Metres of road (trench candidates), of existing duct routes added.
  public var roadLength = 0.0
  public var ductRouteLength = 0.0
  /// Duct stretches that could not be joined to a road at both ends.
  public var ductStretchesUnjoined = 0
  public var buildingsAttached = 0
  public var buildingsUnreachable = 0
  public var buildingsInvalid = 0
  public var sitesAttached = 0
  public var sitesUnreachable = 0
  public var sitesInvalid = 0
  public var nodes = 0
  public var edges = 0
  public var trenchEdges = 0
  public var ductEdges = 0
  public var dropEdges = 0

  public init() {}

  public var description: String {
    let share = (largestComponentRoadShare * 1000).rounded() / 10
    return "\(roadLinesUsed) road lines in \(roadComponents) components; largest holds \(share) % "
      + "of road length; \(nodes) nodes, \(edges) edges (\(trenchEdges) trench, \(ductEdges) duct, "
      + "\(dropEdges) drop); buildings: \(buildingsAttached) attached, \(buildingsUnreachable) "
      + "unreachable, \(buildingsInvalid) invalid; \(danglingEndsSnapped) dangling ends snapped"
  }
}

extension LineLayer {
  /// Lines whose point range and feature index both exist: guards the builder against
  /// hand-made layers with columns of different lengths.
  var usableLineCount: Int {
    var n = min(featureIndex.count, max(0, lineStart.count - 1))
    while n > 0 && Int(lineStart[n]) > points.count { n -= 1 }
    return n
  }
}
