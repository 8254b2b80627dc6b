import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension CabinetSiting {
  /// A feasible start for the local search by bottom-up tree partitioning (in the
  /// spirit of Kundu & Misra 1977): walking from the leaves to the POP, demand is
  /// merged upwards; a cabinet opens at a child whose merge would overfill its parent,
  /// and at a node beyond which its farthest home would be out of reach. Every home
  /// then has a cabinet above it within capacity and distance.
  /// - Complexity: O(tree nodes · children log children).
  package func treePartitionStart() -> [Int32] {
    // Per-node state by preorder position: arrays as small as the tree, not the network.
    let n = tree.preorder.count
    let position = tree.preorderPosition
    var candidateAt = [Int32](repeating: -1, count: n)
    for (i, c) in candidates.enumerated() where tree.isOnTree(c) { candidateAt[Int(position[Int(c)])] = Int32(i) }
    var own = [Int](repeating: 0, count: n)
    for (g, v) in demandNode.enumerated() where Int(supply[g]) <= Int(capacity) && tree.isOnTree(v) {
      own[Int(position[Int(v)])] += Int(supply[g])
    }
    var acc = [Int](repeating: 0, count: n)
    var far = [Double](repeating: 0, count: n)
    var open: [Int32] = []
    var children: [(fibres: Int, reach: Double, node: Int32)] = []
    for i in stride(from: n - 1, through: 0, by: -1) {
      let v = tree.preorder[i]
      children.removeAll(keepingCapacity: true)
      for j in tree.edges(at: v) {
        let k = Int(tree.adjacentEdge[j])
        let w = tree.neighbour(v, across: k)
        let pw = Int(position[Int(w)])
        guard tree.parent[Int(w)] == v, acc[pw] > 0 else { continue }
        children.append((acc[pw], far[pw] + tree.edgeLength[k], w))
      }
      var total = own[i] + children.reduce(0) { $0 + $1.fibres }
      // Overfull: cabinets at the heaviest children that can host one.
      children.sort { ($0.fibres, $0.node) > ($1.fibres, $1.node) }
      var reach = 0.0
      for c in children {
        let at = candidateAt[Int(position[Int(c.node)])]
        if total > Int(capacity), at >= 0 {
          open.append(at)
          total -= c.fibres
        } else {
          reach = max(reach, c.reach)
        }
      }
      acc[i] = total
      far[i] = reach
      let up = tree.parentEdge[Int(v)] >= 0 ? tree.edgeLength[Int(tree.parentEdge[Int(v)])] : .infinity
      // With several POPs, each POP's demand stops at its POP: the hub is no cabinet site.
      let ownPOP = tree.barrier >= 0 && tree.parent[Int(v)] == tree.barrier
      if total > 0, candidateAt[i] >= 0, total >= Int(capacity) || far[i] + up > bound || ownPOP {
        open.append(candidateAt[i])
        acc[i] = 0
        far[i] = 0
      }
    }
    return Array(Set(open)).sorted()
  }
}
