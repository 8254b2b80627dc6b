import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// A Steiner tree rooted at a terminal, laid out in preorder so that every subtree is
/// a contiguous range of `order`. With a terminal root every key path (a path between
/// key nodes whose inner nodes are Steiner nodes of degree 2) runs straight up, so
/// each key path is named by its lower key node.
package struct TreeLayout {
  /// Tree nodes in preorder.
  package var order: [Int32] = []
  /// Preorder index of each node, -1 off the tree (sized to the graph).
  package var pre: [Int32]
  /// Last preorder index inside each node's subtree.
  package var last: [Int32]
  /// Edge to the parent, -1 at the root and off the tree.
  package var parentEdge: [Int32]
  package var parent: [Int32]
  package var treeDegree: [Int32]
  /// Non-root key nodes; key path `k` goes up from `keyNodes[k]`.
  package var keyNodes: [Int32] = []
  package var edges: [Int32] = []
  /// Scratch: position of each tree node in the local adjacency, -1 elsewhere.
  private var local: [Int32]

  package init(nodeCount: Int) {
    local = [Int32](repeating: -1, count: nodeCount)
    pre = [Int32](repeating: -1, count: nodeCount)
    last = [Int32](repeating: -1, count: nodeCount)
    parentEdge = [Int32](repeating: -1, count: nodeCount)
    parent = [Int32](repeating: -1, count: nodeCount)
    treeDegree = [Int32](repeating: 0, count: nodeCount)
  }

  package func contains(_ v: Int) -> Bool { pre[v] >= 0 }

  /// Rebuilds the layout for the tree `edges` (a tree containing `root`). O(|T|).
  package mutating func build(_ p: SteinerProblem, edges treeEdges: [Int32], root: Int) {
    for v in order {
      let i = Int(v)
      pre[i] = -1; last[i] = -1; parentEdge[i] = -1; parent[i] = -1; treeDegree[i] = 0
    }
    order.removeAll(keepingCapacity: true)
    keyNodes.removeAll(keepingCapacity: true)
    edges = treeEdges
    let g = p.graph
    // Local adjacency of the tree nodes, CSR over the edge list.
    var nodes: [Int32] = [Int32(root)]
    local[root] = 0
    for e in treeEdges {
      for v in [g.edgeU[Int(e)], g.edgeV[Int(e)]] where local[Int(v)] < 0 {
        local[Int(v)] = Int32(nodes.count); nodes.append(v)
      }
    }
    defer { for v in nodes { local[Int(v)] = -1 } }
    var deg = [Int32](repeating: 0, count: nodes.count + 1)
    for e in treeEdges {
      deg[Int(local[Int(g.edgeU[Int(e)])]) + 1] += 1
      deg[Int(local[Int(g.edgeV[Int(e)])]) + 1] += 1
    }
    for i in 0..<nodes.count { deg[i + 1] += deg[i] }
    var fill = deg
    var inc = [Int32](repeating: 0, count: 2 * treeEdges.count)
    for e in treeEdges {
      let a = Int(local[Int(g.edgeU[Int(e)])]), b = Int(local[Int(g.edgeV[Int(e)])])
      inc[Int(fill[a])] = e; fill[a] += 1
      inc[Int(fill[b])] = e; fill[b] += 1
    }
    // Iterative DFS for the preorder; `last` is filled on the way back.
    var stack: [(node: Int32, next: Int32)] = [(Int32(root), deg[0])]
    pre[root] = 0; order.append(Int32(root))
    while !stack.isEmpty {
      let top = stack.count - 1
      let v = Int(stack[top].node)
      let li = Int(local[v])
      let k = Int(stack[top].next)
      if k < Int(deg[li + 1]) {
        stack[top].next += 1
        let e = Int(inc[k])
        let w = g.opposite(e, v)
        if pre[w] >= 0 { continue }
        pre[w] = Int32(order.count); order.append(Int32(w))
        parent[w] = Int32(v); parentEdge[w] = Int32(e)
        stack.append((Int32(w), deg[Int(local[w])]))
      } else {
        last[v] = Int32(order.count - 1)
        stack.removeLast()
      }
    }
    for v in order {
      let li = Int(local[Int(v)])
      treeDegree[Int(v)] = deg[li + 1] - deg[li]
    }
    for v in order.dropFirst() where isKey(p, Int(v)) { keyNodes.append(v) }
  }

  package func isKey(_ p: SteinerProblem, _ v: Int) -> Bool { p.isTerminal[v] || treeDegree[v] >= 3 }

  /// Walks the key path above key node `b`: its edges, cost and topmost inner node (or
  /// `b` itself when the path is one edge). O(path length).
  package func keyPath(_ p: SteinerProblem, below b: Int, weights: [Double]) -> (edges: [Int32], cost: Double, top: Int) {
    var edges: [Int32] = []
    var cost = 0.0
    var x = b
    while true {
      let e = Int(parentEdge[x])
      edges.append(Int32(e)); cost += weights[e]
      let up = Int(parent[x])
      if isKey(p, up) || parent[up] < 0 { return (edges, cost, x) }
      x = up
    }
  }

  /// Whether `v` is in the subtree of `r`. O(1).
  @inline(__always)
  package func inSubtree(_ v: Int, of r: Int) -> Bool {
    let i = pre[v]
    return i >= pre[r] && i <= last[r]
  }
}
