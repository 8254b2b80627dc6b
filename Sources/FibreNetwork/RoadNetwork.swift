import FibreCore
import FibreGraph
import FibreGeo

/// What a trench edge is.
public enum EdgeKind: UInt8, Sendable, CaseIterable {
  /// New trench dug along a road.
  case trench
  /// An existing duct that cable can be pulled through.
  case ductReuse
  /// A drop from the road to a building, site or POP.
  case drop
  /// Cable lashed to an existing pole line (`layers.aerial`); its cost includes the
  /// make-ready of the poles it uses (see NetworkBuilder+Aerial).
  case aerial
  /// A drop crossing its road to the far side (no length: a fixed price by road class,
  /// railway or waterway; see NetworkBuilder+Sides).
  case crossing
  /// Not built: the zero-length link from the POP hub to one of several POPs, so that
  /// one tree from the hub is a forest of POP trees (`RoadNetwork.addPOPHub`).
  case popLink

  public var name: String {
    switch self {
    case .trench: return "trench"
    case .ductReuse: return "duct_reuse"
    case .drop: return "drop"
    case .aerial: return "aerial"
    case .crossing: return "crossing"
    case .popLink: return "pop_link"
    }
  }
}

/// Why a demand point (building, site) did or did not get a place in the network.
public enum AttachmentStatus: Sendable, Equatable {
  /// Joined to the road graph by a drop edge.
  case attached
  /// Nearest road is farther than the configured maximum drop length.
  case noRoadWithin(metres: Double)
  /// The input point was unusable (NaN, out of range); see diagnostics.
  case invalidGeometry
  /// Inside a forbidden area, or its drop would cross one, or its only roads within the
  /// maximum drop length lie in one (`layers.forbidden`).
  case forbiddenArea
}

/// The shared-trench graph in metres, built by `NetworkBuilder`: road lines noded at
/// shared vertices, every building and site attached by a drop edge, existing ducts as
/// cheaper parallel routes. Columnar: node and edge attributes are parallel arrays
/// indexed by `Int32` ids.
public struct RoadNetwork: Sendable {
  public var projection: LocalProjection

  // Nodes.
  public var nodeX: [Double] = []
  public var nodeY: [Double] = []
  /// Connected component of each node (0-based, components sorted by size, largest first).
  public var nodeComponent: [Int32] = []

  // Edges.
  public var edgeU: [Int32] = []
  public var edgeV: [Int32] = []
  public var edgeKind: [EdgeKind] = []
  public var edgeLength: [Double] = []
  public var edgeCost: [Double] = []
  /// Index into `surfaceClasses` (the surface or highway class the cost came from).
  public var edgeSurfaceClass: [Int32] = []
  /// Cost classes in order of first use: `surface=<value>`, `highway=<value>`, `default`,
  /// and `duct` and `drop` for duct and drop edges.
  public var surfaceClasses: [String] = []
  /// Road or duct line the edge came from (index into the LineLayer; an edge that runs
  /// along several lines of one cost class names the line of its first segment), or for
  /// drops the building index (sites: `-1 - siteIndex`; POP: Int32.min).
  public var edgeSource: [Int32] = []
  /// Edge `e` is drawn as `geometry[edgeGeometryStart[e] ..< edgeGeometryStart[e+1]]`,
  /// from `edgeU[e]` to `edgeV[e]`, endpoints included, in WGS84.
  public var edgeGeometryStart: [Int32] = [0]
  public var geometry: [LonLat] = []

  // Demand points.
  /// Node of each building (its representative point, end of its drop), or -1.
  public var buildingNode: [Int32] = []
  public var buildingStatus: [AttachmentStatus] = []
  /// Distance from the building point to the nearest road, metres (∞ if none). For
  /// `.noRoadWithin(metres:)` the status holds the maximum drop length and this the true
  /// distance.
  public var buildingDistanceToRoad: [Double] = []
  public var siteNode: [Int32] = []
  public var siteStatus: [AttachmentStatus] = []
  public var siteDistanceToRoad: [Double] = []
  /// Node of the POP, attached like a site but at any distance; -1 if there is no POP or
  /// its position is invalid (an error diagnostic says so).
  public var popNode: Int32 = -1
  /// Poles per metre of each aerial line (index = `edgeSource` of `.aerial` edges), so
  /// that an aerial edge uses `edgeLength × aerialPolesPerMetre[source]` poles.
  public var aerialPolesPerMetre: [Double] = []
  /// With several POPs: their road nodes, in order, and `popNode` is the hub that joins
  /// them (empty with one POP).
  public var popNodes: [Int32] = []

  public var diagnostics: [Diagnostic] = []
  /// Counts from the build (lines, components, attachments).
  public var statistics = NetworkStatistics()

  public init(projection: LocalProjection) { self.projection = projection }

  /// Poles per metre of aerial edge `e` (0 for other kinds). O(1).
  public func aerialPoles(perMetreOf e: Int32) -> Double {
    let source = Int(edgeSource[Int(e)])
    guard edgeKind[Int(e)] == .aerial, source >= 0, source < aerialPolesPerMetre.count else { return 0 }
    return aerialPolesPerMetre[source]
  }

  public var nodeCount: Int { nodeX.count }
  public var edgeCount: Int { edgeU.count }
}

extension RoadNetwork {
  /// Room for `count` edges in every edge column (not the geometry), so that a build
  /// that knows its size does not copy the columns while they grow.
  package mutating func reserveEdges(_ count: Int) {
    edgeU.reserveCapacity(count); edgeV.reserveCapacity(count)
    edgeKind.reserveCapacity(count)
    edgeLength.reserveCapacity(count); edgeCost.reserveCapacity(count)
    edgeSurfaceClass.reserveCapacity(count); edgeSource.reserveCapacity(count)
    edgeGeometryStart.reserveCapacity(count + 1)
  }
}
