import FibreCore
import FibreGraph
import FibreGeo

/// Working state of `NetworkBuilder`: planar vertices (metres, with their WGS84
/// position) and straight segments between them. Segments keep the road or duct line
/// they came from and its cost class, so chains can later be compressed into edges.
package struct RoadDraft {
  package var x: [Double] = []
  package var y: [Double] = []
  package var lonLat: [LonLat] = []
  /// Vertices that must stay graph nodes (attachment and duct joining points).
  package var pinned: [Bool] = []

  package var segA: [Int32] = []
  package var segB: [Int32] = []
  package var segSource: [Int32] = []
  package var segClass: [Int32] = []
  package var segKind: [EdgeKind] = []

  package var vertexCount: Int { x.count }
  package var segmentCount: Int { segA.count }

  /// Room for `count` vertices in every vertex column.
  package mutating func reserveVertices(_ count: Int) {
    x.reserveCapacity(count); y.reserveCapacity(count)
    lonLat.reserveCapacity(count); pinned.reserveCapacity(count)
  }

  @discardableResult
  package mutating func addVertex(x: Double, y: Double, lonLat: LonLat) -> Int32 {
    self.x.append(x); self.y.append(y); self.lonLat.append(lonLat); pinned.append(false)
    return Int32(self.x.count - 1)
  }

  package mutating func addSegment(_ a: Int32, _ b: Int32, source: Int32, costClass: Int32, kind: EdgeKind) {
    guard a != b else { return }
    segA.append(a); segB.append(b); segSource.append(source); segClass.append(costClass)
    segKind.append(kind)
  }

  @inline(__always)
  package func length(_ s: Int) -> Double {
    let a = Int(segA[s]), b = Int(segB[s])
    let dx = x[b] - x[a], dy = y[b] - y[a]
    return (dx * dx + dy * dy).squareRoot()
  }

  @inline(__always)
  package func point(onSegment s: Int, t: Double) -> (x: Double, y: Double) {
    let a = Int(segA[s]), b = Int(segB[s])
    return (x[a] + t * (x[b] - x[a]), y[a] + t * (y[b] - y[a]))
  }

  package func grid(where include: (Int) -> Bool) -> SegmentGrid {
    SegmentGrid(x: x, y: y, segA: segA, segB: segB, include: include)
  }

  /// A vertex to be inserted into a segment at parameter t.
  package struct Split {
    package var segment: Int32
    package var t: Double
    package var vertex: Int32
  }

  /// The vertex at parameter `t` of segment `s`: an end vertex if within `tolerance` of
  /// it, else `previous` (the last vertex inserted into `s`) if within `tolerance`, else a
  /// new vertex. A new vertex's WGS84 position is left NaN for `unprojectVertices`, which
  /// does them all at once on several workers. O(1) amortised.
  package mutating func splitVertex(segment s: Int, t: Double, tolerance: Double, previous: Int32?) -> Int32 {
    let p = point(onSegment: s, t: t)
    let a = Int(segA[s]), b = Int(segB[s])
    func near(_ v: Int) -> Bool {
      let dx = x[v] - p.x, dy = y[v] - p.y
      return dx * dx + dy * dy <= tolerance * tolerance
    }
    let len = length(s)
    if t * len <= tolerance && near(a) { return Int32(a) }
    if (1 - t) * len <= tolerance && near(b) { return Int32(b) }
    if let previous, near(Int(previous)) { return previous }
    return addVertex(x: p.x, y: p.y, lonLat: LonLat(lon: .nan, lat: .nan))
  }

  /// Sets the WGS84 position of vertices `first...` from their planar one, on `threads`
  /// workers: the inverse projection's trigonometry dominates splitting at pins, and
  /// each vertex is independent.
  package mutating func unprojectVertices(from first: Int, projection: LocalProjection, threads: Int) {
    let count = vertexCount - first
    guard count > 0 else { return }
    let xs = x, ys = y
    let fresh = parallelArray(count, threads: count < 1024 ? 1 : threads) { i in
      projection.unproject(x: xs[first + i], y: ys[first + i])
    }
    lonLat.replaceSubrange(first..., with: fresh)
  }

  /// Replaces every segment that has splits by the chain through its split vertices in
  /// order of t, and renames vertices through `alias` (a vertex maps to `alias[v]` until
  /// a fixed point). Segment order is kept, so the result is deterministic.
  /// O(S + k log k) for S segments and k splits.
  package mutating func apply(splits: [Split], alias: [Int32]? = nil) {
    let order = splits.sorted {
      ($0.segment, $0.t, $0.vertex) < ($1.segment, $1.t, $1.vertex)
    }
    func resolve(_ v: Int32) -> Int32 {
      guard let alias else { return v }
      var r = v, steps = 0
      while alias[Int(r)] != r && steps < alias.count { r = alias[Int(r)]; steps += 1 }
      return r
    }
    var out = RoadDraft()
    out.x = x; out.y = y; out.lonLat = lonLat; out.pinned = pinned
    out.segA.reserveCapacity(segA.count + splits.count)
    out.segB.reserveCapacity(segA.count + splits.count)
    var k = 0
    for s in segA.indices {
      let source = segSource[s], cls = segClass[s], kind = segKind[s]
      var from = resolve(segA[s])
      while k < order.count && Int(order[k].segment) < s { k += 1 }
      while k < order.count && Int(order[k].segment) == s {
        let v = resolve(order[k].vertex)
        if v != from { out.addSegment(from, v, source: source, costClass: cls, kind: kind); from = v }
        k += 1
      }
      out.addSegment(from, resolve(segB[s]), source: source, costClass: cls, kind: kind)
    }
    self = out
  }
}
