import FibreCore
import FibreGraph
import FibreGeo

extension NetworkBuilder {
  /// Joins each dangling line end (a vertex used by one segment) to the nearest segment
  /// of another line within `options.danglingSnap`, splitting that segment. An end
  /// within `snapTolerance` of the segment is moved onto it; a farther one gets a short
  /// connector of its own line's class. Ends are handled in vertex order and degrees
  /// are updated as they go, so two ends facing each other are joined once.
  /// O(D · q) for D dangling ends and q the cost of a grid query. The queries read only
  /// the segments as noded, which the joins leave alone until the end, so they run first
  /// on `threads` workers; the joins are then made in vertex order as before.
  package static func snapDanglingEnds(draft: inout RoadDraft, options: NetworkOptions,
                               projection: LocalProjection, stats: inout NetworkStatistics,
                               threads: Int = 1) {
    guard options.danglingSnap > 0, draft.segmentCount > 0 else { return }
    let vertexCount = draft.vertexCount, segmentCount = draft.segmentCount
    var degree = [Int32](repeating: 0, count: vertexCount)
    var onlySegment = [Int32](repeating: -1, count: vertexCount)
    for s in 0..<segmentCount {
      let a = Int(draft.segA[s]), b = Int(draft.segB[s])
      degree[a] += 1; degree[b] += 1
      onlySegment[a] = Int32(s); onlySegment[b] = Int32(s)
    }
    // Only a vertex of degree 1 now can have degree 1 later: joins raise the degree of
    // segment ends and new split vertices, and set a merged end's to 0.
    let ends = (0..<Int32(vertexCount)).filter { degree[Int($0)] == 1 }
    let hits = danglingHits(ends, onlySegment: onlySegment, draft: draft, reach: options.danglingSnap,
                            threads: threads)
    var joins = DanglingJoins(vertexCount: vertexCount, segmentCount: segmentCount, degree: consume degree,
                              newVertices: ends.count, tolerance: max(options.snapTolerance, 0))
    for (k, v32) in ends.enumerated() where joins.degree[Int(v32)] == 1 {
      guard let hit = hits[k] else { continue }
      let v = Int(v32), own = Int(onlySegment[v])
      let target = joins.resolve(joins.target(of: hit, draft: &draft))
      if target == v32 { continue }
      joins.join(v32, to: target, own: Int32(own), snapped: hit.distance <= joins.tolerance)
      stats.danglingEndsSnapped += 1
    }

    draft.unprojectVertices(from: vertexCount, projection: projection, threads: threads)
    let classes = draft.segClass, sources = draft.segSource
    draft.apply(splits: joins.splits, alias: joins.alias)
    for c in joins.connectors {
      draft.addSegment(c.v, joins.resolve(c.to), source: sources[Int(c.segment)],
                       costClass: classes[Int(c.segment)], kind: .trench)
    }
  }
}

extension NetworkBuilder {
  /// The segment of another line nearest to each dangling end within `reach`, in the
  /// order of `ends`, on up to `threads` workers (runs of the ends; each query is
  /// independent). Skips the end's own line and the segments at its neighbour when its
  /// own segment is at most `reach` long (they are that close anyway).
  private static func danglingHits(_ ends: [Int32], onlySegment: [Int32], draft: RoadDraft, reach: Double,
                                   threads: Int) -> [SegmentGrid.Hit?] {
    let grid = draft.grid { _ in true }
    let runs = max(1, min(threads, ends.count / 256))
    return orderedParallelMap(runs, threads: runs) { r in
      ends[r * ends.count / runs ..< (r + 1) * ends.count / runs].map { v32 -> SegmentGrid.Hit? in
        let v = Int(v32), own = Int(onlySegment[v])
        let ownLine = draft.segSource[own]
        let w = draft.segA[own] == v32 ? draft.segB[own] : draft.segA[own]
        let neighbourClose = draft.length(own) <= reach
        let segA = draft.segA, segB = draft.segB, source = draft.segSource
        return grid.nearest(
          x: draft.x[v], y: draft.y[v], maxDistance: reach, x: draft.x, y: draft.y, segA: segA, segB: segB,
          skip: { s in
            source[s] == ownLine || segA[s] == v32 || segB[s] == v32
              || (neighbourClose && (segA[s] == w || segB[s] == w))
          })
      }
    }.flatMap { $0 }
  }
}

/// The joins of dangling ends made so far: vertices merged into others (`alias`),
/// segments split where an end lands on them, and connectors for ends farther than the
/// snap tolerance.
private struct DanglingJoins {
  var degree: [Int32]
  var alias: [Int32]
  var splits: [RoadDraft.Split] = []
  // Splits already made on each segment, as a linked list through `splitNext`.
  var splitHead: [Int32]
  var splitNext: [Int32] = []
  var connectors: [(v: Int32, to: Int32, segment: Int32)] = []
  let tolerance: Double

  /// `newVertices`: at most how many split vertices the joins add (one per end), room
  /// made up front so that the per-vertex arrays are not copied while they grow.
  init(vertexCount: Int, segmentCount: Int, degree: consuming [Int32], newVertices: Int, tolerance: Double) {
    degree.reserveCapacity(vertexCount + newVertices)
    self.degree = degree
    alias = []
    alias.reserveCapacity(vertexCount + newVertices)
    alias.append(contentsOf: 0..<Int32(vertexCount))
    splitHead = [Int32](repeating: -1, count: segmentCount)
    self.tolerance = tolerance
  }

  func resolve(_ v: Int32) -> Int32 {
    var r = v
    while Int(r) < alias.count && alias[Int(r)] != r { r = alias[Int(r)] }
    return r
  }

  /// The vertex an end joins on the hit segment: an end of it or an earlier split
  /// within the tolerance, else a new split vertex.
  mutating func target(of hit: SegmentGrid.Hit, draft: inout RoadDraft) -> Int32 {
    let s = Int(hit.segment)
    let p = draft.point(onSegment: s, t: hit.t)
    func near(_ u: Int32) -> Bool {
      let dx = draft.x[Int(u)] - p.x, dy = draft.y[Int(u)] - p.y
      return dx * dx + dy * dy <= tolerance * tolerance
    }
    if near(draft.segA[s]) { return draft.segA[s] }
    if near(draft.segB[s]) { return draft.segB[s] }
    var k = splitHead[s]
    while k >= 0 {
      if near(splits[Int(k)].vertex) { return splits[Int(k)].vertex }
      k = splitNext[Int(k)]
    }
    // Its WGS84 position is set with the others' once all ends are joined.
    let target = draft.addVertex(x: p.x, y: p.y, lonLat: LonLat(lon: .nan, lat: .nan))
    alias.append(target); degree.append(0)
    splits.append(RoadDraft.Split(segment: Int32(s), t: hit.t, vertex: target))
    splitNext.append(splitHead[s])
    splitHead[s] = Int32(splits.count - 1)
    degree[Int(target)] = 2
    return target
  }

  /// Merges `v` into `target` (within the tolerance) or records a connector to it.
  mutating func join(_ v: Int32, to target: Int32, own: Int32, snapped: Bool) {
    if snapped {
      alias[Int(v)] = target
      degree[Int(target)] += 1
      degree[Int(v)] = 0
    } else {
      connectors.append((v, target, own))
      degree[Int(target)] += 1
      degree[Int(v)] += 1
    }
  }
}
