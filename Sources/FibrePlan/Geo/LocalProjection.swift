/// A local metric projection for a region up to a few hundred km across.
/// SKELETON: declared here; the implementation (and its accuracy test) belongs to the
/// Network work package.
public struct LocalProjection: Sendable, Equatable {
  public var origin: LonLat
  public init(origin: LonLat) { self.origin = origin }
}
