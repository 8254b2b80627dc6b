import FibreCore
import FibreGraph
import FibreGeo

/// Builds the shared-trench graph (`RoadNetwork`) from typed input layers:
///
/// 1. a `LocalProjection` fitted to the valid road coordinates;
/// 2. road vertices merged within `snapTolerance` (hash grid), one segment per pair of
///    consecutive vertices; dangling ends joined to segments within `danglingSnap`;
/// 3. buildings, sites and the POP placed at the nearest point of the nearest segment
///    (uniform grid); segments split there, coincident points share a vertex;
/// 4. existing ducts added as parallel `.ductReuse` routes (see NetworkBuilder+Ducts);
/// 5. chains of degree-2 vertices of one cost class compressed into edges with full
///    geometry, length and cost; a drop edge from each demand point's own node (exactly at
///    its point) to its attachment node;
/// 6. connected components, statistics and diagnostics.
///
/// Output order follows input order only (vertices, then segments, then demand points),
/// never hashing, so equal input gives identical networks.
public enum NetworkBuilder {
  /// Demand points closer than this (metres) along a road share one attachment node.
  package static let coincident = 0.01

  /// Builds the network. Invalid coordinates are skipped with a diagnostic; buildings
  /// and sites farther than `maxDropLength` from every road get
  /// `.noRoadWithin(metres: maxDropLength)`, node -1 and their true distance; the POP is
  /// attached at any distance (with a warning beyond `maxDropLength`). Demand points
  /// attach to roads only, never to duct routes away from roads.
  /// Throws `FibrePlanError(.data)` if no road line has two distinct valid points.
  /// Expected O((P + B) log(P + B)) for P road points and B buildings (grid queries are
  /// O(1) on average for evenly spread data). `threads` workers project the road and
  /// demand points, query the dangling ends' and demand points' nearest roads, unproject
  /// split vertices, test road sides, and lay out the drops while the chains are
  /// compressed; every merge is in input order, so the network is the same with any.
  public static func build(roads: LineLayer, ducts: LineLayer? = nil, buildings: BuildingLayer,
                           sites: SiteLayer? = nil, pop: LonLat? = nil,
                           areas: RoutingAreas = RoutingAreas(), costs: TrenchCostModel, options: NetworkOptions = NetworkOptions(),
                           threads: Int = 1) throws -> RoadNetwork {
    let options = options.sanitised
    var box = BoundingBox()
    for p in roads.points where p.isValid { box.add(p) }
    guard !box.isEmpty else {
      throw FibrePlanError(.data, "\(roads.path): no road line has a valid coordinate "
        + "(\(roads.count) lines, \(roads.points.count) points)")
    }
    let projection = LocalProjection(fitting: box)
    var network = RoadNetwork(projection: projection)
    var stats = NetworkStatistics()
    var diagnostics: [Diagnostic] = []
    stats.roadLines = roads.count

    let classified = costClasses(roads, costs: costs, options: options, stats: &stats)
    var classes = classified.0
    let lineClass = classified.1
    let ductClass = classes.intern("duct", costs.ductReusePerMetre)
    let dropClass = classes.intern("drop", costs.dropPerMetre)

    var draft = try nodedRoads(roads, projection: projection, lineClass: lineClass, options: options,
                               extraVertices: buildings.count + (sites?.count ?? 0) + 1, threads: threads,
                               stats: &stats, diagnostics: &diagnostics)
    let (zones, forbiddenDraft) = try applyAreas(
      areas, pop: pop, costs: costs, options: options, projection: projection, draft: &draft,
      classes: &classes, diagnostics: &diagnostics)

    // Demand points and duct joins: pins 0..<B buildings, then sites, then the POP, then
    // duct stretch ends.
    let roadGrid = draft.grid { _ in true }
    let siteCount = sites?.count ?? 0
    let popPin = buildings.count + siteCount
    var demandPoints = buildings.points
    if let sites { demandPoints += sites.points }
    if let pop { demandPoints.append(pop) }
    var placements = placeAll(demandPoints, projection: projection, grid: roadGrid, draft: draft,
                              maxDistance: options.maxDropLength,
                              lastMaxDistance: pop == nil ? nil : .infinity, threads: threads)
    let forbidden = markForbidden(&placements, count: buildings.count + siteCount, zones: zones,
                                  removed: forbiddenDraft, draft: draft, reach: options.maxDropLength)
    var requests = placements.enumerated().compactMap { pin, placement in
      placement.hit.map { PinRequest(segment: $0.segment, t: $0.t, pin: Int32(pin)) }
    }
    var pinCount = Int32(placements.count)
    let additions = planAdditions(ducts: ducts, areas: areas, roads: roads, buildings: buildings,
                                  demandCount: buildings.count + siteCount, placements: placements,
                                  roadGrid: roadGrid, draft: draft, projection: projection, costs: costs,
                                  options: options, threads: threads, classes: &classes, pinCount: &pinCount,
                                  requests: &requests, stats: &stats, diagnostics: &diagnostics)
    var pinVertex = splitAtPins(requests, pinCount: Int(pinCount), draft: &draft, projection: projection,
                                coincident: coincident, threads: threads)
    add(additions, roads: roads, ductClass: ductClass, options: options, pinVertex: &pinVertex, draft: &draft,
        network: &network, stats: &stats)

    // Graph: road and duct edges, then one node and drop edge per demand point.
    let drops = DropBuilder(placements: placements, pinVertex: pinVertex, draft: draft,
                            forbidden: forbidden, dropCost: costs.dropPerMetre, dropClass: dropClass,
                            maxDropLength: options.maxDropLength)
    graph(draft, classes: classes, drops: drops, layers: (buildings, sites, pop), popPin: popPin,
          threads: threads, network: &network, stats: &stats, diagnostics: &diagnostics)
    network.surfaceClasses = classes.names

    labelComponents(&network)
    summarise(&network, files: (roads.path, buildings.path, ducts?.path ?? "ducts",
                                areas.aerial?.lines.path ?? "aerial", areas.aerial?.polesPath ?? "poles"),
              stats: &stats, diagnostics: &diagnostics)
    network.statistics = stats
    network.diagnostics = diagnostics
    return network
  }

  /// The road lines noded at crossings and shared points, dangling ends snapped.
  /// Throws when no line has two distinct valid points.
  private static func nodedRoads(_ roads: LineLayer, projection: LocalProjection, lineClass: [Int32],
                                 options: NetworkOptions, extraVertices: Int, threads: Int,
                                 stats: inout NetworkStatistics,
                                 diagnostics: inout [Diagnostic]) throws -> RoadDraft {
    var draft = RoadDraft()
    // Room for every road point, a split at every line end and at every demand point,
    // so that the vertex columns are not copied while they grow.
    draft.reserveVertices(roads.points.count + 2 * roads.count + extraVertices)
    nodeRoads(roads, projection: projection, lineClass: lineClass, tolerance: options.snapTolerance,
              draft: &draft, stats: &stats, diagnostics: &diagnostics, threads: threads)
    guard draft.segmentCount > 0 else {
      let skipped = stats.roadLinesWithoutTrench > 0
        ? ", \(stats.roadLinesWithoutTrench) of classes in network.no_trench_highways" : ""
      throw FibrePlanError(.data, "\(roads.path): no road line has two distinct valid points "
        + "(\(roads.count) lines\(skipped))")
    }
    snapDanglingEnds(draft: &draft, options: options, projection: projection, stats: &stats, threads: threads)
    return draft
  }

  /// Ducts, pole lines, crossings to the far side of roads and across barriers: planned
  /// on the noded roads before they are split at the pins, added after.
  private struct RouteAdditions {
    /// Whether the scenario has a ducts layer (its routes are added even when empty).
    var hasDucts = false
    var ductLayout = DuctLayout()
    var stretches: [DuctStretch] = []
    var aerialPlan: AerialPlan? = nil
    var sides = RoadSides()
    var barrierCrossings: BarrierCrossings? = nil
  }

  /// Lays out the ducts and pole lines and chooses crossings; their joins to the roads
  /// become pin requests after the demand points'.
  private static func planAdditions(
    ducts: LineLayer?, areas: RoutingAreas, roads: LineLayer, buildings: BuildingLayer, demandCount: Int,
    placements: [Placement], roadGrid: SegmentGrid, draft: RoadDraft, projection: LocalProjection,
    costs: TrenchCostModel, options: NetworkOptions, threads: Int, classes: inout CostClasses,
    pinCount: inout Int32, requests: inout [PinRequest], stats: inout NetworkStatistics,
    diagnostics: inout [Diagnostic]
  ) -> RouteAdditions {
    var additions = RouteAdditions()
    if let ducts {
      additions.hasDucts = true
      additions.ductLayout = layOut(ducts: ducts, projection: projection, diagnostics: &diagnostics)
      stats.ductLinesFull = additions.ductLayout.fullLines
      additions.stretches = planStretches(additions.ductLayout, roadGrid: roadGrid, draft: draft,
                                          reach: options.ductSnapDistance, pin: &pinCount,
                                          requests: &requests, stats: &stats)
    }
    if let aerial = areas.aerial, options.aerial {
      additions.aerialPlan = planAerial(aerial, projection: projection, roadGrid: roadGrid, draft: draft, costs: costs,
                                        options: options, classes: &classes, pin: &pinCount, requests: &requests,
                                        stats: &stats, diagnostics: &diagnostics)
    }
    if options.roadSides {
      additions.sides = roadSides(placements: placements, demandCount: demandCount,
                                  weight: { $0 < buildings.count ? Double(max(0, buildings.units[$0])) : 1 },
                                  roads: roads, draft: draft, costs: costs, classes: &classes, threads: threads)
    }
    additions.barrierCrossings = areas.barriers.map {
      barrierCrossings($0, placements: placements, demandCount: demandCount,
                       projection: projection, draft: draft, costs: costs, classes: &classes)
    }
    return additions
  }

  private static func add(_ a: RouteAdditions, roads: LineLayer, ductClass: Int32, options: NetworkOptions,
                          pinVertex: inout [Int32], draft: inout RoadDraft, network: inout RoadNetwork,
                          stats: inout NetworkStatistics) {
    if a.hasDucts {
      addDuctRoutes(a.ductLayout, stretches: a.stretches, pinVertex: pinVertex, ductClass: ductClass,
                    reach: options.ductSnapDistance, draft: &draft)
    }
    if let aerialPlan = a.aerialPlan {
      addAerialRoutes(aerialPlan, pinVertex: pinVertex, reach: options.ductSnapDistance, draft: &draft)
      network.aerialPolesPerMetre = aerialPlan.polesPerMetre
    }
    if !a.sides.isEmpty {
      stats.bothSidesLines = addCrossings(a.sides, roads: roads, options: options, pinVertex: &pinVertex, draft: &draft)
    }
    if let crossings = a.barrierCrossings, !crossings.isEmpty {
      addBarrierCrossings(crossings, pinVertex: &pinVertex, draft: &draft)
    }
  }

  /// Compresses the draft's chains into the graph and adds a node and drop edge per
  /// demand point. The drops need only the pinned vertices, so they are laid out on a
  /// second worker while the chains are compressed, and renumbered onto the chains'
  /// nodes after: the network is the same as one worker laying out chains then drops.
  private static func graph(_ draft: RoadDraft, classes: CostClasses, drops: DropBuilder,
                            layers: (buildings: BuildingLayer, sites: SiteLayer?, pop: LonLat?), popPin: Int,
                            threads: Int, network: inout RoadNetwork, stats: inout NetworkStatistics,
                            diagnostics: inout [Diagnostic]) {
    let roadsOnly = network, statsBefore = stats, diagnosticsBefore = diagnostics
    let projection = network.projection
    var result = concurrently(threads: threads, {
      var roads = roadsOnly
      // Room for the drops too, so that appending them copies nothing already there.
      let pins = drops.placements.count
      roads.nodeX.reserveCapacity(roads.nodeCount + draft.vertexCount + pins)
      roads.nodeY.reserveCapacity(roads.nodeCount + draft.vertexCount + pins)
      roads.reserveEdges(roads.edgeCount + draft.segmentCount + pins)
      roads.geometry.reserveCapacity(roads.geometry.count + 2 * (draft.segmentCount + pins))
      let nodeOf = compressChains(draft, classes: classes, into: &roads)
      priceCrossings(&roads, classes: classes)
      return (roads, nodeOf)
    }, {
      var scratch = RoadNetwork(projection: projection)
      var stats = statsBefore, diagnostics = diagnosticsBefore
      let (buildings, sites, pop) = layers
      drops.attach(buildings.points, kind: .buildings, path: buildings.path, featureIndex: buildings.featureIndex,
                   firstPin: 0, network: &scratch, stats: &stats, diagnostics: &diagnostics)
      if let sites {
        drops.attach(sites.points, kind: .sites, path: sites.path, featureIndex: sites.featureIndex,
                     firstPin: buildings.count, network: &scratch, stats: &stats, diagnostics: &diagnostics)
      }
      if let pop { drops.attachPOP(pop, pin: popPin, network: &scratch, diagnostics: &diagnostics) }
      return (scratch, stats, diagnostics)
    })
    // Swapped rather than copied: the network must hold the only reference to its
    // columns, or appending the drops would copy them all.
    swap(&network, &result.0.0)
    stats = result.1.1
    diagnostics = result.1.2
    appendDrops(result.1.0, nodeOf: result.0.1, to: &network)
  }

  /// Appends the drop nodes and edges laid out apart (`DropBuilder`, with the anchor's
  /// draft vertex in `edgeV`) after the road graph's, renumbered onto its nodes.
  private static func appendDrops(_ drops: RoadNetwork, nodeOf: [Int32], to network: inout RoadNetwork) {
    let base = Int32(network.nodeCount), geometryBase = Int32(network.geometry.count)
    func renumber(_ node: Int32) -> Int32 { node < 0 ? node : node + base }
    network.nodeX += drops.nodeX; network.nodeY += drops.nodeY
    network.edgeU += drops.edgeU.map { $0 + base }
    network.edgeV += drops.edgeV.map { nodeOf[Int($0)] }
    network.edgeKind += drops.edgeKind
    network.edgeLength += drops.edgeLength
    network.edgeCost += drops.edgeCost
    network.edgeSurfaceClass += drops.edgeSurfaceClass
    network.edgeSource += drops.edgeSource
    network.edgeGeometryStart += drops.edgeGeometryStart.dropFirst().map { $0 + geometryBase }
    network.geometry += drops.geometry
    network.buildingNode += drops.buildingNode.map(renumber)
    network.buildingStatus += drops.buildingStatus
    network.buildingDistanceToRoad += drops.buildingDistanceToRoad
    network.siteNode += drops.siteNode.map(renumber)
    network.siteStatus += drops.siteStatus
    network.siteDistanceToRoad += drops.siteDistanceToRoad
    if drops.popNode >= 0 { network.popNode = renumber(drops.popNode) }
  }

  /// The cost class of each road line (-1: carries no trench), interned by name.
  private static func costClasses(_ roads: LineLayer, costs: TrenchCostModel, options: NetworkOptions,
                                  stats: inout NetworkStatistics) -> (CostClasses, [Int32]) {
    var classes = CostClasses()
    var lineClass = [Int32](repeating: 0, count: roads.count)
    for line in 0..<roads.count {
      let highway = line < roads.highway.count ? roads.highway[line] : nil
      if options.carriesNoTrench(highway: highway) {
        lineClass[line] = -1
        stats.roadLinesWithoutTrench += 1
        continue
      }
      let (cost, name) = costs.trenchCostPerMetre(
        highway: highway, surface: line < roads.surface.count ? roads.surface[line] : nil)
      lineClass[line] = classes.intern(name, cost)
    }
    return (classes, lineClass)
  }

  /// Fills the statistics and adds warnings for the defects the build worked around.
  private static func summarise(_ network: inout RoadNetwork,
                                files: (roads: String, buildings: String, ducts: String, aerial: String, poles: String),
                                stats: inout NetworkStatistics, diagnostics: inout [Diagnostic]) {
    tallyEdges(network, into: &stats)
    let share = (stats.largestComponentRoadShare * 1000).rounded() / 10
    // Each data defect the build worked around: how many, which file, code and message.
    let defects: [(count: Int, file: String, code: String, message: String)] = [
      (stats.roadComponents > 1 ? stats.roadComponents : 0, files.roads, "road_components",
       "\(stats.roadLinesUsed) road lines in \(stats.roadComponents) components; largest "
         + "holds \(share) % of road length"),
      (stats.roadLinesWithoutTrench, files.roads, "no_trench_road",
       "\(stats.roadLinesWithoutTrench) road lines of classes that carry no trench "
         + "(network.no_trench_highways) left out of the trench graph"),
      (stats.demandPointsForbidden, files.buildings, "forbidden_area",
       "\(stats.demandPointsForbidden) buildings and sites are reachable only through a "
         + "forbidden area; left unconnected"),
      (stats.ductLinesFull, files.ducts, "duct_full",
       "\(stats.ductLinesFull) duct lines have no free sub-duct (free_subducts 0); not reused"),
      (stats.danglingEndsSnapped, files.roads, "dangling_snapped",
       "\(stats.danglingEndsSnapped) dangling line ends joined to a road that they nearly touch"),
      (stats.buildingsUnreachable, files.buildings, "no_road_within",
       "\(stats.buildingsUnreachable) buildings have no road within the maximum drop length; "
         + "left unconnected"),
      (stats.aerialStretchesUnjoined, files.aerial, "aerial_unjoined",
       "\(stats.aerialStretchesUnjoined) pole line stretches away from roads reach no road at one "
         + "end; ignored"),
      (stats.polesUnmatched, files.poles, "pole_unmatched",
       "\(stats.polesUnmatched) poles lie farther than the duct snapping distance from every pole "
         + "line; not counted"),
      (stats.ductStretchesUnjoined, files.ducts, "duct_unjoined",
       "\(stats.ductStretchesUnjoined) duct stretches away from roads reach no road at one "
         + "end; ignored"),
    ]
    for d in defects where d.count > 0 {
      diagnostics.append(Diagnostic(.warning, file: d.file, code: d.code, d.message))
    }
  }

  /// Lengths and edge counts by kind, and the road components' share of road length.
  private static func tallyEdges(_ network: RoadNetwork, into stats: inout NetworkStatistics) {
    var componentRoadLength: [Double] = []
    for e in 0..<network.edgeCount where network.edgeKind[e] != .drop {
      let c = Int(network.nodeComponent[Int(network.edgeU[e])])
      if c >= componentRoadLength.count {
        componentRoadLength += Array(repeating: 0, count: c + 1 - componentRoadLength.count)
      }
      switch network.edgeKind[e] {
      case .trench:
        componentRoadLength[c] += network.edgeLength[e]
        stats.roadLength += network.edgeLength[e]
        stats.trenchEdges += 1
      case .aerial:
        stats.aerialRouteLength += network.edgeLength[e]
        stats.aerialEdges += 1
      case .crossing:
        stats.crossingEdges += 1
      case .ductReuse, .drop:
        stats.ductRouteLength += network.edgeLength[e]
        stats.ductEdges += 1
      case .popLink: break  // added after the build (RoadNetwork+POPHub)
      }
    }
    stats.roadComponents = componentRoadLength.filter { $0 > 0 }.count
    stats.largestComponentRoadShare = stats.roadLength > 0
      ? (componentRoadLength.max() ?? 0) / stats.roadLength : 0
    stats.nodes = network.nodeCount
    stats.edges = network.edgeCount
    stats.dropEdges = stats.edges - stats.trenchEdges - stats.ductEdges - stats.aerialEdges - stats.crossingEdges
  }
}

/// Turns placed demand points into network nodes hanging from their road node by one
/// drop edge each. Buildings and sites take the same path; they differ only in the
/// arrays and counters they fill. Writes to a network of the drops alone, whose edges
/// end (`edgeV`) at the draft vertex the point was pinned to, for `appendDrops`.
private struct DropBuilder {
  let placements: [NetworkBuilder.Placement]
  let pinVertex: [Int32]
  let draft: RoadDraft
  let forbidden: [Bool]
  let dropCost: Double
  let dropClass: Int32
  let maxDropLength: Double

  /// Where one kind of demand point is recorded.
  struct Kind {
    let status: WritableKeyPath<RoadNetwork, [AttachmentStatus]>
    let distance: WritableKeyPath<RoadNetwork, [Double]>
    let node: WritableKeyPath<RoadNetwork, [Int32]>
    let attached, unreachable, invalid: WritableKeyPath<NetworkStatistics, Int>
    /// The drop edge's `edgeSource` for point `i`: buildings `i`, sites `-1 - i`.
    let source: (Int) -> Int32
    let invalidMessage: (LonLat) -> String

    static var buildings: Kind { Kind(
      status: \.buildingStatus, distance: \.buildingDistanceToRoad, node: \.buildingNode,
      attached: \.buildingsAttached, unreachable: \.buildingsUnreachable, invalid: \.buildingsInvalid,
      source: { Int32($0) },
      invalidMessage: { "building point \($0.lon), \($0.lat) is not a valid WGS84 position; not attached" }) }
    static var sites: Kind { Kind(
      status: \.siteStatus, distance: \.siteDistanceToRoad, node: \.siteNode,
      attached: \.sitesAttached, unreachable: \.sitesUnreachable, invalid: \.sitesInvalid,
      source: { -1 - Int32($0) },
      invalidMessage: { _ in "site point is not a valid WGS84 position; not attached" }) }
  }

  func status(_ pin: Int) -> AttachmentStatus {
    let placement = placements[pin]
    if !placement.valid { return .invalidGeometry }
    if forbidden[pin] { return .forbiddenArea }
    return placement.hit == nil ? .noRoadWithin(metres: maxDropLength) : .attached
  }

  /// A new node at the placement and its drop edge to the draft vertex it was pinned to.
  func attach(pin: Int, point: LonLat, source: Int32, network: inout RoadNetwork) -> Int32 {
    let placement = placements[pin]
    let anchor = pinVertex[pin]
    let node = Int32(network.nodeCount)
    network.nodeX.append(placement.x); network.nodeY.append(placement.y)
    let v = Int(pinVertex[pin])
    let dx = draft.x[v] - placement.x, dy = draft.y[v] - placement.y
    let length = (dx * dx + dy * dy).squareRoot()
    network.edgeU.append(node); network.edgeV.append(anchor)
    network.edgeKind.append(.drop)
    network.edgeLength.append(length)
    network.edgeCost.append(length * dropCost)
    network.edgeSurfaceClass.append(dropClass)
    network.edgeSource.append(source)
    network.geometry.append(point); network.geometry.append(draft.lonLat[v])
    network.edgeGeometryStart.append(Int32(network.geometry.count))
    return node
  }

  /// Every point of one kind, pins `firstPin ..< firstPin + points.count`.
  func attach(_ points: [LonLat], kind: Kind, path: String, featureIndex: [Int32], firstPin: Int,
              network: inout RoadNetwork, stats: inout NetworkStatistics, diagnostics: inout [Diagnostic]) {
    network[keyPath: kind.node].reserveCapacity(points.count)
    for i in 0..<points.count {
      let pin = firstPin + i
      let s = status(pin)
      network[keyPath: kind.status].append(s)
      network[keyPath: kind.distance].append(placements[pin].distance)
      var node: Int32 = -1
      switch s {
      case .attached:
        stats[keyPath: kind.attached] += 1
        node = attach(pin: pin, point: points[i], source: kind.source(i), network: &network)
      case .noRoadWithin:
        stats[keyPath: kind.unreachable] += 1
      case .forbiddenArea:
        stats.demandPointsForbidden += 1
      case .invalidGeometry:
        stats[keyPath: kind.invalid] += 1
        diagnostics.append(Diagnostic(
          .warning, file: path, feature: i < featureIndex.count ? Int(featureIndex[i]) : i,
          field: "geometry.coordinates", code: "invalid_coordinate", kind.invalidMessage(points[i])))
      }
      network[keyPath: kind.node].append(node)
    }
  }

  /// The POP at any distance from the road, with a warning beyond the drop length.
  func attachPOP(_ pop: LonLat, pin: Int, network: inout RoadNetwork, diagnostics: inout [Diagnostic]) {
    let placement = placements[pin]
    guard placement.hit != nil else {
      diagnostics.append(Diagnostic(
        .error, file: "pop", code: "invalid_coordinate",
        "POP position \(pop.lon), \(pop.lat) is not a valid WGS84 position"))
      return
    }
    network.popNode = attach(pin: pin, point: pop, source: Int32.min, network: &network)
    if placement.distance > maxDropLength {
      diagnostics.append(Diagnostic(
        .warning, file: "pop", code: "pop_far_from_road",
        "POP is \(Int(placement.distance.rounded())) m from the nearest road, beyond the "
          + "maximum drop length of \(maxDropLength) m; attached anyway"))
    }
  }
}
