import Foundation
import FibreCore
import FibreGraph

/// A local metric projection for a region up to a few hundred km across: transverse
/// Mercator on the WGS84 ellipsoid, central meridian through `origin`, scale 1 on that
/// meridian and false origin at `origin` (so `project(origin) == (0, 0)`).
///
/// Krüger's series to sixth order in the third flattening n (Karney 2011, "Transverse
/// Mercator with an accuracy of a few nanometers", J. Geodesy 85). The projection is
/// conformal; its scale grows as 1 + x²/(2R²), i.e. 3·10⁻⁵ at 50 km from the central
/// meridian and 0.03 % at 150 km, so distances stay within 0.1 % across a region
/// 400 km wide.
public struct LocalProjection: Sendable, Equatable {
  public var origin: LonLat {
    didSet { northingOfOrigin = Self.meridianProject(latitude: origin.lat * Self.degree, lambda: 0).y }
  }

  // Derived from `origin`; Equatable compares them too, which is harmless because they
  // are a pure function of it.
  private var northingOfOrigin: Double = 0

  public init(origin: LonLat) {
    self.origin = origin
    self.northingOfOrigin = 0
    self.northingOfOrigin = Self.meridianProject(latitude: origin.lat * Self.degree, lambda: 0).y
  }

  /// The projection centred on the box (`box.center`). An empty box gives origin (0, 0).
  public init(fitting box: BoundingBox) {
    if box.isEmpty || !box.center.isValid {
      self.init(origin: LonLat(lon: 0, lat: 0))
    } else {
      self.init(origin: box.center)
    }
  }

  /// Metres east (x) and north (y) of the origin. O(1).
  @inline(__always)
  public func project(_ p: LonLat) -> (x: Double, y: Double) {
    var dLon = p.lon - origin.lon
    if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
    let r = Self.meridianProject(latitude: p.lat * Self.degree, lambda: dLon * Self.degree)
    return (r.x, r.y - northingOfOrigin)
  }

  /// The inverse of `project`, accurate to far below a millimetre. O(1).
  public func unproject(x: Double, y: Double) -> LonLat {
    let xi = (y + northingOfOrigin) / Self.rectifyingRadius
    let eta = x / Self.rectifyingRadius
    let (dXi, dEta) = Self.clenshaw(Self.beta, xi, eta)
    let xiP = xi - dXi, etaP = eta - dEta
    let sinhEta = sinh(etaP)
    let cosXi = cos(xiP)
    let lambda = atan2(sinhEta, cosXi)
    let tauP = sin(xiP) / (sinhEta * sinhEta + cosXi * cosXi).squareRoot()
    let tau = Self.tau(fromConformal: tauP)
    var lon = origin.lon + lambda / Self.degree
    if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
    return LonLat(lon: lon, lat: atan(tau) / Self.degree)
  }

  // MARK: - WGS84 constants and Krüger coefficients

  private static let degree = Double.pi / 180
  private static let a = 6_378_137.0
  private static let f = 1 / 298.257_223_563
  private static let e2 = f * (2 - f)
  private static let e = e2.squareRoot()
  private static let n = f / (2 - f)
  /// A, the radius of the rectifying sphere: a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256).
  private static let rectifyingRadius: Double = {
    let n2 = n * n
    return a / (1 + n) * (1 + n2 / 4 + n2 * n2 / 64 + n2 * n2 * n2 / 256)
  }()

  /// Forward series coefficients α₁…α₆ (Karney 2011, eq. 35).
  private static let alpha: (Double, Double, Double, Double, Double, Double) = {
    let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
    return (
      n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
      13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1_983_433 * n6 / 1_935_360,
      61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167_603 * n6 / 181_440,
      49561 * n4 / 161_280 - 179 * n5 / 168 + 6_601_661 * n6 / 7_257_600,
      34729 * n5 / 80640 - 3_418_889 * n6 / 1_995_840,
      212_378_941 * n6 / 319_334_400
    )
  }()

  /// Inverse series coefficients β₁…β₆ (Karney 2011, eq. 36).
  private static let beta: (Double, Double, Double, Double, Double, Double) = {
    let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
    return (
      n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604_800,
      n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1_118_711 * n6 / 3_870_720,
      17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
      4397 * n4 / 161_280 - 11 * n5 / 504 - 830_251 * n6 / 7_257_600,
      4583 * n5 / 161_280 - 108_847 * n6 / 3_991_680,
      20_648_693 * n6 / 638_668_800
    )
  }()

  /// Transverse Mercator of (φ, λ) relative to the central meridian, without false
  /// northing, in metres.
  @inline(__always)
  private static func meridianProject(latitude phi: Double, lambda: Double) -> (x: Double, y: Double) {
    let tauP = conformal(tau: tan(phi))
    let cosLambda = cos(lambda)
    let xiP = atan2(tauP, cosLambda)
    let etaP = asinh(sin(lambda) / (tauP * tauP + cosLambda * cosLambda).squareRoot())
    let (dXi, dEta) = clenshaw(alpha, xiP, etaP)
    let xi = xiP + dXi, eta = etaP + dEta
    return (rectifyingRadius * eta, rectifyingRadius * xi)
  }

  /// Σⱼ cⱼ sin(2jζ) for complex ζ = ξ + iη, returned as (real, imaginary) parts, by
  /// Clenshaw summation (Clenshaw 1955): four transcendental calls instead of four per term.
  @inline(__always)
  private static func clenshaw(_ c: (Double, Double, Double, Double, Double, Double),
                               _ xi: Double, _ eta: Double) -> (Double, Double) {
    let s2 = sin(2 * xi), c2 = cos(2 * xi)
    let e2eta = exp(2 * eta), e2etaInv = 1 / e2eta
    let sh2 = (e2eta - e2etaInv) / 2, ch2 = (e2eta + e2etaInv) / 2
    // sin 2ζ = sin 2ξ cosh 2η + i cos 2ξ sinh 2η; 2 cos 2ζ = 2(cos 2ξ cosh 2η − i sin 2ξ sinh 2η).
    let ar = 2 * c2 * ch2, ai = -2 * s2 * sh2
    var y0r = 0.0, y0i = 0.0, y1r = 0.0, y1i = 0.0
    for k in stride(from: 5, through: 0, by: -1) {
      let coefficient: Double
      switch k {
      case 0: coefficient = c.0
      case 1: coefficient = c.1
      case 2: coefficient = c.2
      case 3: coefficient = c.3
      case 4: coefficient = c.4
      default: coefficient = c.5
      }
      // y_k = c_k + (2 cos 2ζ) y_{k+1} − y_{k+2}
      let yr = coefficient + ar * y0r - ai * y0i - y1r
      let yi = ar * y0i + ai * y0r - y1i
      y1r = y0r; y1i = y0i; y0r = yr; y0i = yi
    }
    let sr = s2 * ch2, si = c2 * sh2
    return (sr * y0r - si * y0i, sr * y0i + si * y0r)
  }

  /// τ′ = tan χ (conformal latitude) from τ = tan φ (Karney 2011, eqs. 7–9).
  @inline(__always)
  private static func conformal(tau: Double) -> Double {
    let tau1 = (1 + tau * tau).squareRoot()
    let sigma = sinh(e * atanh(e * tau / tau1))
    return tau * (1 + sigma * sigma).squareRoot() - sigma * tau1
  }

  /// τ from τ′ by Newton's method (Karney 2011, eqs. 19–21); converges in 2–3 steps.
  private static func tau(fromConformal tauP: Double) -> Double {
    var tau = tauP / (1 - e2)
    for _ in 0..<8 {
      let tauPi = conformal(tau: tau)
      let d = (tauP - tauPi) * (1 + (1 - e2) * tau * tau)
        / ((1 - e2) * (1 + tau * tau).squareRoot() * (1 + tauPi * tauPi).squareRoot())
      tau += d
      if abs(d) <= 1e-15 * max(1, abs(tau)) { break }
    }
    return tau
  }
}
