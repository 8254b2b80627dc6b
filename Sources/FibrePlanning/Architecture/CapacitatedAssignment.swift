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
}

extension TransportationProblem {
  /// Min-cost flow for the facilities with `capacity[f] > 0`.
  /// - Complexity: O(Σ supply_g augmentations × expanded facilities × their groups × k)
  ///   in the worst case; each augmentation stops as soon as it reaches a facility with
  ///   room, so a typical instance runs in O(groups × k · log facilities).
  package func solve(capacity: [Int32]) -> TransportationSolution {
    let F = facilityCount
    let U = F          // the unserved facility: unlimited, cost `unservedCost` from any group
    let T = F + 1      // the sink
    var arcFlow = [Int32](repeating: 0, count: arcFacility.count)
    var unserved = [Int32](repeating: 0, count: groupCount)
    var load = [Int32](repeating: 0, count: F)
    // Groups with flow on each facility: arc ids (U holds group ids, tagged by -1 - g).
    var members = [[Int32]](repeating: [], count: F + 1)
    var memberSlot = [Int32](repeating: -1, count: arcFacility.count)
    var unservedSlot = [Int32](repeating: -1, count: groupCount)
    var potential = [Double](repeating: 0, count: F + 2)
    var dist = [Double](repeating: .infinity, count: F + 2)
    // How each node was reached: facility `fromFacility` by moving group `viaGroup`
    // (arc `viaArc` into this node; `viaOutArc` the group's arc it leaves, -1 for U).
    var fromFacility = [Int32](repeating: -1, count: F + 2)
    var viaArc = [Int32](repeating: -1, count: F + 2)
    var viaOutArc = [Int32](repeating: -1, count: F + 2)
    var settled = [Bool](repeating: false, count: F + 2)
    var heap = IndexedHeap(capacity: F + 2)
    var touched: [Int] = []
    var arcGroup = [Int32](repeating: 0, count: arcFacility.count)
    for g in 0..<groupCount { for a in Int(arcStart[g])..<Int(arcStart[g + 1]) { arcGroup[a] = Int32(g) } }
    func groupOfMember(_ m: Int32) -> Int { m >= 0 ? Int(arcGroup[Int(m)]) : Int(-1 - m) }

    func isOpen(_ f: Int) -> Bool { capacity[f] > 0 }
    func cost(_ a: Int) -> Double { a >= 0 ? arcCost[a] : unservedCost }

    for g in 0..<groupCount {
      var remaining = supply[g]
      while remaining > 0 {
        // Dijkstra over facilities on reduced costs, from group g.
        for v in touched { dist[v] = .infinity; settled[v] = false; fromFacility[v] = -1; viaArc[v] = -1; viaOutArc[v] = -1 }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        // g's own potential makes its out-arcs non-negative: max over f of π(f) − c.
        var pg = potential[U] - unservedCost
        for a in Int(arcStart[g])..<Int(arcStart[g + 1]) where isOpen(Int(arcFacility[a])) {
          pg = max(pg, potential[Int(arcFacility[a])] - arcCost[a])
        }
        func relax(_ v: Int, _ d: Double, from: Int32, arc: Int32, outArc: Int32) {
          if d < dist[v] {
            if dist[v] == .infinity { touched.append(v) }
            dist[v] = d; fromFacility[v] = from; viaArc[v] = arc; viaOutArc[v] = outArc
            heap.push(v, d)
          }
        }
        for a in Int(arcStart[g])..<Int(arcStart[g + 1]) where isOpen(Int(arcFacility[a])) {
          let f = Int(arcFacility[a])
          relax(f, max(0, arcCost[a] + pg - potential[f]), from: -1, arc: Int32(a), outArc: -1)
        }
        relax(U, max(0, unservedCost + pg - potential[U]), from: -1, arc: -1, outArc: -1)
        var reachedT = false
        while !heap.isEmpty {
          let (v, d) = heap.pop()
          settled[v] = true
          if v == T { reachedT = true; break }
          // Sink arc: a real facility with room, or U (unlimited).
          if v == U || load[v] < capacity[v] {
            relax(T, d + max(0, potential[v] - potential[T]), from: Int32(v), arc: -1, outArc: -1)
          }
          // Move one of v's groups h to another facility w: −c(h,v) + c(h,w).
          for m in members[v] {
            let h: Int, out: Double
            if v == U { h = Int(-1 - m); out = unservedCost } else { h = Int(arcGroup[Int(m)]); out = arcCost[Int(m)] }
            for a in Int(arcStart[h])..<Int(arcStart[h + 1]) {
              let w = Int(arcFacility[a])
              guard w != v, isOpen(w), !settled[w] else { continue }
              relax(w, d + max(0, arcCost[a] - out + potential[v] - potential[w]), from: Int32(v), arc: Int32(a), outArc: m)
            }
            if v != U && !settled[U] {
              relax(U, d + max(0, unservedCost - out + potential[v] - potential[U]), from: Int32(v), arc: -1, outArc: m)
            }
          }
        }
        guard reachedT else { break }  // cannot happen: U always has room
        let dT = dist[T]
        for v in touched where settled[v] || dist[v] < dT {
          potential[v] += min(dist[v], dT) - dT
        }
        // Undo the common shift so potentials stay small: nodes not settled keep π.
        // (π changes by min(d, dT) − dT ≤ 0 on reached nodes; equivalent to +min(d,dT).)

        // Bottleneck along the path T ← f_last ← ... ← g.
        var amount = remaining
        var v = Int(fromFacility[T])
        if v != U { amount = min(amount, capacity[v] - load[v]) }
        while fromFacility[v] >= 0 {
          let m = viaOutArc[v]
          let available = m >= 0 ? arcFlow[Int(m)] : unserved[Int(-1 - m)]
          amount = min(amount, available)
          v = Int(fromFacility[v])
        }
        // Apply.
        v = Int(fromFacility[T])
        if v != U { load[v] += amount }
        while true {
          let a = viaArc[v]
          if a >= 0 {
            if arcFlow[Int(a)] == 0 { memberSlot[Int(a)] = Int32(members[v].count); members[v].append(a) }
            arcFlow[Int(a)] += amount
          } else {
            // Into U: the group leaving the previous facility (or g itself) is unserved.
            let h = fromFacility[v] >= 0 ? groupOfMember(viaOutArc[v]) : g
            if unserved[h] == 0 { unservedSlot[h] = Int32(members[U].count); members[U].append(Int32(-1 - h)) }
            unserved[h] += amount
          }
          let from = Int(fromFacility[v])
          if from < 0 { break }
          let m = viaOutArc[v]
          if m >= 0 {
            arcFlow[Int(m)] -= amount
            if arcFlow[Int(m)] == 0 { removeMember(&members[from], &memberSlot, Int(m)) }
          } else {
            let h = Int(-1 - m)
            unserved[h] -= amount
            if unserved[h] == 0 { removeUnserved(&members[U], &unservedSlot, h) }
          }
          v = from
        }
        remaining -= amount
      }
    }
    var assignment = 0.0
    for a in 0..<arcFlow.count where arcFlow[a] > 0 { assignment += Double(arcFlow[a]) * arcCost[a] }
    return TransportationSolution(arcFlow: arcFlow, unserved: unserved, load: load, assignmentCost: assignment,
                                  unservedUnits: unserved.reduce(0) { $0 + Int($1) })
  }

  private func removeMember(_ list: inout [Int32], _ slot: inout [Int32], _ a: Int) {
    let s = Int(slot[a])
    let last = list.removeLast()
    if s < list.count { list[s] = last; slot[Int(last)] = Int32(s) }
    slot[a] = -1
  }

  private func removeUnserved(_ list: inout [Int32], _ slot: inout [Int32], _ h: Int) {
    let s = Int(slot[h])
    let last = list.removeLast()
    if s < list.count { list[s] = last; slot[Int(-1 - last)] = Int32(s) }
    slot[h] = -1
  }
}
