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
  /// O(1) on average for evenly spread data).
  public static func build(roads: LineLayer, ducts: LineLayer? = nil, buildings: BuildingLayer,
                           sites: SiteLayer? = nil, pop: LonLat? = nil,
                           areas: RoutingAreas = RoutingAreas(), costs: TrenchCostModel, options: NetworkOptions = NetworkOptions())
    throws -> RoadNetwork {
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

    // Cost class of each road line.
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
    let ductClass = classes.intern("duct", costs.ductReusePerMetre)
    let dropClass = classes.intern("drop", costs.dropPerMetre)

    // Roads: noding and dangling ends.
    var draft = RoadDraft()
    nodeRoads(roads, projection: projection, lineClass: lineClass, tolerance: options.snapTolerance,
              draft: &draft, stats: &stats, diagnostics: &diagnostics)
    guard draft.segmentCount > 0 else {
      let skipped = stats.roadLinesWithoutTrench > 0
        ? ", \(stats.roadLinesWithoutTrench) of classes in network.no_trench_highways" : ""
      throw FibrePlanError(.data, "\(roads.path): no road line has two distinct valid points "
        + "(\(roads.count) lines\(skipped))")
    }
    snapDanglingEnds(draft: &draft, options: options, projection: projection, stats: &stats)
    let (zones, forbiddenDraft) = try applyAreas(
      areas, pop: pop, costs: costs, options: options, projection: projection, draft: &draft,
      classes: &classes, diagnostics: &diagnostics)

    // Demand points and duct joins: pins 0..<B buildings, then sites, then the POP, then
    // duct stretch ends.
    let roadGrid = draft.grid { _ in true }
    let siteCount = sites?.count ?? 0
    let popPin = buildings.count + siteCount
    var requests: [PinRequest] = []
    requests.reserveCapacity(buildings.count + siteCount + 1)
    var demandPoints = buildings.points
    if let sites { demandPoints += sites.points }
    if let pop { demandPoints.append(pop) }
    var placements = placeAll(demandPoints, projection: projection, grid: roadGrid, draft: draft,
                              maxDistance: options.maxDropLength,
                              lastMaxDistance: pop == nil ? nil : .infinity)
    let forbidden = markForbidden(&placements, count: buildings.count + siteCount, zones: zones,
                                  removed: forbiddenDraft, draft: draft, reach: options.maxDropLength)
    for (pin, placement) in placements.enumerated() {
      if let hit = placement.hit {
        requests.append(PinRequest(segment: hit.segment, t: hit.t, pin: Int32(pin)))
      }
    }
    var ductLayout = DuctLayout()
    var stretches: [DuctStretch] = []
    var pinCount = Int32(placements.count)
    if let ducts {
      ductLayout = layOut(ducts: ducts, projection: projection, diagnostics: &diagnostics)
      stats.ductLinesFull = ductLayout.fullLines
      stretches = planStretches(ductLayout, roadGrid: roadGrid, draft: draft,
                                reach: options.ductSnapDistance, pin: &pinCount,
                                requests: &requests, stats: &stats)
    }
    var aerialPlan: AerialPlan? = nil
    if let aerial = areas.aerial, options.aerial {
      aerialPlan = planAerial(aerial, projection: projection, roadGrid: roadGrid, draft: draft, costs: costs,
                              options: options, classes: &classes, pin: &pinCount, requests: &requests,
                              stats: &stats, diagnostics: &diagnostics)
    }
    let sides = options.roadSides
      ? roadSides(placements: placements, demandCount: buildings.count + siteCount,
                  weight: { $0 < buildings.count ? Double(max(0, buildings.units[$0])) : 1 },
                  roads: roads, draft: draft, costs: costs, classes: &classes)
      : RoadSides()
    let barrierCrossings = areas.barriers.map {
      Self.barrierCrossings($0, placements: placements, demandCount: buildings.count + siteCount,
                            projection: projection, draft: draft, costs: costs, classes: &classes)
    }
    var pinVertex = splitAtPins(requests, pinCount: Int(pinCount),
                                draft: &draft, projection: projection, coincident: coincident)
    if ducts != nil {
      addDuctRoutes(ductLayout, stretches: stretches, pinVertex: pinVertex, ductClass: ductClass,
                    reach: options.ductSnapDistance, draft: &draft)
    }
    if let aerialPlan {
      addAerialRoutes(aerialPlan, pinVertex: pinVertex, reach: options.ductSnapDistance, draft: &draft)
      network.aerialPolesPerMetre = aerialPlan.polesPerMetre
    }
    if !sides.isEmpty {
      stats.bothSidesLines = addCrossings(sides, roads: roads, options: options, pinVertex: &pinVertex, draft: &draft)
    }
    if let barrierCrossings, !barrierCrossings.isEmpty {
      addBarrierCrossings(barrierCrossings, pinVertex: &pinVertex, draft: &draft)
    }

    // Graph: road and duct edges, then one node and drop edge per demand point.
    let nodeOf = compressChains(draft, classes: classes, into: &network)
    priceCrossings(&network, classes: classes)
    func attach(pin: Int, point: LonLat, source: Int32) -> Int32 {
      let placement = placements[pin]
      let anchor = nodeOf[Int(pinVertex[pin])]
      let node = Int32(network.nodeCount)
      network.nodeX.append(placement.x); network.nodeY.append(placement.y)
      let v = Int(pinVertex[pin])
      let dx = draft.x[v] - placement.x, dy = draft.y[v] - placement.y
      let length = (dx * dx + dy * dy).squareRoot()
      network.edgeU.append(node); network.edgeV.append(anchor)
      network.edgeKind.append(.drop)
      network.edgeLength.append(length)
      network.edgeCost.append(length * costs.dropPerMetre)
      network.edgeSurfaceClass.append(dropClass)
      network.edgeSource.append(source)
      network.geometry.append(point); network.geometry.append(draft.lonLat[v])
      network.edgeGeometryStart.append(Int32(network.geometry.count))
      return node
    }
    func status(_ pin: Int) -> AttachmentStatus {
      let placement = placements[pin]
      if !placement.valid { return .invalidGeometry }
      if forbidden[pin] { return .forbiddenArea }
      return placement.hit == nil ? .noRoadWithin(metres: options.maxDropLength) : .attached
    }

    network.buildingNode.reserveCapacity(buildings.count)
    for i in 0..<buildings.count {
      let placement = placements[i]
      let s = status(i)
      network.buildingStatus.append(s)
      network.buildingDistanceToRoad.append(placement.distance)
      switch s {
      case .attached:
        stats.buildingsAttached += 1
        network.buildingNode.append(attach(pin: i, point: buildings.points[i], source: Int32(i)))
      case .noRoadWithin:
        stats.buildingsUnreachable += 1
        network.buildingNode.append(-1)
      case .forbiddenArea:
        stats.demandPointsForbidden += 1
        network.buildingNode.append(-1)
      case .invalidGeometry:
        stats.buildingsInvalid += 1
        network.buildingNode.append(-1)
        diagnostics.append(Diagnostic(
          .warning, file: buildings.path,
          feature: i < buildings.featureIndex.count ? Int(buildings.featureIndex[i]) : i,
          field: "geometry.coordinates", code: "invalid_coordinate",
          "building point \(buildings.points[i].lon), \(buildings.points[i].lat) is not a valid "
            + "WGS84 position; not attached"))
      }
    }
    if let sites {
      for i in 0..<sites.count {
        let placement = placements[buildings.count + i]
        let s = status(buildings.count + i)
        network.siteStatus.append(s)
        network.siteDistanceToRoad.append(placement.distance)
        switch s {
        case .attached:
          stats.sitesAttached += 1
          network.siteNode.append(attach(pin: buildings.count + i, point: sites.points[i],
                                         source: -1 - Int32(i)))
        case .noRoadWithin:
          stats.sitesUnreachable += 1
          network.siteNode.append(-1)
        case .forbiddenArea:
          stats.demandPointsForbidden += 1
          network.siteNode.append(-1)
        case .invalidGeometry:
          stats.sitesInvalid += 1
          network.siteNode.append(-1)
          diagnostics.append(Diagnostic(
            .warning, file: sites.path,
            feature: i < sites.featureIndex.count ? Int(sites.featureIndex[i]) : i,
            field: "geometry.coordinates", code: "invalid_coordinate",
            "site point is not a valid WGS84 position; not attached"))
        }
      }
    }
    if let pop {
      let placement = placements[popPin]
      if placement.hit != nil {
        network.popNode = attach(pin: popPin, point: pop, source: Int32.min)
        if placement.distance > options.maxDropLength {
          diagnostics.append(Diagnostic(
            .warning, file: "pop", code: "pop_far_from_road",
            "POP is \(Int(placement.distance.rounded())) m from the nearest road, beyond the "
              + "maximum drop length of \(options.maxDropLength) m; attached anyway"))
        }
      } else {
        diagnostics.append(Diagnostic(
          .error, file: "pop", code: "invalid_coordinate",
          "POP position \(pop.lon), \(pop.lat) is not a valid WGS84 position"))
      }
    }
    network.surfaceClasses = classes.names

    labelComponents(&network)
    summarise(&network, files: (roads.path, buildings.path, ducts?.path ?? "ducts",
                                areas.aerial?.lines.path ?? "aerial", areas.aerial?.polesPath ?? "poles"),
              stats: &stats, diagnostics: &diagnostics)
    network.statistics = stats
    network.diagnostics = diagnostics
    return network
  }

  /// Fills the statistics and adds warnings for the defects the build worked around.
  private static func summarise(_ network: inout RoadNetwork,
                                files: (roads: String, buildings: String, ducts: String, aerial: String, poles: String),
                                stats: inout NetworkStatistics, diagnostics: inout [Diagnostic]) {
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

    let share = (stats.largestComponentRoadShare * 1000).rounded() / 10
    if stats.roadComponents > 1 {
      diagnostics.append(Diagnostic(
        .warning, file: files.roads, code: "road_components",
        "\(stats.roadLinesUsed) road lines in \(stats.roadComponents) components; largest "
          + "holds \(share) % of road length"))
    }
    if stats.roadLinesWithoutTrench > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.roads, code: "no_trench_road",
        "\(stats.roadLinesWithoutTrench) road lines of classes that carry no trench "
          + "(network.no_trench_highways) left out of the trench graph"))
    }
    if stats.demandPointsForbidden > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.buildings, code: "forbidden_area",
        "\(stats.demandPointsForbidden) buildings and sites are reachable only through a "
          + "forbidden area; left unconnected"))
    }
    if stats.ductLinesFull > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.ducts, code: "duct_full",
        "\(stats.ductLinesFull) duct lines have no free sub-duct (free_subducts 0); not reused"))
    }
    if stats.danglingEndsSnapped > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.roads, code: "dangling_snapped",
        "\(stats.danglingEndsSnapped) dangling line ends joined to a road that they nearly touch"))
    }
    if stats.buildingsUnreachable > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.buildings, code: "no_road_within",
        "\(stats.buildingsUnreachable) buildings have no road within the maximum drop length; "
          + "left unconnected"))
    }
    if stats.aerialStretchesUnjoined > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.aerial, code: "aerial_unjoined",
        "\(stats.aerialStretchesUnjoined) pole line stretches away from roads reach no road at one "
          + "end; ignored"))
    }
    if stats.polesUnmatched > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.poles, code: "pole_unmatched",
        "\(stats.polesUnmatched) poles lie farther than the duct snapping distance from every pole "
          + "line; not counted"))
    }
    if stats.ductStretchesUnjoined > 0 {
      diagnostics.append(Diagnostic(
        .warning, file: files.ducts, code: "duct_unjoined",
        "\(stats.ductStretchesUnjoined) duct stretches away from roads reach no road at one "
          + "end; ignored"))
    }
  }
}
