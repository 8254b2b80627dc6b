import FibreCore
import FibreGraph
import FibreGeo

extension NetworkBuilder {
  /// Joins each dangling line end (a vertex used by one segment) to the nearest segment
  /// of another line within `options.danglingSnap`, splitting that segment. An end
  /// within `snapTolerance` of the segment is moved onto it; a farther one gets a short
  /// connector of its own line's class. Ends are handled in vertex order and degrees
  /// are updated as they go, so two ends facing each other are joined once.
  /// O(D · q) for D dangling ends and q the cost of a grid query.
  package static func snapDanglingEnds(draft: inout RoadDraft, options: NetworkOptions,
                               projection: LocalProjection, stats: inout NetworkStatistics) {
    guard options.danglingSnap > 0, draft.segmentCount > 0 else { return }
    let vertexCount = draft.vertexCount, segmentCount = draft.segmentCount
    var degree = [Int32](repeating: 0, count: vertexCount)
    var onlySegment = [Int32](repeating: -1, count: vertexCount)
    for s in 0..<segmentCount {
      let a = Int(draft.segA[s]), b = Int(draft.segB[s])
      degree[a] += 1; degree[b] += 1
      onlySegment[a] = Int32(s); onlySegment[b] = Int32(s)
    }
    let grid = draft.grid { _ in true }
    var alias = (0..<Int32(vertexCount)).map { $0 }
    var splits: [RoadDraft.Split] = []
    // Splits already made on each segment, as a linked list through `splitNext`.
    var splitHead = [Int32](repeating: -1, count: segmentCount)
    var splitNext: [Int32] = []
    var connectors: [(v: Int32, to: Int32, segment: Int32)] = []
    let tolerance = max(options.snapTolerance, 0)

    func resolve(_ v: Int32) -> Int32 {
      var r = v
      while Int(r) < alias.count && alias[Int(r)] != r { r = alias[Int(r)] }
      return r
    }

    for v in 0..<vertexCount where degree[v] == 1 {
      let own = Int(onlySegment[v])
      let ownLine = draft.segSource[own]
      let w = draft.segA[own] == Int32(v) ? draft.segB[own] : draft.segA[own]
      // Segments at the neighbour are within |vw| of v; skip them when that is short.
      let neighbourClose = draft.length(own) <= options.danglingSnap
      let segA = draft.segA, segB = draft.segB, source = draft.segSource
      guard let hit = grid.nearest(
        x: draft.x[v], y: draft.y[v], maxDistance: options.danglingSnap,
        x: draft.x, y: draft.y, segA: segA, segB: segB,
        skip: { s in
          source[s] == ownLine || segA[s] == Int32(v) || segB[s] == Int32(v)
            || (neighbourClose && (segA[s] == w || segB[s] == w))
        })
      else { continue }

      let s = Int(hit.segment)
      let p = draft.point(onSegment: s, t: hit.t)
      func near(_ u: Int32) -> Bool {
        let dx = draft.x[Int(u)] - p.x, dy = draft.y[Int(u)] - p.y
        return dx * dx + dy * dy <= tolerance * tolerance
      }
      var target: Int32
      if near(draft.segA[s]) {
        target = draft.segA[s]
      } else if near(draft.segB[s]) {
        target = draft.segB[s]
      } else {
        target = -1
        var k = splitHead[s]
        while k >= 0 {
          if near(splits[Int(k)].vertex) { target = splits[Int(k)].vertex; break }
          k = splitNext[Int(k)]
        }
        if target < 0 {
          target = draft.addVertex(x: p.x, y: p.y, lonLat: projection.unproject(x: p.x, y: p.y))
          alias.append(target); degree.append(0)
          splits.append(RoadDraft.Split(segment: Int32(s), t: hit.t, vertex: target))
          splitNext.append(splitHead[s])
          splitHead[s] = Int32(splits.count - 1)
          degree[Int(target)] = 2
        }
      }
      target = resolve(target)
      if target == Int32(v) { continue }
      if hit.distance <= tolerance {
        alias[v] = target
        degree[Int(target)] += 1
        degree[v] = 0
      } else {
        connectors.append((Int32(v), target, Int32(own)))
        degree[Int(target)] += 1
        degree[v] += 1
      }
      stats.danglingEndsSnapped += 1
    }

    let classes = draft.segClass, sources = draft.segSource
    draft.apply(splits: splits, alias: alias)
    for c in connectors {
      draft.addSegment(c.v, resolve(c.to), source: sources[Int(c.segment)],
                       costClass: classes[Int(c.segment)], kind: .trench)
    }
  }
}
