import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The best order in which to build a given tree out from the POP when money arrives in
/// stages: every prefix is a connected subtree of the tree, and households per euro fall
/// along it. Horn's merge rule for out-tree precedence (Horn 1972, "Single-machine job
/// sequencing with treelike precedence ordering"): the densest part of the tree joins its
/// parent's sequence, so it is built right after the parent.
package struct TreePeeling {
  /// Local nodes of the tree in build order (the root first).
  package var order: [Int32]
  /// Capex of the edge that joins each node of `order` to the part built before it.
  package var edgeCost: [Double]
  /// The local edge that joins each node of `order` (-1 for the root).
  package var edge: [Int32]
  /// Households each node of `order` adds.
  package var households: [Int32]
  /// Worth of each node of `order` (households plus weighted sites): what the order maximises per euro.
  package var worth: [Double]
}

extension CoverageGraph {
  /// The build order of `tree` (local edges) from the root; see `TreePeeling`.
  package func peeling(tree: [Int32], siteWeight: Double) -> TreePeeling {
    let n = nodeCount
    // Root the tree with an iterative search over its own adjacency.
    var inTree = [Bool](repeating: false, count: graph.edgeCount)
    for e in tree { inTree[Int(e)] = true }
    var parent = [Int32](repeating: -1, count: n)
    var parentEdge = [Int32](repeating: -1, count: n)
    var visited = [Bool](repeating: false, count: n)
    var stack: [Int32] = [root]
    var members: [Int32] = []
    visited[Int(root)] = true
    while let v = stack.popLast() {
      members.append(v)
      for a in graph.arcs(Int(v)) where inTree[Int(graph.arcEdge[a])] {
        let w = graph.arcHead[a]
        if !visited[Int(w)] {
          visited[Int(w)] = true
          parent[Int(w)] = v
          parentEdge[Int(w)] = graph.arcEdge[a]
          stack.append(w)
        }
      }
    }
    // Groups: a union-find over nodes, each group a linked list of its build sequence.
    var group = [Int32](repeating: -1, count: n)
    var cost = [Double](repeating: 0, count: n)
    var value = [Double](repeating: 0, count: n)
    var next = [Int32](repeating: -1, count: n)
    var tail = [Int32](repeating: -1, count: n)
    var stamp = [Int32](repeating: 0, count: n)
    for v in members {
      let i = Int(v)
      group[i] = v
      tail[i] = v
      value[i] = Double(households[i]) + siteWeight * Double(sites[i])
      cost[i] = parentEdge[i] >= 0 ? weight[Int(parentEdge[i])] : 0
    }
    func find(_ v: Int32) -> Int32 {
      var r = v
      while group[Int(r)] != r { r = group[Int(r)] }
      var x = v
      while group[Int(x)] != r { let up = group[Int(x)]; group[Int(x)] = r; x = up }
      return r
    }
    // Densest group first; ties by node id so that the order never depends on memory.
    var heap = DensityHeap()
    for v in members where v != root { heap.push(.init(cost: cost[Int(v)], value: value[Int(v)], node: v, stamp: 0)) }
    while let top = heap.pop() {
      let g = Int(top.node)
      guard group[g] == top.node, stamp[g] == top.stamp else { continue }
      let p = Int(find(parent[g]))
      next[Int(tail[p])] = top.node
      tail[p] = tail[g]
      cost[p] += cost[g]
      value[p] += value[g]
      group[g] = Int32(p)
      if p != Int(root) {
        stamp[p] += 1
        heap.push(.init(cost: cost[p], value: value[p], node: Int32(p), stamp: stamp[p]))
      }
    }
    var peeling = TreePeeling(order: [], edgeCost: [], edge: [], households: [], worth: [])
    var v = root
    while v >= 0 {
      let i = Int(v)
      peeling.order.append(v)
      peeling.edge.append(parentEdge[i])
      peeling.edgeCost.append(parentEdge[i] >= 0 ? weight[Int(parentEdge[i])] : 0)
      peeling.households.append(households[i])
      peeling.worth.append(Double(households[i]) + siteWeight * Double(sites[i]))
      v = next[i]
    }
    return peeling
  }
}

/// Groups by worth per euro, densest first, with lazy deletion by stamp.
private typealias DensityHeap = BinaryHeap<DensityEntry>

private struct DensityEntry: Comparable {
  var cost: Double
  var value: Double
  var node: Int32
  var stamp: Int32
  /// Denser first, compared by cross-multiplication so that free groups (cost 0) lead.
  static func < (a: Self, o: Self) -> Bool {
    let l = a.value * o.cost, r = o.value * a.cost
    if l != r { return l > r }
    if a.cost != o.cost { return a.cost < o.cost }
    return a.node < o.node
  }
}
