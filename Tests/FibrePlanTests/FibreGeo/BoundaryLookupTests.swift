import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct BoundaryLookupTests {
  /// Municipality 0: a 4×4 square with a 2×2 hole; municipality 1: the hole plus a
  /// separate unit square at (10, 10).
  func handMade() throws -> BoundaryLayer {
    BoundaryLayer(try readGeoJSON(collection(
      feature(#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}"#, #"{"name":"Outer"}"#),
      feature(#"{"type":"MultiPolygon","coordinates":[[[[1,1],[3,1],[3,3],[1,3],[1,1]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}"#, #"{"name":"Inner"}"#)
    )))
  }

  @Test func evenOddLookupByHand() throws {
    let layer = try handMade()
    #expect(layer.names == ["Outer", "Inner"])
    #expect(layer.municipalityRingStart == [0, 2, 4])
    let index = MunicipalityIndex(layer)
    let cases: [(LonLat, Int?)] = [
      (LonLat(lon: 0.5, lat: 0.5), 0), (LonLat(lon: 3.5, lat: 2), 0), (LonLat(lon: 2, lat: 2), 1),
      (LonLat(lon: 10.5, lat: 10.5), 1), (LonLat(lon: 5, lat: 5), nil), (LonLat(lon: -1, lat: 0), nil),
      (LonLat(lon: 2, lat: 3.5), 0), (LonLat(lon: 10.5, lat: 9), nil),
    ]
    for (p, expected) in cases {
      #expect(layer.municipality(containing: p) == expected, "\(p)")
      #expect(index.municipality(containing: p) == expected, "\(p)")
    }
  }

  @Test func indexAgreesWithLinearScanOnRandomPoints() throws {
    var layers = [try handMade()]
    if SharedMaps.available {
      layers.append(try BoundaryLayer.read(path: SharedMaps.path("liechtenstein/boundaries.geojson")))
    }
    var rng = SplitMix64(seed: 11)
    for layer in layers {
      let index = MunicipalityIndex(layer)
      var box = BoundingBox()
      for p in layer.points { box.add(p) }
      var hits = 0
      for _ in 0..<1000 {
        let p = LonLat(lon: Double.random(in: box.minLon - 0.01...box.maxLon + 0.01, using: &rng),
                       lat: Double.random(in: box.minLat - 0.01...box.maxLat + 0.01, using: &rng))
        let expected = layer.municipality(containing: p)
        #expect(index.municipality(containing: p) == expected)
        if expected != nil { hits += 1 }
      }
      #expect(hits > 100)
      // Vertices themselves must not crash either.
      for p in layer.points.prefix(500) { _ = index.municipality(containing: p) }
    }
  }
}
