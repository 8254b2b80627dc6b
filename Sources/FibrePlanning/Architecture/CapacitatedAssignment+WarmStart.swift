import Foundation
import FibreCore

extension TransportationProblem {
  /// The min-cost flow of this problem, started from `solution`, the optimal flow of
  /// `reference`, when the two differ only in the arcs of the `relabelled` groups (the
  /// homes near the cabinets a local-search move opened or closed) and in the cabinets
  /// open. Successive shortest paths stay exact from any flow whose residual network has
  /// no negative cycle (Ahuja, Magnanti & Orlin 1993, §9.7): the relabelled groups' units
  /// are taken off, and so are those of every group that could move into a cabinet that
  /// was full and now has room (room there could make a cheaper exchange); the rest keep
  /// their flow and the reference's potentials, and only the units taken off are routed
  /// again. Nil when more than a quarter of the groups would be routed again, or when the
  /// two problems differ elsewhere: a full solve is then as cheap.
  /// - Complexity: O(arcs) to carry the flow over, plus the searches of the groups
  ///   routed again.
  package func solve(capacity: [Int32], from reference: TransportationProblem, _ solution: TransportationSolution,
                     relabelled: [Int32], opened: [Int32], pool: SearchScratchPool? = nil,
                     referenceGroups: SharedGroupsByFacility? = nil) -> TransportationSolution? {
    guard reference.groupCount == groupCount, solution.potential.count == facilityCount + 2,
          reference.facilityCount == facilityCount else { return nil }
    guard let again = groupsToRouteAgain(capacity: capacity, reference: reference, solution, relabelled: relabelled,
                                         referenceGroups: referenceGroups)
    else { return nil }
    guard var state = carriedFlow(reference: reference, solution, again: again.marked) else { return nil }
    var scratch = SearchScratchPool.take(from: pool, nodes: facilityCount + 2)
    defer { SearchScratchPool.give(scratch, to: pool) }
    _ = scratch.potential.update(fromContentsOf: solution.potential)
    // A cabinet just opened, or emptied because it had been full, has no group on it and
    // only the routed groups' arcs lead in: raising its potential to the sink's makes its
    // arc to the sink non-negative without making any arc into it negative.
    let T = facilityCount + 1
    for f in opened + again.emptied { scratch.potential[Int(f)] = max(scratch.potential[Int(f)], scratch.potential[T]) }
    route(again.marked.indices.lazy.filter { again.marked[$0] }, capacity: capacity, state: &state, scratch: &scratch)
    return state.solution(of: self, potential: scratch.potential)
  }

  /// The groups whose units are routed again: the relabelled ones, and every group with
  /// an arc to a cabinet that was full and loses some of their units, repeatedly; and
  /// those cabinets. Nil past a quarter of the groups. `referenceGroups`, the
  /// reference's groups by facility, serve as well as this problem's: only the
  /// relabelled groups' arcs differ, and they are marked from the start.
  private func groupsToRouteAgain(capacity: [Int32], reference: TransportationProblem, _ solution: TransportationSolution,
                                  relabelled: [Int32], referenceGroups: SharedGroupsByFacility?)
    -> (marked: [Bool], emptied: [Int32])? {
    var marked = [Bool](repeating: false, count: groupCount)
    var queue: [Int32] = []
    for g in relabelled where !marked[Int(g)] { marked[Int(g)] = true; queue.append(g) }
    var count = queue.count
    let limit = groupCount / 4
    guard count <= limit else { return nil }
    var load = solution.load
    var emptied: [Int32] = []
    var isEmptied = [Bool](repeating: false, count: facilityCount)
    var groupsAt: GroupsByFacility? = nil
    while let g = queue.popLast() {
      for a in Int(reference.arcStart[Int(g)])..<Int(reference.arcStart[Int(g) + 1]) where solution.arcFlow[a] > 0 {
        let f = Int(reference.arcFacility[a])
        if capacity[f] > 0 && load[f] >= capacity[f] && !isEmptied[f] {
          isEmptied[f] = true
          emptied.append(Int32(f))
          if groupsAt == nil { groupsAt = referenceGroups?.groups ?? GroupsByFacility(groupsOf: self) }
          for h in groupsAt!.groups(of: f) where !marked[Int(h)] {
            marked[Int(h)] = true; queue.append(h); count += 1
          }
          if count > limit { return nil }
        }
        load[f] -= solution.arcFlow[a]
      }
    }
    return (marked, emptied)
  }

  /// The reference's flow on every group not marked (their arcs are the same, in the
  /// same order), with the facilities' members and loads to match. Runs of unmarked
  /// groups keep their arcs' places up to one shift, so their flows are copied run by
  /// run rather than zeroed and written arc by arc.
  private func carriedFlow(reference: TransportationProblem, _ solution: TransportationSolution,
                           again marked: [Bool]) -> FlowState? {
    guard let arcFlow = carriedArcFlow(reference: reference, solution, again: marked) else { return nil }
    var state = FlowState(arcFlow: arcFlow, problem: self)
    let U = facilityCount
    // Raw buffers: this walks every arc of every move.
    let start = arcStart, facility = arcFacility
    arcFlow.withUnsafeBufferPointer { flow in
      start.withUnsafeBufferPointer { start in
        facility.withUnsafeBufferPointer { facility in
          marked.withUnsafeBufferPointer { marked in
            for g in 0..<groupCount where !marked[g] {
              for a in Int(start[g])..<Int(start[g + 1]) where flow[a] > 0 {
                let f = Int(facility[a])
                state.load[f] += flow[a]
                state.memberSlot[a] = Int32(state.members.count(of: f))
                state.members.append(Int32(a), to: f)
              }
            }
          }
        }
      }
      for g in 0..<groupCount where !marked[g] {
        if solution.unserved[g] > 0 {
          state.unserved[g] = solution.unserved[g]
          state.unservedSlot[g] = Int32(state.members.count(of: U))
          state.members.append(Int32(-1 - g), to: U)
        }
      }
    }
    return state
  }

  /// Units on this problem's arcs: the reference's on the unmarked groups, none on the
  /// marked. Nil when an unmarked group's arcs differ in number.
  private func carriedArcFlow(reference: TransportationProblem, _ solution: TransportationSolution,
                              again marked: [Bool]) -> [Int32]? {
    var flow: [Int32] = []
    flow.reserveCapacity(arcFacility.count)
    var g = 0
    while g < groupCount {
      if marked[g] {
        flow.append(contentsOf: repeatElement(0, count: Int(arcStart[g + 1] - arcStart[g])))
        g += 1
        continue
      }
      var end = g
      while end < groupCount && !marked[end] {
        guard reference.arcStart[end + 1] - reference.arcStart[end] == arcStart[end + 1] - arcStart[end] else { return nil }
        end += 1
      }
      flow.append(contentsOf: solution.arcFlow[Int(reference.arcStart[g])..<Int(reference.arcStart[end])])
      g = end
    }
    return flow
  }

  /// A problem's groups by facility, built by the first solve that needs them and
  /// shared by the others (the moves tried from one local-search evaluation, side by
  /// side or not): the same groups whichever builds them.
  package final class SharedGroupsByFacility: @unchecked Sendable {
    private let lock = NSLock()
    private let problem: TransportationProblem
    private var built: GroupsByFacility?

    package init(_ problem: TransportationProblem) { self.problem = problem }

    var groups: GroupsByFacility {
      lock.withLock {
        if let built { return built }
        let made = GroupsByFacility(groupsOf: problem)
        built = made
        return made
      }
    }
  }

  /// The groups with an arc to each facility.
  struct GroupsByFacility: Sendable {
    var start: [Int32]
    var group: [Int32]

    init(groupsOf p: TransportationProblem) {
      var start = [Int32](repeating: 0, count: p.facilityCount + 1)
      for f in p.arcFacility { start[Int(f) + 1] += 1 }
      for f in 0..<p.facilityCount { start[f + 1] += start[f] }
      var next = start
      var group = [Int32](repeating: 0, count: p.arcFacility.count)
      for g in 0..<p.groupCount {
        for a in Int(p.arcStart[g])..<Int(p.arcStart[g + 1]) {
          let f = Int(p.arcFacility[a])
          group[Int(next[f])] = Int32(g); next[f] += 1
        }
      }
      self.start = start
      self.group = group
    }

    func groups(of f: Int) -> ArraySlice<Int32> { group[Int(start[f])..<Int(start[f + 1])] }
  }
}
