/// One critical site's protection: two trench-disjoint routes between the road at the
/// site and the road at the hub (the drops themselves are single by nature and left out).
public struct SiteRing: Sendable, Equatable {
  public var site: Int
  public var ringID: Int
  /// The road node at the site where both routes start.
  public var start: Int32
  public var first: [Int32]
  public var second: [Int32]
  /// Bridge edges both routes must use, ascending.
  public var shared: [Int32]
  public var lengthMetres: Double
  public var sharedMetres: Double
  /// Road names (or a coordinate when unnamed) of the shared stretch, in route order.
  public var sharedNames: [String]
}

/// A critical site that has no ring, or whose ring has an unavoidable shared stretch.
public struct RingException: Sendable, Equatable {
  public var site: Int
  public var reason: String
  public var sharedMetres: Double
}

/// Ring protection for critical sites on top of a trench tree: each critical site gets
/// the cheapest pair of edge-disjoint routes to the hub (Suurballe & Tarjan 1984), bridges
/// allowed to carry both routes and reported. Ring trench already in the tree, or in an
/// earlier ring, costs nothing more.
public struct RingDesign: Sendable {
  public var rings: [SiteRing] = []
  public var exceptions: [RingException] = []
  /// Ring edges that the tree does not already hold, ascending.
  public var extraEdges: [Int32] = []
  public var extraCost = 0.0
  public var extraTrenchMetres = 0.0
  /// The road node where every ring ends (the road end of the POP's drop).
  public var hubNode: Int32 = -1

  public init() {}

  /// - Parameters:
  ///   - sites: site indices to protect (the critical, connected ones), in order.
  ///   - roadNames: `name` of each road line (LineLayer order) to name shared stretches.
  /// O(k · m log n) for k sites.
  public static func build(network: RoadNetwork, hubNode: Int32, sites: [Int], treeEdges: [Int32],
                           roadNames: [String?] = []) -> RingDesign {
    var design = RingDesign()
    design.hubNode = hubNode
    guard hubNode >= 0, Int(hubNode) < network.nodeCount else {
      design.exceptions = sites.map { RingException(site: $0, reason: "no_hub", sharedMetres: 0) }
      return design
    }
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    // Routes run on roads and ducts only; drops are dead ends.
    let allowed = (0..<network.edgeCount).map { network.edgeKind[$0] != .drop && network.edgeCost[$0].isFinite && network.edgeCost[$0] >= 0 }
    let bridges = DisjointRoutes.bridges(g, allowed: allowed)
    let hub = roadEnd(g, network: network, node: Int(hubNode))
    design.hubNode = Int32(hub)
    var inTree = [Bool](repeating: false, count: network.edgeCount)
    for e in treeEdges { inTree[Int(e)] = true }
    var used = inTree
    for s in sites {
      guard s >= 0, s < network.siteNode.count, network.siteNode[s] >= 0, network.siteStatus[s] == .attached else {
        design.exceptions.append(RingException(site: s, reason: "not_connected", sharedMetres: 0))
        continue
      }
      let foot = roadEnd(g, network: network, node: Int(network.siteNode[s]))
      if foot == hub {
        design.exceptions.append(RingException(site: s, reason: "at_hub", sharedMetres: 0))
        continue
      }
      guard let pair = DisjointRoutes.shortestPair(g, weights: network.edgeCost, from: foot, to: hub,
                                                   sharable: bridges, allowed: allowed),
            DisjointRoutes.verify(pair, g, from: foot, to: hub, sharable: bridges) else {
        design.exceptions.append(RingException(site: s, reason: "no_route_to_hub", sharedMetres: 0))
        continue
      }
      var ring = SiteRing(site: s, ringID: design.rings.count + 1, start: Int32(foot), first: pair.first, second: pair.second,
                          shared: pair.shared, lengthMetres: 0, sharedMetres: 0, sharedNames: [])
      for e in pair.first + pair.second { ring.lengthMetres += network.edgeLength[Int(e)] }
      let sharedSet = Set(pair.shared)
      for e in pair.first where sharedSet.contains(e) {
        ring.sharedMetres += network.edgeLength[Int(e)]
        let name = stretchName(network: network, edge: Int(e), roadNames: roadNames)
        if ring.sharedNames.last != name { ring.sharedNames.append(name) }
      }
      for e in pair.first + pair.second where !used[Int(e)] {
        used[Int(e)] = true
        design.extraEdges.append(e)
        design.extraCost += network.edgeCost[Int(e)]
        if network.edgeKind[Int(e)] == .trench { design.extraTrenchMetres += network.edgeLength[Int(e)] }
      }
      if ring.sharedMetres > 0 {
        design.exceptions.append(RingException(site: s, reason: "bridge: " + ring.sharedNames.joined(separator: ", "),
                                               sharedMetres: ring.sharedMetres))
      }
      design.rings.append(ring)
    }
    design.extraEdges.sort()
    return design
  }

  /// The road node a demand node hangs from: the far end of its only drop, else itself.
  static func roadEnd(_ g: CSRGraph, network: RoadNetwork, node: Int) -> Int {
    guard g.degree(node) == 1 else { return node }
    let a = g.arcs(node).lowerBound
    let e = Int(g.arcEdge[a])
    return network.edgeKind[e] == .drop ? Int(g.arcHead[a]) : node
  }

  /// A road's name, or "unnamed road at lon,lat" from the edge's midpoint.
  static func stretchName(network: RoadNetwork, edge e: Int, roadNames: [String?]) -> String {
    let source = Int(network.edgeSource[e])
    if network.edgeKind[e] == .trench, source >= 0, source < roadNames.count, let name = roadNames[source], !name.isEmpty {
      return name
    }
    let start = Int(network.edgeGeometryStart[e]), end = Int(network.edgeGeometryStart[e + 1])
    guard end > start else { return "edge \(e)" }
    let p = network.geometry[(start + end - 1) / 2]
    let kind = network.edgeKind[e] == .ductReuse ? "duct" : "unnamed road"
    return "\(kind) at \(fixed5(p.lon)),\(fixed5(p.lat))"
  }

  private static func fixed5(_ x: Double) -> String {
    let scaled = Int((x * 100_000).rounded())
    let sign = scaled < 0 ? "-" : ""
    let a = abs(scaled)
    let frac = String(a % 100_000)
    return sign + String(a / 100_000) + "." + String(repeating: "0", count: 5 - frac.count) + frac
  }
}
