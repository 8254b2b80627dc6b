import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreGraph
@testable import FibreNetwork
@testable import FibrePlanning

/// The POP search against its own cost model: known answers on a line, and the
/// brute-force optimum on random small grids.
@Suite struct POPSearchTests {
  /// A network of nodes on a grid `side × side`, `spacing` metres apart, every street
  /// priced by `rng`, and one house hanging 10 m off some nodes.
  static func grid(side: Int, spacing: Double, houses: Int, rng: inout SplitMix64)
    -> (RoadNetwork, [POPCostModel.Demand], roadNodes: [Int32]) {
    var n = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    func node(_ x: Double, _ y: Double) -> Int32 {
      n.nodeX.append(x); n.nodeY.append(y); n.nodeComponent.append(0)
      return Int32(n.nodeX.count - 1)
    }
    func edge(_ u: Int32, _ v: Int32, length: Double, cost: Double, kind: EdgeKind) {
      n.edgeU.append(u); n.edgeV.append(v); n.edgeLength.append(length); n.edgeCost.append(cost)
      n.edgeKind.append(kind)
    }
    for r in 0..<side { for c in 0..<side { _ = node(Double(c) * spacing, Double(r) * spacing) } }
    for r in 0..<side {
      for c in 0..<side {
        let v = Int32(r * side + c)
        let price = 40 + Double(rng.next() % 80)
        if c + 1 < side { edge(v, v + 1, length: spacing, cost: spacing * price, kind: .trench) }
        if r + 1 < side { edge(v, v + Int32(side), length: spacing, cost: spacing * price, kind: .trench) }
      }
    }
    var demands: [POPCostModel.Demand] = []
    for _ in 0..<houses {
      let at = Int32(rng.next() % UInt64(side * side))
      let h = node(n.nodeX[Int(at)] + 10, n.nodeY[Int(at)])
      edge(at, h, length: 10, cost: 300, kind: .drop)
      demands.append(.init(node: h, households: Int32(1 + rng.next() % 6)))
    }
    return (n, demands, (0..<Int32(side * side)).map { $0 })
  }

  static func model(_ n: RoadNetwork, _ demands: [POPCostModel.Demand], candidates: [Int32], fixed: Int = 0,
                    popCost: Double, reach: Double, capacity: Int = 8192) -> POPCostModel {
    var o = HierarchyOptions()
    o.popCost = popCost
    o.popCapacityHouseholds = capacity
    return POPCostModel(network: n, candidates: candidates, fixedCount: fixed, demands: demands,
                        dataCentre: candidates[0], reachMetres: reach, options: o, perHousehold: 500,
                        backboneCablePerMetre: 1.6)
  }

  @Test func aLineWithTwoCandidatesCostsWhatTheArithmeticSays() {
    // 0 —1 km— 1 —1 km— 2, a house of 5 households 10 m off node 2; candidates at 0 and 2.
    var n = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    n.nodeX = [0, 1000, 2000, 2010]; n.nodeY = [0, 0, 0, 0]; n.nodeComponent = [0, 0, 0, 0]
    n.edgeU = [0, 1, 2]; n.edgeV = [1, 2, 3]; n.edgeLength = [1000, 1000, 10]; n.edgeCost = [100_000, 100_000, 300]
    n.edgeKind = [.trench, .trench, .drop]
    let demands = [POPCostModel.Demand(node: 3, households: 5)]
    let m = Self.model(n, demands, candidates: [0, 2], popCost: 50_000, reach: 20_000)
    // Only node 0: POP 50k + trench 200,300 + 5 × 500; the backbone starts there.
    #expect(abs(m.evaluate([0]).cost - (50_000 + 200_300 + 2_500)) < 1e-6)
    // Only node 2: POP 50k + drop 300 + 5 × 500 + backbone from node 0: trench 200k + cable 2 km × 1.6.
    #expect(abs(m.evaluate([1]).cost - (50_000 + 300 + 2_500 + 200_000 + 3_200)) < 1e-6)
    // Beyond reach nobody is served: each household costs the unserved price.
    let short = Self.model(n, demands, candidates: [0, 2], popCost: 50_000, reach: 1_500)
    #expect(short.evaluate([0]).unservedHouseholds == 5)
    #expect(abs(short.evaluate([0]).cost - (50_000 + 5 * 100_000)) < 1e-6)
  }

  @Test func capacityMovesTheCostliestHomesToTheNextPOP() {
    var rng = SplitMix64(seed: 7)
    let (n, demands, _) = Self.grid(side: 4, spacing: 200, houses: 12, rng: &rng)
    let total = demands.reduce(0) { $0 + Int($1.households) }
    let m = Self.model(n, demands, candidates: [0, 15], popCost: 1000, reach: 50_000, capacity: total / 2)
    let e = m.evaluate([0, 1])
    var load = [0, 0]
    for (d, k) in e.home.enumerated() where k >= 0 { load[Int(k)] += Int(demands[d].households) }
    #expect(load[0] <= total / 2 && load[1] <= total / 2)
    #expect(e.servedHouseholds + e.unservedHouseholds == total)
  }

  /// The capacity rule read literally: cheapest open POP within reach; then each POP
  /// over capacity, in open order, sorts the demands it holds costliest first (ties:
  /// higher index first) and hands them to the cheapest other open POP with room.
  static func homesByTheRule(_ m: POPCostModel, open: [Int]) -> (home: [Int32], rehomed: Bool) {
    var home = m.demands.indices.map { d -> Int32 in
      var best: Int32 = -1, bestCost = Double.infinity
      for k in open where m.routeCost[k][d] < bestCost { bestCost = m.routeCost[k][d]; best = Int32(k) }
      return best
    }
    var load = [Int](repeating: 0, count: m.candidates.count)
    for (d, k) in home.enumerated() where k >= 0 { load[Int(k)] += Int(m.demands[d].households) }
    let rehomed = open.contains { load[$0] > m.capacity }
    for k in open where load[k] > m.capacity {
      let mine = m.demands.indices.filter { home[$0] == Int32(k) }
        .sorted { (m.routeCost[k][$0], $0) > (m.routeCost[k][$1], $1) }
      for d in mine where load[k] > m.capacity {
        let h = Int(m.demands[d].households)
        var next: Int32 = -1, nextCost = Double.infinity
        for j in open where j != k && load[j] + h <= m.capacity && m.routeCost[j][d] < nextCost {
          nextCost = m.routeCost[j][d]; next = Int32(j)
        }
        load[k] -= h
        home[d] = next
        if next >= 0 { load[Int(next)] += h }
      }
    }
    return (home, rehomed)
  }

  @Test("POPs over capacity give up homes by the rule, with one scratch kept across many evaluations")
  func capacityFollowsTheRuleWithAReusedScratch() {
    var rng = SplitMix64(seed: 41)
    for i in 0..<6 {
      let (n, demands, roads) = Self.grid(side: 6, spacing: 250, houses: 40, rng: &rng)
      let candidates = (0..<5).map { _ in roads[Int(rng.next() % UInt64(roads.count))] }
      let total = demands.reduce(0) { $0 + Int($1.households) }
      let m = Self.model(n, demands, candidates: Array(Set(candidates)).sorted(), popCost: 1000,
                         reach: [900, 1500, 50_000][i % 3], capacity: total / (3 + i % 3))
      var scratch = m.makeScratch()
      var overCapacity = 0
      for mask in 1..<(1 << m.candidates.count) {
        let open = (0..<m.candidates.count).filter { mask & (1 << $0) != 0 }
        let rule = Self.homesByTheRule(m, open: open)
        #expect(m.evaluate(open, scratch: &scratch).home == rule.home, "open \(open)")
        if rule.rehomed { overCapacity += 1 }
      }
      #expect(overCapacity > 0)
    }
  }

  @Test func theSearchFindsTheBruteForceOptimumOnRandomSmallInstances() {
    var rng = SplitMix64(seed: 2026)
    var matched = 0
    let instances = 40
    for i in 0..<instances {
      let (n, demands, roads) = Self.grid(side: 5 + i % 3, spacing: 150 + Double(i % 4) * 250, houses: 10 + i % 7, rng: &rng)
      let k = 3 + i % 4
      var candidates: [Int32] = []
      while candidates.count < k {
        let c = roads[Int(rng.next() % UInt64(roads.count))]
        if !candidates.contains(c) { candidates.append(c) }
      }
      let m = Self.model(n, demands, candidates: candidates, fixed: i % 5 == 0 ? 1 : 0,
                         popCost: [5_000, 40_000, 150_000][i % 3], reach: [800, 1500, 20_000][(i / 3) % 3],
                         capacity: i % 4 == 0 ? 25 : 8192)
      let count: POPCount = i % 6 == 5 ? .exactly(2) : .auto
      let searched = POPSearch.search(m, count: count)
      let best = POPSearch.bruteForce(m, count: count)
      #expect(searched.evaluation.cost >= best.evaluation.cost - 1e-6)
      if searched.evaluation.cost <= best.evaluation.cost * (1 + 1e-9) + 1e-6 { matched += 1 }
    }
    #expect(Double(matched) >= 0.95 * Double(instances), "matched \(matched) of \(instances)")
  }

  @Test func exactlyNOpensNAndFixedPOPsStayOpen() {
    var rng = SplitMix64(seed: 3)
    let (n, demands, _) = Self.grid(side: 5, spacing: 300, houses: 15, rng: &rng)
    let m = Self.model(n, demands, candidates: [24, 0, 4, 20], fixed: 1, popCost: 1e6, reach: 50_000)
    let r = POPSearch.search(m, count: .exactly(3))
    #expect(r.open.count == 3)
    #expect(r.open.contains(0))
    // With a huge POP price, "as many as pay" keeps only the fixed POP.
    #expect(POPSearch.search(m, count: .auto).open == [0])
  }

  @Test func modelDoesNotDependOnThreadsAndItsBackboneRoutesAreAFullSearchs() {
    var rng = SplitMix64(seed: 11)
    let (n, demands, _) = Self.grid(side: 6, spacing: 150, houses: 20, rng: &rng)
    var o = HierarchyOptions()
    o.popCost = 1000
    func model(threads: Int) -> POPCostModel {
      POPCostModel(network: n, candidates: [0, 5, 14, 30], fixedCount: 1, demands: demands, dataCentre: 35,
                   reachMetres: 900, options: o, perHousehold: 500, backboneCablePerMetre: 1.6, threads: threads)
    }
    let one = model(threads: 1), three = model(threads: 3)
    #expect(one.routeCost == three.routeCost)
    #expect(one.predEdge == three.predEdge)
    // The data centre's search stops early, but every candidate's route back to it is
    // the full search's, edge for edge.
    let g = CSRGraph(nodeCount: n.nodeCount, edgeU: n.edgeU, edgeV: n.edgeV)
    var full = ShortestPaths(nodeCount: n.nodeCount)
    full.singleSource(g, weights: n.edgeCost, from: 35)
    for c in one.candidates {
      #expect(ShortestPaths.pathEdges(g, predEdge: one.dataCentrePred, to: Int(c)) == full.pathEdges(g, to: Int(c)))
    }
    #expect(one.evaluate([0, 2]) == three.evaluate([0, 2]))
  }

  @Test("A route tree that stops past the reach gives every node within reach a full search's cost and route")
  func routeTreeWithinReachIsAFullSearchs() {
    var rng = SplitMix64(seed: 23)
    for trial in 0..<20 {
      let (n, _, _) = Self.grid(side: 9, spacing: 100 + Double(trial * 10), houses: 30, rng: &rng)
      let g = CSRGraph(nodeCount: n.nodeCount, edgeU: n.edgeU, edgeV: n.edgeV)
      let source = Int32(rng.next() % 81)
      let reach = 200 + Double(rng.next() % 1200)
      var full = ShortestPaths(nodeCount: n.nodeCount)
      full.singleSource(g, weights: n.edgeCost, from: Int(source))
      let tree = POPCostModel.RouteTree(g, cost: n.edgeCost, length: n.edgeLength, from: source, reach: reach)
      for v in 0..<n.nodeCount {
        // Metres of the full search's cheapest route, edge by edge.
        let metres = full.pathEdges(g, to: v).reduce(0.0) { $0 + n.edgeLength[Int($1)] }
        let within = full.dist[v].isFinite && metres <= reach
        #expect(tree.withinReach(v) == within, "trial \(trial), node \(v)")
        if within {
          #expect(tree.dist[v] == full.dist[v])
          #expect(ShortestPaths.pathEdges(g, predEdge: tree.predEdge, to: v) == full.pathEdges(g, to: v))
        }
      }
    }
    // And it stops early: from a corner of a grid 800 m wide, a reach of 250 m leaves
    // most of it unsearched.
    let (n, _, _) = Self.grid(side: 9, spacing: 100, houses: 0, rng: &rng)
    let g = CSRGraph(nodeCount: n.nodeCount, edgeU: n.edgeU, edgeV: n.edgeV)
    let tree = POPCostModel.RouteTree(g, cost: n.edgeCost, length: n.edgeLength, from: 0, reach: 250)
    #expect(tree.settled.filter { $0 }.count < n.nodeCount / 2)
  }
}

