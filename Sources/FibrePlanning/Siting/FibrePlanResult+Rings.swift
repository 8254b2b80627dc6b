import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension FibrePlanResult {
  /// Ring protection for the plan's critical, connected sites, with the hub at
  /// `hub` (the road node nearest it in the POP's component) or else at the POP.
  /// `roadNames` names shared stretches (the roads layer's `name` column).
  /// O(k · m log n) for k critical sites.
  public func ringDesign(hub: LonLat? = nil, roadNames: [String?] = []) -> RingDesign {
    var hubNode = popNode
    if let hub, hub.isValid, popNode >= 0 {
      let (x, y) = network.projection.project(hub)
      var isDemand = [Bool](repeating: false, count: network.nodeCount)
      for n in network.buildingNode where n >= 0 { isDemand[Int(n)] = true }
      for n in network.siteNode where n >= 0 { isDemand[Int(n)] = true }
      let component = network.nodeComponent[Int(popNode)]
      var best = Double.infinity
      for v in 0..<network.nodeCount where network.nodeComponent[v] == component && !isDemand[v] && v != Int(popNode) {
        let d = (network.nodeX[v] - x) * (network.nodeX[v] - x) + (network.nodeY[v] - y) * (network.nodeY[v] - y)
        if d < best { best = d; hubNode = Int32(v) }
      }
    }
    let critical = (0..<sites.count).filter { sites.critical[$0] && siteOutcome[$0] == .connected }
    return RingDesign.build(network: network, hubNode: hubNode, sites: critical, treeEdges: treeEdges, roadNames: roadNames)
  }

  /// Adds the ring trench that the tree does not already hold to the region's figures,
  /// and to the municipality that holds each edge's midpoint.
  public mutating func addRingCost(_ design: RingDesign) {
    let index = boundaries.map { MunicipalityIndex($0) }
    for e in design.extraEdges {
      let length = network.edgeLength[Int(e)], cost = network.edgeCost[Int(e)]
      let kind = network.edgeKind[Int(e)]
      func add(_ f: inout PlanFigures) {
        f.networkCost += cost
        switch kind {
        case .trench: f.trenchMetres += length
        case .ductReuse: f.ductReuseMetres += length
        case .drop: f.dropMetres += length
        }
      }
      add(&region)
      guard !municipalityNames.isEmpty else { continue }
      let p = TrenchTree.midpoint(network: network, edge: Int(e))
      if let index, p.isValid, let m = index.municipality(containing: p), m < municipalities.count {
        add(&municipalities[m])
      } else {
        if municipalities.count == municipalityNames.count {
          municipalities.append(PlanFigures(name: "(outside boundaries)"))
        }
        add(&municipalities[municipalityNames.count])
      }
    }
  }
}
