@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
import Testing

/// The network build splits its per-point work (projections, dangling-end queries,
/// unprojecting split vertices, placing demand points) over `threads`; the result must
/// not depend on how many.
@Suite struct NetworkThreadsTests {
  let sketch = NetworkSketch()

  /// A 30 × 30 street grid of jittered polylines crossing at shared points, with a
  /// short stub that ends near the next street at every second crossing (dangling ends,
  /// snapped or joined by a connector), and 3,000 buildings scattered over it.
  func region() -> (LineLayer, BuildingLayer) {
    var rng = SplitMix64(seed: 11)
    func jitter() -> Double { Double(rng.next() % 1000) / 1000 - 0.5 }
    var lines: [[(Double, Double)]] = []
    for k in 0..<30 {
      let c = Double(k) * 60
      lines.append((0..<30).map { j in (c + jitter(), Double(j) * 60) })
      lines.append((0..<30).map { j in (Double(j) * 60, c + jitter()) })
    }
    for k in 0..<29 {
      for j in stride(from: 0, to: 29, by: 2) {
        let x = Double(k) * 60 + 20, y = Double(j) * 60 + 10
        lines.append([(x, y), (x + 15, y + 5), (x + 38.5 + jitter(), y + 8)])
      }
    }
    let buildings = (0..<3_000).map { _ in
      (Double(rng.next() % 180_000) / 100 - 30, Double(rng.next() % 180_000) / 100 - 30)
    }
    return (sketch.lines(lines), sketch.buildings(buildings))
  }

  @Test func networkDoesNotDependOnTheThreads() throws {
    let (roads, buildings) = region()
    let pop = sketch.lonLat(700, 700)
    func build(_ threads: Int) throws -> RoadNetwork {
      try NetworkBuilder.build(roads: roads, buildings: buildings, pop: pop, costs: .uniform, threads: threads)
    }
    let one = try build(1), two = try build(2)
    #expect(one.statistics.danglingEndsSnapped > 100)
    #expect(one.nodeCount > 3_000)
    #expect(one.nodeX == two.nodeX && one.nodeY == two.nodeY)
    #expect(one.nodeComponent == two.nodeComponent)
    #expect(one.edgeU == two.edgeU && one.edgeV == two.edgeV && one.edgeKind == two.edgeKind)
    #expect(one.edgeLength == two.edgeLength && one.edgeCost == two.edgeCost)
    #expect(one.edgeSource == two.edgeSource && one.edgeSurfaceClass == two.edgeSurfaceClass)
    #expect(one.edgeGeometryStart == two.edgeGeometryStart && one.geometry == two.geometry)
    #expect(one.buildingNode == two.buildingNode && one.buildingStatus == two.buildingStatus)
    #expect(one.buildingDistanceToRoad == two.buildingDistanceToRoad && one.popNode == two.popNode)
    #expect(one.statistics == two.statistics)
    #expect(!one.geometry.contains { !$0.isValid })
  }
}
