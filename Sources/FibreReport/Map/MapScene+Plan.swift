import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

extension MapScene {
  /// The scene of a finished plan: unused roads and ducts, the trench tree by kind and
  /// fibre count, every building and site by outcome, the POP and the municipality
  /// boundaries. O(network geometry + buildings + boundary points).
  public init(plan: FibrePlanResult) {
    let network = plan.network
    self.init(title: plan.scenario.name, attribution: plan.scenario.attribution, projection: network.projection)
    maxDropLength = plan.scenario.network.maxDropLength

    if let b = plan.demand.boundaries { addBoundaries(b) }

    var inTree = [Bool](repeating: false, count: network.edgeCount)
    for e in plan.tree.edges { inTree[Int(e)] = true }
    func edgePoints(_ e: Int) -> ArraySlice<LonLat> {
      network.geometry[Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])]
    }
    for e in 0..<network.edgeCount where !inTree[e] {
      switch network.edgeKind[e] {
      case .trench: addLine(.road, edgePoints(e))
      case .ductReuse: addLine(.duct, edgePoints(e))
      case .drop, .aerial, .crossing, .popLink: break
      }
    }
    for (k, e) in plan.tree.edges.enumerated() where network.isBuilt(Int(e)) {
      addLine(.cable(network.edgeKind[Int(e)], fibres: Int(plan.tree.edgeFibres[k])), edgePoints(Int(e)))
    }
    if let arch = plan.architecture { addArchitecture(arch, edgePoints: edgePoints) }

    let dropOfNode = PlanGeoJSON.dropEdgeOfNode(network)
    for b in 0..<plan.demand.buildings.count {
      let node = b < network.buildingNode.count ? network.buildingNode[b] : -1
      guard let p = PlanGeoJSON.demandPoint(network, dropOfNode: dropOfNode, node: node,
                                            fallback: plan.demand.buildings.points[b]) else { continue }
      let cls: MapPointClass
      switch plan.outcomes.buildings.outcome[b] {
      // Connected but not served: the architecture's gap (`buildingServed` is false
      // exactly for those), not a home passed.
      case .connected: cls = b < plan.outcomes.buildings.served.count && !plan.outcomes.buildings.served[b] ? .notServable : .connected
      // An ineligible home of an `--eligible-only` plan has nothing to plan, like a shed.
      case .noHouseholds, .servedByExistingNetwork: cls = .noHouseholds
      case .noRoadWithin: cls = .noRoad
      case .disconnectedRoadNetwork, .invalidGeometry, .forbiddenArea: cls = .disconnected
      // Design rules, not money: the optical budget or the POP's capacity.
      case .beyondOpticalReach, .popCapacity: cls = .notServable
      case .overBudget, .aboveCostThreshold: cls = .coverageGap
      }
      addMark(cls, p)
    }
    for s in 0..<plan.demand.sites.count {
      let node = s < network.siteNode.count ? network.siteNode[s] : -1
      guard let p = PlanGeoJSON.demandPoint(network, dropOfNode: dropOfNode, node: node,
                                            fallback: plan.demand.sites.points[s]) else { continue }
      addMark(s < plan.outcomes.sites.served.count && plan.outcomes.sites.served[s] ? .site : .siteUnserved, p)
      if plan.demand.sites.critical[s] { addMark(.critical, p) }
    }
    if plan.tree.pop.isValid { pop = projection.project(plan.tree.pop) }
    if let h = plan.hierarchy { addHierarchy(h, plan: plan) }
  }

  /// Cables by tier and installed size on their trench edges, cabinets and splice
  /// closures. O(cable geometry + cabinets + closures).
  package mutating func addArchitecture(_ arch: ArchitecturePlan, edgePoints: (Int) -> ArraySlice<LonLat>) {
    for c in arch.cables { addCable(c.tier, fibres: c.cableFibres, edgePoints(Int(c.edge))) }
    for c in arch.closures { addMark(.closure, c.position) }
    for c in arch.cabinets { addMark(.cabinet, c.position) }
  }

  /// Both routes of every protected site, each trench edge once.
  package mutating func addRings(_ design: RingDesign, plan: FibrePlanResult) {
    let network = plan.network
    var drawn = Set<Int32>()
    for ring in design.rings {
      for e in ring.first + ring.second where drawn.insert(e).inserted {
        let range = Int(network.edgeGeometryStart[Int(e)])..<Int(network.edgeGeometryStart[Int(e) + 1])
        addLine(.ring, network.geometry[range])
      }
    }
  }

  /// Boundary rings as closed lines, and each municipality's name at the centroid of
  /// its largest ring (shoelace formula).
  package mutating func addBoundaries(_ b: BoundaryLayer) {
    for m in 0..<b.count {
      var best: (area: Double, x: Double, y: Double)?
      for r in Int(b.municipalityRingStart[m])..<Int(b.municipalityRingStart[m + 1]) {
        let ring = b.points[Int(b.ringStart[r])..<Int(b.ringStart[r + 1])]
        addLine(.boundary, ring, closed: true)
        let xy = ring.filter(\.isValid).map { projection.project($0) }
        guard xy.count >= 3 else { continue }
        var a = 0.0, cx = 0.0, cy = 0.0
        for i in 0..<xy.count {
          let p = xy[i], q = xy[(i + 1) % xy.count]
          let c = p.x * q.y - q.x * p.y
          a += c; cx += (p.x + q.x) * c; cy += (p.y + q.y) * c
        }
        guard abs(a) > 0 else { continue }
        if best == nil || abs(a) > best!.area {
          best = (abs(a), cx / (3 * a), cy / (3 * a))
        }
      }
      if let best, !b.names[m].isEmpty { labels.append(MapLabel(text: b.names[m], x: best.x, y: best.y)) }
    }
  }
}
