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
    // With several POPs the rings, theirs included, return to the data centre.
    var hubNode = hierarchy?.dataCentreNode ?? self.tree.popNode
    if let hub, hub.isValid, self.tree.popNode >= 0 {
      let (x, y) = network.projection.project(hub)
      var isDemand = [Bool](repeating: false, count: network.nodeCount)
      for n in network.buildingNode where n >= 0 { isDemand[Int(n)] = true }
      for n in network.siteNode where n >= 0 { isDemand[Int(n)] = true }
      let component = network.nodeComponent[Int(self.tree.popNode)]
      var best = Double.infinity
      for v in 0..<network.nodeCount where network.nodeComponent[v] == component && !isDemand[v] && v != Int(self.tree.popNode) {
        let d = (network.nodeX[v] - x) * (network.nodeX[v] - x) + (network.nodeY[v] - y) * (network.nodeY[v] - y)
        if d < best { best = d; hubNode = Int32(v) }
      }
    }
    let critical = (0..<demand.sites.count).filter { demand.sites.critical[$0] && outcomes.sites.outcome[$0] == .connected }
    let pops = (hierarchy?.pops ?? []).map(\.node).filter { $0 != hubNode }
    return RingDesign.build(network: network, hubNode: hubNode, sites: critical, treeEdges: self.tree.edges + backboneEdges,
                            roadNames: roadNames, pops: pops)
  }

  /// The backbone's edges (empty with one POP): trench the rings may share for free.
  package var backboneEdges: [Int32] { (hierarchy?.backbone ?? []).map(\.edge) }

  /// A ring member's name: the site's, or `POP <name>` for `-1 - popIndex`.
  public func ringMemberName(_ member: Int) -> String {
    if member >= 0 { return demand.sites.names[member] }
    guard let h = hierarchy else { return "POP" }
    let pops = h.pops.filter { $0.node != h.dataCentreNode }
    let i = -1 - member
    return i < pops.count ? "POP " + pops[i].name : "POP"
  }

  /// Adds the ring trench that the tree does not already hold to the plan: its edges
  /// join `ringEdges` (so bom.csv lists them) and its cost every area's `ringCost`, in
  /// the municipality that holds each edge's midpoint.
  public mutating func addRingCost(_ design: RingDesign) {
    let index = demand.boundaries.map { MunicipalityIndex($0) }
    for e in design.extraEdges {
      let p = TrenchTree.midpoint(network: network, edge: Int(e))
      if let index, p.isValid, let m = index.municipality(containing: p) {
        self.tree.edgeMunicipality[Int(e)] = Int32(m)
      } else {
        self.tree.edgeMunicipality[Int(e)] = -1
      }
    }
    self.tree.ringEdges = design.extraEdges.sorted()
    tally()
  }
}
