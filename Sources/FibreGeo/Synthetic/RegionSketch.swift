import FibreCore
import FibreGraph

/// Builds a `SyntheticRegion` in stages (municipal centres, arterial grid, villages,
/// hamlets, farms, mess, sites, boundaries), drawing from one SplitMix64 stream in a
/// fixed order so the result depends only on the seed.
package struct RegionSketch {
  package var region: SyntheticRegion
  package var rng: SplitMix64
  package let municipalities: Int
  /// Households not yet placed.
  package var remaining: Int
  /// Road vertices that later roads may join, by 250 m cell.
  package var vertices: VertexGrid
  /// Cells already taken by a settlement, so new ones keep their distance.
  package var occupied: [Bool]
  package let occupiedCell = 150.0
  package let occupiedSide: Int
  package let ridge: Ridge
  /// Main village of each municipality: centre and main-street direction.
  package var centres: [(x: Double, y: Double, ux: Double, uy: Double)] = []
  package var nextBuildingNumber: Int32 = 0
  package var sideStreets = 0
  package let danglingEvery: Int

  package init(households: Int, seed: UInt64, municipalities: Int) {
    // Rural Europe: about 100 households per km² over the whole region, so ~100 km
    // across at a million households.
    let width = max(2_500, 100_000 * (Double(households) / 1_000_000).squareRoot())
    region = SyntheticRegion(households: households, seed: seed, width: width)
    rng = SplitMix64(seed: seed ^ 0x5EED_F1B4_E000_0000)
    self.municipalities = municipalities
    remaining = households
    vertices = VertexGrid(width: width, cell: 250)
    occupiedSide = Int((width / 150).rounded(.up)) + 1
    occupied = [Bool](repeating: false, count: occupiedSide * occupiedSide)
    ridge = Ridge(width: width, direction: rng.direction())
    // A few side streets a couple of metres short of the main road.
    danglingEvery = max(40, households / 4_000)
  }

  package mutating func build() {
    placeCentres()
    buildArterials()
    // Households by settlement: 70 % villages, 20 % hamlets, the rest farms; whatever
    // a crowded stage cannot place falls through to the next one.
    let fragmentHouses = region.households >= 200 ? 3 : 0
    let total = remaining - fragmentHouses
    buildVillages(until: fragmentHouses + total * 30 / 100)
    buildHamlets(until: fragmentHouses + total * 10 / 100)
    buildFarms(until: fragmentHouses)
    buildFragment(houses: remaining)
    duplicateSomeIDs()
    buildSites()
    buildBoundaries()
  }

  // MARK: Primitives

  /// Appends a road; its vertices become join points for later roads when `joinable`.
  package mutating func addRoad(_ points: [(Double, Double)], _ cls: RoadClass, _ surface: RoadSurface, joinable: Bool = true) {
    guard points.count >= 2 else { return }
    // Vertices at most 100 m apart, like digitised roads; it also keeps the distance to
    // the nearest vertex within 50 m of the distance to the road.
    func put(_ x: Double, _ y: Double) {
      region.roadX.append(x)
      region.roadY.append(y)
      if joinable { vertices.insert(x, y) }
    }
    put(points[0].0, points[0].1)
    for k in 1..<points.count {
      let (ax, ay) = points[k - 1], (bx, by) = points[k]
      let length = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
      let pieces = Int((length / 100).rounded(.up))
      if pieces > 1 {
        for i in 1..<pieces {
          let t = Double(i) / Double(pieces)
          put(ax + (bx - ax) * t, ay + (by - ay) * t)
        }
      }
      put(bx, by)
    }
    region.roadStart.append(Int32(region.roadX.count))
    region.roadClass.append(cls)
    region.roadSurface.append(surface)
  }

  package mutating func addBuilding(_ x: Double, _ y: Double, units: Int) {
    region.buildingX.append(x)
    region.buildingY.append(y)
    region.buildingUnits.append(Int32(units))
    region.buildingNumber.append(nextBuildingNumber)
    nextBuildingNumber += 1
    remaining -= units
  }

  package func inside(_ x: Double, _ y: Double, margin: Double = 0) -> Bool {
    x >= margin && y >= margin && x <= region.width - margin && y <= region.width - margin
  }

  package func isOccupied(_ x: Double, _ y: Double, radius: Double) -> Bool {
    forCells(x, y, radius) { occupied[$0] }
  }

  package mutating func occupy(_ x: Double, _ y: Double, radius: Double) {
    let (xs, ys) = cellRanges(x, y, radius)
    for j in ys { for i in xs { occupied[j * occupiedSide + i] = true } }
  }

  private func forCells(_ x: Double, _ y: Double, _ radius: Double, _ test: (Int) -> Bool) -> Bool {
    let (xs, ys) = cellRanges(x, y, radius)
    for j in ys { for i in xs where test(j * occupiedSide + i) { return true } }
    return false
  }

  /// Cells within `radius` of (x, y), clipped to the grid (empty outside it).
  private func cellRanges(_ x: Double, _ y: Double, _ radius: Double) -> (Range<Int>, Range<Int>) {
    func range(_ v: Double) -> Range<Int> {
      let lo = max(0, Int(((v - radius) / occupiedCell).rounded(.down)))
      let hi = min(occupiedSide - 1, Int(((v + radius) / occupiedCell).rounded(.down)))
      return lo <= hi ? lo..<(hi + 1) : 0..<0
    }
    return (range(x), range(y))
  }

  /// A random free spot for a settlement reaching `radius` metres around it, and
  /// `along` metres each way along `direction` (a village's main road), or nil after
  /// 100 tries.
  package mutating func freeSpot(radius: Double, along: Double = 0, direction: (x: Double, y: Double) = (1, 0)) -> (Double, Double)? {
    let w = region.width
    let m = min(0.2 * w, radius)
    for _ in 0..<100 {
      let x = rng.uniform(m, w - m), y = rng.uniform(m, w - m)
      var free = true
      for t in [0, -0.5, 0.5, -1, 1] where free {
        let px = x + direction.x * along * t, py = y + direction.y * along * t
        free = !ridge.contains(px, py, margin: radius) && !isOccupied(px, py, radius: radius)
      }
      if free { return (x, y) }
    }
    return nil
  }

  // MARK: Municipal centres and arterial roads

  /// Main villages spread out by dart throwing (Cook 1986) with a spacing that shrinks
  /// when darts keep missing.
  private mutating func placeCentres() {
    let w = region.width
    var spacing = 0.7 * w / Double(municipalities).squareRoot()
    var misses = 0
    while centres.count < municipalities {
      let x = rng.uniform(0.08 * w, 0.92 * w), y = rng.uniform(0.08 * w, 0.92 * w)
      let u = rng.direction()
      let clear = !ridge.contains(x, y, margin: 600)
        && centres.allSatisfy { ($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y) >= spacing * spacing }
      if clear {
        centres.append((x, y, u.x, u.y))
        misses = 0
      } else {
        misses += 1
        if misses > 200 { spacing *= 0.8; misses = 0 }
      }
    }
  }

  /// A jittered grid of primary/secondary/tertiary roads, bent slightly between
  /// junctions, with every piece that would cross the ridge left out: roads go around.
  private mutating func buildArterials() {
    let w = region.width
    let n = max(1, Int((w / min(4_000, max(1_200, w / 3))).rounded()))
    let g = w / Double(n)
    var nodeX = [Double](repeating: 0, count: (n + 1) * (n + 1))
    var nodeY = nodeX
    for j in 0...n {
      for i in 0...n {
        var x = Double(i) * g, y = Double(j) * g
        if i > 0 && i < n { x += rng.uniform(-0.15, 0.15) * g }
        if j > 0 && j < n { y += rng.uniform(-0.15, 0.15) * g }
        nodeX[j * (n + 1) + i] = x
        nodeY[j * (n + 1) + i] = y
      }
    }
    func cls(_ line: Int) -> RoadClass { line == n / 2 ? .primary : (line % 3 == 0 ? .secondary : .tertiary) }
    for j in 0...n {
      for i in 0...n {
        let a = j * (n + 1) + i
        if i < n { edge(nodeX[a], nodeY[a], nodeX[a + 1], nodeY[a + 1], cls(j)) }
        if j < n { edge(nodeX[a], nodeY[a], nodeX[a + n + 1], nodeY[a + n + 1], cls(i)) }
      }
    }
  }

  private mutating func edge(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ cls: RoadClass) {
    let dx = x1 - x0, dy = y1 - y0
    let length = (dx * dx + dy * dy).squareRoot()
    let pieces = max(1, Int(length / 250))
    let bend = rng.uniform(-0.04, 0.04) * length
    var points: [(Double, Double)] = []
    points.reserveCapacity(pieces + 1)
    for k in 0...pieces {
      let t = Double(k) / Double(pieces)
      let off = bend * sinPi(t)
      let p = (x0 + t * dx - off * dy / length, y0 + t * dy + off * dx / length)
      if ridge.contains(p.0, p.1, margin: 30) { return }
      points.append(p)
    }
    addRoad(points, cls, .asphalt)
  }
}

/// sin(πt) for t in [0, 1] by its Taylor series (ample for a road's bend); exact at the
/// ends so junction vertices stay where they are.
@inline(__always) package func sinPi(_ t: Double) -> Double {
  guard t > 0 && t < 1 else { return 0 }
  let y = Double.pi * min(t, 1 - t)
  let y2 = y * y
  return y * (1 - y2 / 6 * (1 - y2 / 20 * (1 - y2 / 42 * (1 - y2 / 72))))
}

/// A long thin ellipse of mountains: no settlements and no roads cross it.
package struct Ridge {
  package let cx: Double, cy: Double, cosA: Double, sinA: Double, a: Double, b: Double

  package init(width w: Double, direction: (x: Double, y: Double)) {
    cx = 0.55 * w
    cy = 0.5 * w
    cosA = direction.x
    sinA = direction.y
    a = 0.3 * w
    b = max(150, 0.05 * w)
  }

  package func contains(_ x: Double, _ y: Double, margin: Double) -> Bool {
    let dx = x - cx, dy = y - cy
    let u = (dx * cosA + dy * sinA) / (a + margin)
    let v = (-dx * sinA + dy * cosA) / (b + margin)
    return u * u + v * v <= 1
  }
}
