extension PrizeCollectingSolver {
  /// The working graph after reductions, with the way back to the instance's edges.
  /// Node ids are kept; a deleted vertex stays as an isolated vertex of prize 0 and its
  /// prize moves into `offset` (no solution of the reduced graph can span it).
  struct Reduction {
    private(set) var graph: Graph
    /// Root pinned by a prize larger than any tree could cost.
    let root: Int32?
    /// Reduced edge e stands for the instance edges originEdges[originStart[e]..<originStart[e+1]].
    private(set) var originStart: [Int32] = []
    private(set) var originEdges: [Int32] = []
    private(set) var offset = 0.0
    private(set) var deletedVertices = 0
    private(set) var deletedEdges = 0

    init(instance: SteinerInstance, usableEdges: [Int32], prizes: [Double], root: Int32?) {
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

    func originalEdges(of edges: [Int32]) -> [Int32] {
      var out: [Int32] = []
      for e in edges { out.append(contentsOf: originEdges[Int(originStart[Int(e)])..<Int(originStart[Int(e) + 1])]) }
      return out
    }
  }

  /// Exact PCSTP reductions on an edge list; `reduce()` applies them to a fixpoint.
  struct Reducer {
    let nodeCount: Int
    var u: [Int32]
    var v: [Int32]
    var w: [Double]
    var origins: [[Int32]]
    var prize: [Double]
    let root: Int32?
    var offset = 0.0
    var deletedVertices = 0

    init(nodeCount: Int, u: [Int32], v: [Int32], w: [Double], origins: [[Int32]], prize: [Double], root: Int32?) {
      self.nodeCount = nodeCount
      self.u = u; self.v = v; self.w = w; self.origins = origins; self.prize = prize; self.root = root
    }

    mutating func reduce() {
      removeParallelEdges()
    }

    /// Of parallel edges only the cheapest (lowest id on ties) can be in an optimal tree.
    /// O(m log m).
    mutating func removeParallelEdges() {
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

    mutating func compact(_ keep: [Bool]) {
      var nu: [Int32] = [], nv: [Int32] = [], nw: [Double] = [], no: [[Int32]] = []
      for e in u.indices where keep[e] { nu.append(u[e]); nv.append(v[e]); nw.append(w[e]); no.append(origins[e]) }
      u = nu; v = nv; w = nw; origins = no
    }
  }
}
