import FibreCore
import FibreGraph
import FibreGeo

extension NetworkBuilder {
  /// Compresses chains of segments into edges. A vertex stays a node if it is pinned, a
  /// dead end or junction, or where the cost class changes; chains of trench and of
  /// duct segments are walked separately, and a duct chain's ends are nodes of the
  /// trench graph too. Closed rings without any node get their lowest vertex as node.
  /// Appends nodes and edges (with WGS84 geometry) to `network`; returns the node of
  /// each vertex, -1 for vertices that are not nodes. O(V + S).
  package static func compressChains(_ draft: RoadDraft, classes: CostClasses,
                             into network: inout RoadNetwork) -> [Int32] {
    let vertexCount = draft.vertexCount, segmentCount = draft.segmentCount
    var adjStart = [Int32](repeating: 0, count: vertexCount + 1)
    var trenchDegree = [Int32](repeating: 0, count: vertexCount)
    var ductDegree = [Int32](repeating: 0, count: vertexCount)
    var trenchClass = [Int32](repeating: -1, count: vertexCount)
    var mixedClass = [Bool](repeating: false, count: vertexCount)
    // Duct line at each vertex; -2 where two lines meet (a node: each duct edge then
    // belongs to one duct line).
    var ductSource = [Int32](repeating: -1, count: vertexCount)
    // Kind of the non-trench segments at each vertex: where duct, aerial and crossing
    // segments meet, the vertex is a node too (sources of different layers may be equal).
    var otherKind = [EdgeKind?](repeating: nil, count: vertexCount)
    for s in 0..<segmentCount {
      for end in 0..<2 {
        let v = Int(end == 0 ? draft.segA[s] : draft.segB[s])
        adjStart[v + 1] += 1
        if draft.segKind[s] == .trench {
          trenchDegree[v] += 1
          if trenchClass[v] < 0 { trenchClass[v] = draft.segClass[s] }
          else if trenchClass[v] != draft.segClass[s] { mixedClass[v] = true }
        } else {
          ductDegree[v] += 1
          if ductSource[v] == -1 { ductSource[v] = draft.segSource[s] }
          else if ductSource[v] != draft.segSource[s] { ductSource[v] = -2 }
          if otherKind[v] == nil { otherKind[v] = draft.segKind[s] }
          else if otherKind[v] != draft.segKind[s] { ductSource[v] = -2 }
        }
      }
    }
    for v in 0..<vertexCount { adjStart[v + 1] += adjStart[v] }
    var fill = adjStart
    var adjacent = [Int32](repeating: 0, count: 2 * segmentCount)
    for s in 0..<segmentCount {
      for end in 0..<2 {
        let v = Int(end == 0 ? draft.segA[s] : draft.segB[s])
        adjacent[Int(fill[v])] = Int32(s); fill[v] += 1
      }
    }

    var isNode = [Bool](repeating: false, count: vertexCount)
    for v in 0..<vertexCount where trenchDegree[v] + ductDegree[v] > 0 {
      let t = trenchDegree[v], d = ductDegree[v]
      let interior = ((t == 2 && !mixedClass[v] && (d == 0 || d == 2)) || (t == 0 && d == 2))
        && ductSource[v] != -2
      isNode[v] = draft.pinned[v] || !interior
    }

    var used = [Bool](repeating: false, count: segmentCount)
    var edgeFrom: [Int32] = [], edgeTo: [Int32] = []

    func walk(from u: Int, via first: Int) {
      let kind = draft.segKind[first]
      var current = u, s = first
      var length = 0.0, cost = 0.0
      network.geometry.append(draft.lonLat[u])
      while true {
        used[s] = true
        let l = draft.length(s)
        length += l
        cost += l * classes.perMetre[Int(draft.segClass[s])]
        let next = Int(draft.segA[s]) == current ? Int(draft.segB[s]) : Int(draft.segA[s])
        network.geometry.append(draft.lonLat[next])
        current = next
        if isNode[next] { break }
        var following = -1
        for k in Int(adjStart[next])..<Int(adjStart[next + 1]) {
          let c = Int(adjacent[k])
          if !used[c] && draft.segKind[c] == kind { following = c; break }
        }
        if following < 0 { isNode[next] = true; break }
        s = following
      }
      edgeFrom.append(Int32(u)); edgeTo.append(Int32(current))
      network.edgeKind.append(kind)
      network.edgeLength.append(length)
      network.edgeCost.append(cost)
      network.edgeSurfaceClass.append(draft.segClass[first])
      network.edgeSource.append(draft.segSource[first])
      network.edgeGeometryStart.append(Int32(network.geometry.count))
    }

    func walkAll(from v: Int) {
      for k in Int(adjStart[v])..<Int(adjStart[v + 1]) where !used[Int(adjacent[k])] {
        walk(from: v, via: Int(adjacent[k]))
      }
    }
    for v in 0..<vertexCount where isNode[v] { walkAll(from: v) }
    for s in 0..<segmentCount where !used[s] {
      let v = Int(draft.segA[s])
      isNode[v] = true
      walkAll(from: v)
    }

    var nodeOf = [Int32](repeating: -1, count: vertexCount)
    for v in 0..<vertexCount where isNode[v] {
      nodeOf[v] = Int32(network.nodeX.count)
      network.nodeX.append(draft.x[v]); network.nodeY.append(draft.y[v])
    }
    for e in edgeFrom.indices {
      network.edgeU.append(nodeOf[Int(edgeFrom[e])])
      network.edgeV.append(nodeOf[Int(edgeTo[e])])
    }
    return nodeOf
  }

  /// Labels connected components, largest (most nodes) first, ties by lowest node.
  /// Union–find (`DisjointSets`); O((N + E) α(N) + C log C).
  package static func labelComponents(_ network: inout RoadNetwork) {
    let n = network.nodeCount
    var sets = DisjointSets(count: n)
    for e in 0..<network.edgeCount { sets.union(Int(network.edgeU[e]), Int(network.edgeV[e])) }
    // Each component is named by its lowest node: the first one met in ascending order.
    var lowest = [Int32](repeating: -1, count: n)
    var roots: [Int] = []
    for v in 0..<n {
      let r = sets.find(v)
      if lowest[r] < 0 { lowest[r] = Int32(v); roots.append(r) }
    }
    roots.sort { sets.size[$0] != sets.size[$1] ? sets.size[$0] > sets.size[$1] : lowest[$0] < lowest[$1] }
    var label = [Int32](repeating: -1, count: n)
    for (i, r) in roots.enumerated() { label[r] = Int32(i) }
    network.nodeComponent = (0..<n).map { label[sets.find($0)] }
  }
}
