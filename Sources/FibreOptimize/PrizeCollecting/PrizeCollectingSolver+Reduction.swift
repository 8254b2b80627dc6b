import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension PrizeCollectingSolver {
  /// The working graph after reductions, with the way back to the instance's edges.
  /// Node ids are kept; a deleted vertex stays as an isolated vertex of prize 0 and its
  /// prize moves into `offset` (no solution of the reduced graph can span it).
  package struct Reduction {
    package private(set) var graph: Graph
    /// Root pinned by a prize larger than any tree could cost.
    package let root: Int32?
    /// Reduced edge e stands for the instance edges originEdges[originStart[e]..<originStart[e+1]].
    package private(set) var originStart: [Int32] = []
    package private(set) var originEdges: [Int32] = []
    package private(set) var offset = 0.0
    package private(set) var deletedVertices = 0
    package private(set) var deletedEdges = 0

    package init(instance: SteinerInstance, usableEdges: [Int32], prizes: [Double], root: Int32?) {
      self.root = root
      var work = prizes
      if let root {
        let pin = usableEdges.reduce(prizes.reduce(1, +)) { $0 + instance.edgeWeight[Int($1)] }
        work[Int(root)] = pin
      }
      var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
      var origins: [[Int32]] = []
      for e in usableEdges {
        u.append(instance.edgeU[Int(e)]); v.append(instance.edgeV[Int(e)]); w.append(instance.edgeWeight[Int(e)])
        origins.append([e])
      }
      var r = Reducer(nodeCount: instance.nodeCount, u: u, v: v, w: w, origins: origins, prize: work, root: root)
      r.reduce()
      offset = r.offset
      deletedVertices = r.deletedVertices
      deletedEdges = usableEdges.count - r.u.count
      originStart = [0]
      for list in r.origins { originEdges.append(contentsOf: list); originStart.append(Int32(originEdges.count)) }
      graph = Graph(nodeCount: instance.nodeCount, edgeU: r.u, edgeV: r.v, weight: r.w, prize: r.prize)
    }

    package func originalEdges(of edges: [Int32]) -> [Int32] {
      var out: [Int32] = []
      for e in edges { out.append(contentsOf: originEdges[Int(originStart[Int(e)])..<Int(originStart[Int(e) + 1])]) }
      return out
    }
  }

  /// Exact PCSTP reductions on an edge list; `reduce()` applies them to a fixpoint.
  package struct Reducer {
    package let nodeCount: Int
    package var u: [Int32]
    package var v: [Int32]
    package var w: [Double]
    package var origins: [[Int32]]
    package var prize: [Double]
    package let root: Int32?
    package var offset = 0.0
    package var deletedVertices = 0

    package init(nodeCount: Int, u: [Int32], v: [Int32], w: [Double], origins: [[Int32]], prize: [Double], root: Int32?) {
      self.nodeCount = nodeCount
      self.u = u; self.v = v; self.w = w; self.origins = origins; self.prize = prize; self.root = root
    }

    package mutating func reduce() {
      for round in 0..<20 {
        let before = (u.count, deletedVertices)
        removeParallelEdges()
        // The distance test is the dear one; contraction rarely creates new long edges.
        if round < 2 { removeLongEdges() }
        contractLowDegree()
        if (u.count, deletedVertices) == before { break }
      }
    }

    package func isRoot(_ x: Int) -> Bool { root.map { Int($0) == x } ?? false }

    /// Degree test (Uchoa 2006 for PCSTP): a non-root vertex v of degree 0, or of degree 1
    /// with p(v) ≤ c(e), is in no optimal tree of two or more vertices (dropping the leaf
    /// never costs more), so it goes and its prize is paid up front; one-vertex trees are
    /// compared separately. A zero-prize non-root vertex of degree 2 is never a leaf of an
    /// optimal tree, so its two edges merge into one. Sequential worklist, O(n + m).
    package mutating func contractLowDegree() {
      var incident = [[Int32]](repeating: [], count: nodeCount)
      for e in u.indices { incident[Int(u[e])].append(Int32(e)); incident[Int(v[e])].append(Int32(e)) }
      var alive = [Bool](repeating: true, count: u.count)
      func liveEdges(_ x: Int) -> [Int32] {
        incident[x] = incident[x].filter { Int($0) < alive.count && alive[Int($0)] }
        return incident[x]
      }
      var work = Array((0..<nodeCount).reversed())
      var gone = [Bool](repeating: false, count: nodeCount)
      while let x = work.popLast() {
        if gone[x] || isRoot(x) { continue }
        let es = liveEdges(x)
        if es.isEmpty {
          if prize[x] > 0 { offset += prize[x]; prize[x] = 0; deletedVertices += 1; gone[x] = true }
          continue
        }
        if es.count == 1 {
          let e = Int(es[0])
          if prize[x] <= w[e] {
            offset += prize[x]; prize[x] = 0; gone[x] = true; deletedVertices += 1
            alive[e] = false
            work.append(Int(u[e]) == x ? Int(v[e]) : Int(u[e]))
          }
        } else if es.count == 2 && prize[x] == 0 {
          let e1 = Int(es[0]), e2 = Int(es[1])
          let a = Int(u[e1]) == x ? Int(v[e1]) : Int(u[e1])
          let b = Int(u[e2]) == x ? Int(v[e2]) : Int(u[e2])
          if a == b { continue }  // parallel pair: the parallel-edge test settles it
          alive[e1] = false; alive[e2] = false; gone[x] = true; deletedVertices += 1
          u.append(Int32(a)); v.append(Int32(b)); w.append(w[e1] + w[e2])
          origins.append(origins[e1] + origins[e2])
          alive.append(true)
          incident[a].append(Int32(u.count - 1)); incident[b].append(Int32(u.count - 1))
          work.append(a); work.append(b)
        }
      }
      compact(alive)
    }

    /// Edge e = {a, b} with a path from a to b strictly shorter than c(e) is in no optimal
    /// tree: swapping e for that path and breaking the cycles costs less and spans more
    /// (prizes are ≥ 0). All such edges go at once: the shortest path of a deleted edge
    /// never uses another deleted edge. Dijkstra from each vertex, bounded by its dearest
    /// edge and by `settleLimit` settled vertices (unsettled means kept). O(n · s log s).
    package mutating func removeLongEdges(settleLimit: Int = 200) {
      let g = Graph(nodeCount: nodeCount, edgeU: u, edgeV: v, weight: w, prize: prize)
      var dist = SparseLabels(count: nodeCount)
      var heap = MinHeap()
      var keep = [Bool](repeating: true, count: u.count)
      for a in 0..<nodeCount {
        var radius = 0.0
        for k in Int(g.start[a])..<Int(g.start[a + 1]) { radius = max(radius, g.weight[Int(g.adjEdge[k])]) }
        if radius == 0 { continue }
        heap.removeAll()
        _ = dist.lower(a, to: 0); heap.push(0, Int32(a))
        var settled = 0
        while !heap.isEmpty && settled < settleLimit {
          let (d, x32) = heap.popMin()
          let x = Int(x32)
          if d > dist[x] { continue }
          if d >= radius { break }
          settled += 1
          for k in Int(g.start[x])..<Int(g.start[x + 1]) {
            let y = Int(g.adjNode[k]), nd = d + g.weight[Int(g.adjEdge[k])]
            if dist.lower(y, to: nd) { heap.push(nd, Int32(y)) }
          }
        }
        // dist[b] < c(e) cannot come from e itself, so it is another, shorter path.
        for k in Int(g.start[a])..<Int(g.start[a + 1]) {
          let e = Int(g.adjEdge[k])
          if dist[Int(g.adjNode[k])] < g.weight[e] { keep[e] = false }
        }
        dist.reset()
      }
      compact(keep)
    }

    /// Of parallel edges only the cheapest (lowest id on ties) can be in an optimal tree.
    /// O(m log m).
    package mutating func removeParallelEdges() {
      let order = u.indices.sorted {
        let a = (min(u[$0], v[$0]), max(u[$0], v[$0])), b = (min(u[$1], v[$1]), max(u[$1], v[$1]))
        if a != b { return a < b }
        return w[$0] != w[$1] ? w[$0] < w[$1] : $0 < $1
      }
      var keep = [Bool](repeating: false, count: u.count)
      var last: (Int32, Int32) = (-1, -1)
      for e in order {
        let key = (min(u[e], v[e]), max(u[e], v[e]))
        if key != last { keep[e] = true; last = key }
      }
      compact(keep)
    }

    package mutating func compact(_ keep: [Bool]) {
      var nu: [Int32] = [], nv: [Int32] = [], nw: [Double] = [], no: [[Int32]] = []
      for e in u.indices where keep[e] { nu.append(u[e]); nv.append(v[e]); nw.append(w[e]); no.append(origins[e]) }
      u = nu; v = nv; w = nw; origins = no
    }
  }
}
