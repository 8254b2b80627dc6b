import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension RootedTree {
  /// Whether tree edge `k` is a crossing (NetworkBuilder+Sides, +Barriers) whose side
  /// away from the root holds only drops and further crossings: it is part of a home's
  /// drop, carries the drop cable and is priced with it. A crossing where the trench
  /// changes sides carries the street cable on and is not. O(size of the drop's subtree).
  package func isDropCrossing(_ k: Int, network: RoadNetwork) -> Bool {
    guard network.edgeKind[Int(treeEdges[k])] == .crossing else { return false }
    let child = parentEdge[Int(edgeU[k])] == Int32(k) ? edgeU[k] : edgeV[k]
    var stack = [child], steps = 0
    while let v = stack.popLast() {
      for i in edges(at: v) {
        let j = Int(adjacentEdge[i])
        guard j != Int(parentEdge[Int(v)]) else { continue }
        switch network.edgeKind[Int(treeEdges[j])] {
        case .drop: continue
        case .crossing: stack.append(neighbour(v, across: j))
        case .trench, .ductReuse, .aerial, .popLink: return false
        }
      }
      steps += 1
      if steps > 16 { return false }
    }
    return true
  }
}
