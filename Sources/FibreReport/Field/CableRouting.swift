import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

/// The architecture's per-edge cables joined into pulled cables, and the way from each
/// cable group's origin (the POP for the feeder, a cabinet for its distribution) to any
/// node the group reaches. Each group's edges form a tree; it is searched breadth-first
/// from the origin, and a cable continues through a node only where the group neither
/// branches nor changes size, exactly where the architecture puts no splice closure.
/// O(network nodes + cables) to build; a route costs its length.
package struct CableRouting {
  package var cables: [FibreSchedule.Cable] = []
  /// Per group (index 0 the feeder, 1 + j cabinet j): node → the cable reaching it
  /// from the origin side and the node before it, for nodes the group reaches.
  private var reach: [[Int32: (cable: Int32, previous: Int32)]] = []
  private var origin: [Int32] = []
  private let dropOfNode: [Int32]
  /// Node → the nodes across its crossing edges: a drop that crosses a road, railway or
  /// waterway reaches the street through them, and they carry the drop cable.
  private var acrossCrossing: [Int32: [Int32]] = [:]
  private let network: RoadNetwork

  package init(network: RoadNetwork, arch: ArchitecturePlan, popNode: Int32) {
    self.network = network
    dropOfNode = PlanGeoJSON.dropEdgeOfNode(network)
    for e in 0..<network.edgeCount where network.edgeKind[e] == .crossing {
      acrossCrossing[network.edgeU[e], default: []].append(network.edgeV[e])
      acrossCrossing[network.edgeV[e], default: []].append(network.edgeU[e])
    }
    // A feeder cable ends at every cabinet it passes, so each cabinet's feeder
    // fibres arrive on a cable that ends there (the rest are spliced through).
    var cabinetAt = [Bool](repeating: false, count: network.nodeCount)
    for c in arch.cabinets { cabinetAt[Int(c.node)] = true }
    var byGroup = [[Int]](repeating: [], count: arch.cabinets.count + 1)
    for (i, c) in arch.cables.enumerated() { byGroup[Int(c.cabinet) + 1].append(i) }
    for g in byGroup.indices {
      let start = g == 0 ? popNode : arch.cabinets[g - 1].node
      origin.append(start)
      reach.append(join(group: byGroup[g], arch: arch, origin: start, cabinet: Int32(g - 1),
                        stops: g == 0 ? cabinetAt : []))
    }
  }

  /// Breadth-first over one group's cable edges; starts a new cable at the origin,
  /// wherever the group branches or the size changes, and at `stops`.
  private mutating func join(group: [Int], arch: ArchitecturePlan, origin: Int32, cabinet: Int32,
                             stops: [Bool]) -> [Int32: (cable: Int32, previous: Int32)] {
    var adjacent: [Int32: [Int]] = [:]
    for i in group {
      let e = Int(arch.cables[i].edge)
      adjacent[network.edgeU[e], default: []].append(i)
      adjacent[network.edgeV[e], default: []].append(i)
    }
    var reached: [Int32: (cable: Int32, previous: Int32)] = [origin: (-1, -1)]
    var queue: [Int32] = [origin]
    var head = 0
    var done = Set<Int>()
    while head < queue.count {
      let v = queue[head]; head += 1
      let out = (adjacent[v] ?? []).filter { !done.contains($0) }.sorted { arch.cables[$0].edge < arch.cables[$1].edge }
      let incoming = reached[v]!.cable
      for i in out {
        done.insert(i)
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
        if reached[w] == nil {
          reached[w] = (k, v)
          queue.append(w)
        }
      }
    }
    return reached
  }

  /// Cables from the group's origin to `node`, origin first (empty when it is the
  /// origin or the group does not reach it).
  package func route(group: Int32, to node: Int32) -> [Int32] {
    let r = reach[Int(group) + 1]
    var out: [Int32] = []
    var v = node
    while let step = r[v], step.cable >= 0 {
      if out.last != step.cable { out.append(step.cable) }
      v = step.previous
    }
    return out.reversed()
  }

  /// The node where a home's fibre leaves its cabinet's cables (the home's node, or
  /// the street end of its drop) and the cables from the cabinet to there.
  package func homeRoute(cabinet: Int32, home: Int32) -> (node: Int32, route: [Int32]) {
    let r = reach[Int(cabinet) + 1]
    guard home >= 0 else { return (-1, []) }
    if r[home] != nil { return (home, route(group: cabinet, to: home)) }
    let d = dropOfNode[Int(home)]
    guard d >= 0 else { return (-1, []) }
    var street = network.edgeU[Int(d)] == home ? network.edgeV[Int(d)] : network.edgeU[Int(d)]
    // Across the drop's crossings (a chain of a few zero-length edges) to the street.
    var previous: Int32 = home, steps = 0
    while r[street] == nil, steps < 4, let next = acrossCrossing[street]?.first(where: { $0 != previous }) {
      previous = street; street = next; steps += 1
    }
    return r[street] != nil ? (street, route(group: cabinet, to: street)) : (-1, [])
  }
}
