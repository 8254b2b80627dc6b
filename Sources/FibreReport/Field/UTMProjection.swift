import Foundation

/// WGS84 to UTM metres, for the QGIS project's extent in its metric CRS.
/// Transverse Mercator series of Snyder, "Map Projections: A Working Manual" (USGS PP
/// 1395, 1987, eqs. 8-9 to 8-10): millimetre-exact within a zone, plenty for an extent.
package enum UTMProjection {
  package static func project(lon: Double, lat: Double, zone: Int, north: Bool) -> (x: Double, y: Double) {
    let a = 6_378_137.0, f = 1 / 298.257_223_563, k0 = 0.9996
    let e2 = f * (2 - f), e4 = e2 * e2, e6 = e4 * e2, ep2 = e2 / (1 - e2)
    let phi = lat * .pi / 180
    let lambda0 = Double(zone * 6 - 183) * .pi / 180
    let s = sin(phi), c = cos(phi), t = tan(phi)
    let n = a / (1 - e2 * s * s).squareRoot()
    let tt = t * t, cc = ep2 * c * c, aa = (lon * .pi / 180 - lambda0) * c
    let m = a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
      - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * sin(2 * phi)
      + (15 * e4 / 256 + 45 * e6 / 1024) * sin(4 * phi)
      - (35 * e6 / 3072) * sin(6 * phi))
    let a2 = aa * aa, a3 = a2 * aa, a4 = a3 * aa, a5 = a4 * aa, a6 = a5 * aa
    let x = k0 * n * (aa + (1 - tt + cc) * a3 / 6 + (5 - 18 * tt + tt * tt + 72 * cc - 58 * ep2) * a5 / 120) + 500_000
    let y = k0 * (m + n * t * (a2 / 2 + (5 - tt + 9 * cc + 4 * cc * cc) * a4 / 24
      + (61 - 58 * tt + tt * tt + 600 * cc - 330 * ep2) * a6 / 720))
    return (x, north ? y : y + 10_000_000)
  }
}
