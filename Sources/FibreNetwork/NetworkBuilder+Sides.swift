import FibreCore
import FibreGraph
import FibreGeo

// Sides of the road and drop crossings (issue 17, item 2).
//
// A demand point's side of its road is the sign of the cross product of the road
// segment's direction (as digitised) and the drop vector from the snap point to the
// point (the standard orientation test, e.g. O'Rourke, "Computational Geometry in C",
// §1.5); points within `onRoad` metres of the road's line are on it and cross nothing.
// The trench runs on one side of each road line (OSM way): the side with more
// households attached to that line (ties: left), which needs the fewest crossings.
// A drop to the other side crosses the road once: its pin gets its own vertex, joined
// to the road vertex by a `.crossing` segment (no length; priced by the road's class),
// so the crossing is an edge the optimiser pays for like any other.
//
// On roads of a class in `NetworkOptions.bothSidesHighways` the line is also copied as
// a second-side trench (same geometry and price, joined to the first side only where
// the line meets other roads), far-side pins sit on the copy and near-side pins on the
// first side, each joined to the other side by a crossing. The optimiser then trenches
// the second side exactly where that costs less than the crossings it saves.
//
// Lines whose crossing price is 0 (hand-built cost models) get neither.

extension NetworkBuilder {
  /// Perpendicular distance (metres) under which a point counts as on its road.
  package static let onRoad = 0.5

  /// Sides of the demand pins, decided on the unsplit draft (placements point into it).
  package struct RoadSides {
    /// Pin → road line whose side is known (a priced road, off its centre line), or -1.
    package var line: [Int32] = []
    /// Whether the pin is across its road from the road's trench.
    package var far: [Bool] = []
    /// Road line → crossing cost class (name `crossing highway=<value>`), or -1 (no price).
    package var crossingClass: [Int32] = []
    package var isEmpty: Bool { !far.contains(true) }
  }

  /// Decides the side of every attached building and site (pins `0 ..< demandCount`),
  /// the trench side of every road line, and which pins are across their road. The
  /// per-pin orientation tests run on `threads` workers; the weights are summed in pin
  /// order after, so the sides do not depend on the workers.
  /// O(D + L) for D demand points and L road lines.
  package static func roadSides(placements: [Placement], demandCount: Int, weight: (Int) -> Double,
                                roads: LineLayer, draft: RoadDraft, costs: TrenchCostModel,
                                classes: inout CostClasses, threads: Int = 1) -> RoadSides {
    var sides = RoadSides()
    sides.line = [Int32](repeating: -1, count: placements.count)
    sides.far = [Bool](repeating: false, count: placements.count)
    sides.crossingClass = (0..<roads.count).map { line in
      let highway = line < roads.highway.count ? roads.highway[line] : nil
      let price = costs.crossingPrice(highway: highway)
      guard price > 0 else { return -1 }
      // One class per highway value as given, so that equal names carry equal prices.
      return classes.intern("crossing highway=\(highway ?? "none")", price)
    }
    let crossingClass = sides.crossingClass, lineCount = roads.count
    let pins = min(demandCount, placements.count)
    let side = parallelArray(pins, threads: pins < 4096 ? 1 : threads) { pin in
      self.side(of: placements[pin], draft: draft, crossingClass: crossingClass, lineCount: lineCount)
    }
    var leftWeight = [Double](repeating: 0, count: roads.count)
    var rightWeight = [Double](repeating: 0, count: roads.count)
    for pin in 0..<pins where side[pin].side != 0 {
      let l = Int(side[pin].line)
      sides.line[pin] = Int32(l)
      if side[pin].side > 0 { leftWeight[l] += weight(pin) } else { rightWeight[l] += weight(pin) }
    }
    for pin in 0..<pins where side[pin].side != 0 {
      let l = Int(sides.line[pin])
      let trenchSide: Int8 = leftWeight[l] >= rightWeight[l] ? 1 : -1
      sides.far[pin] = side[pin].side != trenchSide
    }
    return sides
  }

  /// A demand point's road line and side of it (1 left, -1 right of the digitised
  /// direction), or side 0 if it is not attached, on its road's line, or on a road
  /// without crossing price.
  private static func side(of placement: Placement, draft: RoadDraft, crossingClass: [Int32],
                           lineCount: Int) -> (line: Int32, side: Int8) {
    guard let hit = placement.hit else { return (-1, 0) }
    let s = Int(hit.segment), l = Int(draft.segSource[s])
    guard draft.segKind[s] == .trench, l >= 0, l < lineCount, crossingClass[l] >= 0 else { return (-1, 0) }
    let a = Int(draft.segA[s]), b = Int(draft.segB[s])
    let rx = draft.x[b] - draft.x[a], ry = draft.y[b] - draft.y[a]
    let snap = draft.point(onSegment: s, t: hit.t)
    let dx = placement.x - snap.x, dy = placement.y - snap.y
    let cross = rx * dy - ry * dx
    let length = (rx * rx + ry * ry).squareRoot()
    guard length > 0, abs(cross) / length > onRoad else { return (-1, 0) }
    return (Int32(l), cross > 0 ? 1 : -1)
  }

  /// Moves far-side pins onto vertices of their own, joined to the road by a crossing
  /// segment. On both-sides lines those vertices lie on the second-side copy, and
  /// near-side pins get a crossing to the copy too, so that either side can serve
  /// either side's homes at the price of a crossing. Returns the number of lines
  /// copied. O(V + S).
  package static func addCrossings(_ sides: RoadSides, roads: LineLayer, options: NetworkOptions,
                                   pinVertex: inout [Int32], draft: inout RoadDraft) -> Int {
    var copyLine = [Bool](repeating: false, count: roads.count)
    for pin in sides.far.indices where sides.far[pin] {
      let l = Int(sides.line[pin])
      copyLine[l] = options.trenchesBothSides(highway: roads.highway[l])
    }
    let copyOf = secondSides(copyLine, draft: &draft)
    var farSide = [Int32](repeating: -1, count: copyOf.count)
    func crossing(at v: Int32, line l: Int32) -> Int32 {
      if farSide[Int(v)] >= 0 { return farSide[Int(v)] }
      let c = copyOf[Int(v)]
      let far = c >= 0 ? c : draft.addVertex(x: draft.x[Int(v)], y: draft.y[Int(v)], lonLat: draft.lonLat[Int(v)])
      draft.pinned[Int(far)] = true
      draft.addSegment(far, v, source: l, costClass: sides.crossingClass[Int(l)], kind: .crossing)
      farSide[Int(v)] = far
      return far
    }
    for pin in sides.line.indices where sides.line[pin] >= 0 {
      let l = sides.line[pin], v = pinVertex[pin]
      if sides.far[pin] {
        pinVertex[pin] = crossing(at: v, line: l)
      } else if copyLine[Int(l)] && copyOf[Int(v)] >= 0 {
        _ = crossing(at: v, line: l)
      }
    }
    return copyLine.filter { $0 }.count
  }

  /// Copies the trench segments of the marked lines as a second side: vertices shared
  /// with other lines' trench are not copied (both sides meet at junctions, where the
  /// trench crosses the side road, not this one); the others, dead ends included, get
  /// a copy at the same place. Returns each vertex's copy or -1.
  /// O(V + S).
  private static func secondSides(_ copyLine: [Bool], draft: inout RoadDraft) -> [Int32] {
    var copyOf = [Int32](repeating: -1, count: draft.vertexCount)
    guard copyLine.contains(true) else { return copyOf }
    func marked(_ s: Int) -> Bool {
      let l = Int(draft.segSource[s])
      return draft.segKind[s] == .trench && l >= 0 && l < copyLine.count && copyLine[l]
    }
    // Degree in the line's own trench; -1 where another line's trench touches.
    var degree = [Int32](repeating: 0, count: draft.vertexCount)
    var lineAt = [Int32](repeating: -1, count: draft.vertexCount)
    for s in 0..<draft.segmentCount where draft.segKind[s] == .trench {
      for v in [Int(draft.segA[s]), Int(draft.segB[s])] {
        let own = marked(s) && (lineAt[v] < 0 || lineAt[v] == draft.segSource[s])
        if own && degree[v] >= 0 { degree[v] += 1; lineAt[v] = draft.segSource[s] } else { degree[v] = -1 }
      }
    }
    let segments = (0..<draft.segmentCount).filter(marked)
    for s in segments {
      for v in [Int(draft.segA[s]), Int(draft.segB[s])] where degree[v] > 0 && copyOf[v] < 0 {
        copyOf[v] = draft.addVertex(x: draft.x[v], y: draft.y[v], lonLat: draft.lonLat[v])
      }
    }
    for s in segments {
      let a = draft.segA[s], b = draft.segB[s]
      draft.addSegment(copyOf[Int(a)] >= 0 ? copyOf[Int(a)] : a, copyOf[Int(b)] >= 0 ? copyOf[Int(b)] : b,
                       source: draft.segSource[s], costClass: draft.segClass[s], kind: .trench)
    }
    return copyOf
  }

  /// Gives every crossing edge its price: compression summed price × length (0), and a
  /// crossing costs its class's price once. O(E).
  package static func priceCrossings(_ network: inout RoadNetwork, classes: CostClasses) {
    for e in 0..<network.edgeCount where network.edgeKind[e] == .crossing {
      network.edgeCost[e] = classes.perMetre[Int(network.edgeSurfaceClass[e])]
    }
  }
}
