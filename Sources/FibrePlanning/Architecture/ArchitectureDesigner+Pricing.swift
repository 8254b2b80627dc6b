import Foundation
import FibreCore
import FibreNetwork

extension ArchitectureDesigner.Assembly {
  /// What one cabinet's homes add to a priced plan: its distribution cables' costs (in
  /// tree-edge order), the splice closures they need (tree preorder positions) and each
  /// home's optical loss through it. A move changes the homes of a cabinet or two, so
  /// the next move's price takes the rest from here instead of walking their paths again.
  package struct CabinetPrice: Sendable {
    var candidate: Int32
    var parts: [Part]
    var cableCosts: [Double]
    var closures: [Int32]
    var losses: [Double]
  }

  /// The cabinets of one priced plan, in candidate order, for the next price to reuse.
  package struct PriceMemo: Sendable {
    var cabinets: [CabinetPrice]
  }

  /// Scratch of the prices done, for the next ones: a price leaves its scratch cleared,
  /// so taking any free one gives the same result as a new one, without allocating and
  /// zeroing tree-sized arrays for every move. Prices run side by side take one each.
  package final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [PriceScratch] = []

    package init() {}

    fileprivate func take(edges: Int, nodes: Int) -> PriceScratch {
      lock.withLock { free.popLast() } ?? PriceScratch(edges: edges, nodes: nodes)
    }

    fileprivate func give(_ scratch: PriceScratch) { lock.withLock { free.append(scratch) } }
  }

  /// Edge- and node-sized counters of one price, reset after each cabinet.
  fileprivate struct PriceScratch {
    var count: [Int]
    var touched: [Int] = []
    var ends: [Int32], firstSize: [Int], differ: [Bool]
    var endNodes: [Int32] = []
    /// The feeder's walk: fibres gathered below each node, the nodes walked (and, after
    /// the walk, the closures counted: `distinctClosures`).
    var below: [Int], walked: [Bool]
    var route: [Int32] = []

    /// One bit per tree edge, all clear between uses (`sortTouched`).
    var edgeBits: [UInt64]

    init(edges: Int, nodes: Int) {
      count = [Int](repeating: 0, count: edges)
      edgeBits = [UInt64](repeating: 0, count: (edges + 63) / 64)
      ends = [Int32](repeating: 0, count: nodes)
      firstSize = [Int](repeating: 0, count: nodes)
      differ = [Bool](repeating: false, count: nodes)
      below = [Int](repeating: 0, count: nodes)
      walked = [Bool](repeating: false, count: nodes)
    }

    /// Sorts `touched` (distinct edges): a long list, such as the feeder's, by setting
    /// its bits and reading them back in order, which costs a word per 64 edges instead
    /// of a comparison sort; a short one by sorting.
    mutating func sortTouched() {
      guard touched.count > edgeBits.count / 4 else { touched.sort(); return }
      for k in touched { edgeBits[k >> 6] |= 1 << UInt64(k & 63) }
      touched.removeAll(keepingCapacity: true)
      for w in edgeBits.indices where edgeBits[w] != 0 {
        var bits = edgeBits[w]
        while bits != 0 {
          touched.append(w << 6 + bits.trailingZeroBitCount)
          bits &= bits - 1
        }
        edgeBits[w] = 0
      }
    }
  }

  /// The capex and the groups over the optical budget of `build(parts)`, to the last
  /// bit (the same sums in the same order), reusing from `memo` every cabinet whose
  /// homes are the same; and the memo of this plan.
  /// - Complexity: O(tree + the path lengths of the cabinets not in `memo`).
  package func price(_ parts: [Part], reusing memo: PriceMemo?) -> (capex: Double, failingGroups: [Int], memo: PriceMemo) {
    var scratch = scratchPool.take(edges: tree.treeEdges.count, nodes: tree.preorder.count)
    defer { scratchPool.give(scratch) }
    let (byCabinet, listStart, order) = partsByCabinet(parts)
    var cabinets: [CabinetPrice] = []
    cabinets.reserveCapacity(order.count)
    var cabinetCost = 0.0, splitterCost = 0.0
    var feederAt: [(node: Int32, fibres: Int)] = []
    // Both lists are in candidate order: the memo's cabinet for c is found by walking along.
    let known = memo?.cabinets ?? []
    var next = 0
    for (c, slot) in order {
      let list = byCabinet[Int(listStart[slot])..<Int(listStart[slot + 1])]
      let fibres = list.reduce(0) { $0 + $1.fibres }
      let split = ArchitectureDesigner.splitters(servedFibres: fibres, split: architecture.split)
      cabinetCost += architecture.cabinetCost
      splitterCost += split.reduce(0.0) { $0 + Double($1.count) * architecture.cost(ofSplitter: $1.ratio) }
      feederAt.append((candidates[Int(c)], split.first?.count ?? 0))
      while next < known.count && known[next].candidate < c { next += 1 }
      if next < known.count && known[next].candidate == c,
         known[next].parts.elementsEqual(list, by: { $0.group == $1.group && $0.fibres == $1.fibres }) {
        cabinets.append(known[next])
      } else {
        cabinets.append(cabinetPrice(Array(list), candidate: c, scratch: &scratch))
      }
    }
    let feeder = feederPrice(feederAt, scratch: &scratch)
    var cableCost = 0.0
    for cost in feeder.costs { cableCost += cost }
    var worst = [Double](repeating: -.infinity, count: demands.count)
    for cabinet in cabinets {
      for cost in cabinet.cableCosts { cableCost += cost }
      for (p, loss) in zip(cabinet.parts, cabinet.losses) { worst[Int(p.group)] = max(worst[Int(p.group)], loss) }
    }
    let closureCost = Double(distinctClosures(feeder.closures, cabinets, scratch: &scratch)) * architecture.spliceClosureCost
    var failing: [Int] = []
    for g in 0..<demands.count where worst[g] > -.infinity && !architecture.withinBudget(worst[g]) { failing.append(g) }
    return (cabinetCost + splitterCost + cableCost + closureCost, failing, PriceMemo(cabinets: cabinets))
  }

  /// The parts grouped by cabinet in one flat array, each cabinet's in the order given
  /// (`listStart[slot] ..< listStart[slot + 1]`), and the cabinets (candidate, slot) in
  /// candidate order: a counting pass and a filling pass instead of a growing list per
  /// cabinet for every priced move.
  private func partsByCabinet(_ parts: [Part]) -> (parts: [Part], listStart: [Int32], order: [(Int32, Int)]) {
    var slot = [Int32](repeating: -1, count: candidates.count)
    var listCandidate: [Int32] = [], listStart: [Int32] = [0]
    for p in parts {
      let c = Int(p.candidate)
      if slot[c] < 0 { slot[c] = Int32(listCandidate.count); listCandidate.append(p.candidate); listStart.append(0) }
      listStart[Int(slot[c]) + 1] += 1
    }
    for i in 0..<listCandidate.count { listStart[i + 1] += listStart[i] }
    var next = listStart
    // Raw buffers: a checked write per part cost as much as the rest of the price.
    let grouped = [Part](unsafeUninitializedCapacity: parts.count) { out, count in
      next.withUnsafeMutableBufferPointer { next in
        for p in parts {
          let i = Int(slot[Int(p.candidate)])
          (out.baseAddress! + Int(next[i])).initialize(to: p)
          next[i] += 1
        }
      }
      count = parts.count
    }
    let order = listCandidate.sorted().map { ($0, Int(slot[Int($0)])) }
    return (grouped, listStart, order)
  }

  /// How many distinct tree positions the feeder's and the cabinets' closures name.
  private func distinctClosures(_ feeder: [Int32], _ cabinets: [CabinetPrice], scratch s: inout PriceScratch) -> Int {
    var count = 0
    func mark(_ list: [Int32]) { for i in list where !s.walked[Int(i)] { s.walked[Int(i)] = true; count += 1 } }
    mark(feeder)
    for cabinet in cabinets { mark(cabinet.closures) }
    // The feeder's walk expects `walked` cleared.
    for i in feeder { s.walked[Int(i)] = false }
    for cabinet in cabinets { for i in cabinet.closures { s.walked[Int(i)] = false } }
    return count
  }

  /// One cabinet's distribution cables, closures and losses, as `build` finds them.
  private func cabinetPrice(_ list: [Part], candidate: Int32, scratch s: inout PriceScratch) -> CabinetPrice {
    let node = candidates[Int(candidate)]
    var losses: [Double] = []
    losses.reserveCapacity(list.count)
    let splitLoss = architecture.splitLoss
    for p in list {
      let home = demands[Int(p.group)].node
      let ancestor = tree.forEachEdge(between: node, and: home) { k in
        if s.count[k] == 0 { s.touched.append(k) }
        s.count[k] += p.fibres
      }
      let metres = tree.depth[Int(node)] + tree.distance(node, home, ancestor: ancestor)
      losses.append(architecture.opticalLoss(metres: metres, splitLoss: splitLoss))
    }
    s.sortTouched()
    let (costs, closures) = cables(origin: { $0 == node }, scratch: &s)
    return CabinetPrice(candidate: candidate, parts: list, cableCosts: costs, closures: closures, losses: losses)
  }

  /// The feeder's cables and closures: each cabinet's feeder fibres on every edge to the
  /// POP. Each cabinet's route is walked up only until it meets one walked before, and
  /// the fibres are summed up the pieces walked, later pieces first (a piece hangs below
  /// an earlier one or the POP): the union of the routes, not the sum of their lengths.
  private func feederPrice(_ cabinets: [(node: Int32, fibres: Int)], scratch s: inout PriceScratch)
    -> (costs: [Double], closures: [Int32]) {
    let position = tree.preorderPosition
    var pieces: [Int] = []
    for cab in cabinets where cab.fibres > 0 {
      s.below[Int(position[Int(cab.node)])] += cab.fibres
      pieces.append(s.route.count)
      var v = cab.node
      while tree.parentEdge[Int(v)] >= 0 && !s.walked[Int(position[Int(v)])] {
        s.walked[Int(position[Int(v)])] = true
        s.route.append(v)
        v = tree.parent[Int(v)]
      }
    }
    var end = s.route.count
    for start in pieces.reversed() {
      for v in s.route[start..<end] {
        let i = Int(position[Int(v)]), k = Int(tree.parentEdge[Int(v)])
        s.count[k] = s.below[i]
        s.touched.append(k)
        s.below[Int(position[Int(tree.parent[Int(v)])])] += s.below[i]
        s.below[i] = 0; s.walked[i] = false
      }
      end = start
    }
    // What reached the root (every route ends there) is left over.
    if !pieces.isEmpty { s.below[Int(position[Int(tree.root)])] = 0 }
    s.route.removeAll(keepingCapacity: true)
    s.sortTouched()
    return cables(origin: { tree.isPOP($0) }, scratch: &s)
  }

  /// The cables on the touched edges (their fibres in `count`), and the closures where
  /// three or more of their ends meet, or two of different sizes, away from `origin`;
  /// clears the touched edges.
  private func cables(origin: (Int32) -> Bool, scratch s: inout PriceScratch) -> (costs: [Double], closures: [Int32]) {
    let network = plan.network, position = tree.preorderPosition
    var costs: [Double] = []
    func end(_ node: Int32, size: Int) {
      let i = Int(position[Int(node)])
      if s.ends[i] == 0 { s.endNodes.append(node); s.firstSize[i] = size } else if size != s.firstSize[i] { s.differ[i] = true }
      s.ends[i] += 1
    }
    for k in s.touched {
      let fibres = s.count[k]
      s.count[k] = 0
      guard fibres > 0, let cable = cableSizing(k, fibres: fibres) else { continue }
      costs.append(cable.cost)
      let e = Int(tree.treeEdges[k])
      end(network.edgeU[e], size: cable.cableFibres)
      end(network.edgeV[e], size: cable.cableFibres)
    }
    s.touched.removeAll(keepingCapacity: true)
    var closures: [Int32] = []
    for node in s.endNodes {
      let i = Int(position[Int(node)])
      if !origin(node) && (s.ends[i] >= 3 || (s.ends[i] == 2 && s.differ[i])) { closures.append(Int32(i)) }
      s.ends[i] = 0; s.differ[i] = false
    }
    s.endNodes.removeAll(keepingCapacity: true)
    return (costs, closures)
  }
}
