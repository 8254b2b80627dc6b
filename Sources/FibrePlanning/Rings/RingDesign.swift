import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// One critical site's protection: two trench-disjoint routes between the road at the
/// site and the road at the hub (the drops themselves are single by nature and left out).
public struct SiteRing: Sendable, Equatable {
  /// The site's index, or for a POP of a regional plan `-1 - popIndex`.
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
/// the pair of edge-disjoint routes to the hub (Suurballe & Tarjan 1984) that adds the
/// least new trench, bridges allowed to carry both routes and reported. Trench already in
/// the tree or in another ring costs nothing more; the rings are then improved by
/// rip-up and reroute.
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
                           roadNames: [String?] = [], pops: [Int32] = []) -> RingDesign {
    var design = RingDesign()
    design.hubNode = hubNode
    guard hubNode >= 0, Int(hubNode) < network.nodeCount else {
      design.exceptions = (sites + pops.indices.map { -1 - $0 }).map { RingException(site: $0, reason: "no_hub", sharedMetres: 0) }
      return design
    }
    var router = RingRouter(network: network, hubNode: hubNode, treeEdges: treeEdges)
    design.hubNode = Int32(router.hub)
    var routed: [(site: Int, foot: Int, pair: RoutePair)] = []
    // Critical sites, then the POPs of a regional plan (`-1 - index`), which stand on roads.
    for s in sites + pops.indices.map({ -1 - $0 }) {
      let foot: Int
      if s < 0 {
        foot = Int(pops[-1 - s])
      } else {
        guard s < network.siteNode.count, network.siteNode[s] >= 0, network.siteStatus[s] == .attached else {
          design.exceptions.append(RingException(site: s, reason: "not_connected", sharedMetres: 0))
          continue
        }
        foot = roadEnd(router.g, network: network, node: Int(network.siteNode[s]))
      }
      if foot == router.hub {
        design.exceptions.append(RingException(site: s, reason: "at_hub", sharedMetres: 0))
        continue
      }
      guard let pair = router.route(from: foot) else {
        design.exceptions.append(RingException(site: s, reason: "no_route_to_hub", sharedMetres: 0))
        continue
      }
      router.hold(pair, 1)
      routed.append((s, foot, pair))
    }
    router.ripUpAndReroute(&routed)
    for (s, foot, pair) in routed { design.add(site: s, foot: foot, pair: pair, network: network, roadNames: roadNames) }
    for e in 0..<network.edgeCount where router.holders[e] > 0 && !router.inTree[e] {
      design.extraEdges.append(Int32(e))
      design.extraCost += network.edgeCost[e]
      if network.edgeKind[e] == .trench { design.extraTrenchMetres += network.edgeLength[e] }
    }
    return design
  }

  /// Adds a routed site's ring, and an exception naming the bridges it must share.
  private mutating func add(site s: Int, foot: Int, pair: RoutePair, network: RoadNetwork, roadNames: [String?]) {
    var ring = SiteRing(site: s, ringID: rings.count + 1, start: Int32(foot), first: pair.first, second: pair.second,
                        shared: pair.shared, lengthMetres: 0, sharedMetres: 0, sharedNames: [])
    for e in pair.first + pair.second { ring.lengthMetres += network.edgeLength[Int(e)] }
    let sharedSet = Set(pair.shared)
    for e in pair.first where sharedSet.contains(e) {
      ring.sharedMetres += network.edgeLength[Int(e)]
      let name = RingDesign.stretchName(network: network, edge: Int(e), roadNames: roadNames)
      if ring.sharedNames.last != name { ring.sharedNames.append(name) }
    }
    if ring.sharedMetres > 0 {
      exceptions.append(RingException(site: s, reason: "bridge: " + ring.sharedNames.joined(separator: ", "),
                                      sharedMetres: ring.sharedMetres))
    }
    rings.append(ring)
  }

  /// The road node a demand node hangs from: the far end of its only drop and of the
  /// crossings that continue it (a site across its road), else itself.
  package static func roadEnd(_ g: CSRGraph, network: RoadNetwork, node: Int) -> Int {
    guard g.degree(node) == 1 else { return node }
    let a = g.arcs(node).lowerBound
    var e = Int(g.arcEdge[a])
    guard network.edgeKind[e] == .drop else { return node }
    var v = Int(g.arcHead[a])
    while g.degree(v) == 2 {
      guard let next = g.arcs(v).first(where: { Int(g.arcEdge[$0]) != e }),
            network.edgeKind[Int(g.arcEdge[next])] == .crossing else { break }
      e = Int(g.arcEdge[next]); v = Int(g.arcHead[next])
    }
    return v
  }

  /// A road's name, or "unnamed road at lon,lat" from the edge's midpoint.
  package static func stretchName(network: RoadNetwork, edge e: Int, roadNames: [String?]) -> String {
    let source = Int(network.edgeSource[e])
    if network.edgeKind[e] == .trench, source >= 0, source < roadNames.count, let name = roadNames[source], !name.isEmpty {
      return name
    }
    let start = Int(network.edgeGeometryStart[e]), end = Int(network.edgeGeometryStart[e + 1])
    guard end > start else { return "edge \(e)" }
    let p = network.geometry[(start + end - 1) / 2]
    let kind = network.edgeKind[e] == .ductReuse ? "duct" : "unnamed road"
    return "\(kind) at \(JSONText.fixed(p.lon, decimals: 5, padded: true)),\(JSONText.fixed(p.lat, decimals: 5, padded: true))"
  }
}

/// Routes pairs of trench-disjoint routes to the hub, counting how many rings hold each
/// edge: an edge in the tree or in any ring is trench already paid for.
private struct RingRouter {
  let network: RoadNetwork
  let g: CSRGraph
  /// Routes run on roads and ducts only; drops are dead ends, POP hub links not built.
  let allowed: [Bool]
  let bridges: [Bool]
  let hub: Int
  var inTree: [Bool]
  var holders: [Int32]

  init(network: RoadNetwork, hubNode: Int32, treeEdges: [Int32]) {
    self.network = network
    g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    allowed = (0..<network.edgeCount).map {
      network.edgeKind[$0] != .drop && network.isBuilt($0) && network.edgeCost[$0].isFinite && network.edgeCost[$0] >= 0
    }
    bridges = DisjointRoutes.bridges(g, allowed: allowed)
    hub = RingDesign.roadEnd(g, network: network, node: Int(hubNode))
    inTree = [Bool](repeating: false, count: network.edgeCount)
    for e in treeEdges { inTree[Int(e)] = true }
    holders = [Int32](repeating: 0, count: network.edgeCount)
  }

  mutating func hold(_ pair: RoutePair, _ delta: Int32) {
    for e in Set(pair.first + pair.second) { holders[Int(e)] += delta }
  }

  /// What a pair adds to the plan: the cost of its edges that no one has paid for yet.
  func addedCost(_ pair: RoutePair) -> Double {
    var sum = 0.0
    for e in Set(pair.first + pair.second) where !inTree[Int(e)] && holders[Int(e)] == 0 { sum += network.edgeCost[Int(e)] }
    return sum
  }

  /// The cheapest pair for what it adds: paid-for trench costs a hundredth of its price,
  /// which keeps the routes short among those that add the same trench.
  func route(from foot: Int) -> RoutePair? {
    var weights = network.edgeCost
    for e in 0..<network.edgeCount where inTree[e] || holders[e] > 0 { weights[e] *= 0.01 }
    guard let pair = DisjointRoutes.shortestPair(g, weights: weights, from: foot, to: hub,
                                                 sharable: bridges, allowed: allowed),
          DisjointRoutes.verify(pair, g, from: foot, to: hub, sharable: bridges) else { return nil }
    return pair
  }

  /// Rip-up and reroute (as in VLSI routing, Nair 1987): each ring in turn is routed
  /// again with every other ring's trench paid for, and kept when it adds less.
  mutating func ripUpAndReroute(_ routed: inout [(site: Int, foot: Int, pair: RoutePair)]) {
    for _ in 0..<3 {
      var improved = false
      for i in routed.indices {
        hold(routed[i].pair, -1)
        let before = addedCost(routed[i].pair)
        if let pair = route(from: routed[i].foot), addedCost(pair) < before - 1e-6 {
          routed[i].pair = pair
          improved = true
        }
        hold(routed[i].pair, 1)
      }
      if !improved { break }
    }
  }
}
