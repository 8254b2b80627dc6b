import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct NetworkAttachmentTests {
  let sketch = NetworkSketch()

  /// An L-shaped road (0,0)–(100,0)–(100,100); buildings at (30,20) and (120,60) drop
  /// 20 m onto (30,0) and (100,60); the road becomes 30 + 130 + 40 m of trench.
  /// (The buildings are on opposite sides of the one road line; sides are off here, so
  /// that no crossing edge joins the second foot: NetworkSidesTests covers those.)
  @Test func buildingSplitsTheNearestSegmentAtTheFootOfThePerpendicular() throws {
    let costs = TrenchCostModel.europeanDefaults
    var options = NetworkOptions()
    options.roadSides = false
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0), (100, 100)]]),
      buildings: sketch.buildings([(30, 20), (120, 60)]), costs: costs, options: options)
    #expect(net.buildingStatus == [.attached, .attached])
    #expect(net.nodeCount == 6)
    #expect(net.edgeCount == 5)
    let footA = sketch.node(net, at: 30, 0), footB = sketch.node(net, at: 100, 60)
    #expect(sketch.edges(net, sketch.node(net, at: 0, 0), footA).count == 1)
    let middle = sketch.edges(net, footA, footB)
    #expect(middle.count == 1)
    if let e = middle.first {
      #expect(abs(net.edgeLength[e] - 130) < 1e-3)
      #expect(abs(net.edgeCost[e] - 130 * 90) < 0.1)
    }
    #expect(sketch.edges(net, footB, sketch.node(net, at: 100, 100)).count == 1)

    for (i, foot, point) in [(0, footA, (30.0, 20.0)), (1, footB, (120.0, 60.0))] {
      let node = net.buildingNode[i]
      #expect(node == sketch.node(net, at: point.0, point.1, tolerance: 1e-6))
      let drop = sketch.edges(net, node, foot, kind: .drop)
      #expect(drop.count == 1)
      guard let e = drop.first else { continue }
      #expect(net.edgeU[e] == node)
      #expect(abs(net.edgeLength[e] - 20) < 1e-3)
      #expect(abs(net.edgeCost[e] - 20 * costs.dropPerMetre) < 1e-2)
      #expect(net.edgeSource[e] == Int32(i))
      #expect(abs(net.buildingDistanceToRoad[i] - 20) < 1e-3)
      // The drop starts exactly at the building's point and ends on the road geometry.
      let g = Int(net.edgeGeometryStart[e])
      #expect(net.edgeGeometryStart[e + 1] - net.edgeGeometryStart[e] == 2)
      #expect(net.geometry[g] == sketch.lonLat(point.0, point.1))
    }
  }

  /// Placing 10,000 points on a street grid on two workers gives each point the hit and
  /// distance of placing them on one, the far ones (no road within reach) included.
  @Test func placementsDoNotDependOnTheWorkers() throws {
    let projection = LocalProjection(origin: LonLat(lon: 9.5, lat: 47.1))
    var draft = RoadDraft()
    for k in 0...10 {
      let c = Double(k) * 100
      let ends = [(c, 0.0, c, 1000.0), (0.0, c, 1000.0, c)]
      for (x0, y0, x1, y1) in ends {
        let a = draft.addVertex(x: x0, y: y0, lonLat: projection.unproject(x: x0, y: y0))
        let b = draft.addVertex(x: x1, y: y1, lonLat: projection.unproject(x: x1, y: y1))
        draft.addSegment(a, b, source: Int32(k), costClass: 0, kind: .trench)
      }
    }
    var rng = SplitMix64(seed: 7)
    let points = (0..<10_000).map { _ in
      projection.unproject(x: Double(rng.next() % 1_600) - 300, y: Double(rng.next() % 1_600) - 300)
    }
    let grid = draft.grid { _ in true }
    func place(_ threads: Int) -> [NetworkBuilder.Placement] {
      NetworkBuilder.placeAll(points, projection: projection, grid: grid, draft: draft, maxDistance: 45,
                              lastMaxDistance: .infinity, threads: threads)
    }
    let one = place(1), two = place(2)
    #expect(one.contains { $0.hit == nil && $0.distance.isFinite })
    #expect(one.map(\.hit?.segment) == two.map(\.hit?.segment))
    #expect(one.map(\.hit?.t) == two.map(\.hit?.t))
    #expect(one.map(\.distance) == two.map(\.distance))
    #expect(one.last?.hit != nil)
  }

  /// A building beyond the corner attaches to the corner vertex itself.
  @Test func buildingNearestAVertexAttachesThere() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0), (100, 100)]]),
      buildings: sketch.buildings([(110, -10)]), costs: .uniform)
    let corner = sketch.node(net, at: 100, 0)
    #expect(corner != nil)
    let drop = sketch.edges(net, net.buildingNode[0], corner, kind: .drop)
    #expect(drop.count == 1)
    if let e = drop.first { #expect(abs(net.edgeLength[e] - 200.0.squareRoot()) < 1e-3) }
  }

  /// Four buildings on one 100 m edge, two with the same foot at x = 20: the edge is
  /// split at 20, 50 and 70 in order, and the coincident pair shares one node.
  @Test func severalBuildingsOnOneEdge() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]),
      buildings: sketch.buildings([(70, 10), (20, -5), (20, 8), (50, 3)]), costs: .uniform)
    #expect(net.nodeCount == 5 + 4)
    #expect(sketch.count(net, .trench) == 4)
    #expect(sketch.count(net, .drop) == 4)
    let xs: [Double] = [0, 20, 50, 70, 100]
    for k in 1..<xs.count {
      let e = sketch.edges(net, sketch.node(net, at: xs[k - 1], 0), sketch.node(net, at: xs[k], 0))
      #expect(e.count == 1)
      if let e = e.first { #expect(abs(net.edgeLength[e] - (xs[k] - xs[k - 1])) < 1e-3) }
    }
    let drops = (0..<net.edgeCount).filter { net.edgeKind[$0] == .drop }
    #expect(drops.map { net.edgeSource[$0] } == [0, 1, 2, 3])
    #expect(net.edgeV[drops[1]] == net.edgeV[drops[2]])
    #expect(drops.map { (net.edgeLength[$0] * 1000).rounded() / 1000 } == [10, 5, 8, 3])
  }

  @Test func buildingOnTheRoadGetsItsOwnNodeAndZeroDrop() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]),
      buildings: sketch.buildings([(40, 0)]), costs: .uniform)
    #expect(net.buildingStatus == [.attached])
    #expect(net.buildingNode[0] >= 0)
    let drop = (0..<net.edgeCount).first { net.edgeKind[$0] == .drop }
    #expect(drop.map { net.edgeLength[$0] < 1e-6 } == true)
    #expect(net.nodeComponent[Int(net.buildingNode[0])] == 0)
  }

  @Test func buildingBeyondMaxDropLengthIsUnreachable() throws {
    var buildings = sketch.buildings([(50, 300), (50, 100)])
    buildings.points.append(LonLat(lon: .nan, lat: 47.1))
    buildings.ids.append("bad"); buildings.units.append(1); buildings.featureIndex.append(2)
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]), buildings: buildings, costs: .uniform)
    #expect(net.buildingStatus == [.noRoadWithin(metres: 250), .attached, .invalidGeometry])
    #expect(net.buildingNode[0] == -1 && net.buildingNode[2] == -1)
    #expect(abs(net.buildingDistanceToRoad[0] - 300) < 1e-3)
    #expect(net.buildingDistanceToRoad[2] == .infinity)
    #expect(net.statistics.buildingsUnreachable == 1)
    #expect(net.statistics.buildingsInvalid == 1)
    #expect(net.diagnostics.contains { $0.code == "invalid_coordinate" && $0.feature == 2 })
    #expect(net.diagnostics.contains { $0.code == "no_road_within" })
  }

  @Test func sitesAndPopAttachLikeBuildings() throws {
    var sites = SiteLayer(path: "sites.geojson")
    sites.points = [sketch.lonLat(80, -15)]
    sites.ids = ["townhall"]; sites.names = ["Rathaus"]; sites.kinds = ["townhall"]
    sites.critical = [true]; sites.featureIndex = [0]
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]), buildings: NetworkSketch.noBuildings,
      sites: sites, pop: sketch.lonLat(10, 400), costs: .uniform)
    #expect(net.siteStatus == [.attached])
    let siteDrop = sketch.edges(net, net.siteNode[0], sketch.node(net, at: 80, 0), kind: .drop)
    #expect(siteDrop.count == 1)
    if let e = siteDrop.first { #expect(net.edgeSource[e] == -1) }
    // The POP is attached even beyond the maximum drop length, with a warning.
    #expect(net.popNode >= 0)
    let popDrop = sketch.edges(net, net.popNode, sketch.node(net, at: 10, 0), kind: .drop)
    #expect(popDrop.count == 1)
    if let e = popDrop.first {
      #expect(net.edgeSource[e] == Int32.min)
      #expect(abs(net.edgeLength[e] - 400) < 1e-3)
    }
    #expect(net.diagnostics.contains { $0.code == "pop_far_from_road" })
  }

  /// A duct along the street: each trench edge gets a parallel duct edge between the
  /// same nodes, cheaper per metre, also on both sides of an attached building.
  @Test func ductAlongTheStreetIsACheaperParallelRoute() throws {
    let costs = TrenchCostModel.europeanDefaults
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (200, 0)]]),
      ducts: sketch.lines([[(0, 5), (200, 5)]], path: "ducts.geojson"),
      buildings: sketch.buildings([(100, 20)]), costs: costs)
    let trench = (0..<net.edgeCount).filter { net.edgeKind[$0] == .trench }
    let duct = (0..<net.edgeCount).filter { net.edgeKind[$0] == .ductReuse }
    #expect(trench.count == 2 && duct.count == 2)
    for t in trench {
      let parallel = sketch.edges(net, net.edgeU[t], net.edgeV[t], kind: .ductReuse)
      #expect(parallel.count == 1)
      if let d = parallel.first {
        #expect(abs(net.edgeLength[d] - 100) < 1e-3)
        #expect(abs(net.edgeCost[d] - 100 * costs.ductReusePerMetre) < 1e-2)
        #expect(net.edgeCost[d] < net.edgeCost[t])
        #expect(net.edgeSource[d] == 0)
      }
    }
    #expect(abs(net.statistics.ductRouteLength - 200) < 1e-3)
  }

  /// A duct across a field joins two otherwise separate roads at the points nearest
  /// its ends, with its own geometry: 5 m + 490 m + 5 m.
  @Test func ductAwayFromRoadsJoinsThem() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)], [(0, 500), (100, 500)]]),
      ducts: sketch.lines([[(50, 5), (50, 495)]], path: "ducts.geojson"),
      buildings: NetworkSketch.noBuildings, costs: .europeanDefaults)
    #expect(net.statistics.roadComponents == 1)
    let link = sketch.edges(net, sketch.node(net, at: 50, 0), sketch.node(net, at: 50, 500),
                            kind: .ductReuse)
    #expect(link.count == 1)
    if let e = link.first {
      #expect(abs(net.edgeLength[e] - 500) < 1e-3)
      #expect(net.edgeGeometryStart[e + 1] - net.edgeGeometryStart[e] == 4)
    }
    #expect(sketch.count(net, .trench) == 4)
  }

  /// A duct along half of a long straight road covers exactly that half.
  @Test func ductCoveringPartOfASegmentSplitsIt() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (300, 0)]]),
      ducts: sketch.lines([[(0, 5), (150, 5)]], path: "ducts.geojson"),
      buildings: NetworkSketch.noBuildings, costs: .europeanDefaults)
    let start = sketch.node(net, at: 0, 0), end = sketch.node(net, at: 150, 0)
    #expect(sketch.edges(net, start, end, kind: .ductReuse).count == 1)
    #expect(sketch.edges(net, start, end, kind: .trench).count == 1)
    #expect(sketch.edges(net, end, sketch.node(net, at: 300, 0), kind: .trench).count == 1)
    #expect(sketch.count(net, .ductReuse) == 1)
    #expect(abs(net.statistics.ductRouteLength - 150) < 1e-3)
  }

  @Test func ductReachingNoRoadIsIgnored() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]),
      ducts: sketch.lines([[(50, 5), (50, 400)]], path: "ducts.geojson"),
      buildings: NetworkSketch.noBuildings, costs: .europeanDefaults)
    #expect(sketch.count(net, .ductReuse) == 0)
    #expect(net.statistics.ductStretchesUnjoined == 1)
  }

  @Test func buildIsDeterministic() throws {
    func run() throws -> RoadNetwork {
      try NetworkBuilder.build(
        roads: sketch.lines([[(0, 0), (100, 0), (100, 100)], [(50, 2), (50, 80)],
                             [(0, 100), (200, 100)]]),
        buildings: sketch.buildings([(30, 20), (120, 60), (60, 40), (20, 110)]),
        costs: .europeanDefaults)
    }
    let a = try run(), b = try run()
    #expect(a.nodeX == b.nodeX && a.edgeU == b.edgeU && a.edgeV == b.edgeV)
    #expect(a.edgeCost == b.edgeCost && a.geometry == b.geometry && a.nodeComponent == b.nodeComponent)
  }
}
