import FibreCore
import FibreGraph
import FibreGeo

/// Counts from building a `RoadNetwork`, for reports and benchmarks.
public struct NetworkStatistics: Sendable, Equatable, CustomStringConvertible {
  /// Lines in the road layer, and those that took part (≥ 2 distinct valid vertices).
  public var roadLines = 0
  public var roadLinesUsed = 0
  /// Road lines of classes in `NetworkOptions.noTrenchHighways`, left out of the graph.
  public var roadLinesWithoutTrench = 0
  /// Duct lines with `free_subducts` 0: full, not reused.
  public var ductLinesFull = 0
  /// Buildings and sites reachable only through a forbidden area (`layers.forbidden`).
  public var demandPointsForbidden = 0
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
  /// Aerial pole lines (`layers.aerial`): metres of aerial routes added, their edges,
  /// and stretches away from roads that reach no road at one end.
  public var aerialRouteLength = 0.0
  public var aerialEdges = 0
  public var aerialStretchesUnjoined = 0
  /// Poles of `layers.poles` farther than `ductSnapDistance` from every aerial line.
  public var polesUnmatched = 0
  /// Demand points on the far side of their road from its trench, each with a
  /// `.crossing` edge; road lines given a second-side trench (`network.both_sides_from`).
  public var crossingEdges = 0
  public var bothSidesLines = 0

  public init() {}

  public var description: String {
    let share = (largestComponentRoadShare * 1000).rounded() / 10
    return "\(roadLinesUsed) road lines in \(roadComponents) components; largest holds \(share) % "
      + "of road length; \(nodes) nodes, \(edges) edges (\(trenchEdges) trench, \(ductEdges) duct, "
      + "\(dropEdges) drop); buildings: \(buildingsAttached) attached, \(buildingsUnreachable) "
      + "unreachable, \(buildingsInvalid) invalid; \(danglingEndsSnapped) dangling ends snapped"
  }
}
