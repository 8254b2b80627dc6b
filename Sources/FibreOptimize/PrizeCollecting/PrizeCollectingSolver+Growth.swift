import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// Goemans–Williamson primal-dual moat growing for the unrooted PCSTP, as used by
  /// pcst_fast (Hegde, Indyk & Schmidt 2015); returns the forest of merge edges, to be
  /// strongly pruned by the caller.
  ///
  /// Moat sums d(v) live in a disjoint-set forest with offsets, so d(v) costs O(α(n)).
  /// Edge events sit in one binary heap and are validated lazily when popped: a slowdown
  /// (a cluster going inactive) only makes an event early, and the one speed-up (an
  /// inactive cluster absorbed by an active one) re-queues the edges of the absorbed side.
  /// O((m + r) log m) where r counts those re-queued edges (≤ m per absorption).
  ///
  /// `prize` may differ from the graph's prizes (perturbed multi-starts, a huge prize
  /// pins a root).
  package static func growthForest(_ g: Graph, weight: [Double], prize: [Double]) -> [Int32] {
    var growth = Growth(g, weight: weight, prize: prize)
    return growth.run()
  }

  /// The state of one moat-growing run; `run()` is the event loop, the other methods its
  /// steps.
  package struct Growth {
    let g: Graph
    let weight: [Double]
    var parent: [Int32]
    var size: [Int32]
    /// d(v) = Σ offset over the path from v to its root (root included) + moat(root, t).
    var offset: [Double]
    var moat: [Double]        // at `since`, roots only
    var slack: [Double]       // prize left at `since`, roots only
    var since: [Double]
    var active: [Bool]
    /// Member lists, to re-queue the edges of an absorbed inactive cluster.
    var next: [Int32]
    var tail: [Int32]
    /// Heap ids: edge e as e, deactivation of root r as -(r + 1); stale ones are skipped.
    var heap = MinHeap()
    var now = 0.0
    var forest: [Int32] = []

    init(_ g: Graph, weight: [Double], prize: [Double]) {
      let n = g.nodeCount
      self.g = g
      self.weight = weight
      parent = (0..<Int32(n)).map { $0 }
      size = [Int32](repeating: 1, count: n)
      offset = [Double](repeating: 0, count: n)
      moat = [Double](repeating: 0, count: n)
      slack = prize
      since = [Double](repeating: 0, count: n)
      active = prize.map { $0 > 0 }
      next = [Int32](repeating: -1, count: n)
      tail = (0..<Int32(n)).map { $0 }
    }

    /// Runs the events to the end; the merge edges in merge order.
    mutating func run() -> [Int32] {
      for v in 0..<g.nodeCount where active[v] { heap.push(slack[v], -Int32(v) - 1) }
      for e in 0..<g.edgeU.count where g.edgeU[e] != g.edgeV[e] { schedule(edge: e) }
      while !heap.isEmpty {
        let (time, id) = heap.popMin()
        now = max(now, time)
        if id < 0 { deactivate(Int(-id - 1)) } else { edgeEvent(Int(id)) }
      }
      return forest
    }

    /// The root of v's cluster and d(v), with path compression: every node on the path
    /// then points at the root with its own path sum.
    mutating func find(_ v: Int) -> (root: Int, sum: Double) {
      var root = v, sum = 0.0
      while Int(parent[root]) != root { sum += offset[root]; root = Int(parent[root]) }
      var x = v, rest = sum
      while Int(parent[x]) != root && x != root {
        let p = Int(parent[x]), own = offset[x]
        offset[x] = rest
        parent[x] = Int32(root)
        rest -= own
        x = p
      }
      return (root, sum + offset[root])
    }

    func moatNow(_ r: Int) -> Double { active[r] ? moat[r] + (now - since[r]) : moat[r] }
    func slackNow(_ r: Int) -> Double { active[r] ? slack[r] - (now - since[r]) : slack[r] }

    /// Queues the time at which edge e becomes tight at the clusters' present rates.
    mutating func schedule(edge e: Int) {
      let (ra, da) = find(Int(g.edgeU[e])), (rb, db) = find(Int(g.edgeV[e]))
      if ra == rb { return }
      let rate = (active[ra] ? 1.0 : 0) + (active[rb] ? 1.0 : 0)
      if rate == 0 { return }
      let s = max(0, weight[e] - (da + moatNow(ra)) - (db + moatNow(rb)))
      heap.push(now + s / rate, Int32(e))
    }

    /// A cluster ran out of prize. Stale events (the cluster merged since) are recognised
    /// by the prize left.
    mutating func deactivate(_ r: Int) {
      guard Int(parent[r]) == r, active[r], slackNow(r) <= 1e-9 * max(1, moatNow(r)) else { return }
      moat[r] = moatNow(r); slack[r] = 0; since[r] = now; active[r] = false
    }

    /// An edge event: merge when the edge is tight, else re-queue it (it was early).
    mutating func edgeEvent(_ e: Int) {
      let (ra, da) = find(Int(g.edgeU[e])), (rb, db) = find(Int(g.edgeV[e]))
      if ra == rb { return }
      let s = weight[e] - (da + moatNow(ra)) - (db + moatNow(rb))
      if s > 1e-9 * max(1, weight[e]) {
        schedule(edge: e)
        return
      }
      merge(e, ra, rb)
    }

    /// Merge along e: freeze both moats at `now`, then fold them into the offsets.
    mutating func merge(_ e: Int, _ ra: Int, _ rb: Int) {
      forest.append(Int32(e))
      let ya = moatNow(ra), yb = moatNow(rb)
      let sa = slackNow(ra), sb = slackNow(rb)
      let sleeper = !active[ra] ? ra : (!active[rb] ? rb : -1)
      let sleeperTail = sleeper >= 0 ? tail[sleeper] : -1
      var keep = ra, gone = rb, yKeep = ya, yGone = yb
      if size[ra] < size[rb] { keep = rb; gone = ra; yKeep = yb; yGone = ya }
      offset[keep] += yKeep
      offset[gone] += yGone - offset[keep]
      parent[gone] = Int32(keep)
      size[keep] += size[gone]
      next[Int(tail[keep])] = Int32(gone)
      tail[keep] = tail[gone]
      moat[keep] = 0
      since[keep] = now
      slack[keep] = max(0, sa) + max(0, sb)
      active[keep] = slack[keep] > 1e-12 * max(1, slack[keep] + ya + yb)
      guard active[keep] else { return }
      heap.push(now + slack[keep], -Int32(keep) - 1)
      // The formerly inactive side now grows: its boundary edges come due sooner.
      if sleeper >= 0 { requeue(from: Int32(sleeper), to: sleeperTail) }
    }

    /// Re-schedules every edge of the members from `first` to `last` of a member list.
    mutating func requeue(from first: Int32, to last: Int32) {
      var v = first
      while true {
        for k in Int(g.start[Int(v)])..<Int(g.start[Int(v) + 1]) { schedule(edge: Int(g.adjEdge[k])) }
        if v == last { break }
        v = next[Int(v)]
      }
    }
  }
}
