import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The trench tree rooted at the POP, as flat arrays over network node ids: parent,
/// edge to the parent, metres from the root and a preorder. Everything the
/// architecture does walks this tree, never the road graph.
package struct RootedTree: Sendable {
  /// Network edge ids of the tree (as `FibrePlanResult.treeEdges`).
  package var treeEdges: [Int32]
  package var root: Int32
  /// With several POPs the root is the hub that joins them: walks between homes and
  /// cabinets must not pass through it (-1 with one POP).
  package var barrier: Int32
  /// Parent node, -1 for the root and for nodes off the tree.
  package var parent: [Int32]
  /// Position in `treeEdges` of the edge to the parent, -1 if none.
  package var parentEdge: [Int32]
  /// Metres from the root along the tree (edge lengths), +infinity off the tree.
  package var depth: [Double]
  /// Edges from the root, for lowest-common-ancestor walks.
  package var level: [Int32]
  /// Tree nodes, root first, every parent before its children.
  package var preorder: [Int32]
  /// Position of each node in `preorder`, -1 off the tree: per-tree-node arrays stay
  /// as small as the tree, not the road network.
  package var preorderPosition: [Int32]
  /// Tree adjacency in CSR form: `adjacentEdge[adjacencyStart[v] ..< adjacencyStart[v+1]]`
  /// are positions in `treeEdges`.
  package var adjacencyStart: [Int32]
  package var adjacentEdge: [Int32]
  package var edgeLength: [Double]
  /// End nodes of each tree edge, by position in `treeEdges`.
  package var edgeU: [Int32]
  package var edgeV: [Int32]

  /// - Complexity: O(nodes + tree edges).
  package init(network: RoadNetwork, treeEdges: [Int32], root: Int32) {
    let n = network.nodeCount
    self.treeEdges = treeEdges
    self.root = root
    barrier = network.popNodes.isEmpty ? -1 : network.popNode
    let incidence = EdgeSubsetIncidence(nodeCount: n, edges: treeEdges, edgeU: network.edgeU, edgeV: network.edgeV)
    let start = incidence.start, adjacent = incidence.position
    adjacencyStart = start
    adjacentEdge = adjacent
    edgeLength = treeEdges.map { network.edgeLength[Int($0)] }
    edgeU = treeEdges.map { network.edgeU[Int($0)] }
    edgeV = treeEdges.map { network.edgeV[Int($0)] }
    parent = [Int32](repeating: -1, count: n)
    parentEdge = [Int32](repeating: -1, count: n)
    depth = [Double](repeating: .infinity, count: n)
    level = [Int32](repeating: -1, count: n)
    preorder = []
    preorder.reserveCapacity(treeEdges.count + 1)
    preorderPosition = [Int32](repeating: -1, count: n)
    guard root >= 0, Int(root) < n else { return }
    depth[Int(root)] = 0
    level[Int(root)] = 0
    var stack: [Int32] = [root]
    while let v = stack.popLast() {
      preorderPosition[Int(v)] = Int32(preorder.count)
      preorder.append(v)
      for i in Int(start[Int(v)])..<Int(start[Int(v) + 1]) {
        let k = Int(adjacent[i])
        let e = Int(treeEdges[k])
        let w = Int(network.edgeU[e] == v ? network.edgeV[e] : network.edgeU[e])
        if level[w] < 0 {
          parent[w] = v
          parentEdge[w] = Int32(k)
          depth[w] = depth[Int(v)] + edgeLength[k]
          level[w] = level[Int(v)] + 1
          stack.append(Int32(w))
        }
      }
    }
  }

  /// The other end of tree edge `k` seen from `v`.
  package func neighbour(_ v: Int32, across k: Int) -> Int32 { edgeU[k] == v ? edgeV[k] : edgeU[k] }

  package func isOnTree(_ v: Int32) -> Bool { level[Int(v)] >= 0 }

  /// Whether `v` is where feeder cables start: the POP, or with several POPs each of them.
  package func isPOP(_ v: Int32) -> Bool {
    v == root || (barrier >= 0 && parent[Int(v)] == barrier)
  }

  /// Tree-edge positions incident to `v`.
  package func edges(at v: Int32) -> Range<Int> {
    Int(adjacencyStart[Int(v)])..<Int(adjacencyStart[Int(v) + 1])
  }

  /// Lowest common ancestor by walking up from the deeper node. O(path length).
  package func lowestCommonAncestor(_ a: Int32, _ b: Int32) -> Int32 {
    var u = a, v = b
    while level[Int(u)] > level[Int(v)] { u = parent[Int(u)] }
    while level[Int(v)] > level[Int(u)] { v = parent[Int(v)] }
    while u != v { u = parent[Int(u)]; v = parent[Int(v)] }
    return u
  }

  /// Metres between two tree nodes along the tree. O(path length).
  package func distance(_ a: Int32, _ b: Int32) -> Double {
    distance(a, b, ancestor: lowestCommonAncestor(a, b))
  }

  /// Metres between two tree nodes whose lowest common ancestor is `c`. O(1).
  @inline(__always)
  package func distance(_ a: Int32, _ b: Int32, ancestor c: Int32) -> Double {
    depth[Int(a)] + depth[Int(b)] - 2 * depth[Int(c)]
  }

  /// Calls `body(k)` for every tree-edge position on the path between `a` and `b`;
  /// returns their lowest common ancestor. O(path length).
  @discardableResult
  package func forEachEdge(between a: Int32, and b: Int32, _ body: (Int) -> Void) -> Int32 {
    var u = a, v = b
    while level[Int(u)] > level[Int(v)] { body(Int(parentEdge[Int(u)])); u = parent[Int(u)] }
    while level[Int(v)] > level[Int(u)] { body(Int(parentEdge[Int(v)])); v = parent[Int(v)] }
    while u != v {
      body(Int(parentEdge[Int(u)])); u = parent[Int(u)]
      body(Int(parentEdge[Int(v)])); v = parent[Int(v)]
    }
    return u
  }

  /// Metres along the tree from the nearest of `sources` (tree nodes) to every tree node
  /// within `radius` of one, by preorder position; +infinity for the rest.
  /// - Complexity: O(tree nodes) to clear, then O(nodes within the radius).
  package func metres(from sources: [Int32], within radius: Double) -> [Double] {
    var metres = [Double](repeating: .infinity, count: preorder.count)
    var stack: [Int32] = []
    for s in sources where isOnTree(s) {
      metres[Int(preorderPosition[Int(s)])] = 0
      stack.append(s)
      while let u = stack.popLast() {
        let du = metres[Int(preorderPosition[Int(u)])]
        for i in edges(at: u) {
          let k = Int(adjacentEdge[i])
          let w = neighbour(u, across: k)
          let d = du + edgeLength[k]
          let pw = Int(preorderPosition[Int(w)])
          guard d <= radius, d < metres[pw] else { continue }
          metres[pw] = d
          stack.append(w)
        }
      }
    }
    return metres
  }

  /// Calls `body(v)` for every node on the path between `a` and `b`, both included.
  /// O(path length).
  package func forEachNode(between a: Int32, and b: Int32, _ body: (Int32) -> Void) {
    var u = a, v = b
    while level[Int(u)] > level[Int(v)] { body(u); u = parent[Int(u)] }
    while level[Int(v)] > level[Int(u)] { body(v); v = parent[Int(v)] }
    while u != v {
      body(u); u = parent[Int(u)]
      body(v); v = parent[Int(v)]
    }
    body(u)
  }
}
