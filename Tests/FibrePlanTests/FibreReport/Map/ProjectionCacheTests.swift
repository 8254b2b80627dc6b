import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreReport

@Suite struct ProjectionCacheTests {
  @Test("The cache gives the projection's own doubles, for positions seen once or again, through growth")
  func cachedEqualsProjected() {
    let projection = LocalProjection(origin: LonLat(lon: 9.52, lat: 47.14))
    var rng = SplitMix64(seed: 7)
    let positions = (0..<300).map { _ in
      LonLat(lon: 9.4 + Double.random(in: 0..<0.3, using: &rng), lat: 47.0 + Double.random(in: 0..<0.3, using: &rng))
    }
    // Capacity 0: the table grows several times on the way.
    var cache = ProjectionCache(projection, capacity: 0)
    for round in 0..<2 {
      for p in positions {
        let q = cache.project(p), r = projection.project(p)
        #expect(q.x.bitPattern == r.x.bitPattern && q.y.bitPattern == r.y.bitPattern, "round \(round)")
      }
    }
  }

  @Test("An inserted projection is returned for exactly its position, and kept when the table grows")
  func insertedIsKeptByExactPosition() {
    let projection = LocalProjection(origin: LonLat(lon: 0, lat: 0))
    var cache = ProjectionCache(projection, capacity: 2)
    let p = LonLat(lon: 1, lat: 2)
    cache.insert(p, (x: 5, y: 6))
    #expect(cache.project(p) == (x: 5, y: 6))
    // The next double is another position: projected, not the inserted value.
    let next = LonLat(lon: 1.0.nextUp, lat: 2)
    #expect(cache.project(next) == projection.project(next))
    cache.reserve(1000)
    #expect(cache.project(p) == (x: 5, y: 6))
  }
}
