import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct CapacitatedAssignmentTests {
  /// Every integral flow of a tiny instance, for the exact optimum.
  func bruteForce(_ p: TransportationProblem, capacity: [Int32]) -> Double {
    var best = Double.infinity
    var load = [Int32](repeating: 0, count: p.facilityCount)
    func visit(_ g: Int, _ cost: Double) {
      if cost >= best { return }
      if g == p.groupCount { best = cost; return }
      let arcs = Array(Int(p.arcStart[g])..<Int(p.arcStart[g + 1]))
      // Split the group's supply over its arcs; the rest is unserved.
      func split(_ i: Int, _ left: Int32, _ cost: Double) {
        if i == arcs.count { visit(g + 1, cost + Double(left) * p.unservedCost); return }
        let f = Int(p.arcFacility[arcs[i]])
        for x in 0...left where load[f] + x <= capacity[f] {
          load[f] += x
          split(i + 1, left - x, cost + Double(x) * p.arcCost[arcs[i]])
          load[f] -= x
        }
      }
      split(0, p.supply[g], cost)
    }
    visit(0, 0)
    return best
  }

  func randomProblem(groups: Int, facilities: Int, rng: inout SplitMix64) -> (TransportationProblem, [Int32]) {
    var supply: [Int32] = [], start: [Int32] = [0], facility: [Int32] = [], cost: [Double] = []
    for _ in 0..<groups {
      supply.append(Int32.random(in: 1...3, using: &rng))
      let chosen = (0..<facilities).shuffled(using: &rng).prefix(Int.random(in: 0...min(3, facilities), using: &rng))
      for f in chosen.sorted() {
        facility.append(Int32(f))
        cost.append(Double(Int.random(in: 1...20, using: &rng)))
      }
      start.append(Int32(facility.count))
    }
    let capacity = (0..<facilities).map { _ in Int32.random(in: 0...4, using: &rng) }
    return (TransportationProblem(supply: supply, arcStart: start, arcFacility: facility, arcCost: cost,
                                  facilityCount: facilities, unservedCost: 100), capacity)
  }

  @Test("Min-cost flow matches brute force on 300 random small instances")
  func matchesBruteForce() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<300 {
      let (p, capacity) = randomProblem(groups: Int.random(in: 1...5, using: &rng),
                                        facilities: Int.random(in: 1...4, using: &rng), rng: &rng)
      let s = p.solve(capacity: capacity)
      let cost = s.assignmentCost + Double(s.unservedUnits) * p.unservedCost
      let expected = bruteForce(p, capacity: capacity)
      #expect(abs(cost - expected) < 1e-9, "cost \(cost) vs optimum \(expected) for \(p) capacity \(capacity)")
      // Feasible: capacities hold, every unit placed exactly once, closed facilities unused.
      for f in 0..<p.facilityCount { #expect(s.load[f] <= capacity[f]) }
      for g in 0..<p.groupCount {
        var placed = s.unserved[g]
        for a in Int(p.arcStart[g])..<Int(p.arcStart[g + 1]) {
          #expect(s.arcFlow[a] >= 0)
          placed += s.arcFlow[a]
        }
        #expect(placed == p.supply[g])
      }
    }
  }

  @Test("A flow solved from the last move's flow is optimal, move after move, on 200 random chains")
  func warmStartMatchesAFullSolve() {
    var rng = SplitMix64(seed: 19)
    var warmStarts = 0
    let pool = TransportationProblem.SearchScratchPool()
    for round in 0..<200 {
      let groups = Int.random(in: 10...60, using: &rng), facilities = Int.random(in: 6...16, using: &rng)
      var (p, capacity) = randomProblem(groups: groups, facilities: facilities, rng: &rng)
      var solution = p.solve(capacity: capacity)
      for move in 0..<8 {
        // Open or close a facility or two; the groups that can reach one get new arc costs.
        let changed = Array(Set((0..<Int.random(in: 1...2, using: &rng)).map { _ in Int32(Int.random(in: 0..<facilities, using: &rng)) }))
        var next = capacity
        for f in changed { next[Int(f)] = next[Int(f)] > 0 ? 0 : Int32.random(in: 1...4, using: &rng) }
        var q = p
        var relabelled: [Int32] = []
        for g in 0..<groups where (Int(p.arcStart[g])..<Int(p.arcStart[g + 1])).contains(where: { changed.contains(p.arcFacility[$0]) }) {
          relabelled.append(Int32(g))
          for a in Int(p.arcStart[g])..<Int(p.arcStart[g + 1]) { q.arcCost[a] = Double(Int.random(in: 1...20, using: &rng)) }
        }
        let opened = changed.filter { next[Int($0)] > 0 }
        let full = q.solve(capacity: next)
        // Reused scratch gives the flow and potentials of new scratch.
        let pooledFull = q.solve(capacity: next, pool: pool)
        #expect(pooledFull.arcFlow == full.arcFlow && pooledFull.potential == full.potential)
        // Refused when too many groups would be routed again: a full solve then.
        guard let warm = q.solve(capacity: next, from: p, solution, relabelled: relabelled, opened: opened) else {
          (p, capacity, solution) = (q, next, full)
          continue
        }
        warmStarts += 1
        // The reference's groups by facility and reused scratch change nothing.
        let shared = q.solve(capacity: next, from: p, solution, relabelled: relabelled, opened: opened, pool: pool,
                             referenceGroups: .init(p))
        #expect(shared?.arcFlow == warm.arcFlow && shared?.potential == warm.potential && shared?.load == warm.load)
        let fullCost = full.assignmentCost + Double(full.unservedUnits) * q.unservedCost
        let warmCost = warm.assignmentCost + Double(warm.unservedUnits) * q.unservedCost
        #expect(abs(warmCost - fullCost) < 1e-9, "round \(round) move \(move): \(warmCost) vs \(fullCost)")
        for f in 0..<facilities { #expect(warm.load[f] <= next[f]) }
        for g in 0..<groups {
          var placed = warm.unserved[g]
          for a in Int(q.arcStart[g])..<Int(q.arcStart[g + 1]) { placed += warm.arcFlow[a] }
          #expect(placed == q.supply[g])
        }
        (p, capacity, solution) = (q, next, warm)
      }
    }
    #expect(warmStarts >= 200, "only \(warmStarts) of 1,600 moves were solved from the last flow")
  }

  @Test("A greedy fill would be wrong here; the flow reroutes the first home")
  func reroutesAGreedyChoice() {
    // Home 0 sees A at 1 and B at 2; home 1 sees only A at 1. A holds one home.
    // Greedy in order puts home 0 on A and leaves home 1 unserved; the optimum is 0→B, 1→A.
    let p = TransportationProblem(supply: [1, 1], arcStart: [0, 2, 3], arcFacility: [0, 1, 0],
                                  arcCost: [1, 2, 1], facilityCount: 2, unservedCost: 1000)
    let s = p.solve(capacity: [1, 1])
    #expect(s.arcFlow == [0, 1, 1])
    #expect(s.unservedUnits == 0)
    #expect(s.assignmentCost == 3)
  }

  @Test("Cable sizes come from the catalogue, largest repeated beyond its size")
  func catalogueSizes() {
    let c = FTTHArchitecture.defaults.cables
    #expect(ArchitectureDesigner.Assembly.catalogueSizes(for: 1, catalogue: c) == [12])
    #expect(ArchitectureDesigner.Assembly.catalogueSizes(for: 12, catalogue: c) == [12])
    #expect(ArchitectureDesigner.Assembly.catalogueSizes(for: 13, catalogue: c) == [24])
    #expect(ArchitectureDesigner.Assembly.catalogueSizes(for: 200, catalogue: c) == [288])
    #expect(ArchitectureDesigner.Assembly.catalogueSizes(for: 300, catalogue: c) == [288, 12])
  }

  @Test("Cable sizing without the list: the fibres and EUR per metre of catalogueSizes, summed in its order")
  func sizingMatchesTheList() {
    for c in [FTTHArchitecture.defaults.cables, [], [.init(fibres: 12, costPerMetre: 2.5)]] {
      for demand in 0...700 {
        let sizes = ArchitectureDesigner.Assembly.catalogueSizes(for: demand, catalogue: c)
        var perMetre = 0.0
        for s in sizes { perMetre += c.first { $0.fibres == s }?.costPerMetre ?? 0 }
        let sizing = ArchitectureDesigner.Assembly.sizing(demand, catalogue: c)
        #expect(sizing.fibres == sizes.reduce(0, +))
        #expect(sizing.perMetre == perMetre)
      }
    }
  }

  /// `n` points on whole metres of a square of `side`: xs drawn first, then ys.
  private func wholeMetres(_ n: Int, side: UInt64, _ rng: inout SplitMix64) -> (x: [Double], y: [Double]) {
    let x = (0..<n).map { _ in Double(rng.next() % side) }
    return (x, (0..<n).map { _ in Double(rng.next() % side) })
  }

  @Test("k-means with Hamerly's bounds gives the labels and cabinets of the full scan, ties included")
  func kMeansBoundsChangeNothing() {
    var rng = SplitMix64(seed: 3)
    for round in 0..<60 {
      let n = 1 + Int(rng.next() % 300), k = 1 + Int(rng.next() % 12)
      // Whole-metre coordinates on a small square, so that points and centres tie.
      let side = UInt64(1 + rng.next() % 200)
      let (x, y) = wholeMetres(n, side: side, &rng)
      let w = (0..<n).map { _ in Double(1 + rng.next() % 3) }
      let m = 1 + Int(rng.next() % 50)
      let (candX, candY) = wholeMetres(m, side: side, &rng)
      var a = SplitMix64(seed: UInt64(round)), b = a
      let fast = KMeansBaseline.cluster(x: x, y: y, weight: w, k: k, candidateX: candX, candidateY: candY, using: &a)
      let full = KMeansBaseline.cluster(x: x, y: y, weight: w, k: k, candidateX: candX, candidateY: candY,
                                        skipByBounds: false, using: &b)
      #expect(fast.label == full.label, "round \(round)")
      #expect(fast.cabinets == full.cabinets, "round \(round)")
    }
  }

  @Test("The sweep over x strips takes for each centre the free candidate the full scan takes, ties to the lowest index")
  func nearestFreeMatchesTheFullScan() {
    var rng = SplitMix64(seed: 41)
    for round in 0..<200 {
      let m = 1 + Int(rng.next() % 60), k = 1 + Int(rng.next() % 15)
      // Whole-metre coordinates on a small square: candidates and centres coincide and tie.
      let side = UInt64(1 + rng.next() % 30)
      let (candX, candY) = wholeMetres(m, side: side, &rng)
      let cx = (0..<k).map { _ in Double(rng.next() % side) + (rng.next() % 2 == 0 ? 0 : 0.5) }
      let cy = (0..<k).map { _ in Double(rng.next() % side) }
      var taken = [Bool](repeating: false, count: m)
      var expected: [Int32] = []
      for c in 0..<k {
        var best = -1, bestD = Double.infinity
        for j in 0..<m where !taken[j] {
          let d = (candX[j] - cx[c]) * (candX[j] - cx[c]) + (candY[j] - cy[c]) * (candY[j] - cy[c])
          if d < bestD { bestD = d; best = j }
        }
        if best >= 0 { taken[best] = true }
        expected.append(Int32(max(best, 0)))
      }
      #expect(KMeansBaseline.nearestFree(cx: cx, cy: cy, candidateX: candX, candidateY: candY) == expected, "round \(round)")
    }
  }

  @Test("k-means assigns a point equally far from two centres to the first")
  func kMeansNearestTakesTheFirstOfEqualCentres() {
    let cx: [Double] = [2, -2, 0, 2], cy: [Double] = [0, 0, 5, 0]
    cx.withUnsafeBufferPointer { cx in
      cy.withUnsafeBufferPointer { cy in
        #expect(KMeansBaseline.nearest(0, 0, cx, cy) == 0)
        #expect(KMeansBaseline.nearest(-1, 0, cx, cy) == 1)
        #expect(KMeansBaseline.nearest(0, 4, cx, cy) == 2)
      }
    }
  }

  @Test("Splitters: one 1:32 per 32 ports; a 1:4 + 1:8 cascade feeds four 1:8s from each 1:4")
  func splitterCounts() {
    #expect(ArchitectureDesigner.splitters(servedFibres: 65, split: .single(32)) == [.init(ratio: 32, count: 3)])
    #expect(ArchitectureDesigner.splitters(servedFibres: 40, split: .cascaded(4, 8))
            == [.init(ratio: 4, count: 2), .init(ratio: 8, count: 5)])
    #expect(ArchitectureDesigner.splitters(servedFibres: 0, split: .single(32)).isEmpty)
  }

  @Test("k nearest candidates along a path are found in order and bounded")
  func nearestCandidatesOnAPath() throws {
    // A path 0 - 1 - 2 - 3 - 4 with 100 m edges, rooted at 0; candidates at 0, 2 and 4.
    var net = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    for i in 0..<5 { net.nodeX.append(Double(i) * 100); net.nodeY.append(0); net.nodeComponent.append(0) }
    for i in 0..<4 {
      net.edgeU.append(Int32(i)); net.edgeV.append(Int32(i + 1)); net.edgeLength.append(100)
    }
    let tree = RootedTree(network: net, treeEdges: [0, 1, 2, 3], root: 0)
    #expect(tree.distance(1, 4) == 300)
    let near = NearestCandidates(tree: tree, candidates: [0, 2, 4], k: 2, bound: 250)
    #expect(near.labels(of: 1).map(\.candidate) == [0, 1])
    #expect(near.labels(of: 3).map(\.candidate) == [1, 2])
    #expect(near.labels(of: 0).map(\.metres) == [0, 200])
    #expect(near.labels(of: 4).count == 2)
  }

  @Test("k nearest candidates on random trees equal the brute-force k nearest by (metres, position)")
  func nearestCandidatesMatchBruteForce() {
    var rng = SplitMix64(seed: 7)
    for round in 0..<40 {
      // A random tree of n nodes (node i > 0 hangs off an earlier node), some edges
      // of equal length so that ties occur; every third tree has a barrier hub at 0.
      let n = 2 + Int(rng.next() % 40)
      let tree = Self.randomTree(n, barrier: round % 3 == 0, &rng)
      let candidates = (0..<Int32(n)).filter { _ in rng.next() % 3 == 0 }
      let k = 1 + Int(rng.next() % 4), bound = Double(50 + rng.next() % 200)
      let near = NearestCandidates(tree: tree, candidates: candidates, k: k, bound: bound)
      for v in 0..<Int32(n) {
        // Metres from every candidate, summed outwards from it, never through the barrier.
        var expected: [(metres: Double, position: Int32)] = []
        for (i, c) in candidates.enumerated() {
          var metres = [Double](repeating: .infinity, count: n)
          metres[Int(c)] = 0
          var stack = [c]
          while let u = stack.popLast() {
            if u == tree.barrier && u != c { continue }
            for e in tree.edges(at: u) {
              let w = tree.neighbour(u, across: Int(tree.adjacentEdge[e]))
              guard metres[Int(w)] == .infinity, w != tree.barrier else { continue }
              metres[Int(w)] = metres[Int(u)] + tree.edgeLength[Int(tree.adjacentEdge[e])]
              stack.append(w)
            }
          }
          if metres[Int(v)] <= bound { expected.append((metres[Int(v)], Int32(i))) }
        }
        expected.sort { ($0.metres, $0.position) < ($1.metres, $1.position) }
        let got = near.labels(of: v)
        #expect(got.map(\.candidate) == expected.prefix(k).map(\.position), "round \(round) node \(v)")
        #expect(got.map(\.metres) == expected.prefix(k).map(\.metres), "round \(round) node \(v)")
      }
    }
  }

  @Test("a trial's problem made from the best's equals the problem made afresh")
  func problemFromReferenceMatchesFresh() {
    var rng = SplitMix64(seed: 11)
    for round in 0..<40 {
      let n = 3 + Int(rng.next() % 60)
      let tree = Self.randomTree(n, barrier: round % 3 == 0, &rng)
      let candidates = (0..<Int32(n)).filter { _ in rng.next() % 2 == 0 }
      guard candidates.count >= 3 else { continue }
      let homes = (0..<Int32(n)).filter { _ in rng.next() % 2 == 0 }
      let k = 1 + Int(rng.next() % 4), bound = Double(50 + rng.next() % 150)
      let siting = CabinetSiting(
        tree: tree, candidates: candidates, demandNode: homes, supply: homes.map { _ in 1 }, k: k, bound: bound,
        perFibreMetre: 1, unservedCost: 1000, capacity: 4,
        proposals: NearestCandidates(tree: tree, candidates: candidates, k: k, bound: bound),
        price: { _, _, flow, _ in (flow.assignmentCost, nil) })
      let all = (0..<Int32(candidates.count)).map { $0 }
      var open = all.filter { _ in rng.next() % 2 == 0 }
      if open.isEmpty { open = [0] }
      let best = siting.evaluate(open)
      for _ in 0..<6 {
        var trial = Set(best.open)
        for _ in 0..<(1 + Int(rng.next() % 2)) {
          let c = all[Int(rng.next() % UInt64(all.count))]
          if trial.contains(c) { trial.remove(c) } else { trial.insert(c) }
        }
        let sorted = trial.sorted()
        guard let made = siting.problem(open: sorted, from: best) else { continue }
        let fresh = siting.problem(open: sorted)
        #expect(made.problem.arcStart == fresh.arcStart, "round \(round)")
        #expect(made.problem.arcFacility == fresh.arcFacility, "round \(round)")
        #expect(made.problem.arcCost == fresh.arcCost, "round \(round)")
      }
    }
  }
}

extension CapacitatedAssignmentTests {
  /// A random tree of n nodes (node i > 0 hangs off an earlier node), edges of 25 to
  /// 100 m so that ties occur; with `barrier`, node 0 is a hub of several POPs.
  static func randomTree(_ n: Int, barrier: Bool, _ rng: inout SplitMix64) -> RootedTree {
    var net = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    for _ in 0..<n { net.nodeX.append(0); net.nodeY.append(0); net.nodeComponent.append(0) }
    for i in 1..<n {
      net.edgeU.append(Int32(rng.next() % UInt64(i))); net.edgeV.append(Int32(i))
      net.edgeLength.append(Double(1 + rng.next() % 4) * 25)
    }
    if barrier { net.popNodes = [1]; net.popNode = 0 }
    return RootedTree(network: net, treeEdges: (0..<Int32(n - 1)).map { $0 }, root: 0)
  }
}
