import FibreCore
import FibreGraph

extension BoundaryLayer {
  /// Rings of municipality `m` as ranges of `points`.
  package func rings(of m: Int) -> [Range<Int>] {
    (Int(municipalityRingStart[m])..<Int(municipalityRingStart[m + 1])).map {
      Int(ringStart[$0])..<Int(ringStart[$0 + 1])
    }
  }

  /// Bounding box of municipality `m`. O(points of m).
  public func boundingBox(of m: Int) -> BoundingBox {
    var box = BoundingBox()
    for r in rings(of: m) { for p in points[r] { box.add(p) } }
    return box
  }

  /// The lowest-index municipality whose rings contain `p` (even-odd rule, so holes
  /// and multi-part municipalities work), or nil. Linear scan with a per-municipality
  /// bounding-box prefilter: O(total points). For many lookups build a
  /// `MunicipalityIndex` once.
  public func municipality(containing p: LonLat) -> Int? {
    for m in 0..<count {
      let box = boundingBox(of: m)
      guard !box.isEmpty, p.lon >= box.minLon, p.lon <= box.maxLon,
            p.lat >= box.minLat, p.lat <= box.maxLat else { continue }
      var inside = false
      for r in rings(of: m) where PolygonGeometry.crossings(points[r], p) { inside.toggle() }
      if inside { return m }
    }
    return nil
  }
}

/// Point-in-municipality lookups for many points: a coarse grid over the layer finds
/// candidate municipalities by bounding box, and each municipality's edges are
/// bucketed into horizontal bands, so the even-odd ray test only visits the edges
/// whose latitude span meets the point's band (slab decomposition).
/// Build O(edges); lookup O(candidates × edges per band), typically a few dozen.
public struct MunicipalityIndex: Sendable {
  private let points: [LonLat]
  private let boxes: [BoundingBox]
  private let extent: BoundingBox
  private let columns: Int, rows: Int
  private let cellWidth: Double, cellHeight: Double
  /// Municipalities whose box meets cell `c`: `cellMembers[cellStart[c] ..< cellStart[c+1]]`.
  private let cellStart: [Int32]
  private let cellMembers: [Int32]
  /// Municipality `m` has `bandCount[m]` bands of height `bandHeight[m]` from its box's
  /// minLat; band `b` owns edges `edgeStart[bandBase[m] + b] ..< edgeStart[bandBase[m] + b + 1]`.
  private let bandBase: [Int32]
  private let bandCount: [Int32]
  private let bandHeight: [Double]
  private let edgeStart: [Int32]
  /// An edge runs from `points[edgeFrom[e]]` to `points[edgeTo[e]]`.
  private let edgeFrom: [Int32]
  private let edgeTo: [Int32]

  /// Builds the index. O(points + grid cells).
  public init(_ layer: BoundaryLayer) {
    points = layer.points
    let n = layer.count
    var boxes: [BoundingBox] = []
    var extent = BoundingBox()
    for m in 0..<n {
      let b = layer.boundingBox(of: m)
      boxes.append(b)
      extent.add(b)
    }
    self.boxes = boxes
    self.extent = extent
    let side = max(1, min(64, Int((Double(n).squareRoot() * 2).rounded(.up))))
    columns = side
    rows = side
    cellWidth = extent.isEmpty ? 1 : max((extent.maxLon - extent.minLon) / Double(side), 1e-12)
    cellHeight = extent.isEmpty ? 1 : max((extent.maxLat - extent.minLat) / Double(side), 1e-12)

    // Grid: counting pass, then fill (CSR).
    var cellLists = [[Int32]](repeating: [], count: side * side)
    for m in 0..<n where !boxes[m].isEmpty {
      let b = boxes[m]
      let c0 = Self.clamp((b.minLon - extent.minLon) / cellWidth, side)
      let c1 = Self.clamp((b.maxLon - extent.minLon) / cellWidth, side)
      let r0 = Self.clamp((b.minLat - extent.minLat) / cellHeight, side)
      let r1 = Self.clamp((b.maxLat - extent.minLat) / cellHeight, side)
      for r in r0...r1 { for c in c0...c1 { cellLists[r * side + c].append(Int32(m)) } }
    }
    var cellStart: [Int32] = [0]
    var cellMembers: [Int32] = []
    for list in cellLists {
      cellMembers.append(contentsOf: list)
      cellStart.append(Int32(cellMembers.count))
    }
    self.cellStart = cellStart
    self.cellMembers = cellMembers

    // Bands: each municipality gets about one band per 8 edges, at most 1024.
    var bandBase: [Int32] = [], bandCount: [Int32] = [], bandHeight: [Double] = []
    var edgeStart: [Int32] = [0], edgeFrom: [Int32] = [], edgeTo: [Int32] = []
    for m in 0..<n {
      let rings = layer.rings(of: m)
      let edges = rings.reduce(0) { $0 + $1.count }
      let bands = max(1, min(1024, edges / 8))
      let box = boxes[m]
      let h = box.isEmpty ? 1 : max((box.maxLat - box.minLat) / Double(bands), 1e-12)
      bandBase.append(Int32(edgeStart.count - 1))
      bandCount.append(Int32(bands))
      bandHeight.append(h)
      var lists = [[Int32]](repeating: [], count: bands)
      for r in rings where !r.isEmpty {
        var a = r.upperBound - 1
        for b in r {
          let ya = layer.points[a].lat, yb = layer.points[b].lat
          if ya != yb {
            let lo = Self.clamp((min(ya, yb) - box.minLat) / h, bands)
            let hi = Self.clamp((max(ya, yb) - box.minLat) / h, bands)
            for k in lo...hi { lists[k].append(Int32(a)); lists[k].append(Int32(b)) }
          }
          a = b
        }
      }
      for list in lists {
        var i = 0
        while i < list.count {
          edgeFrom.append(list[i])
          edgeTo.append(list[i + 1])
          i += 2
        }
        edgeStart.append(Int32(edgeFrom.count))
      }
    }
    self.bandBase = bandBase
    self.bandCount = bandCount
    self.bandHeight = bandHeight
    self.edgeStart = edgeStart
    self.edgeFrom = edgeFrom
    self.edgeTo = edgeTo
  }

  /// Cell or band of a scaled offset; floor is monotonic, so a box's cell range always
  /// covers the cells of the points inside it.
  private static func clamp(_ x: Double, _ n: Int) -> Int {
    guard x.isFinite, x > 0 else { return 0 }
    return min(n - 1, Int(x))
  }

  /// The lowest-index municipality containing `p` (same answer as
  /// `BoundaryLayer.municipality(containing:)`), or nil.
  public func municipality(containing p: LonLat) -> Int? {
    guard !extent.isEmpty, p.lon >= extent.minLon, p.lon <= extent.maxLon,
          p.lat >= extent.minLat, p.lat <= extent.maxLat else { return nil }
    let c = Self.clamp((p.lon - extent.minLon) / cellWidth, columns)
    let r = Self.clamp((p.lat - extent.minLat) / cellHeight, rows)
    let cell = r * columns + c
    for i in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
      let m = Int(cellMembers[i])
      let box = boxes[m]
      guard p.lon >= box.minLon, p.lon <= box.maxLon, p.lat >= box.minLat, p.lat <= box.maxLat else { continue }
      let band = Self.clamp((p.lat - box.minLat) / bandHeight[m], Int(bandCount[m]))
      let slot = Int(bandBase[m]) + band
      var inside = false
      for e in Int(edgeStart[slot])..<Int(edgeStart[slot + 1]) {
        let a = points[Int(edgeFrom[e])], b = points[Int(edgeTo[e])]
        if (a.lat > p.lat) != (b.lat > p.lat) {
          let x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat)
          if p.lon < x { inside.toggle() }
        }
      }
      if inside { return m }
    }
    return nil
  }
}
