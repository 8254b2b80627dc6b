import FibreCore
import FibreGraph
import FibreGeo

/// Where cable may not go and where trench is cheaper: `layers.forbidden` (polygons and
/// lines: no trench inside) and `layers.preferred` (lines such as planned roadworks:
/// trench along them costs `TrenchCostModel.preferredFactor` × its price).
public struct RoutingAreas: Sendable {
  public var forbidden: AreaLayer?
  public var preferred: LineLayer?
  /// Pole lines that fibre can be lashed to (NetworkBuilder+Aerial), used unless
  /// `NetworkOptions.aerial` is off.
  public var aerial: AerialLayer? = nil
  /// Railways and waterways that drops cross by a bore (NetworkBuilder+Barriers).
  public var barriers: BarrierLayer? = nil
  public init(forbidden: AreaLayer? = nil, preferred: LineLayer? = nil) {
    self.forbidden = forbidden
    self.preferred = preferred
  }
}

// Road segments are cut where they cross a forbidden polygon's rings; a piece is
// forbidden when its middle lies inside a polygon, or when it runs along a forbidden line (within `ductSnapDistance`
// at both ends and the middle, within 45°, as ducts are matched). Forbidden segments
// are removed before demand points are placed, so nothing attaches to them; a demand
// point inside a polygon, whose drop would cross one, or whose only road within reach
// is forbidden, gets `.forbiddenArea`.

extension NetworkBuilder {
  /// Forbidden polygons in metres, with bounding boxes for a quick reject.
  package struct NoGoZones {
    package var x: [Double] = []
    package var y: [Double] = []
    package var ringStart: [Int32] = [0]
    package var polygonRingStart: [Int32] = [0]
    package var box: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []

    package init(_ layer: AreaLayer, projection: LocalProjection) {
      for i in 0..<layer.polygonCount {
        var b = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for r in Int(layer.polygonRingStart[i])..<Int(layer.polygonRingStart[i + 1]) {
          for k in Int(layer.ringStart[r])..<Int(layer.ringStart[r + 1]) {
            let (px, py) = projection.project(layer.points[k])
            x.append(px); y.append(py)
            b = (min(b.minX, px), min(b.minY, py), max(b.maxX, px), max(b.maxY, py))
          }
          ringStart.append(Int32(x.count))
        }
        polygonRingStart.append(Int32(ringStart.count - 1))
        box.append(b)
      }
    }

    package var isEmpty: Bool { box.isEmpty }

    /// The polygon whose interior holds (px, py), even-odd over its rings (PNPOLY).
    package func polygon(containing px: Double, _ py: Double) -> Int? {
      for i in box.indices where px >= box[i].minX && px <= box[i].maxX && py >= box[i].minY && py <= box[i].maxY {
        var inside = false
        for r in Int(polygonRingStart[i])..<Int(polygonRingStart[i + 1]) {
          let lo = Int(ringStart[r]), hi = Int(ringStart[r + 1])
          var a = hi - 1
          for b in lo..<hi {
            if (y[a] > py) != (y[b] > py) && px < x[a] + (py - y[a]) * (x[b] - x[a]) / (y[b] - y[a]) {
              inside.toggle()
            }
            a = b
          }
        }
        if inside { return i }
      }
      return nil
    }

    /// Splits every segment where it crosses a polygon ring, so that each piece lies
    /// wholly inside or wholly outside (its middle tells which). O(S · ring points of
    /// the boxes each segment overlaps).
    package func splitAtBoundaries(_ draft: inout RoadDraft, projection: LocalProjection) {
      var splits: [RoadDraft.Split] = []
      for s in 0..<draft.segmentCount {
        let a = Int(draft.segA[s]), b = Int(draft.segB[s])
        let ax = draft.x[a], ay = draft.y[a], rx = draft.x[b] - ax, ry = draft.y[b] - ay
        for i in box.indices where max(ax, ax + rx) >= box[i].minX && min(ax, ax + rx) <= box[i].maxX
          && max(ay, ay + ry) >= box[i].minY && min(ay, ay + ry) <= box[i].maxY {
          for r in Int(polygonRingStart[i])..<Int(polygonRingStart[i + 1]) {
            let lo = Int(ringStart[r]), hi = Int(ringStart[r + 1])
            var c = hi - 1
            for d in lo..<hi {
              let ex = x[d] - x[c], ey = y[d] - y[c]
              let den = rx * ey - ry * ex
              if den != 0 {
                let t = ((x[c] - ax) * ey - (y[c] - ay) * ex) / den
                let u = ((x[c] - ax) * ry - (y[c] - ay) * rx) / den
                if t > 1e-9 && t < 1 - 1e-9 && u >= 0 && u <= 1 {
                  let v = draft.addVertex(x: ax + t * rx, y: ay + t * ry,
                                          lonLat: projection.unproject(x: ax + t * rx, y: ay + t * ry))
                  splits.append(RoadDraft.Split(segment: Int32(s), t: t, vertex: v))
                }
              }
              c = d
            }
          }
        }
      }
      if !splits.isEmpty { draft.apply(splits: splits) }
    }

    /// Whether the straight piece from a to b enters any polygon: an end inside, or it
    /// meets a ring edge (touching counts). O(ring points of the boxes it overlaps).
    package func isEntered(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
      if polygon(containing: ax, ay) != nil || polygon(containing: bx, by) != nil { return true }
      func orient(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Double {
        (qx - px) * (ry - py) - (qy - py) * (rx - px)
      }
      for i in box.indices where max(ax, bx) >= box[i].minX && min(ax, bx) <= box[i].maxX
        && max(ay, by) >= box[i].minY && min(ay, by) <= box[i].maxY {
        for r in Int(polygonRingStart[i])..<Int(polygonRingStart[i + 1]) {
          let lo = Int(ringStart[r]), hi = Int(ringStart[r + 1])
          var c = hi - 1
          for d in lo..<hi {
            let o1 = orient(ax, ay, bx, by, x[c], y[c]), o2 = orient(ax, ay, bx, by, x[d], y[d])
            let o3 = orient(x[c], y[c], x[d], y[d], ax, ay), o4 = orient(x[c], y[c], x[d], y[d], bx, by)
            if o1 * o2 <= 0 && o3 * o4 <= 0
              && max(x[c], x[d]) >= min(ax, bx) && min(x[c], x[d]) <= max(ax, bx)
              && max(y[c], y[d]) >= min(ay, by) && min(y[c], y[d]) <= max(ay, by) {
              return true
            }
            c = d
          }
        }
      }
      return false
    }
  }

  /// For each trench segment of the draft, the line segment of `layout` it runs along
  /// (both ends and the middle within `reach`, directions within 45°), else -1. O(S · q).
  package static func segmentsAlong(_ layout: DuctLayout, draft: RoadDraft, reach: Double) -> [Int32] {
    var along = [Int32](repeating: -1, count: draft.segmentCount)
    guard !layout.segA.isEmpty else { return along }
    let grid = SegmentGrid(x: layout.x, y: layout.y, segA: layout.segA, segB: layout.segB, include: { _ in true })
    func near(_ x: Double, _ y: Double) -> SegmentGrid.Hit? {
      grid.nearest(x: x, y: y, maxDistance: reach, x: layout.x, y: layout.y, segA: layout.segA, segB: layout.segB)
    }
    for s in 0..<draft.segmentCount where draft.segKind[s] == .trench {
      let a = Int(draft.segA[s]), b = Int(draft.segB[s])
      guard near(draft.x[a], draft.y[a]) != nil, near(draft.x[b], draft.y[b]) != nil,
            let middle = near((draft.x[a] + draft.x[b]) / 2, (draft.y[a] + draft.y[b]) / 2)
      else { continue }
      let d = Int(middle.segment)
      let dA = Int(layout.segA[d]), dB = Int(layout.segB[d])
      let rx = draft.x[b] - draft.x[a], ry = draft.y[b] - draft.y[a]
      let ux = layout.x[dB] - layout.x[dA], uy = layout.y[dB] - layout.y[dA]
      let dot = rx * ux + ry * uy
      // |cos θ| ≥ cos 45°, without square roots.
      guard 2 * dot * dot >= (rx * rx + ry * ry) * (ux * ux + uy * uy) else { continue }
      along[s] = Int32(d)
    }
    return along
  }

  /// Applies the areas to the noded roads: forbidden segments are removed (and
  /// returned as a draft of their own, to tell "forbidden" from "no road" later),
  /// preferred segments get a `<class> preferred` cost class. Throws `.data` if a
  /// forbidden polygon covers the POP. O(S · (q + ring points nearby)).
  package static func applyAreas(_ areas: RoutingAreas, pop: LonLat?, costs: TrenchCostModel,
                                 options: NetworkOptions, projection: LocalProjection,
                                 draft: inout RoadDraft, classes: inout CostClasses,
                                 diagnostics: inout [Diagnostic]) throws -> (zones: NoGoZones?, removed: RoadDraft) {
    var removedDraft = RoadDraft()
    var zones: NoGoZones? = nil
    if let forbidden = areas.forbidden {
      if let pop, let i = forbidden.polygon(containing: pop) {
        let name = forbidden.polygonName[i].isEmpty ? "" : " ('\(forbidden.polygonName[i])')"
        throw FibrePlanError(.data, "\(forbidden.path): feature \(forbidden.polygonFeature[i])\(name): "
          + "forbidden area covers the POP")
      }
      let z = NoGoZones(forbidden, projection: projection)
      if !z.isEmpty { z.splitAtBoundaries(&draft, projection: projection) }
      let lineLayout = layOut(ducts: forbidden.lines, projection: projection, diagnostics: &diagnostics)
      let alongLine = segmentsAlong(lineLayout, draft: draft, reach: options.ductSnapDistance)
      var removed = [Bool](repeating: false, count: draft.segmentCount)
      for s in 0..<draft.segmentCount where draft.segKind[s] == .trench {
        let a = Int(draft.segA[s]), b = Int(draft.segB[s])
        removed[s] = alongLine[s] >= 0
          || z.polygon(containing: (draft.x[a] + draft.x[b]) / 2, (draft.y[a] + draft.y[b]) / 2) != nil
      }
      removedDraft = draft.keeping { removed[$0] }
      draft = draft.keeping { !removed[$0] }
      zones = z.isEmpty ? nil : z
    }
    if let preferred = areas.preferred {
      let layout = layOut(ducts: preferred, projection: projection, diagnostics: &diagnostics)
      let along = segmentsAlong(layout, draft: draft, reach: options.ductSnapDistance)
      for s in 0..<draft.segmentCount where along[s] >= 0 {
        let c = Int(draft.segClass[s])
        draft.segClass[s] = classes.intern(classes.names[c] + " preferred", classes.perMetre[c] * costs.preferredFactor)
      }
    }
    return (zones, removedDraft)
  }
}

extension RoadDraft {
  /// The draft with only the segments for which `keep` holds (all vertices kept). O(S).
  package func keeping(_ keep: (Int) -> Bool) -> RoadDraft {
    var out = RoadDraft()
    out.x = x; out.y = y; out.lonLat = lonLat; out.pinned = pinned
    for s in 0..<segmentCount where keep(s) {
      out.addSegment(segA[s], segB[s], source: segSource[s], costClass: segClass[s], kind: segKind[s])
    }
    return out
  }
}

extension NetworkBuilder {
  /// Marks the first `count` placements (buildings, then sites; not the POP) that are
  /// reachable only through a forbidden area, and clears their road hit so that they
  /// are not attached: a point inside a polygon, a drop that would enter one, or no
  /// allowed road within `reach` while a removed one is. O(n · (q + ring points)).
  package static func markForbidden(_ placements: inout [Placement], count: Int, zones: NoGoZones?,
                                    removed: RoadDraft, draft: RoadDraft, reach: Double) -> [Bool] {
    var forbidden = [Bool](repeating: false, count: placements.count)
    guard zones != nil || removed.segmentCount > 0 else { return forbidden }
    let removedGrid = removed.grid { _ in true }
    for i in 0..<min(count, placements.count) where placements[i].valid {
      let p = placements[i]
      var blocked = false
      if let zones {
        if zones.polygon(containing: p.x, p.y) != nil {
          blocked = true
        } else if let hit = p.hit {
          let foot = draft.point(onSegment: Int(hit.segment), t: hit.t)
          blocked = zones.isEntered(p.x, p.y, foot.x, foot.y)
        }
      }
      if !blocked && p.hit == nil && removed.segmentCount > 0 {
        blocked = removedGrid.nearest(x: p.x, y: p.y, maxDistance: reach, x: removed.x, y: removed.y,
                                      segA: removed.segA, segB: removed.segB) != nil
      }
      if blocked {
        forbidden[i] = true
        placements[i].hit = nil
      }
    }
    return forbidden
  }
}
