import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// The cost the POP search minimises, over one fixed network. For a set of open POPs:
/// their fixed costs; every demand point homed to the cheapest open POP whose
/// cheapest route stays within optical reach, then moved off POPs over capacity; the
/// access trench as the union of those routes (a trench edge shared by two POP areas
/// is paid once); the backbone as the union of the routes from the data centre to the
/// open POPs (trench already dug for access is not paid again, cable is); a price per
/// served household for its connection and equipment; and `unservedHouseholdCost` for
/// every household no open POP can serve.
///
/// Routes are the shortest-path trees by cost from every candidate, computed once: the
/// union of shortest paths is within a factor 2 of the Steiner forest on the same
/// terminals (Takahashi & Matsuyama 1980), and it ranks POP sets fast enough to try
/// hundreds of them. The plan itself is then routed by the Steiner engine.
package struct POPCostModel: Sendable {
  package struct Demand: Sendable {
    package var node: Int32
    /// Households (a site counts as one).
    package var households: Int32
  }

  package struct Evaluation: Sendable, Equatable {
    package var cost: Double
    package var servedHouseholds: Int
    package var unservedHouseholds: Int
    /// Open-candidate position (index into `candidates`) of each demand, -1 if unserved.
    package var home: [Int32]
  }

  package var candidates: [Int32]
  /// The first `fixedCount` candidates are always open.
  package var fixedCount: Int
  package var demands: [Demand]
  package var popCost: Double
  package var capacity: Int
  package var perHousehold: Double
  package var unservedHouseholdCost: Double
  package var backboneCablePerMetre: Double
  /// Route cost from candidate k to each demand (+∞ beyond reach or unreachable).
  package var routeCost: [[Double]]
  /// Shortest-path tree edge into each node, per candidate, and from the data centre.
  package var predEdge: [[Int32]]
  package var dataCentrePred: [Int32]
  package var edgeU: [Int32], edgeV: [Int32], edgeCost: [Double], edgeLength: [Double]

  /// - Complexity: one Dijkstra per candidate (`threads` side by side; each is
  ///   independent, so the model does not depend on the count) and one from the data
  ///   centre, each O(m log n); memory O(candidates · n).
  package init(network: RoadNetwork, candidates: [Int32], fixedCount: Int, demands: [Demand],
               dataCentre: Int32, reachMetres: Double, options: HierarchyOptions, perHousehold: Double,
               backboneCablePerMetre: Double, threads: Int = 1) {
    self.candidates = candidates
    self.fixedCount = fixedCount
    self.demands = demands
    popCost = options.popCost
    capacity = options.popCapacityHouseholds
    self.perHousehold = perHousehold
    unservedHouseholdCost = options.unservedHouseholdCost
    self.backboneCablePerMetre = backboneCablePerMetre
    edgeU = network.edgeU; edgeV = network.edgeV; edgeCost = network.edgeCost; edgeLength = network.edgeLength
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    let routes = orderedParallelMap(candidates.count, threads: threads) { k in
      Self.routes(from: candidates[k], graph: g, network: network, demands: demands, reachMetres: reachMetres)
    }
    routeCost = routes.map(\.cost)
    predEdge = routes.map(\.pred)
    dataCentrePred = Self.backboneRoutes(from: dataCentre, to: candidates, graph: g, network: network)
  }

  /// Route cost from `source` to each demand (+∞ beyond `reachMetres` or unreachable)
  /// and the shortest-path tree's edge into each node (-1 where the search did not
  /// settle one). O(m log n) over the part of the network searched.
  private static func routes(from source: Int32, graph g: CSRGraph, network: RoadNetwork, demands: [Demand],
                             reachMetres: Double) -> (cost: [Double], pred: [Int32]) {
    let tree = RouteTree(g, cost: network.edgeCost, length: network.edgeLength, from: source, reach: reachMetres)
    let cost = demands.map { d in tree.withinReach(Int(d.node)) ? tree.dist[Int(d.node)] : .infinity }
    return (cost, tree.predEdge)
  }

  /// Dijkstra by cost from one source that also sums each route's metres, and stops
  /// once every route still open is longer than the reach. Metres only grow along a
  /// route, so a route past the reach stays past it, and so does every route through
  /// it: when the heap holds only such routes, no node left can be reached within the
  /// reach. Until then it relaxes exactly as a full search does, so every node within
  /// reach gets the same cost and tree edge.
  struct RouteTree {
    var dist: [Double]
    var predEdge: [Int32]
    var metres: [Double]
    var settled: [Bool]
    let reach: Double

    init(_ g: CSRGraph, cost: [Double], length: [Double], from source: Int32, reach: Double) {
      let n = g.nodeCount
      self.reach = reach
      dist = [Double](repeating: .infinity, count: n)
      predEdge = [Int32](repeating: -1, count: n)
      metres = [Double](repeating: .infinity, count: n)
      settled = [Bool](repeating: false, count: n)
      var heap = IndexedHeap(capacity: n)
      dist[Int(source)] = 0; metres[Int(source)] = 0
      heap.push(Int(source), 0)
      // Entries in the heap whose route is within reach.
      var open = 0 <= reach ? 1 : 0
      while open > 0, !heap.isEmpty {
        let (v, d) = heap.pop()
        settled[v] = true
        if metres[v] <= reach { open -= 1 }
        for a in g.arcs(v) {
          let e = Int(g.arcEdge[a]), w = Int(g.arcHead[a])
          guard !settled[w] else { continue }
          let nd = d + cost[e]
          guard nd < dist[w] else { continue }
          let wasOpen = heap.contains(w) && metres[w] <= reach
          dist[w] = nd; predEdge[w] = Int32(e); metres[w] = metres[v] + length[e]
          heap.push(w, nd)
          open += (metres[w] <= reach ? 1 : 0) - (wasOpen ? 1 : 0)
        }
      }
    }

    /// Whether the search settled `v` on a route within the reach.
    func withinReach(_ v: Int) -> Bool { settled[v] && metres[v] <= reach }
  }

  /// The shortest-path tree by cost from the data centre, as far as it takes to settle
  /// every candidate: only the routes to candidates are walked, and a settled node's
  /// edge in, like every node's on its route, is the one a full search would leave.
  private static func backboneRoutes(from dataCentre: Int32, to candidates: [Int32], graph g: CSRGraph,
                                     network: RoadNetwork) -> [Int32] {
    var isCandidate = [Bool](repeating: false, count: network.nodeCount)
    for c in candidates { isCandidate[Int(c)] = true }
    var left = isCandidate.reduce(0) { $0 + ($1 ? 1 : 0) }
    var paths = ShortestPaths(nodeCount: network.nodeCount)
    paths.seed(Int(dataCentre), label: 0)
    _ = paths.run(g, weights: network.edgeCost, stop: { v in
      if isCandidate[v] { left -= 1 }
      return left == 0
    })
    return paths.predEdge
  }

  /// Per-edge marks of one evaluation, kept between evaluations so that a search does
  /// not allocate two edge-sized arrays per set it tries; only the edges an evaluation
  /// touched are cleared.
  package struct Scratch: Sendable {
    var paid: [Bool]
    var walkedBy: [Int32]
    var touched: [Int32] = []
    /// Per candidate, the demands within its reach, costliest route first (ties: the
    /// higher demand index): the order a POP over capacity gives them up in, sorted
    /// once per search instead of once per evaluation.
    var givingUp: [[Int32]?]

    package init(edgeCount: Int, candidateCount: Int = 0) {
      paid = [Bool](repeating: false, count: edgeCount)
      walkedBy = [Int32](repeating: -1, count: edgeCount)
      givingUp = Array(repeating: nil, count: candidateCount)
    }

    mutating func clear() {
      for e in touched { paid[Int(e)] = false; walkedBy[Int(e)] = -1 }
      touched.removeAll(keepingCapacity: true)
    }
  }

  package func makeScratch() -> Scratch { Scratch(edgeCount: edgeU.count, candidateCount: candidates.count) }

  /// The cost of opening `open` (candidate positions, ascending).
  package func evaluate(_ open: [Int]) -> Evaluation {
    var scratch = makeScratch()
    return evaluate(open, scratch: &scratch)
  }

  /// As `evaluate(_:)`, reusing `scratch`. O(demands · open + edges walked).
  package func evaluate(_ open: [Int], scratch: inout Scratch) -> Evaluation {
    var home = assign(open)
    rehomeOverCapacity(open, home: &home, scratch: &scratch)
    defer { scratch.clear() }
    var cost = Double(open.count) * popCost
    var served = 0, unserved = 0
    for (d, demand) in demands.enumerated() {
      let k = home[d]
      guard k >= 0 else { unserved += Int(demand.households); continue }
      served += Int(demand.households)
      cost += walk(from: demand.node, pred: predEdge[Int(k)], mark: k, scratch: &scratch, cable: 0)
    }
    for k in open {
      cost += walk(from: candidates[k], pred: dataCentrePred, mark: -2, scratch: &scratch, cable: backboneCablePerMetre)
    }
    cost += Double(served) * perHousehold + Double(unserved) * unservedHouseholdCost
    return Evaluation(cost: cost, servedHouseholds: served, unservedHouseholds: unserved, home: home)
  }

  /// Trench and cable of the route from the data centre to candidate `k`: what opening
  /// it adds to the backbone when no other POP shares the route. O(route).
  package func backboneEstimate(_ k: Int) -> Double {
    var cost = 0.0
    var v = candidates[k]
    while dataCentrePred[Int(v)] >= 0 {
      let e = Int(dataCentrePred[Int(v)])
      cost += edgeCost[e] + backboneCablePerMetre * edgeLength[e]
      v = edgeU[e] == v ? edgeV[e] : edgeU[e]
    }
    return cost
  }

  /// Adds the trench not yet paid (and `cable` per metre) along the tree path from
  /// `node` to its source, stopping where this walk's tree was already walked.
  private func walk(from node: Int32, pred: [Int32], mark: Int32, scratch: inout Scratch, cable: Double) -> Double {
    var cost = 0.0
    var v = node
    while pred[Int(v)] >= 0 {
      let e = Int(pred[Int(v)])
      if scratch.walkedBy[e] == mark { break }
      if scratch.walkedBy[e] == -1 { scratch.touched.append(Int32(e)) }
      scratch.walkedBy[e] = mark
      if !scratch.paid[e] { scratch.paid[e] = true; cost += edgeCost[e] }
      cost += cable * edgeLength[e]
      v = edgeU[e] == v ? edgeV[e] : edgeU[e]
    }
    return cost
  }

  /// Each demand to the cheapest open POP within reach (ties: the earlier candidate).
  private func assign(_ open: [Int]) -> [Int32] {
    (0..<demands.count).map { d in
      var best: Int32 = -1
      var bestCost = Double.infinity
      for k in open where routeCost[k][d] < bestCost { bestCost = routeCost[k][d]; best = Int32(k) }
      return best
    }
  }

  /// POPs over capacity give up their costliest demands to the next-cheapest open POP
  /// with room, or leave them unserved.
  private func rehomeOverCapacity(_ open: [Int], home: inout [Int32], scratch: inout Scratch) {
    var load = [Int](repeating: 0, count: candidates.count)
    for (d, k) in home.enumerated() where k >= 0 { load[Int(k)] += Int(demands[d].households) }
    for k in open where load[k] > capacity {
      if scratch.givingUp[k] == nil { scratch.givingUp[k] = givingUpOrder(k) }
      // Only this loop moves k's demands, and only away from k: filtering the order as
      // it goes sees the demands k held when it started.
      for d in scratch.givingUp[k]! where load[k] > capacity && home[Int(d)] == Int32(k) {
        let h = Int(demands[Int(d)].households)
        var next: Int32 = -1
        var nextCost = Double.infinity
        for j in open where j != k && load[j] + h <= capacity && routeCost[j][Int(d)] < nextCost {
          nextCost = routeCost[j][Int(d)]; next = Int32(j)
        }
        load[k] -= h
        home[Int(d)] = next
        if next >= 0 { load[Int(next)] += h }
      }
    }
  }

  /// The demands candidate `k` reaches, costliest route first, ties by the higher index
  /// (a total order). Only they can be homed to `k`.
  private func givingUpOrder(_ k: Int) -> [Int32] {
    let cost = routeCost[k]
    let reached = cost.indices.filter { cost[$0] < .infinity }
    return KeyedOrder.descending(keys: reached.map { cost[$0] }, ids: reached.map { Int32($0) })
  }
}
