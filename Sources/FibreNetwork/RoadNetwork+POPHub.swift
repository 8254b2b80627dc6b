import FibreCore
import FibreGeo

extension RoadNetwork {
  /// Whether edge `e` is built (every edge but the hub's links).
  @inlinable package func isBuilt(_ e: Int) -> Bool { edgeKind[e] != .popLink }

  /// Joins `pops` (road nodes) to one new node by zero-length, zero-cost links and makes
  /// it `popNode`. One tree from the hub is then a forest with one tree per POP, and
  /// every path length from the hub is the length from the nearest POP on the tree,
  /// which is what the optics see. Components that hold a POP merge into the hub's.
  /// O(nodes).
  package mutating func addPOPHub(pops: [Int32], at position: LonLat) {
    precondition(!pops.isEmpty && popNodes.isEmpty, "addPOPHub: once, with at least one POP")
    let hub = Int32(nodeCount)
    let (x, y) = projection.project(position)
    nodeX.append(x)
    nodeY.append(y)
    let merged = Set(pops.map { nodeComponent[Int($0)] })
    let target = merged.min()!
    for v in 0..<nodeComponent.count where merged.contains(nodeComponent[v]) { nodeComponent[v] = target }
    nodeComponent.append(target)
    var linkClass = Int32(surfaceClasses.count)
    if let k = surfaceClasses.firstIndex(of: "pop_link") { linkClass = Int32(k) } else { surfaceClasses.append("pop_link") }
    for p in pops {
      edgeU.append(hub)
      edgeV.append(p)
      edgeKind.append(.popLink)
      edgeLength.append(0)
      edgeCost.append(0)
      edgeSurfaceClass.append(linkClass)
      edgeSource.append(Int32.min)
      let at = projection.unproject(x: nodeX[Int(p)], y: nodeY[Int(p)])
      geometry.append(at)
      geometry.append(at)
      edgeGeometryStart.append(Int32(geometry.count))
    }
    popNodes = pops
    popNode = hub
  }
}
