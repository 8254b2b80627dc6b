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
    var walker = ChainWalker(draft: draft, classes: classes)
    // A chain of k segments adds k + 1 points and one edge: at most 2 points and one
    // edge a segment. Reserving spares the copies of growing.
    network.geometry.reserveCapacity(network.geometry.count + 2 * draft.segmentCount)
    for v in 0..<draft.vertexCount where walker.isNode[v] { walker.walkAll(from: v, into: &network) }
    for s in 0..<draft.segmentCount where !walker.used[s] {
      let v = Int(draft.segA[s])
      walker.isNode[v] = true
      walker.walkAll(from: v, into: &network)
    }
    var nodeOf = [Int32](repeating: -1, count: draft.vertexCount)
    for v in 0..<draft.vertexCount where walker.isNode[v] {
      nodeOf[v] = Int32(network.nodeX.count)
      network.nodeX.append(draft.x[v]); network.nodeY.append(draft.y[v])
    }
    for e in walker.edgeFrom.indices {
      network.edgeU.append(nodeOf[Int(walker.edgeFrom[e])])
      network.edgeV.append(nodeOf[Int(walker.edgeTo[e])])
    }
    return nodeOf
  }

  /// Which vertices end chains: pinned ones, dead ends and junctions, and where the
  /// cost class, the duct line or the kind of non-trench segment changes. O(V + S).
  static func chainEnds(_ draft: RoadDraft) -> [Bool] {
    let vertexCount = draft.vertexCount
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
    for s in 0..<draft.segmentCount {
      for end in 0..<2 {
        let v = Int(end == 0 ? draft.segA[s] : draft.segB[s])
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
    var isNode = [Bool](repeating: false, count: vertexCount)
    for v in 0..<vertexCount where trenchDegree[v] + ductDegree[v] > 0 {
      let t = trenchDegree[v], d = ductDegree[v]
      let interior = ((t == 2 && !mixedClass[v] && (d == 0 || d == 2)) || (t == 0 && d == 2))
        && ductSource[v] != -2
      isNode[v] = draft.pinned[v] || !interior
    }
    return isNode
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

/// Walks chains of one kind of segment from node to node, each into one network edge
/// with its WGS84 geometry, length and cost.
private struct ChainWalker {
  let draft: RoadDraft
  let classes: NetworkBuilder.CostClasses
  /// Segments at each vertex, in CSR form (segment order, end A before end B).
  let segmentsAt: CSRGraph
  var isNode: [Bool]
  var used: [Bool]
  var edgeFrom: [Int32] = [], edgeTo: [Int32] = []

  init(draft: RoadDraft, classes: NetworkBuilder.CostClasses) {
    self.draft = draft
    self.classes = classes
    segmentsAt = CSRGraph(nodeCount: draft.vertexCount, edgeU: draft.segA, edgeV: draft.segB)
    isNode = NetworkBuilder.chainEnds(draft)
    used = [Bool](repeating: false, count: draft.segmentCount)
  }

  mutating func walk(from u: Int, via first: Int, into network: inout RoadNetwork) {
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
      for a in segmentsAt.arcs(next) {
        let c = Int(segmentsAt.arcEdge[a])
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

  mutating func walkAll(from v: Int, into network: inout RoadNetwork) {
    for a in segmentsAt.arcs(v) where !used[Int(segmentsAt.arcEdge[a])] {
      walk(from: v, via: Int(segmentsAt.arcEdge[a]), into: &network)
    }
  }
}
