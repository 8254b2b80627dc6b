import FibreCore
import FibreGraph

// Villages, hamlets, farms and the deliberate mess. Each stage places households until
// `remaining` falls to its `until` mark; a stage that runs out of room stops early and
// the next one takes over, so the total is always exact.

extension RegionSketch {
  /// Main villages at the municipal centres first (about a third of the village
  /// households), then smaller villages at free spots.
  package mutating func buildVillages(until stop: Int) {
    let share = remaining - stop
    guard share > 0 else { return }
    let perMain = Double(share) * 0.35 / Double(centres.count)
    for c in centres where remaining > stop {
      let h = min(remaining - stop, max(30, Int(perMain * rng.uniform(0.6, 1.4))))
      buildVillage(c.x, c.y, c.ux, c.uy, households: h, main: true)
    }
    var misses = 0
    while remaining > stop && misses < 8 {
      let u = rng.unit()
      // Smaller villages once space gets scarce.
      let h = min(remaining - stop, 40 + Int(560 * u * u) >> misses)
      let streetLength = streetLength(h)
      let d = rng.direction()
      guard let p = freeSpot(radius: streetLength * 1.2 + 60, along: villageHalfLength(h, streetLength), direction: d) else {
        misses += 1
        continue
      }
      buildVillage(p.0, p.1, d.x, d.y, households: h, main: false)
    }
  }

  private func streetLength(_ h: Int) -> Double { min(350, max(80, Double(h).squareRoot() * 9)) }

  /// Half the main street's length: slots every 90 m, each with about 5 houses on the
  /// main street and 4 rows of houses 28 m apart on its side streets.
  private func villageHalfLength(_ h: Int, _ streetLength: Double) -> Double {
    Double(h) / (5 + 0.136 * streetLength) * 45
  }

  /// A main road through the centre along (ux, uy) with side streets every 90 m growing
  /// outwards, houses 24–32 m apart on both sides, 10–18 m back from the street.
  package mutating func buildVillage(_ cx: Double, _ cy: Double, _ ux: Double, _ uy: Double, households h: Int, main: Bool) {
    let stop = remaining - h
    let ls = streetLength(h)
    let vx = -uy, vy = ux
    var slots: [Double] = []
    var lo = 0.0, hi = 0.0
    var streets: [[(Double, Double)]] = []
    var k = 0
    while remaining > stop {
      let sign: Double = k % 2 == 0 ? 1 : -1
      let d = Double(k / 2) * 90 + 45
      let off = sign * d
      // Houses on the main street around this slot.
      var s = d - 45 + 12
      while s < d + 45 - 10 && remaining > stop {
        if abs(s - d) > 12 {
          for side in [1.0, -1.0] where remaining > stop {
            let back = rng.uniform(10, 18)
            house(cx + ux * sign * s + vx * side * back, cy + uy * sign * s + vy * side * back,
                  awayX: vx * side, awayY: vy * side, limit: stop, main: main)
          }
        }
        s += rng.uniform(24, 32)
      }
      // A side street each way from the main road.
      let bx = cx + ux * off, by = cy + uy * off
      for side in [1.0, -1.0] where remaining > stop {
        let length = ls * rng.uniform(0.7, 1.2)
        let dx = vx * side, dy = vy * side
        var t = 20.0
        while t < length - 5 && remaining > stop {
          for across in [1.0, -1.0] where remaining > stop {
            let back = rng.uniform(10, 18)
            house(bx + dx * t + ux * across * back, by + dy * t + uy * across * back,
                  awayX: ux * across, awayY: uy * across, limit: stop, main: main)
          }
          t += rng.uniform(24, 32)
        }
        let end = min(length, t)
        sideStreets += 1
        // Real data: now and then a street stops 2 m short of the road it meets.
        let gap = sideStreets % danglingEvery == 0 ? 2.0 : 0
        streets.append([(bx + dx * gap, by + dy * gap), (bx + dx * end / 2, by + dy * end / 2),
                        (bx + dx * end, by + dy * end)])
      }
      slots.append(off)
      lo = min(lo, off - 45)
      hi = max(hi, off + 45)
      k += 1
    }
    slots.sort()
    var mainStreet = [(cx + ux * lo, cy + uy * lo)]
    for off in slots { mainStreet.append((cx + ux * off, cy + uy * off)) }
    mainStreet.append((cx + ux * hi, cy + uy * hi))
    let cls: RoadClass = main ? .tertiary : .unclassified
    // The main road leads on to the nearest roads at both ends.
    let joins = [mainStreet[0], mainStreet[mainStreet.count - 1]].compactMap { vertices.nearest($0.0, $0.1) }
    addRoad(mainStreet, cls, .asphalt)
    for (end, join) in zip([mainStreet[0], mainStreet[mainStreet.count - 1]], joins) where join.distance > 1 {
      addRoad([(join.x, join.y), end], cls, .asphalt)
    }
    for street in streets {
      let u = rng.unit()
      let surface: RoadSurface = u < 0.8 ? .asphalt : u < 0.9 ? .pavingStones : (main && u < 0.95 ? .sett : .gravel)
      addRoad(street, .residential, surface)
    }
    for off in slots { occupy(cx + ux * off, cy + uy * off, radius: ls * 1.2 + 60) }
  }

  /// One house, sometimes an apartment block (main villages) or a shed behind it.
  private mutating func house(_ x: Double, _ y: Double, awayX: Double, awayY: Double, limit: Int, main: Bool) {
    var units = 1
    if main && remaining - limit >= 12 && rng.chance(0.04) { units = rng.int(4, 12) }
    addBuilding(x, y, units: units)
    if rng.chance(0.06) { addBuilding(x + awayX * 14, y + awayY * 14, units: 0) }
  }

  /// Hamlets of 3–12 houses on a lane that joins the nearest road.
  package mutating func buildHamlets(until stop: Int) {
    var misses = 0
    while remaining > stop && misses < 8 {
      let h = min(remaining - stop, rng.int(3, 12))
      guard let p = freeSpot(radius: 120) else { misses += 1; continue }
      let u = rng.direction()
      let length = 40 + 15 * Double(h)
      let target = remaining - h
      var t = 15.0, side = 1.0
      while remaining > target {
        let back = rng.uniform(12, 25)
        addBuilding(p.0 + u.x * t - u.y * side * back, p.1 + u.y * t + u.x * side * back, units: 1)
        if rng.chance(0.15) { addBuilding(p.0 + u.x * (t + 8) - u.y * side * (back + 15), p.1 + u.y * (t + 8) + u.x * side * (back + 15), units: 0) }
        t += rng.uniform(12, 18)
        side = -side
      }
      let surface: RoadSurface = rng.chance(0.5) ? .asphalt : .gravel
      if let join = vertices.nearest(p.0, p.1), join.distance > 1 {
        addRoad([(join.x, join.y), p], .unclassified, surface)
      }
      addRoad([p, (p.0 + u.x * length / 2, p.1 + u.y * length / 2), (p.0 + u.x * length, p.1 + u.y * length)],
              .unclassified, surface)
      occupy(p.0 + u.x * length / 2, p.1 + u.y * length / 2, radius: length / 2 + 60)
    }
  }

  /// Farms: a house with sheds at the end of a track from the nearest road. Most tracks
  /// end in the yard, some 100–230 m short; and one farm in 25 lies 280–700 m beyond the
  /// end of its track, far from any other road (beyond the usual 250 m drop limit, so
  /// those farms are unreachable). The far ones go first, while there is room.
  package mutating func buildFarms(until stop: Int) {
    var far = (remaining - stop + 24) / 25
    let w = region.width
    while remaining > stop {
      var gap = rng.chance(0.85) ? rng.uniform(15, 80) : rng.uniform(100, 230)
      var spot: (Double, Double)?
      if far > 0 {
        far -= 1
        // At least 340 m from every road vertex, so at least 290 m from every road
        // (vertices are at most 100 m apart).
        // Inside the region while there is room, else up the hillside beyond its edge.
        for attempt in 0..<30 {
          var q = attempt < 15 ? freeSpot(radius: 60) : nil
          if attempt >= 15 {
            let along = rng.uniform(0.1, 0.9) * w, out = rng.uniform(350, 600)
            switch rng.int(0, 3) {
            case 0: q = (along, -out)
            case 1: q = (along, w + out)
            case 2: q = (-out, along)
            default: q = (w + out, along)
            }
          }
          guard let q, let join = vertices.nearest(q.0, q.1) else { continue }
          if join.distance >= 340 {
            spot = q
            gap = rng.uniform(280, min(700, join.distance - 60))
            break
          }
        }
      }
      let isFar = spot != nil
      if spot == nil { spot = freeSpot(radius: 60) }
      while spot == nil {
        let x = rng.uniform(0.02 * w, 0.98 * w), y = rng.uniform(0.02 * w, 0.98 * w)
        if !ridge.contains(x, y, margin: 50) { spot = (x, y) }
      }
      let (fx, fy) = spot!
      if let join = vertices.nearest(fx, fy), join.distance - gap > 60 {
        let t = (join.distance - gap) / join.distance
        let ex = join.x + (fx - join.x) * t, ey = join.y + (fy - join.y) * t
        let wiggle = rng.uniform(-0.08, 0.08) * join.distance
        let mx = (join.x + ex) / 2 - (ey - join.y) / join.distance * wiggle
        let my = (join.y + ey) / 2 + (ex - join.x) / join.distance * wiggle
        let s = rng.unit()
        // Nothing joins a far farm's track, so no later road runs past the farm.
        addRoad([(join.x, join.y), (mx, my), (ex, ey)], .track, s < 0.5 ? .gravel : s < 0.75 ? .compacted : .ground,
                joinable: !isFar)
      }
      addBuilding(fx, fy, units: remaining - stop >= 2 && rng.chance(0.05) ? 2 : 1)
      for _ in 0..<rng.int(0, 2) {
        let d = rng.direction()
        let dist = rng.uniform(20, 40)
        addBuilding(fx + d.x * dist, fy + d.y * dist, units: 0)
      }
      occupy(fx, fy, radius: isFar ? 300 : 40)
    }
  }

  /// A mountain road in the middle of the ridge that joins nothing (real exports have
  /// such fragments), with the last few houses on it.
  package mutating func buildFragment(houses: Int) {
    let x0 = ridge.cx - ridge.cosA * 200, y0 = ridge.cy - ridge.sinA * 200
    let x1 = ridge.cx + ridge.cosA * 200, y1 = ridge.cy + ridge.sinA * 200
    addRoad([(x0, y0), (ridge.cx, ridge.cy), (x1, y1)], .unclassified, .gravel, joinable: false)
    for k in 0..<max(0, houses) {
      let t = -150 + 100 * Double(k % 4)
      let side: Double = k % 2 == 0 ? 1 : -1
      addBuilding(ridge.cx + ridge.cosA * t - ridge.sinA * side * 15,
                  ridge.cy + ridge.sinA * t + ridge.cosA * side * 15, units: 1)
    }
  }

  /// Two buildings share the id of another (the readers rename and warn).
  package mutating func duplicateSomeIDs() {
    let n = region.buildingCount
    guard n >= 10 else { return }
    for _ in 0..<2 {
      let i = rng.int(0, n - 1), j = rng.int(0, n - 1)
      if i != j { region.buildingNumber[j] = region.buildingNumber[i] }
    }
  }
}
