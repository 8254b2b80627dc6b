import FibreCore
import FibreGraph
import FibreGeo

extension NetworkBuilder {
  /// A point to be joined to the road at the nearest point of `segment` (at parameter t).
  package struct PinRequest {
    package var segment: Int32
    package var t: Double
    package var pin: Int32
  }

  /// Where each demand point lands: its projected position, the nearest road hit within
  /// reach, and its distance to the nearest road at all (∞ if there is no road).
  package struct Placement {
    package var x = Double.nan, y = Double.nan
    package var hit: SegmentGrid.Hit? = nil
    package var distance = Double.infinity
    package var valid = false
  }

  /// Places every point: the nearest road segment within `maxDistance` (the last point
  /// uses `lastMaxDistance` instead, for the POP), else the distance to the nearest road
  /// at all. Queries run in grid-cell order for cache locality; results are stored by
  /// input index, so the order does not show. With `threads` ≥ 2 the cells are split
  /// into that many runs, one per worker; every query is independent, so the placements
  /// are the same. O(n log n + n · q).
  package static func placeAll(_ points: [LonLat], projection: LocalProjection, grid: SegmentGrid,
                       draft: RoadDraft, maxDistance: Double, lastMaxDistance: Double? = nil,
                       threads: Int = 1) -> [Placement] {
    let projected = projectAll(points, projection: projection, threads: threads)
    var placements = [Placement](repeating: Placement(), count: points.count)
    var keys: [UInt64] = []
    keys.reserveCapacity(points.count)
    for (i, p) in points.enumerated() where p.isValid {
      let x = projected[i].x, y = projected[i].y
      guard x.isFinite, y.isFinite else { continue }
      placements[i].x = x; placements[i].y = y; placements[i].valid = true
      keys.append(UInt64(grid.cellIndex(x: x, y: y)) << 32 | UInt64(i))
    }
    keys.sort()
    let found = nearestRoads(keys, of: placements, last: points.count - 1, maxDistance: maxDistance,
                             lastMaxDistance: lastMaxDistance, grid: grid, draft: draft, threads: threads)
    for (key, f) in zip(keys, found) {
      let i = Int(key & 0xFFFF_FFFF)
      placements[i].hit = f.hit
      placements[i].distance = f.distance
    }
    return placements
  }

  /// The nearest road of each placement in `keys` (cell order), in that order, on up to
  /// `threads` workers, each a run of the keys. A function of its own so that
  /// `placements` is only borrowed, and not copied when the caller writes the hits in.
  private static func nearestRoads(_ keys: [UInt64], of placements: [Placement], last: Int, maxDistance: Double,
                                   lastMaxDistance: Double?, grid: SegmentGrid, draft: RoadDraft,
                                   threads: Int) -> [(hit: SegmentGrid.Hit?, distance: Double)] {
    let runs = max(1, min(threads, keys.count / 4096))
    return orderedParallelMap(runs, threads: runs) { r in
      keys[r * keys.count / runs ..< (r + 1) * keys.count / runs].map { key in
        let i = Int(key & 0xFFFF_FFFF)
        let reach = (lastMaxDistance != nil && i == last) ? lastMaxDistance! : maxDistance
        return nearestRoad(x: placements[i].x, y: placements[i].y, within: reach, grid: grid, draft: draft)
      }
    }.flatMap { $0 }
  }

  /// The nearest road segment within `reach`, else the distance to the nearest at all.
  private static func nearestRoad(x: Double, y: Double, within reach: Double, grid: SegmentGrid,
                                  draft: RoadDraft) -> (hit: SegmentGrid.Hit?, distance: Double) {
    if let hit = grid.nearest(x: x, y: y, maxDistance: reach, x: draft.x, y: draft.y, segA: draft.segA, segB: draft.segB) {
      return (hit, hit.distance)
    }
    let far = grid.nearest(x: x, y: y, maxDistance: .infinity, x: draft.x, y: draft.y, segA: draft.segA, segB: draft.segB)
    return (nil, far?.distance ?? .infinity)
  }

  /// Splits segments at all requested points at once: requests on one segment are taken
  /// in order of t, and points within `coincident` metres of each other or of a segment
  /// end share one vertex. Returns the vertex of each pin (-1 if not requested), all
  /// pinned. New vertices are unprojected at the end on `threads` workers.
  /// O(S + k log k).
  package static func splitAtPins(_ requests: [PinRequest], pinCount: Int, draft: inout RoadDraft,
                          projection: LocalProjection, coincident: Double, threads: Int = 1) -> [Int32] {
    let order = requests.sorted { ($0.segment, $0.t, $0.pin) < ($1.segment, $1.t, $1.pin) }
    var pinVertex = [Int32](repeating: -1, count: pinCount)
    var splits: [RoadDraft.Split] = []
    splits.reserveCapacity(order.count)
    var previous: Int32? = nil
    var previousSegment: Int32 = -1
    let firstNew = draft.vertexCount
    for r in order {
      if r.segment != previousSegment { previous = nil; previousSegment = r.segment }
      let v = draft.splitVertex(segment: Int(r.segment), t: r.t, tolerance: coincident, previous: previous)
      if v != draft.segA[Int(r.segment)] && v != draft.segB[Int(r.segment)] {
        if v != previous { splits.append(RoadDraft.Split(segment: r.segment, t: r.t, vertex: v)) }
        previous = v
      }
      pinVertex[Int(r.pin)] = v
      draft.pinned[Int(v)] = true
    }
    draft.unprojectVertices(from: firstNew, projection: projection, threads: threads)
    draft.apply(splits: splits)
    return pinVertex
  }
}
