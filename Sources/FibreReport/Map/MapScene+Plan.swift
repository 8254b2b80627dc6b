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
    var vertices = ProjectedVertices(network.geometry, projection)
    func edgeVertices(_ e: Int) -> Range<Int> {
      Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
    }
    for e in 0..<network.edgeCount where !inTree[e] {
      switch network.edgeKind[e] {
      case .trench: addLine(.road, edgeVertices(e), &vertices)
      case .ductReuse: addLine(.duct, edgeVertices(e), &vertices)
      case .drop, .aerial, .crossing, .popLink: break
      }
    }
    for (k, e) in plan.tree.edges.enumerated() where network.isBuilt(Int(e)) {
      addLine(.cable(network.edgeKind[Int(e)], fibres: Int(plan.tree.edgeFibres[k])), edgeVertices(Int(e)), &vertices)
    }
    treePositions = vertices.cache(of: plan.tree.edges.lazy.filter { network.isBuilt(Int($0)) }.map { edgeVertices(Int($0)) })
    if let arch = plan.architecture {
      for c in arch.cables {
        cables[Self.cableClass(c.tier, fibres: c.cableFibres), default: MapPolylines()]
          .append(edgeVertices(Int(c.edge)), of: &vertices, closed: false)
      }
      addArchitectureMarks(arch)
    }
    addDemandMarks(plan, &vertices)
    if plan.tree.pop.isValid { pop = projection.project(plan.tree.pop) }
    if let h = plan.hierarchy { addHierarchy(h, plan: plan) }
  }

  /// `addLine` of the network's vertices `range`, each projected at most once.
  private mutating func addLine(_ cls: MapLineClass, _ range: Range<Int>, _ vertices: inout ProjectedVertices) {
    lines[Int(cls.rawValue)].append(range, of: &vertices, closed: false)
  }

  /// Every building and site by outcome, at its drop's end (`PlanGeoJSON.demandPoint`).
  private mutating func addDemandMarks(_ plan: FibrePlanResult, _ vertices: inout ProjectedVertices) {
    let network = plan.network
    let dropOfNode = PlanGeoJSON.dropEdgeOfNode(network)
    for b in 0..<plan.demand.buildings.count {
      let node = b < network.buildingNode.count ? network.buildingNode[b] : -1
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
      addDemandMark(cls, network, dropOfNode: dropOfNode, node: node, fallback: plan.demand.buildings.points[b], &vertices)
    }
    for s in 0..<plan.demand.sites.count {
      let node = s < network.siteNode.count ? network.siteNode[s] : -1
      let served = s < plan.outcomes.sites.served.count && plan.outcomes.sites.served[s]
      addDemandMark(served ? .site : .siteUnserved, network, dropOfNode: dropOfNode, node: node,
                    fallback: plan.demand.sites.points[s], &vertices)
      if plan.demand.sites.critical[s] {
        addDemandMark(.critical, network, dropOfNode: dropOfNode, node: node, fallback: plan.demand.sites.points[s], &vertices)
      }
    }
  }

  /// The mark at `PlanGeoJSON.demandPoint`: its drop's end, projected once with the
  /// drop line, or the fallback when the node has no drop.
  private mutating func addDemandMark(_ cls: MapPointClass, _ network: RoadNetwork, dropOfNode: [Int32], node: Int32,
                                      fallback: LonLat, _ vertices: inout ProjectedVertices) {
    guard node >= 0, dropOfNode[Int(node)] >= 0 else { addMark(cls, fallback); return }
    let e = Int(dropOfNode[Int(node)])
    let start = Int(network.edgeGeometryStart[e]), end = Int(network.edgeGeometryStart[e + 1])
    guard end > start else { addMark(cls, fallback); return }
    let i = network.edgeU[e] == node ? start : end - 1
    guard network.geometry[i].isValid else { return }
    let q = vertices[i]
    points[Int(cls.rawValue)].x.append(q.x)
    points[Int(cls.rawValue)].y.append(q.y)
  }

  /// Splice closures and cabinets of the architecture (its cables are drawn with the tree).
  private mutating func addArchitectureMarks(_ arch: ArchitecturePlan) {
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

/// A network's vertices projected on first use, each at most once: an edge's ends are
/// shared by the edges at its nodes, cables run on tree edges already drawn, and a
/// building's mark is its drop's end. The same doubles as projecting each time.
struct ProjectedVertices {
  private let geometry: [LonLat]
  private let projection: LocalProjection
  private var x: [Double], y: [Double]
  private var done: [Bool]

  init(_ geometry: [LonLat], _ projection: LocalProjection) {
    self.geometry = geometry
    self.projection = projection
    x = [Double](repeating: 0, count: geometry.count)
    y = x
    done = [Bool](repeating: false, count: geometry.count)
  }

  /// Vertex `i`, which must be valid, projected.
  subscript(i: Int) -> (x: Double, y: Double) {
    mutating get {
      if !done[i] {
        let q = projection.project(geometry[i])
        x[i] = q.x; y[i] = q.y; done[i] = true
      }
      return (x[i], y[i])
    }
  }

  func isValid(_ i: Int) -> Bool { geometry[i].isValid }

  /// The valid vertices of `ranges`, projected, by position.
  mutating func cache<S: Sequence>(of ranges: S) -> ProjectionCache where S.Element == Range<Int> {
    var cache = ProjectionCache(projection, capacity: ranges.reduce(0) { $0 + $1.count })
    for r in ranges {
      for i in r where isValid(i) { cache.insert(geometry[i], self[i]) }
    }
    return cache
  }
}

extension MapPolylines {
  /// Appends the vertices `range` as one polyline, as `append(_:projection:closed:)`
  /// would append their positions.
  mutating func append(_ range: Range<Int>, of vertices: inout ProjectedVertices, closed: Bool) {
    let before = x.count
    for i in range where vertices.isValid(i) {
      let q = vertices[i]
      x.append(q.x)
      y.append(q.y)
    }
    endLine(from: before, closed: closed)
  }
}
