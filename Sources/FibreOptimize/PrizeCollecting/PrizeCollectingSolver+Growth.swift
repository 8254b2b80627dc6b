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
    let n = g.nodeCount
    var parent = (0..<Int32(n)).map { $0 }
    var size = [Int32](repeating: 1, count: n)
    // d(v) = Σ offset over the path from v to its root (root included) + moat(root, t).
    var offset = [Double](repeating: 0, count: n)
    var moat = [Double](repeating: 0, count: n)        // at `since`, roots only
    var slack = [Double](repeating: 0, count: n)       // prize left at `since`, roots only
    var since = [Double](repeating: 0, count: n)
    var active = [Bool](repeating: false, count: n)
    // Member lists, to re-queue the edges of an absorbed inactive cluster.
    var next = [Int32](repeating: -1, count: n)
    var tail = (0..<Int32(n)).map { $0 }

    func find(_ v: Int) -> (root: Int, sum: Double) {
      var root = v, sum = 0.0
      while Int(parent[root]) != root { sum += offset[root]; root = Int(parent[root]) }
      // Compress: every node on the path points at the root with its own path sum.
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

    var heap = MinHeap()
    // Heap ids: edge e as e, deactivation of root r as -(r + 1); stale ones are skipped.
    var now = 0.0

    func moatNow(_ r: Int) -> Double { active[r] ? moat[r] + (now - since[r]) : moat[r] }
    func slackNow(_ r: Int) -> Double { active[r] ? slack[r] - (now - since[r]) : slack[r] }

    func schedule(edge e: Int) {
      let (ra, da) = find(Int(g.edgeU[e])), (rb, db) = find(Int(g.edgeV[e]))
      if ra == rb { return }
      let rate = (active[ra] ? 1.0 : 0) + (active[rb] ? 1.0 : 0)
      if rate == 0 { return }
      let s = max(0, weight[e] - (da + moatNow(ra)) - (db + moatNow(rb)))
      heap.push(now + s / rate, Int32(e))
    }

    for v in 0..<n {
      slack[v] = prize[v]
      active[v] = prize[v] > 0
      if active[v] { heap.push(prize[v], -Int32(v) - 1) }
    }
    for e in 0..<g.edgeU.count where g.edgeU[e] != g.edgeV[e] { schedule(edge: e) }

    var forest: [Int32] = []
    while !heap.isEmpty {
      let (time, id) = heap.popMin()
      now = max(now, time)
      if id < 0 {
        let r = Int(-id - 1)
        // Stale events (the cluster merged since) are recognised by the prize left.
        guard Int(parent[r]) == r, active[r], slackNow(r) <= 1e-9 * max(1, moatNow(r)) else { continue }
        moat[r] = moatNow(r); slack[r] = 0; since[r] = now; active[r] = false
        continue
      }
      let e = Int(id)
      let (ra, da) = find(Int(g.edgeU[e])), (rb, db) = find(Int(g.edgeV[e]))
      if ra == rb { continue }
      let s = weight[e] - (da + moatNow(ra)) - (db + moatNow(rb))
      if s > 1e-9 * max(1, weight[e]) {
        schedule(edge: e)
        continue
      }
      // Merge: freeze both moats at `now`, then fold them into the offsets.
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
      if active[keep] {
        heap.push(now + slack[keep], -Int32(keep) - 1)
        // The formerly inactive side now grows: its boundary edges come due sooner.
        if sleeper >= 0 {
          var v = Int32(sleeper)
          while true {
            for k in Int(g.start[Int(v)])..<Int(g.start[Int(v) + 1]) { schedule(edge: Int(g.adjEdge[k])) }
            if v == sleeperTail { break }
            v = next[Int(v)]
          }
        }
      }
    }
    return forest
  }
}
