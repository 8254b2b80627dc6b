import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct NetworkNodingTests {
  let sketch = NetworkSketch()

  func build(_ lines: [[(Double, Double)]], options: NetworkOptions = NetworkOptions())
    throws -> RoadNetwork {
    try NetworkBuilder.build(roads: sketch.lines(lines), buildings: NetworkSketch.noBuildings,
                             costs: NetworkSketch.uniform, options: options)
  }

  /// A cross whose arms share the centre vertex: 4 arms meeting at one node.
  @Test func crossingLinesSharingAVertexAreNoded() throws {
    let net = try build([[(-100, 0), (0, 0), (100, 0)], [(0, -100), (0, 0), (0, 100)]])
    #expect(net.nodeCount == 5)
    #expect(net.edgeCount == 4)
    #expect(net.statistics.roadComponents == 1)
    let centre = sketch.node(net, at: 0, 0)
    #expect(centre != nil)
    for (x, y) in [(-100.0, 0.0), (100, 0), (0, -100), (0, 100)] {
      let arm = sketch.edges(net, centre, sketch.node(net, at: x, y))
      #expect(arm.count == 1)
      if let e = arm.first { #expect(abs(net.edgeLength[e] - 100) < 1e-3) }
    }
  }

  /// Vertices 0.4 m apart lie within the 1 m tolerance and become one node.
  @Test func verticesWithinToleranceAreMerged() throws {
    let net = try build([[(-100, 0), (0, 0), (100, 0)], [(0, -100), (0.24, 0.32), (0, 100)]])
    #expect(net.nodeCount == 5)
    #expect(net.edgeCount == 4)
    #expect(net.statistics.roadComponents == 1)
  }

  /// Vertices 5 m apart stay apart: the lines cross without a shared vertex (a bridge).
  @Test func verticesBeyondToleranceStaySeparate() throws {
    let net = try build([[(-100, 0), (0, 0), (100, 0)], [(0, -100), (3, 4), (0, 100)]])
    #expect(net.nodeCount == 4)
    #expect(net.edgeCount == 2)
    #expect(net.statistics.roadComponents == 2)
    #expect(Set(net.nodeComponent) == [0, 1])
  }

  /// A road ending 2 m short of another is joined by a 2 m connector at the foot of
  /// the perpendicular, which splits the through road into two edges.
  @Test func danglingEndSnapsOntoSegment() throws {
    let net = try build([[(0, 0), (200, 0)], [(100, 2), (100, 100)]])
    #expect(net.statistics.danglingEndsSnapped == 1)
    #expect(net.nodeCount == 4)
    #expect(net.edgeCount == 3)
    let foot = sketch.node(net, at: 100, 0)
    let west = sketch.edges(net, sketch.node(net, at: 0, 0), foot)
    let east = sketch.edges(net, foot, sketch.node(net, at: 200, 0))
    let branch = sketch.edges(net, foot, sketch.node(net, at: 100, 100))
    #expect(west.count == 1 && east.count == 1 && branch.count == 1)
    if let b = branch.first {
      #expect(abs(net.edgeLength[b] - 100) < 1e-3)  // 2 m connector + 98 m of road
      let g = net.geometry[Int(net.edgeGeometryStart[b])..<Int(net.edgeGeometryStart[b + 1])]
      #expect(g.count == 3)
    }
    #expect(net.statistics.roadComponents == 1)
  }

  /// An end within the snap tolerance is moved onto the segment (no connector).
  @Test func danglingEndWithinToleranceMovesOntoSegment() throws {
    let net = try build([[(0, 0), (200, 0)], [(100, 0.5), (100, 100)]])
    #expect(net.nodeCount == 4 && net.edgeCount == 3)
    let branch = sketch.edges(net, sketch.node(net, at: 100, 0), sketch.node(net, at: 100, 100))
    #expect(branch.count == 1)
    if let b = branch.first { #expect(abs(net.edgeLength[b] - 100) < 1e-3) }
  }

  /// Two roads whose ends face each other 2 m apart are joined once, end to end, by a
  /// 2 m connector: one edge of 202 m, no loop.
  @Test func facingDanglingEndsJoinOnce() throws {
    let net = try build([[(0, 0), (100, 0)], [(102, 0), (202, 0)]])
    #expect(net.statistics.danglingEndsSnapped == 1)
    #expect(net.nodeCount == 2 && net.edgeCount == 1)
    #expect(abs(net.edgeLength[0] - 202) < 1e-3)
  }

  /// An end 2 m beside another road's end vertex (off its line) joins at that vertex.
  @Test func danglingEndJoinsANearbyEndVertex() throws {
    let net = try build([[(0, 0), (100, 0), (200, 0)], [(100, 2), (100, 100)]])
    #expect(net.statistics.danglingEndsSnapped == 1)
    #expect(net.nodeCount == 4 && net.edgeCount == 3)
    let branch = sketch.edges(net, sketch.node(net, at: 100, 0), sketch.node(net, at: 100, 100))
    #expect(branch.count == 1)
  }

  @Test func danglingEndBeyondReachStaysLoose() throws {
    let net = try build([[(0, 0), (200, 0)], [(100, 5), (100, 100)]])
    #expect(net.statistics.danglingEndsSnapped == 0)
    #expect(net.statistics.roadComponents == 2)
    #expect(net.diagnostics.contains { $0.code == "road_components" })
  }

  /// A line whose last segment is short must not snap back onto its own line.
  @Test func danglingEndIgnoresItsOwnLine() throws {
    let net = try build([[(0, 0), (100, 0), (100, 2)]])
    #expect(net.statistics.danglingEndsSnapped == 0)
    #expect(net.edgeCount == 1 && net.nodeCount == 2)
  }

  /// Degree-2 vertices vanish into one edge, but not across a change of cost class.
  @Test func chainsCompressWithinOneCostClass() throws {
    let roads = sketch.lines([[(0, 0), (50, 10), (100, 0)], [(100, 0), (150, 10), (200, 0)],
                              [(200, 0), (300, 0)]],
                             highway: ["residential", "residential", "track"])
    let net = try NetworkBuilder.build(roads: roads, buildings: NetworkSketch.noBuildings,
                                       costs: .europeanDefaults)
    #expect(net.nodeCount == 3)
    #expect(net.edgeCount == 2)
    let residential = sketch.edges(net, sketch.node(net, at: 0, 0), sketch.node(net, at: 200, 0))
    #expect(residential.count == 1)
    if let e = residential.first {
      let length = 4 * (50.0 * 50 + 100).squareRoot()
      #expect(abs(net.edgeLength[e] - length) < 1e-3)
      #expect(abs(net.edgeCost[e] - 90 * length) < 1e-2)
      #expect(net.surfaceClasses[Int(net.edgeSurfaceClass[e])] == "highway=residential")
      #expect(net.edgeGeometryStart[e + 1] - net.edgeGeometryStart[e] == 5)
    }
  }

  /// A closed ring with no junction still becomes a (self-loop) edge.
  @Test func isolatedRingKeepsOneNode() throws {
    let net = try build([[(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]])
    #expect(net.nodeCount == 1 && net.edgeCount == 1)
    #expect(abs(net.edgeLength[0] - 400) < 1e-3)
  }

  @Test func componentsAreSortedLargestFirst() throws {
    let net = try build([[(0, 0), (100, 0)],
                         [(0, 500), (100, 500), (200, 500)],
                         [(0, 1000), (100, 1000)], [(100, 1000), (100, 1100)],
                         [(100, 1000), (200, 1000)]])
    // Components: the star (4 nodes), then the two single edges (2 nodes each).
    #expect(net.statistics.roadComponents == 3)
    #expect(net.nodeComponent[Int(sketch.node(net, at: 100, 1000)!)] == 0)
    #expect(net.nodeComponent[Int(sketch.node(net, at: 0, 0)!)] == 1)
    #expect(net.nodeComponent[Int(sketch.node(net, at: 0, 500)!)] == 2)
  }

  @Test func invalidCoordinatesAreSkippedWithADiagnostic() throws {
    var roads = sketch.lines([[(0, 0), (50, 0), (100, 0)]])
    roads.points[1] = LonLat(lon: .nan, lat: 47)
    let net = try NetworkBuilder.build(roads: roads, buildings: NetworkSketch.noBuildings,
                                       costs: .uniform)
    #expect(net.edgeCount == 1)
    #expect(net.statistics.invalidRoadCoordinates == 1)
    #expect(net.diagnostics.contains { $0.code == "invalid_coordinate" && $0.feature == 0 })
  }

  @Test func unusableRoadsThrowDataError() {
    var roads = sketch.lines([[(0, 0), (0.2, 0)]])
    #expect(throws: FibrePlanError.self) {
      try NetworkBuilder.build(roads: roads, buildings: NetworkSketch.noBuildings, costs: .uniform)
    }
    roads = LineLayer(path: "empty.geojson")
    do {
      _ = try NetworkBuilder.build(roads: roads, buildings: NetworkSketch.noBuildings, costs: .uniform)
      Issue.record("expected an error")
    } catch let error as FibrePlanError {
      #expect(error.kind == .data)
      #expect(error.message.hasPrefix("empty.geojson"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}

@Suite struct NetworkOptionsTests {
  let sketch = NetworkSketch()

  /// Nonsense settings must not trap: NaN means default, negative means 0, and an
  /// infinite snap tolerance merges every vertex, which leaves no road (a data error).
  @Test(arguments: [Double.nan, -5, 0, .infinity])
  func oddOptionsDoNotTrap(value: Double) throws {
    let options = NetworkOptions(snapTolerance: value, danglingSnap: value, maxDropLength: value,
                                 ductSnapDistance: value)
    if value == .infinity {
      #expect(throws: FibrePlanError.self) {
        try NetworkBuilder.build(roads: sketch.lines([[(0, 0), (100, 0)]]),
                                 buildings: sketch.buildings([(20, 10)]), costs: .uniform,
                                 options: options)
      }
      return
    }
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)], [(50, 2), (50, 50)]]),
      ducts: sketch.lines([[(0, 3), (100, 3)]], path: "ducts.geojson"),
      buildings: sketch.buildings([(20, 10)]), costs: .europeanDefaults, options: options)
    #expect(net.statistics.roadLinesUsed == 2)
    #expect(net.buildingStatus.count == 1)
  }
}
