import FibreCore

/// Voronoi regions of a node set (Mehlhorn 1988): each node is assigned the nearest
/// site, with its distance and the edge towards it. Ties go to the site settled first,
/// which is deterministic for a fixed site order.
public struct VoronoiRegions: Sendable {
  /// Index into `sites` of the nearest site, -1 if unreachable.
  public var site: [Int32]
  public var dist: [Double]
  public var predEdge: [Int32]

  /// Multi-source Dijkstra from `sites`. O(m log n).
  public init(_ g: CSRGraph, weights: [Double], sites: [Int32]) {
    var sp = ShortestPaths(nodeCount: g.nodeCount)
    self.init(g, weights: weights, sites: sites, scratch: &sp)
  }

  /// As `init(_:weights:sites:)`, reusing `scratch`.
  public init(_ g: CSRGraph, weights: [Double], sites: [Int32], scratch sp: inout ShortestPaths) {
    sp.reset()
    for (i, s) in sites.enumerated() { sp.seed(Int(s), label: Int32(i)) }
    _ = sp.run(g, weights: weights)
    site = sp.base
    dist = sp.dist
    predEdge = sp.predEdge
    sp.reset()
  }

  /// Edges of the path from `v` to its site. O(path length).
  public func pathToSite(_ g: CSRGraph, from v: Int) -> [Int32] {
    ShortestPaths.pathEdges(g, predEdge: predEdge, to: v)
  }
}
