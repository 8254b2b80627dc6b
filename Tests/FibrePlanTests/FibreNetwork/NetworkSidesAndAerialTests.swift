import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork

/// Road sides, crossing edges and aerial edges in the built network (issue 17), on
/// sketches whose answers can be worked out by hand.
@Suite struct NetworkSidesAndAerialTests {
  let sketch = NetworkSketch()

  /// Road (0,0)–(100,0) eastwards; A (30,20) and B (60,20) north (left), C (80,-20)
  /// south: the trench side is north, so C alone crosses, once, at 300 EUR.
  @Test func theFarSideHomeCrossesOnce() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]),
      buildings: sketch.buildings([(30, 20), (60, 20), (80, -20)]), costs: .europeanDefaults)
    let crossings = (0..<net.edgeCount).filter { net.edgeKind[$0] == .crossing }
    #expect(crossings.count == 1)
    guard let c = crossings.first else { return }
    #expect(net.edgeLength[c] == 0)
    #expect(net.edgeCost[c] == 300)
    #expect(net.statistics.crossingEdges == 1)
    // C's drop ends where the crossing starts; A's and B's drops end on the road.
    func dropEnd(_ b: Int) -> Int32? {
      (0..<net.edgeCount).first { net.edgeKind[$0] == .drop && net.edgeU[$0] == net.buildingNode[b] }
        .map { net.edgeV[$0] }
    }
    let far = dropEnd(2)
    #expect(far == net.edgeU[c] || far == net.edgeV[c])
    for b in 0..<2 { #expect(dropEnd(b) != net.edgeU[c] && dropEnd(b) != net.edgeV[c]) }
  }

  @Test func aHandBuiltCostModelPricesNoCrossing() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]),
      buildings: sketch.buildings([(30, 20), (60, 20), (80, -20)]), costs: .uniform)
    #expect(!net.edgeKind.contains(.crossing))
  }

  /// The same homes on a primary road: its line gets a second side, one trench edge
  /// per stretch between pins, and every home's pin a crossing to the other side.
  @Test func aPrimaryRoadGetsASecondSide() throws {
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]], highway: ["primary"]),
      buildings: sketch.buildings([(30, 20), (60, 20), (80, -20)]), costs: .europeanDefaults)
    #expect(net.statistics.bothSidesLines == 1)
    // First side 0–30–60–80–100 (4 edges) and its copy (both ends are dead ends, so
    // copied too): 8 trench edges, 200 m of road.
    #expect(sketch.count(net, .trench) == 8)
    #expect(abs(net.statistics.roadLength - 200) < 1e-6)
    #expect(sketch.count(net, .crossing) == 3)
  }

  /// A pole line along the road from (0,0) to (100,0) with 3 poles: a parallel aerial
  /// edge costing 100 × 20 + 3 × 500 = 3,500 beside the 100 × 90 trench edge; a pole line
  /// across the field from (100,0) to (100,200) to (0,200) joins the road at (100,0)
  /// only, so it reaches no road at its far end and is left out with a warning.
  @Test func aPoleLineAlongTheRoadIsAParallelAerialEdge() throws {
    var aerial = AerialLayer(lines: sketch.lines([[(0, 0), (100, 0)], [(100, 0), (100, 200), (0, 200)]],
                                                 path: "aerial.geojson"))
    aerial.poles = [3, -1]
    var areas = RoutingAreas()
    areas.aerial = aerial
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]), buildings: NetworkSketch.noBuildings, areas: areas,
      costs: .europeanDefaults)
    let edges = sketch.edges(net, sketch.node(net, at: 0, 0), sketch.node(net, at: 100, 0), kind: .aerial)
    #expect(edges.count == 1)
    if let e = edges.first {
      #expect(abs(net.edgeCost[e] - 3_500) < 1e-6)
      #expect(abs(net.aerialPoles(perMetreOf: Int32(e)) * net.edgeLength[e] - 3) < 1e-9)
    }
    #expect(net.statistics.aerialStretchesUnjoined == 1)
    #expect(net.diagnostics.contains { $0.code == "aerial_unjoined" })
  }

  /// `--no-aerial`: the layer is ignored.
  @Test func aerialOffLeavesNoAerialEdge() throws {
    var areas = RoutingAreas()
    areas.aerial = AerialLayer(lines: sketch.lines([[(0, 0), (100, 0)]], path: "aerial.geojson"))
    var options = NetworkOptions()
    options.aerial = false
    let net = try NetworkBuilder.build(
      roads: sketch.lines([[(0, 0), (100, 0)]]), buildings: NetworkSketch.noBuildings, areas: areas,
      costs: .europeanDefaults, options: options)
    #expect(!net.edgeKind.contains(.aerial))
  }
}
