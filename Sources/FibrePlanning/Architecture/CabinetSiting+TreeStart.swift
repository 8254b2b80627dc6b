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
    let n = tree.parent.count
    var candidateAt = [Int32](repeating: -1, count: n)
    for (i, c) in candidates.enumerated() { candidateAt[Int(c)] = Int32(i) }
    var own = [Int](repeating: 0, count: n)
    for (g, v) in demandNode.enumerated() where Int(supply[g]) <= Int(capacity) { own[Int(v)] += Int(supply[g]) }
    var acc = [Int](repeating: 0, count: n)
    var far = [Double](repeating: 0, count: n)
    var open: [Int32] = []
    var children: [(fibres: Int, reach: Double, node: Int32)] = []
    for v in tree.preorder.reversed() {
      children.removeAll(keepingCapacity: true)
      for i in tree.edges(at: v) {
        let k = Int(tree.adjacentEdge[i])
        let w = tree.neighbour(v, across: k)
        guard tree.parent[Int(w)] == v, acc[Int(w)] > 0 else { continue }
        children.append((acc[Int(w)], far[Int(w)] + tree.edgeLength[k], w))
      }
      var total = own[Int(v)] + children.reduce(0) { $0 + $1.fibres }
      // Overfull: cabinets at the heaviest children that can host one.
      children.sort { ($0.fibres, $0.node) > ($1.fibres, $1.node) }
      var kept: [(fibres: Int, reach: Double, node: Int32)] = []
      for c in children {
        if total > Int(capacity), candidateAt[Int(c.node)] >= 0 {
          open.append(candidateAt[Int(c.node)])
          total -= c.fibres
        } else {
          kept.append(c)
        }
      }
      acc[Int(v)] = total
      far[Int(v)] = kept.reduce(0.0) { max($0, $1.reach) }
      let up = tree.parentEdge[Int(v)] >= 0 ? tree.edgeLength[Int(tree.parentEdge[Int(v)])] : .infinity
      // With several POPs, each POP's demand stops at its POP: the hub is no cabinet site.
      let ownPOP = tree.barrier >= 0 && tree.parent[Int(v)] == tree.barrier
      if total > 0, candidateAt[Int(v)] >= 0, total >= Int(capacity) || far[Int(v)] + up > bound || ownPOP {
        open.append(candidateAt[Int(v)])
        acc[Int(v)] = 0
        far[Int(v)] = 0
      }
    }
    return Array(Set(open)).sorted()
  }
}
