import FibreCore
import FibreGeo

/// A plan's regional hierarchy: the data centre, the backbone to the POPs, and which
/// POP serves each home.
public struct RegionalHierarchy: Sendable {
  public struct POP: Sendable {
    public var name: String
    /// Road node of the POP.
    public var node: Int32
    public var position: LonLat
    public var municipality: Int32
    /// Served as designed through this POP.
    public var households: Int = 0
    public var sites: Int = 0
    /// OLT PON ports: one per first-stage splitter of its cabinets.
    public var oltPorts: Int = 0
    /// Fibres the backbone brings to this POP.
    public var backboneFibres: Int = 0
    /// The POP itself (shelter, OLT, power).
    public var cost: Double = 0
  }

  /// One backbone edge: its installed cable and what it costs beyond the access plan.
  public struct BackboneLink: Sendable {
    public var edge: Int32
    /// Fibres needed (every POP beyond this edge) and the installed cable size.
    public var fibres: Int
    public var cableFibres: Int
    /// New trench (0 where the access plan already digs it) and the cable.
    public var trenchCost: Double
    public var cableCost: Double
  }

  /// How the POP set was chosen, for the summary and the benchmark.
  public struct Search: Sendable {
    public var candidates: Int
    public var evaluations: Int
    /// The search's own cost model of the chosen set (EUR).
    public var modelCost: Double
    /// The fibre run the model allows from a POP to a home, metres.
    public var reachMetres: Double
    public var method: String
  }

  public var pops: [POP]
  public var dataCentre: NamedPosition
  public var dataCentreNode: Int32
  public var backbone: [BackboneLink] = []
  /// Index into `pops` of the POP serving each building / site (-1: none).
  public var buildingPOP: [Int32] = []
  public var sitePOP: [Int32] = []
  public var search: Search
  /// Whether each POP feeds only the homes nearest it by road, because the cheapest
  /// tree over all POPs left more households over the optical budget than that costs
  /// (`Planner.planKeepingRegion`).
  public var homesFedByNearestPOP = false

  /// Index into `popNodes` of the POP whose tree holds each node (-1 off the tree):
  /// each child of the hub is a POP, and every node below it belongs to it. O(tree).
  package static func popOfNode(_ tree: RootedTree, popNodes: [Int32]) -> [Int32] {
    var popOf = [Int32](repeating: -1, count: tree.parent.count)
    var index = [Int32](repeating: -1, count: tree.parent.count)
    for (i, n) in popNodes.enumerated() { index[Int(n)] = Int32(i) }
    for v in tree.preorder where v != tree.root {
      let p = tree.parent[Int(v)]
      popOf[Int(v)] = p == tree.root ? index[Int(v)] : popOf[Int(p)]
    }
    return popOf
  }

  public var popCost: Double { pops.reduce(0) { $0 + $1.cost } }
  public var backboneCost: Double { backbone.reduce(0) { $0 + $1.trenchCost + $1.cableCost } }
}
