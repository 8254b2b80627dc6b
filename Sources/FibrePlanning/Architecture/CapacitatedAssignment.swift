import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// Capacitated assignment of demand groups (homes) to open facilities (cabinets) as a
/// transportation problem, solved exactly by successive shortest paths with node
/// potentials (Edmonds & Karp 1972; one source at a time, as in Bradley, Bennett &
/// Demiriz 2000 for constrained clustering). Each group may use only its listed arcs
/// (its nearest candidates within the distance limit); what no open facility can take
/// goes to a virtual "unserved" facility at `unservedCost` per unit, so the flow is
/// always complete and the result is lexicographically "serve the most, then cheapest"
/// whenever `unservedCost` exceeds every path cost.
package struct TransportationProblem: Sendable {
  /// Units (fibres) each group needs.
  package var supply: [Int32]
  /// Arcs of group g are `arcStart[g] ..< arcStart[g+1]`.
  package var arcStart: [Int32]
  package var arcFacility: [Int32]
  package var arcCost: [Double]
  package var facilityCount: Int
  package var unservedCost: Double

  package var groupCount: Int { supply.count }
}

/// An optimal flow for one set of open facilities.
package struct TransportationSolution: Sendable {
  /// Units on each arc of the problem.
  package var arcFlow: [Int32]
  /// Units of each group nobody took.
  package var unserved: [Int32]
  /// Units each facility took.
  package var load: [Int32]
  /// Σ flow × arc cost (unserved units excluded).
  package var assignmentCost: Double
  package var unservedUnits: Int
  /// Node potentials the flow is optimal for (facilities, U, T): with them every arc
  /// left in the residual network has a reduced cost ≥ 0, so a problem that differs a
  /// little can be solved from this flow (`solve(capacity:from:)`).
  package var potential: [Double]
}

extension TransportationProblem {
  /// Min-cost flow for the facilities with `capacity[f] > 0`.
  /// - Complexity: O(Σ supply_g augmentations × expanded facilities × their groups × k)
  ///   in the worst case; each augmentation stops as soon as it reaches a facility with
  ///   room, so a typical instance runs in O(groups × k · log facilities).
  /// `pool`: scratch of earlier solves to reuse (any gives the same flow).
  package func solve(capacity: [Int32], pool: SearchScratchPool? = nil) -> TransportationSolution {
    var state = FlowState(problem: self)
    var scratch = SearchScratchPool.take(from: pool, nodes: facilityCount + 2)
    defer { SearchScratchPool.give(scratch, to: pool) }
    scratch.potential.update(repeating: 0)
    route(0..<groupCount, capacity: capacity, state: &state, scratch: &scratch)
    return state.solution(of: self, potential: scratch.potential)
  }

  /// Search scratch of finished solves, for the next ones: a search first clears what
  /// the last one touched, so a used scratch (its potentials set anew) acts as a new
  /// one without allocating and filling facility-sized arrays for every local-search
  /// move. Solves run side by side take one each.
  package final class SearchScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [SearchScratch] = []

    package init() {}

    deinit { for s in free { s.deallocate() } }

    static func take(from pool: SearchScratchPool?, nodes: Int) -> SearchScratch {
      if let pool, let s = pool.lock.withLock({ pool.free.popLast() }) {
        if s.dist.count == nodes { return s }
        s.deallocate()
      }
      return SearchScratch(nodes: nodes)
    }

    static func give(_ scratch: SearchScratch, to pool: SearchScratchPool?) {
      guard let pool else { scratch.deallocate(); return }
      pool.lock.withLock { pool.free.append(scratch) }
    }
  }

  /// Units on arcs, unserved units and loads while the flow is built, with the groups
  /// on each facility (U's members are group ids tagged -1 - g) for the searches.
  struct FlowState {
    var arcFlow: [Int32]
    var unserved: [Int32]
    var load: [Int32]
    var members: FacilityMembers
    var memberSlot: [Int32]
    var unservedSlot: [Int32]

    /// No flow yet.
    init(problem p: TransportationProblem) {
      arcFlow = [Int32](repeating: 0, count: p.arcFacility.count)
      unserved = [Int32](repeating: 0, count: p.groupCount)
      load = [Int32](repeating: 0, count: p.facilityCount)
      members = FacilityMembers(facilities: p.facilityCount + 1)
      memberSlot = [Int32](repeating: -1, count: p.arcFacility.count)
      unservedSlot = [Int32](repeating: -1, count: p.groupCount)
    }

    /// `arcFlow` given, loads and members not yet: the caller adds them. Member slots
    /// are read only for arcs with flow, each written when its flow becomes positive,
    /// so they start unwritten rather than filled.
    init(arcFlow: [Int32], problem p: TransportationProblem) {
      self.arcFlow = arcFlow
      unserved = [Int32](repeating: 0, count: p.groupCount)
      load = [Int32](repeating: 0, count: p.facilityCount)
      members = FacilityMembers(facilities: p.facilityCount + 1)
      memberSlot = [Int32](unsafeUninitializedCapacity: arcFlow.count) { _, count in count = arcFlow.count }
      unservedSlot = [Int32](repeating: -1, count: p.groupCount)
    }

    func solution(of p: TransportationProblem, potential: UnsafeMutableBufferPointer<Double>) -> TransportationSolution {
      var assignment = 0.0
      for a in 0..<arcFlow.count where arcFlow[a] > 0 { assignment += Double(arcFlow[a]) * p.arcCost[a] }
      return TransportationSolution(arcFlow: arcFlow, unserved: unserved, load: load, assignmentCost: assignment,
                                    unservedUnits: unserved.reduce(0) { $0 + Int($1) }, potential: Array(potential))
    }
  }

  /// Successive shortest paths for the units of `groups` (in order) not yet placed.
  func route<Groups: Sequence<Int>>(_ groups: Groups, capacity: [Int32], state: inout FlowState,
                                    scratch: inout SearchScratch) {
    var arcGroup = [Int32](repeating: 0, count: arcFacility.count)
    for g in 0..<groupCount { for a in Int(arcStart[g])..<Int(arcStart[g + 1]) { arcGroup[a] = Int32(g) } }
    // The searches read and write these per relaxed arc: flat scratch without
    // copy-on-write checks (they were a third of the solve).
    let start = arcStart, facility = arcFacility, cost = arcCost
    start.withUnsafeBufferPointer { start in
      facility.withUnsafeBufferPointer { facility in
        cost.withUnsafeBufferPointer { cost in
          arcGroup.withUnsafeBufferPointer { arcGroup in
            capacity.withUnsafeBufferPointer { capacity in
              let arcs = ArcView(start: start, facility: facility, cost: cost, group: arcGroup, capacity: capacity)
              for g in groups {
                var remaining = supply[g] - state.unserved[g]
                for a in Int(arcStart[g])..<Int(arcStart[g + 1]) { remaining -= state.arcFlow[a] }
                while remaining > 0 {
                  // U always has room, so the sink is always reached.
                  guard search(from: g, arcs: arcs, scratch: &scratch, load: state.load, members: state.members) else { break }
                  let amount = augment(g, remaining: remaining, arcs: arcs, scratch: scratch, load: &state.load,
                                       arcFlow: &state.arcFlow, unserved: &state.unserved, members: &state.members,
                                       memberSlot: &state.memberSlot, unservedSlot: &state.unservedSlot)
                  remaining -= amount
                }
              }
            }
          }
        }
      }
    }
  }

  /// The problem's arcs and the facilities' capacities, read without bounds checks.
  struct ArcView {
    var start: UnsafeBufferPointer<Int32>
    var facility: UnsafeBufferPointer<Int32>
    var cost: UnsafeBufferPointer<Double>
    var group: UnsafeBufferPointer<Int32>
    var capacity: UnsafeBufferPointer<Int32>
  }

  /// Dijkstra's state over the facilities, the unserved node U and the sink T.
  struct SearchScratch {
    let potential, dist: UnsafeMutableBufferPointer<Double>
    // How each node was reached: facility `fromFacility` by moving group `viaGroup`
    // (arc `viaArc` into this node; `viaOutArc` the group's arc it leaves, -1 for U).
    let fromFacility, viaArc, viaOutArc: UnsafeMutableBufferPointer<Int32>
    let settled: UnsafeMutableBufferPointer<Bool>
    var heap: IndexedHeap
    var touched: [Int] = []

    init(nodes: Int) {
      potential = .allocate(capacity: nodes); potential.initialize(repeating: 0)
      dist = .allocate(capacity: nodes); dist.initialize(repeating: .infinity)
      fromFacility = .allocate(capacity: nodes); fromFacility.initialize(repeating: -1)
      viaArc = .allocate(capacity: nodes); viaArc.initialize(repeating: -1)
      viaOutArc = .allocate(capacity: nodes); viaOutArc.initialize(repeating: -1)
      settled = .allocate(capacity: nodes); settled.initialize(repeating: false)
      heap = IndexedHeap(capacity: nodes)
    }

    func deallocate() {
      potential.deallocate(); dist.deallocate(); fromFacility.deallocate()
      viaArc.deallocate(); viaOutArc.deallocate(); settled.deallocate()
    }

    @inline(__always)
    mutating func relax(_ v: Int, _ d: Double, from: Int32, arc: Int32, outArc: Int32) {
      if d < dist[v] {
        if dist[v] == .infinity { touched.append(v) }
        dist[v] = d; fromFacility[v] = from; viaArc[v] = arc; viaOutArc[v] = outArc
        heap.push(v, d)
      }
    }
  }

  /// Dijkstra over facilities on reduced costs, from group g, to the sink; then the
  /// potentials of the nodes reached are updated.
  private func search(from g: Int, arcs: ArcView, scratch s: inout SearchScratch, load: [Int32], members: FacilityMembers) -> Bool {
    let F = facilityCount, U = F, T = F + 1
    for v in s.touched { s.dist[v] = .infinity; s.settled[v] = false; s.fromFacility[v] = -1; s.viaArc[v] = -1; s.viaOutArc[v] = -1 }
    s.touched.removeAll(keepingCapacity: true)
    s.heap.removeAll()
    let potential = s.potential, settled = s.settled, capacity = arcs.capacity
    // g's own potential makes its out-arcs non-negative: max over f of π(f) − c.
    var pg = potential[U] - unservedCost
    for a in Int(arcs.start[g])..<Int(arcs.start[g + 1]) where capacity[Int(arcs.facility[a])] > 0 {
      pg = max(pg, potential[Int(arcs.facility[a])] - arcs.cost[a])
    }
    if direct(from: g, pg: pg, arcs: arcs, scratch: &s, load: load) { return true }
    for a in Int(arcs.start[g])..<Int(arcs.start[g + 1]) where capacity[Int(arcs.facility[a])] > 0 {
      let f = Int(arcs.facility[a])
      s.relax(f, max(0, arcs.cost[a] + pg - potential[f]), from: -1, arc: Int32(a), outArc: -1)
    }
    s.relax(U, max(0, unservedCost + pg - potential[U]), from: -1, arc: -1, outArc: -1)
    var reachedT = false
    while !s.heap.isEmpty {
      let (v, d) = s.heap.pop()
      settled[v] = true
      if v == T { reachedT = true; break }
      // Sink arc: a real facility with room, or U (unlimited).
      if v == U || load[v] < capacity[v] {
        s.relax(T, d + max(0, potential[v] - potential[T]), from: Int32(v), arc: -1, outArc: -1)
      }
      // Reduced costs are ≥ 0, so nothing reached from here on is nearer than d: once
      // T is at d it would be popped at d with its path fixed, and nodes popped at d
      // before it change no potential (they shift by min(d, dT) − dT = 0). Stopping
      // now skips scanning v's groups, most of the work when the nearest cabinet has
      // room (π(T) stays 0 and every other π ≤ 0, so T is then at d).
      if s.dist[T] <= d { settled[T] = true; reachedT = true; break }
      // Move one of v's groups h to another facility w: −c(h,v) + c(h,w).
      members.withList(of: v) { list in
        for m in list {
          let h: Int, out: Double
          if v == U { h = Int(-1 - m); out = unservedCost } else { h = Int(arcs.group[Int(m)]); out = arcs.cost[Int(m)] }
          for a in Int(arcs.start[h])..<Int(arcs.start[h + 1]) {
            let w = Int(arcs.facility[a])
            guard w != v, capacity[w] > 0, !settled[w] else { continue }
            s.relax(w, d + max(0, arcs.cost[a] - out + potential[v] - potential[w]), from: Int32(v), arc: Int32(a), outArc: m)
          }
          if v != U && !settled[U] {
            s.relax(U, d + max(0, unservedCost - out + potential[v] - potential[U]), from: Int32(v), arc: -1, outArc: m)
          }
        }
      }
    }
    guard reachedT else { return false }
    let dT = s.dist[T]
    for v in s.touched where settled[v] || s.dist[v] < dT {
      potential[v] += min(s.dist[v], dT) - dT
    }
    return true
  }

  /// The search's most common outcome without its heap: when the node the heap would
  /// pop first (the first of g's arcs, then U, at the least reduced cost: the heap's
  /// root changes only for a strictly smaller key) has room and the sink is no farther,
  /// the search stops there with the path T ← v ← g and no potential changes (each
  /// shifts by min(d, dT) − dT = 0). Leaves the scratch as the search would for
  /// `augment` and the next search; false, touching nothing, in every other case.
  private func direct(from g: Int, pg: Double, arcs: ArcView, scratch s: inout SearchScratch, load: [Int32]) -> Bool {
    let F = facilityCount, U = F, T = F + 1
    let potential = s.potential, capacity = arcs.capacity
    var best = -1, bestArc: Int32 = -1, d = Double.infinity
    for a in Int(arcs.start[g])..<Int(arcs.start[g + 1]) where capacity[Int(arcs.facility[a])] > 0 {
      let f = Int(arcs.facility[a])
      let key = max(0, arcs.cost[a] + pg - potential[f])
      if key < d { best = f; bestArc = Int32(a); d = key }
    }
    let keyU = max(0, unservedCost + pg - potential[U])
    if keyU < d { best = U; bestArc = -1; d = keyU }
    guard best >= 0, best == U || load[best] < capacity[best] else { return false }
    let dT = d + max(0, potential[best] - potential[T])
    guard dT <= d else { return false }
    s.touched.append(best); s.touched.append(T)
    s.dist[best] = d; s.fromFacility[best] = -1; s.viaArc[best] = bestArc; s.viaOutArc[best] = -1
    s.dist[T] = dT; s.fromFacility[T] = Int32(best); s.viaArc[T] = -1; s.viaOutArc[T] = -1
    s.settled[best] = true; s.settled[T] = true
    return true
  }

  /// Pushes the bottleneck amount along the path the search found (T ← f_last ← … ← g)
  /// and returns it.
  private func augment(_ g: Int, remaining: Int32, arcs: ArcView, scratch s: SearchScratch, load: inout [Int32],
                       arcFlow: inout [Int32], unserved: inout [Int32], members: inout FacilityMembers,
                       memberSlot: inout [Int32], unservedSlot: inout [Int32]) -> Int32 {
    let U = facilityCount, T = U + 1
    let fromFacility = s.fromFacility, viaArc = s.viaArc, viaOutArc = s.viaOutArc
    var amount = remaining
    var v = Int(fromFacility[T])
    if v != U { amount = min(amount, arcs.capacity[v] - load[v]) }
    while fromFacility[v] >= 0 {
      let m = viaOutArc[v]
      let available = m >= 0 ? arcFlow[Int(m)] : unserved[Int(-1 - m)]
      amount = min(amount, available)
      v = Int(fromFacility[v])
    }
    v = Int(fromFacility[T])
    if v != U { load[v] += amount }
    while true {
      let a = viaArc[v]
      if a >= 0 {
        if arcFlow[Int(a)] == 0 { memberSlot[Int(a)] = Int32(members.count(of: v)); members.append(a, to: v) }
        arcFlow[Int(a)] += amount
      } else {
        // Into U: the group leaving the previous facility (or g itself) is unserved.
        let h = fromFacility[v] >= 0 ? groupOfMember(viaOutArc[v], arcs) : g
        if unserved[h] == 0 { unservedSlot[h] = Int32(members.count(of: U)); members.append(Int32(-1 - h), to: U) }
        unserved[h] += amount
      }
      let from = Int(fromFacility[v])
      if from < 0 { break }
      let m = viaOutArc[v]
      if m >= 0 {
        arcFlow[Int(m)] -= amount
        if arcFlow[Int(m)] == 0 {
          if let moved = members.swapRemove(at: Int(memberSlot[Int(m)]), of: from) { memberSlot[Int(moved)] = memberSlot[Int(m)] }
          memberSlot[Int(m)] = -1
        }
      } else {
        let h = Int(-1 - m)
        unserved[h] -= amount
        if unserved[h] == 0 {
          if let moved = members.swapRemove(at: Int(unservedSlot[h]), of: U) { unservedSlot[Int(-1 - moved)] = unservedSlot[h] }
          unservedSlot[h] = -1
        }
      }
      v = from
    }
    return amount
  }

  private func groupOfMember(_ m: Int32, _ arcs: ArcView) -> Int { m >= 0 ? Int(arcs.group[Int(m)]) : Int(-1 - m) }
}

/// The groups on each facility (as their arc ids; U's as group ids tagged -1 - g), with
/// a list only for the facilities that take one: every candidate is a facility, but only
/// the few open ones do, and a list per candidate cost more to make and free than the
/// search that used them.
struct FacilityMembers {
  private var listOf: [Int32]
  private var lists: [[Int32]] = []

  init(facilities: Int) { listOf = [Int32](repeating: -1, count: facilities) }

  func count(of f: Int) -> Int { listOf[f] < 0 ? 0 : lists[Int(listOf[f])].count }

  mutating func append(_ member: Int32, to f: Int) {
    if listOf[f] < 0 {
      // Room for a typical cabinet's homes at once, rather than doubling up to it.
      var list: [Int32] = []
      list.reserveCapacity(64)
      listOf[f] = Int32(lists.count); lists.append(list)
    }
    lists[Int(listOf[f])].append(member)
  }

  /// Removes the member at `slot` of facility f by moving the last one there; returns
  /// the moved member, nil when the removed one was last.
  mutating func swapRemove(at slot: Int, of f: Int) -> Int32? {
    let i = Int(listOf[f])
    let last = lists[i].removeLast()
    guard slot < lists[i].count else { return nil }
    lists[i][slot] = last
    return last
  }

  func withList<R>(of f: Int, _ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
    listOf[f] < 0 ? body(UnsafeBufferPointer(start: nil, count: 0)) : lists[Int(listOf[f])].withUnsafeBufferPointer(body)
  }
}
