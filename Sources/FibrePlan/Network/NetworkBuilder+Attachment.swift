extension NetworkBuilder {
  /// A point to be joined to the road at the nearest point of `segment` (at parameter t).
  struct PinRequest {
    var segment: Int32
    var t: Double
    var pin: Int32
  }

  /// Where each demand point lands: its projected position, the nearest road hit within
  /// reach, and its distance to the nearest road at all (∞ if there is no road).
  struct Placement {
    var x = Double.nan, y = Double.nan
    var hit: SegmentGrid.Hit? = nil
    var distance = Double.infinity
    var valid = false
  }

  /// Finds the nearest road segment for a point; if none lies within `maxDistance`, still
  /// measures the distance to the nearest road (for the report). O(q) per point.
  static func place(_ p: LonLat, projection: LocalProjection, grid: SegmentGrid,
                    draft: RoadDraft, maxDistance: Double) -> Placement {
    var placement = Placement()
    guard p.isValid else { return placement }
    let (x, y) = projection.project(p)
    guard x.isFinite, y.isFinite else { return placement }
    placement.x = x; placement.y = y; placement.valid = true
    if let hit = grid.nearest(x: x, y: y, maxDistance: maxDistance, x: draft.x, y: draft.y,
                              segA: draft.segA, segB: draft.segB) {
      placement.hit = hit
      placement.distance = hit.distance
    } else if let far = grid.nearest(x: x, y: y, maxDistance: .infinity, x: draft.x, y: draft.y,
                                     segA: draft.segA, segB: draft.segB) {
      placement.distance = far.distance
    }
    return placement
  }

  /// Splits segments at all requested points at once: requests on one segment are taken
  /// in order of t, and points within `coincident` metres of each other or of a segment
  /// end share one vertex. Returns the vertex of each pin (-1 if not requested), all
  /// pinned. O(S + k log k).
  static func splitAtPins(_ requests: [PinRequest], pinCount: Int, draft: inout RoadDraft,
                          projection: LocalProjection, coincident: Double) -> [Int32] {
    let order = requests.sorted { ($0.segment, $0.t, $0.pin) < ($1.segment, $1.t, $1.pin) }
    var pinVertex = [Int32](repeating: -1, count: pinCount)
    var splits: [RoadDraft.Split] = []
    splits.reserveCapacity(order.count)
    var previous: Int32? = nil
    var previousSegment: Int32 = -1
    for r in order {
      if r.segment != previousSegment { previous = nil; previousSegment = r.segment }
      let v = draft.splitVertex(segment: Int(r.segment), t: r.t, tolerance: coincident,
                                previous: previous, projection: projection)
      if v != draft.segA[Int(r.segment)] && v != draft.segB[Int(r.segment)] {
        if v != previous { splits.append(RoadDraft.Split(segment: r.segment, t: r.t, vertex: v)) }
        previous = v
      }
      pinVertex[Int(r.pin)] = v
      draft.pinned[Int(v)] = true
    }
    draft.apply(splits: splits)
    return pinVertex
  }
}
