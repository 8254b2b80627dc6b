import FibreCore
import FibreGraph
import FibreGeo

// Existing pole lines (`layers.aerial`) become `.aerial` routes exactly as ducts become
// `.ductReuse` routes (NetworkBuilder+Ducts): a parallel segment for every road segment
// that a pole line runs along, and pole lines across fields joined to the road at both
// ends. The optimiser then chooses between trench and aerial on cost alone.
//
// Cost: an aerial metre costs `aerialPerMetre` plus its share of make-ready, the line's
// poles per metre × `makeReadyPerPole`. A plan that uses a whole pole line pays for all
// of its poles; one that uses part of it pays for the poles of that part (a share, as
// the line's poles are spread evenly along it). Poles per line: the feature's `poles`
// property, else the `layers.poles` points nearest to it (within `ductSnapDistance`),
// else one per `aerialSpan` metres.

extension NetworkBuilder {
  /// Pole lines laid out in metres, their stretches away from roads, and the cost class
  /// and pole density of each line.
  package struct AerialPlan {
    package var layout = DuctLayout()
    package var stretches: [DuctStretch] = []
    package var lineClass: [Int32] = []
    package var polesPerMetre: [Double] = []
  }

  /// Lays out the pole lines, prices each and asks for the pins that join them to the
  /// roads (numbered from `pin`, which is advanced). O(A · q) for A aerial vertices.
  package static func planAerial(_ aerial: AerialLayer, projection: LocalProjection, roadGrid: SegmentGrid,
                                 draft: RoadDraft, costs: TrenchCostModel, options: NetworkOptions,
                                 classes: inout CostClasses, pin: inout Int32, requests: inout [PinRequest],
                                 stats: inout NetworkStatistics, diagnostics: inout [Diagnostic]) -> AerialPlan {
    var plan = AerialPlan()
    plan.layout = layOut(ducts: aerial.lines, projection: projection, diagnostics: &diagnostics)
    let matched = polesByLine(aerial, layout: plan.layout, projection: projection,
                              reach: options.ductSnapDistance, stats: &stats)
    let spanClass = classes.intern(
      "aerial", costs.aerialPerMetre + costs.makeReadyPerPole / options.aerialSpan)
    for (line, range) in plan.layout.lineSegments.enumerated() {
      var length = 0.0
      for s in range {
        let a = Int(plan.layout.segA[s]), b = Int(plan.layout.segB[s])
        let dx = plan.layout.x[b] - plan.layout.x[a], dy = plan.layout.y[b] - plan.layout.y[a]
        length += (dx * dx + dy * dy).squareRoot()
      }
      let given = line < aerial.poles.count ? aerial.poles[line] : -1
      let count: Double? = given >= 0 ? Double(given) : aerial.polePoints.isEmpty ? nil : Double(matched[line])
      guard let count, length > 0 else {
        plan.polesPerMetre.append(1 / options.aerialSpan)
        plan.lineClass.append(spanClass)
        continue
      }
      let density = count / length
      plan.polesPerMetre.append(density)
      plan.lineClass.append(classes.intern("aerial line \(line)",
                                           costs.aerialPerMetre + density * costs.makeReadyPerPole))
    }
    let unjoinedBefore = stats.ductStretchesUnjoined
    plan.stretches = planStretches(plan.layout, roadGrid: roadGrid, draft: draft,
                                   reach: options.ductSnapDistance, pin: &pin, requests: &requests,
                                   stats: &stats)
    stats.aerialStretchesUnjoined = stats.ductStretchesUnjoined - unjoinedBefore
    stats.ductStretchesUnjoined = unjoinedBefore
    return plan
  }

  /// How many `layers.poles` points lie nearest to each pole line (within `reach`);
  /// poles farther from every line are counted in `stats.polesUnmatched`. O(P · q).
  private static func polesByLine(_ aerial: AerialLayer, layout: DuctLayout, projection: LocalProjection,
                                  reach: Double, stats: inout NetworkStatistics) -> [Int] {
    var counts = [Int](repeating: 0, count: layout.lineSegments.count)
    guard !aerial.polePoints.isEmpty, !layout.segA.isEmpty else {
      stats.polesUnmatched = aerial.polePoints.count
      return counts
    }
    let grid = SegmentGrid(x: layout.x, y: layout.y, segA: layout.segA, segB: layout.segB, include: { _ in true })
    for p in aerial.polePoints {
      let (x, y) = projection.project(p)
      if let hit = grid.nearest(x: x, y: y, maxDistance: reach, x: layout.x, y: layout.y,
                                segA: layout.segA, segB: layout.segB) {
        counts[Int(layout.segLine[Int(hit.segment)])] += 1
      } else {
        stats.polesUnmatched += 1
      }
    }
    return counts
  }

  /// Adds the aerial routes to the split draft, as ducts are added. O(S · q).
  package static func addAerialRoutes(_ plan: AerialPlan, pinVertex: [Int32], reach: Double,
                                      draft: inout RoadDraft) {
    addDuctRoutes(plan.layout, stretches: plan.stretches, pinVertex: pinVertex, ductClass: -1,
                  lineClass: plan.lineClass, kind: .aerial, reach: reach, draft: &draft)
  }
}
