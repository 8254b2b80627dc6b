import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

/// The architecture's per-edge cables joined into pulled cables, and the way from each
/// cable group's origin (the POP for the feeder, a cabinet for its distribution) to any
/// node the group reaches. Each group's edges form a tree; it is searched breadth-first
/// from the origin, and a cable continues through a node only where the group neither
/// branches nor changes size, exactly where the architecture puts no splice closure.
/// O(network nodes + cables log cables) to build; a route costs its length times the
/// log of its group's size.
package struct CableRouting {
  package var cables: [FibreSchedule.Cable] = []
  /// Per group g (0 the feeder, 1 + j cabinet j), the nodes it reaches in ascending
  /// order, `reachNode[groupStart[g] ..< groupStart[g + 1]]`, each with the cable
  /// reaching it from the origin side and the node before it (-1 and -1 at the origin).
  /// Arrays rather than a dictionary per group: a region has thousands of groups.
  private var groupStart: [Int] = [0]
  private var reachNode: [Int32] = []
  private var reachCable: [Int32] = []
  private var reachPrevious: [Int32] = []
  private let dropOfNode: [Int32]
  /// Node v's neighbours across crossing edges, in edge order:
  /// `crossTo[crossStart[v] ..< crossStart[v + 1]]`. A drop that crosses a road,
  /// railway or waterway reaches the street through them, and they carry the drop cable.
  private var crossStart: [Int32]
  private var crossTo: [Int32]
  private let network: RoadNetwork

  package init(network: RoadNetwork, arch: ArchitecturePlan, popNode: Int32) {
    self.network = network
    dropOfNode = PlanGeoJSON.dropEdgeOfNode(network)
    (crossStart, crossTo) = Self.crossings(network)
    // A feeder cable ends at every cabinet it passes, so each cabinet's feeder
    // fibres arrive on a cable that ends there (the rest are spliced through).
    var cabinetAt = [Bool](repeating: false, count: network.nodeCount)
    for c in arch.cabinets { cabinetAt[Int(c.node)] = true }
    var byGroup = [[Int]](repeating: [], count: arch.cabinets.count + 1)
    for (i, c) in arch.cables.enumerated() { byGroup[Int(c.cabinet) + 1].append(i) }
    var scratch = JoinScratch(nodeCount: network.nodeCount, cableCount: arch.cables.count)
    for g in byGroup.indices {
      let start = g == 0 ? popNode : arch.cabinets[g - 1].node
      join(group: byGroup[g], arch: arch, origin: start, cabinet: Int32(g - 1),
           stops: g == 0 ? cabinetAt : [], scratch: &scratch)
    }
  }

  /// The crossing edges' ends as adjacency lists, each node's in edge order.
  private static func crossings(_ network: RoadNetwork) -> (start: [Int32], to: [Int32]) {
    var start = [Int32](repeating: 0, count: network.nodeCount + 1)
    for e in 0..<network.edgeCount where network.edgeKind[e] == .crossing {
      start[Int(network.edgeU[e]) + 1] += 1
      start[Int(network.edgeV[e]) + 1] += 1
    }
    for v in 0..<network.nodeCount { start[v + 1] += start[v] }
    var next = start
    var to = [Int32](repeating: -1, count: Int(start[network.nodeCount]))
    for e in 0..<network.edgeCount where network.edgeKind[e] == .crossing {
      let u = Int(network.edgeU[e]), v = Int(network.edgeV[e])
      to[Int(next[u])] = Int32(v); next[u] += 1
      to[Int(next[v])] = Int32(u); next[v] += 1
    }
    return (start, to)
  }

  /// Breadth-first over one group's cable edges; starts a new cable at the origin,
  /// wherever the group branches or the size changes, and at `stops`. Appends the
  /// group's reached nodes to `reachNode` and its neighbours.
  private mutating func join(group: [Int], arch: ArchitecturePlan, origin: Int32, cabinet: Int32,
                             stops: [Bool], scratch s: inout JoinScratch) {
    s.begin()
    for i in group {
      let e = Int(arch.cables[i].edge)
      s.link(network.edgeU[e], cable: i)
      s.link(network.edgeV[e], cable: i)
    }
    var queue = [s.index(of: origin)]
    s.reached[queue[0]] = true
    var head = 0
    while head < queue.count {
      let j = queue[head]; head += 1
      let v = s.node[j]
      let out = s.cables(at: j).sorted { arch.cables[$0].edge < arch.cables[$1].edge }
      let incoming = s.cable[j]
      for i in out {
        s.done[i] = true
        let c = arch.cables[i]
        let e = Int(c.edge)
        let w = network.edgeU[e] == v ? network.edgeV[e] : network.edgeU[e]
        let continues = incoming >= 0 && out.count == 1 && (stops.isEmpty || !stops[Int(v)]) && cables[Int(incoming)].fibres == c.cableFibres
          && cables[Int(incoming)].to == v
        var k = incoming
        if continues {
          cables[Int(k)].edges.append(c.edge)
          cables[Int(k)].to = w
        } else {
          k = Int32(cables.count)
          let id = PlanGeoJSON.cableID(c, arch)
          cables.append(.init(id: id, tier: c.tier, cabinet: cabinet, fibres: c.cableFibres, from: v, to: w, edges: [c.edge]))
        }
        let wj = s.index(of: w)
        if !s.reached[wj] {
          s.reached[wj] = true; s.cable[wj] = k; s.previous[wj] = v
          queue.append(wj)
        }
      }
    }
    // Every reached node was queued once: the group's entries, by node for lookup.
    for j in queue.sorted(by: { s.node[$0] < s.node[$1] }) {
      reachNode.append(s.node[j]); reachCable.append(s.cable[j]); reachPrevious.append(s.previous[j])
    }
    groupStart.append(reachNode.count)
  }

  /// The entry of `node` in group `g` (0 the feeder, 1 + j cabinet j), or nil when the
  /// group does not reach it. Binary search over the group's sorted nodes.
  private func reached(_ g: Int, _ node: Int32) -> Int? {
    var lo = groupStart[g], hi = groupStart[g + 1]
    while lo < hi {
      let mid = (lo + hi) / 2
      if reachNode[mid] < node { lo = mid + 1 } else { hi = mid }
    }
    return lo < groupStart[g + 1] && reachNode[lo] == node ? lo : nil
  }

  /// Cables from the group's origin to `node`, origin first (empty when it is the
  /// origin or the group does not reach it).
  package func route(group: Int32, to node: Int32) -> [Int32] {
    let g = Int(group) + 1
    var out: [Int32] = []
    var v = node
    while let r = reached(g, v), reachCable[r] >= 0 {
      if out.last != reachCable[r] { out.append(reachCable[r]) }
      v = reachPrevious[r]
    }
    return out.reversed()
  }

  /// The node where a home's fibre leaves its cabinet's cables (the home's node, or
  /// the street end of its drop) and the cables from the cabinet to there.
  package func homeRoute(cabinet: Int32, home: Int32) -> (node: Int32, route: [Int32]) {
    let g = Int(cabinet) + 1
    guard home >= 0 else { return (-1, []) }
    if reached(g, home) != nil { return (home, route(group: cabinet, to: home)) }
    let d = dropOfNode[Int(home)]
    guard d >= 0 else { return (-1, []) }
    var street = network.edgeU[Int(d)] == home ? network.edgeV[Int(d)] : network.edgeU[Int(d)]
    // Across the drop's crossings (a chain of a few zero-length edges) to the street.
    var previous: Int32 = home, steps = 0
    while reached(g, street) == nil, steps < 4, let next = across(street, notBack: previous) {
      previous = street; street = next; steps += 1
    }
    return reached(g, street) != nil ? (street, route(group: cabinet, to: street)) : (-1, [])
  }

  /// The first node across a crossing edge from `v` other than `previous`.
  private func across(_ v: Int32, notBack previous: Int32) -> Int32? {
    for k in Int(crossStart[Int(v)])..<Int(crossStart[Int(v) + 1]) where crossTo[k] != previous { return crossTo[k] }
    return nil
  }
}

/// The search state of `CableRouting.join`, kept from group to group: each node the
/// group touches gets a local index, with its cables as a list in the order linked.
private struct JoinScratch {
  /// Per network node: its local index, valid when `stamp` holds the current group.
  private var local: [Int32]
  private var stamp: [Int32]
  private var group: Int32 = -1
  /// Per architecture cable: taken by the search (each cable is in one group).
  var done: [Bool]
  /// Per local node.
  var node: [Int32] = []
  var cable: [Int32] = []
  var previous: [Int32] = []
  var reached: [Bool] = []
  private var first: [Int32] = []
  private var last: [Int32] = []
  /// Per link: its cable and the next link of the same node (-1 at the end).
  private var linkCable: [Int32] = []
  private var linkNext: [Int32] = []

  init(nodeCount: Int, cableCount: Int) {
    local = [Int32](repeating: 0, count: nodeCount)
    stamp = [Int32](repeating: -1, count: nodeCount)
    done = [Bool](repeating: false, count: cableCount)
  }

  mutating func begin() {
    group += 1
    node.removeAll(keepingCapacity: true); cable.removeAll(keepingCapacity: true)
    previous.removeAll(keepingCapacity: true); reached.removeAll(keepingCapacity: true)
    first.removeAll(keepingCapacity: true); last.removeAll(keepingCapacity: true)
    linkCable.removeAll(keepingCapacity: true); linkNext.removeAll(keepingCapacity: true)
  }

  mutating func index(of v: Int32) -> Int {
    if stamp[Int(v)] == group { return Int(local[Int(v)]) }
    stamp[Int(v)] = group
    local[Int(v)] = Int32(node.count)
    node.append(v); cable.append(-1); previous.append(-1); reached.append(false)
    first.append(-1); last.append(-1)
    return node.count - 1
  }

  /// Adds cable `i` to the end of `v`'s list.
  mutating func link(_ v: Int32, cable i: Int) {
    let j = index(of: v)
    let l = Int32(linkCable.count)
    linkCable.append(Int32(i)); linkNext.append(-1)
    if last[j] >= 0 { linkNext[Int(last[j])] = l } else { first[j] = l }
    last[j] = l
  }

  /// Local node j's cables not yet taken, in the order linked.
  func cables(at j: Int) -> [Int] {
    var out: [Int] = []
    var l = first[j]
    while l >= 0 {
      if !done[Int(linkCable[Int(l)])] { out.append(Int(linkCable[Int(l)])) }
      l = linkNext[Int(l)]
    }
    return out
  }
}
