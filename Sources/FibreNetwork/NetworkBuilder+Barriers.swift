import FibreCore
import FibreGraph
import FibreGeo

// Drops under railways and waterways (issue 17, item 2). A drop is the straight
// segment from a demand point to its snap point on the road; it crosses a barrier line
// when the two segments properly intersect (orientation tests: O'Rourke, "Computational
// Geometry in C", §1.5). Each barrier line a drop crosses is one bore, priced
// `crossingRail` or `crossingWater`, and becomes a `.crossing` segment of no length
// between the pin's vertex and a vertex of its own, as road crossings are
// (NetworkBuilder+Sides), so plans count and price them the same way.

extension NetworkBuilder {
  /// Barrier lines in metres, with a grid over their segments.
  package struct BarrierCrossings {
    /// Pin → barrier lines its drop crosses (empty for most), with their cost class.
    package var crossed: [[(line: Int32, costClass: Int32)]] = []
    package var isEmpty: Bool { crossed.allSatisfy(\.isEmpty) }
  }

  /// Finds the barrier lines each attached building's and site's drop crosses, on the
  /// unsplit draft. Lines of a kind priced 0 are ignored. O(D · q) for D demand points.
  package static func barrierCrossings(_ barriers: BarrierLayer, placements: [Placement], demandCount: Int,
                                       projection: LocalProjection, draft: RoadDraft, costs: TrenchCostModel,
                                       classes: inout CostClasses) -> BarrierCrossings {
    var result = BarrierCrossings()
    result.crossed = Array(repeating: [], count: placements.count)
    var x: [Double] = [], y: [Double] = [], segA: [Int32] = [], segB: [Int32] = [], segLine: [Int32] = []
    let railClass = costs.crossingRail > 0 ? classes.intern("crossing rail", costs.crossingRail) : -1
    let waterClass = costs.crossingWater > 0 ? classes.intern("crossing water", costs.crossingWater) : -1
    for line in 0..<barriers.count where (barriers.kinds[line] == .rail ? railClass : waterClass) >= 0 {
      for k in barriers.lines.pointRange(line) {
        let (px, py) = projection.project(barriers.lines.points[k])
        x.append(px); y.append(py)
        if k > barriers.lines.pointRange(line).lowerBound {
          segA.append(Int32(x.count - 2)); segB.append(Int32(x.count - 1)); segLine.append(Int32(line))
        }
      }
    }
    guard !segA.isEmpty else { return result }
    let grid = SegmentGrid(x: x, y: y, segA: segA, segB: segB, include: { _ in true })
    for pin in 0..<min(demandCount, placements.count) {
      guard let hit = placements[pin].hit else { continue }
      let p = (x: placements[pin].x, y: placements[pin].y)
      let q = draft.point(onSegment: Int(hit.segment), t: hit.t)
      let half = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot() / 2
      var lines: [Int32] = []
      // Visits every barrier segment within reach of the drop's middle; `skip` sees
      // each one and always answers true, so the search covers the whole radius.
      _ = grid.nearest(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2, maxDistance: half + 1e-9,
                       x: x, y: y, segA: segA, segB: segB) { s in
        let a = Int(segA[s]), b = Int(segB[s])
        if !lines.contains(segLine[s]),
           properlyIntersect(p, q, (x[a], y[a]), (x[b], y[b])) { lines.append(segLine[s]) }
        return true
      }
      result.crossed[pin] = lines.sorted().map {
        ($0, barriers.kinds[Int($0)] == .rail ? railClass : waterClass)
      }
    }
    return result
  }

  /// Whether segments p1–p2 and p3–p4 cross at a point interior to both.
  @inline(__always)
  package static func properlyIntersect(_ p1: (x: Double, y: Double), _ p2: (x: Double, y: Double),
                                        _ p3: (x: Double, y: Double), _ p4: (x: Double, y: Double)) -> Bool {
    func orient(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ c: (x: Double, y: Double)) -> Double {
      (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }
    let d1 = orient(p3, p4, p1), d2 = orient(p3, p4, p2), d3 = orient(p1, p2, p3), d4 = orient(p1, p2, p4)
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  }

  /// Puts a crossing segment between each pin and the road for every barrier its drop
  /// crosses (the pin moves to the crossing's far vertex). O(crossings).
  package static func addBarrierCrossings(_ crossings: BarrierCrossings, pinVertex: inout [Int32],
                                          draft: inout RoadDraft) {
    for pin in crossings.crossed.indices {
      for (line, costClass) in crossings.crossed[pin] {
        let v = pinVertex[pin]
        let far = draft.addVertex(x: draft.x[Int(v)], y: draft.y[Int(v)], lonLat: draft.lonLat[Int(v)])
        draft.pinned[Int(far)] = true
        draft.pinned[Int(v)] = true
        draft.addSegment(far, v, source: line, costClass: costClass, kind: .crossing)
        pinVertex[pin] = far
      }
    }
  }
}
