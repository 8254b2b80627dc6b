import FibreCore
import FibreGraph
import FibreGeo

// Existing ducts become cheaper parallel routes. Two cases, decided per duct segment:
// - along a road (both ends and the middle within `ductSnapDistance` of a road): every
//   road segment whose ends and middle lie within `ductSnapDistance` of a duct, and
//   which runs within 45° of the duct segment nearest its middle (so side streets
//   leaving a ducted road are not taken as covered), gets a parallel `.ductReuse`
//   segment with the same end vertices, so after chain compression
//   each covered street has a trench edge and a duct edge between the same nodes, and
//   buildings along it can be reached through the duct;
// - away from roads (a duct across a field): the maximal run of such segments becomes a
//   `.ductReuse` path with the duct's own geometry, joined at both ends to the road at
//   the points nearest to the run's end vertices (which must lie within
//   `ductSnapDistance`); runs that reach no road at an end are dropped and counted.
// Duct line ends near a road are pinned there too, so that a duct covering part of a
// long road segment still covers the part it runs along.
// Duct edges cost `ductReusePerMetre` per metre of their own length. A duct line with
// no free sub-duct (`free_subducts` 0) is left out; a plan takes one sub-duct of each
// duct line it reuses (a tree runs through a duct once), and duct chains break where the
// duct line changes, so that every duct edge names the one line whose sub-duct it takes.

extension NetworkBuilder {
  /// Duct lines projected to metres; invalid coordinates are skipped.
  package struct DuctLayout {
    package var x: [Double] = []
    package var y: [Double] = []
    package var lonLat: [LonLat] = []
    package var segA: [Int32] = []
    package var segB: [Int32] = []
    package var segLine: [Int32] = []
    /// Duct segments of line i: `lineSegments[i]` (consecutive in `segA`).
    package var lineSegments: [Range<Int>] = []
    /// Lines left out because they have no free sub-duct.
    package var fullLines = 0
  }

  /// A duct run away from roads, from duct vertex `first` to `last` (indices into
  /// `DuctLayout.x`), joined at pins `pinFirst` and `pinLast`.
  package struct DuctStretch {
    package var line: Int32
    package var first: Int
    package var last: Int
    package var pinFirst: Int32
    package var pinLast: Int32
  }

  package static func layOut(ducts: LineLayer, projection: LocalProjection,
                     diagnostics: inout [Diagnostic]) -> DuctLayout {
    var layout = DuctLayout()
    for line in 0..<ducts.usableLineCount {
      let start = layout.segA.count
      if line < ducts.freeSubducts.count && ducts.freeSubducts[line] <= 0 {
        layout.fullLines += 1
        layout.lineSegments.append(start..<start)
        continue
      }
      var previous: Int32 = -1
      var invalid = 0
      for k in ducts.pointRange(line) {
        let p = ducts.points[k]
        let (x, y) = p.isValid ? projection.project(p) : (Double.nan, Double.nan)
        guard x.isFinite, y.isFinite else { invalid += 1; continue }
        if previous >= 0 && layout.x[Int(previous)] == x && layout.y[Int(previous)] == y { continue }
        layout.x.append(x); layout.y.append(y); layout.lonLat.append(p)
        let v = Int32(layout.x.count - 1)
        if previous >= 0 {
          layout.segA.append(previous); layout.segB.append(v); layout.segLine.append(Int32(line))
        }
        previous = v
      }
      if invalid > 0 {
        diagnostics.append(Diagnostic(
          .warning, file: ducts.path, feature: Int(ducts.featureIndex[line]),
          field: "geometry.coordinates", code: "invalid_coordinate",
          "\(invalid) invalid coordinate\(invalid == 1 ? "" : "s") skipped"))
      }
      layout.lineSegments.append(start..<layout.segA.count)
    }
    return layout
  }

  /// Finds duct runs away from roads and asks for pins where they join the road, and
  /// where duct lines end near a road. `pin` numbers the new pins and is advanced past
  /// them. O(D · q) for D duct vertices.
  package static func planStretches(_ layout: DuctLayout, roadGrid: SegmentGrid, draft: RoadDraft,
                            reach: Double, pin: inout Int32, requests: inout [PinRequest],
                            stats: inout NetworkStatistics) -> [DuctStretch] {
    func nearRoad(_ x: Double, _ y: Double) -> SegmentGrid.Hit? {
      roadGrid.nearest(x: x, y: y, maxDistance: reach, x: draft.x, y: draft.y,
                       segA: draft.segA, segB: draft.segB)
    }
    var stretches: [DuctStretch] = []
    for (line, range) in layout.lineSegments.enumerated() where !range.isEmpty {
      for end in [Int(layout.segA[range.lowerBound]), Int(layout.segB[range.upperBound - 1])] {
        if let hit = nearRoad(layout.x[end], layout.y[end]) {
          requests.append(PinRequest(segment: hit.segment, t: hit.t, pin: pin))
          pin += 1
        }
      }
      var s = range.lowerBound
      while s < range.upperBound {
        let a = Int(layout.segA[s]), b = Int(layout.segB[s])
        let along = nearRoad(layout.x[a], layout.y[a]) != nil && nearRoad(layout.x[b], layout.y[b]) != nil
          && nearRoad((layout.x[a] + layout.x[b]) / 2, (layout.y[a] + layout.y[b]) / 2) != nil
        if along { s += 1; continue }
        var end = s
        while end + 1 < range.upperBound {
          let a2 = Int(layout.segA[end + 1]), b2 = Int(layout.segB[end + 1])
          let along2 = nearRoad(layout.x[a2], layout.y[a2]) != nil && nearRoad(layout.x[b2], layout.y[b2]) != nil
            && nearRoad((layout.x[a2] + layout.x[b2]) / 2, (layout.y[a2] + layout.y[b2]) / 2) != nil
          if along2 { break }
          end += 1
        }
        let first = Int(layout.segA[s]), last = Int(layout.segB[end])
        if let h0 = nearRoad(layout.x[first], layout.y[first]),
           let h1 = nearRoad(layout.x[last], layout.y[last]) {
          requests.append(PinRequest(segment: h0.segment, t: h0.t, pin: pin))
          requests.append(PinRequest(segment: h1.segment, t: h1.t, pin: pin + 1))
          stretches.append(DuctStretch(line: Int32(line), first: first, last: last,
                                       pinFirst: pin, pinLast: pin + 1))
          pin += 2
        } else {
          stats.ductStretchesUnjoined += 1
        }
        s = end + 1
      }
    }
    return stretches
  }

  /// Adds the duct routes to the split road draft: stretches away from roads, then a
  /// parallel segment for every road segment that a duct covers. Pole lines
  /// (NetworkBuilder+Aerial) come in the same way, as `kind` `.aerial` with a cost
  /// class per line (`lineClass`, indexed by line). O(S · q).
  package static func addDuctRoutes(_ layout: DuctLayout, stretches: [DuctStretch], pinVertex: [Int32],
                            ductClass: Int32, lineClass: [Int32]? = nil, kind: EdgeKind = .ductReuse,
                            reach: Double, draft: inout RoadDraft) {
    func costClass(_ line: Int32) -> Int32 { lineClass.map { $0[Int(line)] } ?? ductClass }
    for stretch in stretches {
      var from = pinVertex[Int(stretch.pinFirst)]
      for k in stretch.first...stretch.last {
        let v = draft.addVertex(x: layout.x[k], y: layout.y[k], lonLat: layout.lonLat[k])
        draft.addSegment(from, v, source: stretch.line, costClass: costClass(stretch.line), kind: kind)
        from = v
      }
      draft.addSegment(from, pinVertex[Int(stretch.pinLast)], source: stretch.line,
                       costClass: costClass(stretch.line), kind: kind)
    }
    let along = segmentsAlong(layout, draft: draft, reach: reach)
    for s in 0..<along.count where along[s] >= 0 {
      let line = layout.segLine[Int(along[s])]
      draft.addSegment(draft.segA[s], draft.segB[s], source: line, costClass: costClass(line), kind: kind)
    }
  }
}
