import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct VertexGridTests {
  @Test("The ring search finds the same nearest vertex as brute force, also outside the grid")
  func nearestMatchesBruteForce() throws {
    var rng = SplitMix64(seed: 42)
    var grid = VertexGrid(width: 2_000, cell: 250)
    var xs: [Double] = [], ys: [Double] = []
    for _ in 0..<300 {
      let x = rng.uniform(0, 2_000), y = rng.uniform(0, 2_000)
      grid.insert(x, y)
      xs.append(x)
      ys.append(y)
    }
    for _ in 0..<500 {
      let x = rng.uniform(-600, 2_600), y = rng.uniform(-600, 2_600)
      let found = try #require(grid.nearest(x, y))
      var best = Double.infinity
      for k in xs.indices { best = min(best, ((xs[k] - x) * (xs[k] - x) + (ys[k] - y) * (ys[k] - y)).squareRoot()) }
      #expect(abs(found.distance - best) < 1e-9)
    }
    #expect(VertexGrid(width: 100, cell: 250).nearest(1, 1) == nil)
  }
}
