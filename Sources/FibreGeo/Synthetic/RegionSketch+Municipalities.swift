import FibreCore
import FibreGraph

// Municipal sites in each main village, municipality names, and boundaries as the
// Voronoi cells of the main villages clipped to the region.

extension RegionSketch {
  /// Town hall, school and fire station on the main street of each main village.
  package mutating func buildSites() {
    for (m, c) in centres.enumerated() {
      let vx = -c.uy, vy = c.ux
      for (kind, along, side) in [(SiteKind.townHall, 0.0, 1.0), (.school, 60, -1), (.fireStation, -70, 1)] {
        region.siteX.append(c.x + c.ux * along + vx * side * 25)
        region.siteY.append(c.y + c.uy * along + vy * side * 25)
        region.siteKind.append(kind)
        region.siteMunicipality.append(Int32(m))
      }
    }
  }

  /// One convex ring per main village: the square region cut by the perpendicular
  /// bisector towards every other centre (Sutherland–Hodgman 1974 half-plane clipping).
  /// The cells tile the square. O(K² · ring size).
  package mutating func buildBoundaries() {
    region.municipalityNames = municipalityNames(centres.count)
    // Cover everything generated: villages at the edge reach a little beyond the square.
    var x0 = 0.0, y0 = 0.0, x1 = region.width, y1 = region.width
    for xs in [region.roadX, region.buildingX, region.siteX] { for x in xs { x0 = min(x0, x); x1 = max(x1, x) } }
    for ys in [region.roadY, region.buildingY, region.siteY] { for y in ys { y0 = min(y0, y); y1 = max(y1, y) } }
    x0 -= 50; y0 -= 50; x1 += 50; y1 += 50
    for (i, c) in centres.enumerated() {
      var ring: [(Double, Double)] = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
      for (j, o) in centres.enumerated() where j != i {
        // Keep p with (o - c)·p ≤ (|o|² - |c|²) / 2.
        let nx = o.x - c.x, ny = o.y - c.y
        let limit = (o.x * o.x + o.y * o.y - c.x * c.x - c.y * c.y) / 2
        ring = clip(ring, nx, ny, limit)
      }
      var kept: [(Double, Double)] = []
      for p in ring {
        if let q = kept.last, abs(q.0 - p.0) < 0.05 && abs(q.1 - p.1) < 0.05 { continue }
        kept.append(p)
      }
      if kept.count > 1, let f = kept.first, let l = kept.last, abs(f.0 - l.0) < 0.05 && abs(f.1 - l.1) < 0.05 {
        kept.removeLast()
      }
      for p in kept {
        region.boundaryX.append(p.0)
        region.boundaryY.append(p.1)
      }
      // Closed ring: the first position again.
      region.boundaryX.append(kept.first?.0 ?? 0)
      region.boundaryY.append(kept.first?.1 ?? 0)
      region.boundaryStart.append(Int32(region.boundaryX.count))
    }
  }

  private func clip(_ ring: [(Double, Double)], _ nx: Double, _ ny: Double, _ limit: Double) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    out.reserveCapacity(ring.count + 1)
    for k in ring.indices {
      let a = ring[k], b = ring[(k + 1) % ring.count]
      let fa = nx * a.0 + ny * a.1 - limit, fb = nx * b.0 + ny * b.1 - limit
      if fa <= 0 { out.append(a) }
      if (fa < 0 && fb > 0) || (fa > 0 && fb < 0) {
        let t = fa / (fa - fb)
        out.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
      }
    }
    return out
  }

  /// Distinct Alpine-sounding names, shuffled by the seed.
  private mutating func municipalityNames(_ count: Int) -> [String] {
    let heads = ["Al", "Bir", "Dorn", "Eg", "Fels", "Gren", "Hof", "Kirch", "Lind", "Mett",
                 "Nieder", "Ober", "Rot", "Schoen", "Stein", "Wald", "Wil", "Zell", "Buch", "Ried"]
    let tails = ["au", "bach", "berg", "dorf", "egg", "feld", "hausen", "heim", "ikon", "ingen",
                 "kirch", "matt", "stetten", "wil", "wangen"]
    var all: [String] = []
    for h in heads { for t in tails { all.append(h + t) } }
    // Fisher–Yates with the region's generator.
    for i in stride(from: all.count - 1, to: 0, by: -1) {
      all.swapAt(i, rng.int(0, i))
    }
    return (0..<count).map { k in
      k < all.count ? all[k] : "\(all[k % all.count]) \(k / all.count + 1)"
    }
  }
}
