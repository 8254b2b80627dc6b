import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct LocalProjectionTests {
  /// Vincenty's own worked example (Flinders Peak – Buninyong, Australia), 54 972.271 m,
  /// so the reference itself is checked before it judges the projection.
  @Test func vincentyReferenceMatchesPublishedExample() {
    let flinders = (lon: 144 + 25 / 60.0 + 29.52440 / 3600, lat: -(37 + 57 / 60.0 + 3.72030 / 3600))
    let buninyong = (lon: 143 + 55 / 60.0 + 35.38390 / 3600, lat: -(37 + 39 / 60.0 + 10.15610 / 3600))
    #expect(abs(GeodesicReference.vincenty(flinders, buninyong) - 54_972.271) < 0.002)
  }

  /// On the central meridian y is the meridian arc: 4 984 944.378 m from the equator to
  /// 45° on WGS84 (a standard geodetic value), which checks the rectifying radius.
  @Test func meridianArcTo45Degrees() {
    let projection = LocalProjection(origin: LonLat(lon: 9, lat: 0))
    let p = projection.project(LonLat(lon: 9, lat: 45))
    #expect(abs(p.y - 4_984_944.378) < 0.01)
    #expect(abs(p.x) < 1e-9)
  }

  @Test func originMapsToZeroAndAxesPointEastNorth() {
    let projection = LocalProjection(origin: LonLat(lon: 9.52, lat: 47.14))
    let o = projection.project(projection.origin)
    #expect(abs(o.x) < 1e-9 && abs(o.y) < 1e-9)
    let east = projection.project(LonLat(lon: 9.53, lat: 47.14))
    let north = projection.project(LonLat(lon: 9.52, lat: 47.15))
    #expect(east.x > 700 && abs(east.y) < 10)
    #expect(north.y > 1100 && abs(north.x) < 1e-9)
  }

  @Test func movingTheOriginMovesTheFalseOrigin() {
    var projection = LocalProjection(origin: LonLat(lon: 9.52, lat: 47.14))
    projection.origin = LonLat(lon: 16.0, lat: 48.2)
    let o = projection.project(LonLat(lon: 16.0, lat: 48.2))
    #expect(abs(o.x) < 1e-9 && abs(o.y) < 1e-9)
    #expect(projection == LocalProjection(origin: LonLat(lon: 16.0, lat: 48.2)))
  }

  @Test func fittingCentresOnTheBox() {
    var box = BoundingBox()
    box.add(LonLat(lon: 9.47, lat: 47.04)); box.add(LonLat(lon: 9.64, lat: 47.27))
    let projection = LocalProjection(fitting: box)
    #expect(projection.origin == box.center)
    let c = projection.project(box.center)
    #expect(abs(c.x) < 1e-9 && abs(c.y) < 1e-9)
  }

  /// Points across a square 100 km wide centred at each latitude: projected Euclidean
  /// distance within 0.1 % of the ellipsoidal (Vincenty) distance, and within 0.1 % plus
  /// the sphere's own error (≤ 0.5 %) of haversine.
  @Test(arguments: [47.0, 51.0, 63.0])
  func distancesWithinOneTenthPercentOver100Km(latitude: Double) {
    let centre = LonLat(lon: 9.5, lat: latitude)
    let projection = LocalProjection(origin: centre)
    let halfLat = 50_000 / 111_200.0
    let halfLon = 50_000 / (111_320 * cos(latitude * .pi / 180))
    var points: [LonLat] = []
    for i in 0...4 {
      for j in 0...4 {
        points.append(LonLat(lon: centre.lon - halfLon + Double(i) * halfLon / 2,
                             lat: centre.lat - halfLat + Double(j) * halfLat / 2))
      }
    }
    var worst = 0.0
    for p in points {
      for q in points where p != q {
        let a = projection.project(p), b = projection.project(q)
        let planar = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        let ellipsoidal = GeodesicReference.vincenty((p.lon, p.lat), (q.lon, q.lat))
        let spherical = GeodesicReference.haversine((p.lon, p.lat), (q.lon, q.lat))
        worst = max(worst, abs(planar - ellipsoidal) / ellipsoidal)
        #expect(abs(planar - spherical) / spherical < 0.006)
      }
    }
    #expect(worst < 0.001)
    // Transverse Mercator's scale error at 50 km from the meridian is 3·10⁻⁵.
    #expect(worst < 1e-4)
  }

  @Test(arguments: [47.0, 51.0, 63.0])
  func roundTripWithin1e7Degrees(latitude: Double) {
    let projection = LocalProjection(origin: LonLat(lon: -3.2, lat: latitude))
    var rng = ProjectionTestRandom(seed: 7)
    for _ in 0..<500 {
      let p = LonLat(lon: -3.2 + Double.random(in: -1.2...1.2, using: &rng),
                     lat: latitude + Double.random(in: -0.5...0.5, using: &rng))
      let (x, y) = projection.project(p)
      let back = projection.unproject(x: x, y: y)
      #expect(abs(back.lon - p.lon) < 1e-7 && abs(back.lat - p.lat) < 1e-7)
    }
  }

  @Test func crossesTheAntimeridian() {
    let projection = LocalProjection(origin: LonLat(lon: 179.9, lat: -17))
    let (x, y) = projection.project(LonLat(lon: -179.9, lat: -17))
    #expect(abs(x - 21_300) < 200 && abs(y) < 50)
    let back = projection.unproject(x: x, y: y)
    #expect(abs(back.lon - -179.9) < 1e-9)
  }
}

/// A seeded generator for reproducible tests (the engine's SplitMix64).
private typealias ProjectionTestRandom = SplitMix64
