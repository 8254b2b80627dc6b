import Foundation

/// Reference distances for projection tests: Vincenty's inverse on the WGS84 ellipsoid
/// (Vincenty 1975, Survey Review 23) and haversine on the mean-radius sphere.
enum GeodesicReference {
  static let a = 6_378_137.0
  static let f = 1 / 298.257_223_563
  static let b = a * (1 - f)
  static let meanRadius = 6_371_008.8

  /// Ellipsoidal distance in metres; sub-millimetre for non-antipodal points.
  static func vincenty(_ p: (lon: Double, lat: Double), _ q: (lon: Double, lat: Double)) -> Double {
    let rad = Double.pi / 180
    let l = (q.lon - p.lon) * rad
    let u1 = atan((1 - f) * tan(p.lat * rad)), u2 = atan((1 - f) * tan(q.lat * rad))
    let sinU1 = sin(u1), cosU1 = cos(u1), sinU2 = sin(u2), cosU2 = cos(u2)
    var lambda = l
    var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cos2Alpha = 0.0, cos2SigmaM = 0.0
    for _ in 0..<200 {
      let sinLambda = sin(lambda), cosLambda = cos(lambda)
      let t1 = cosU2 * sinLambda, t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
      sinSigma = (t1 * t1 + t2 * t2).squareRoot()
      if sinSigma == 0 { return 0 }
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
      sigma = atan2(sinSigma, cosSigma)
      let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
      cos2Alpha = 1 - sinAlpha * sinAlpha
      cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0
      let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
      let previous = lambda
      lambda = l + (1 - c) * f * sinAlpha
        * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
      if abs(lambda - previous) < 1e-13 { break }
    }
    let uSq = cos2Alpha * (a * a - b * b) / (b * b)
    let bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
    let bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
    let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4
      * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
        - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
    return b * bigA * (sigma - deltaSigma)
  }

  static func haversine(_ p: (lon: Double, lat: Double), _ q: (lon: Double, lat: Double)) -> Double {
    let rad = Double.pi / 180
    let dLat = (q.lat - p.lat) * rad, dLon = (q.lon - p.lon) * rad
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.lat * rad) * cos(q.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * meanRadius * asin(min(1, h.squareRoot()))
  }
}
