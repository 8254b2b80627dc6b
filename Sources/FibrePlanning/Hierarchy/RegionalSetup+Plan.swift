import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

extension RegionalSetup {
  func popOfNode(_ tree: RootedTree) -> [Int32] { RegionalHierarchy.popOfNode(tree, popNodes: popNodes) }

  /// The edges the access tree may use: each POP feeds the area of road nearest it by
  /// length (a Voronoi region of the POPs), so that no home hangs off a farther POP
  /// because its trench was cheaper, beyond the optical budget that the nearer POP
  /// would have kept (a home's shortest route lies in its own area). The hub's links
  /// join the areas. Nil with one POP. O(m log n).
  func feederAreaEdges(_ network: RoadNetwork) -> [Bool]? {
    guard popNodes.count >= 2 else { return nil }
    let g = CSRGraph(nodeCount: network.nodeCount, edgeU: network.edgeU, edgeV: network.edgeV)
    let area = VoronoiRegions(g, weights: network.edgeLength, sites: popNodes).site
    return (0..<network.edgeCount).map { e in
      network.edgeKind[e] == .popLink || area[Int(network.edgeU[e])] == area[Int(network.edgeV[e])]
    }
  }

  /// Homes beyond a POP's capacity become gaps (`pop_capacity`), farthest from the
  /// POP first, so that no POP serves more households than its OLT ports allow.
  /// `tree` is the plan's tree rooted at the network's POP (the hub).
  func markOverCapacity(_ outcome: inout DemandSet, network: RoadNetwork, tree: RootedTree, units: [Int32]) {
    precondition(tree.root == network.popNode, "the tree is rooted at the hub")
    let popOf = popOfNode(tree)
    var members = [[(depth: Double, id: Int)]](repeating: [], count: pops.count)
    var load = [Int](repeating: 0, count: pops.count)
    for b in 0..<outcome.building.count where outcome.building[b] == .connected {
      let p = popOf[Int(network.buildingNode[b])]
      guard p >= 0 else { continue }
      load[Int(p)] += Int(units[b])
      members[Int(p)].append((tree.depth[Int(network.buildingNode[b])], b))
    }
    for s in 0..<outcome.site.count where outcome.site[s] == .connected {
      let p = popOf[Int(network.siteNode[s])]
      guard p >= 0 else { continue }
      load[Int(p)] += 1
      members[Int(p)].append((tree.depth[Int(network.siteNode[s])], -1 - s))
    }
    let capacity = options.popCapacityHouseholds
    for p in 0..<pops.count where load[p] > capacity {
      for m in members[p].sorted(by: { ($0.depth, $0.id) > ($1.depth, $1.id) }) where load[p] > capacity {
        if m.id >= 0 {
          outcome.building[m.id] = .popCapacity
          load[p] -= Int(units[m.id])
        } else {
          outcome.site[-1 - m.id] = .popCapacity
          load[p] -= 1
        }
      }
    }
  }

  /// The hierarchy of a finished plan: which POP serves each home, the POPs that serve
  /// anyone (fixed ones always), and the backbone sized for them.
  func hierarchy(for plan: FibrePlanResult, municipality: (LonLat) -> Int32) -> RegionalHierarchy {
    let network = plan.network
    let tree = RootedTree(network: network, treeEdges: plan.tree.edges, root: network.popNode)
    let popOf = popOfNode(tree)
    var list = pops.enumerated().map { i, p in
      RegionalHierarchy.POP(name: p.name, node: popNodes[i], position: p.position, municipality: municipality(p.position))
    }
    let buildingPOP = (0..<plan.demand.buildings.count).map { b -> Int32 in
      let n = network.buildingNode[b]
      return n >= 0 && plan.outcomes.buildings.served[b] ? popOf[Int(n)] : -1
    }
    let sitePOP = (0..<plan.demand.sites.count).map { s -> Int32 in
      let n = network.siteNode[s]
      return n >= 0 && plan.outcomes.sites.served[s] ? popOf[Int(n)] : -1
    }
    for (b, p) in buildingPOP.enumerated() where p >= 0 { list[Int(p)].households += Int(plan.demand.buildings.units[b]) }
    for p in sitePOP where p >= 0 { list[Int(p)].sites += 1 }
    for c in plan.architecture?.cabinets ?? [] where popOf[Int(c.node)] >= 0 {
      list[Int(popOf[Int(c.node)])].oltPorts += c.feederFibres
    }
    // A POP that serves nobody is not built, unless the scenario fixes it.
    let fixed = options.pops.count
    var keep = [Int32](repeating: -1, count: list.count)
    var kept: [RegionalHierarchy.POP] = []
    for (i, p) in list.enumerated() where i < fixed || p.households + p.sites > 0 {
      keep[i] = Int32(kept.count)
      var q = p
      q.cost = options.popCost
      q.backboneFibres = options.backboneFibresPerPOP
      kept.append(q)
    }
    var h = RegionalHierarchy(
      pops: kept, dataCentre: dataCentre, dataCentreNode: dataCentreNode,
      buildingPOP: buildingPOP.map { $0 >= 0 ? keep[Int($0)] : -1 }, sitePOP: sitePOP.map { $0 >= 0 ? keep[Int($0)] : -1 },
      search: search)
    h.backbone = backbone(for: h, plan: plan)
    return h
  }

  /// Backbone links with cables sized for the POPs beyond each edge.
  private func backbone(for h: RegionalHierarchy, plan: FibrePlanResult) -> [RegionalHierarchy.BackboneLink] {
    let network = plan.network
    var access = [Bool](repeating: false, count: network.edgeCount)
    for e in plan.tree.edges { access[Int(e)] = true }
    for e in plan.tree.ringEdges { access[Int(e)] = true }
    let a = plan.scenario.architecture
    let (edges, _) = Backbone.route(network: network, from: dataCentreNode, to: h.pops.map(\.node),
                                    accessTrench: access, cablePerMetre: a.cables.first?.costPerMetre ?? 0)
    var demand = [Int32](repeating: 0, count: network.nodeCount)
    for p in h.pops where p.node != dataCentreNode { demand[Int(p.node)] += Int32(p.backboneFibres) }
    let fibres = TrenchTree.downstreamDemand(network: network, treeEdges: edges, root: dataCentreNode, demand: demand)
    return edges.enumerated().compactMap { k, e in
      guard fibres[k] > 0 else { return nil }
      let need = Int((Double(fibres[k]) * (1 + a.sparePercent / 100) - 1e-9).rounded(.up))
      let sizes = ArchitectureDesigner.Assembly.catalogueSizes(for: max(need, Int(fibres[k])), catalogue: a.cables)
      let perMetre = sizes.reduce(0.0) { s, size in s + (a.cables.first { $0.fibres == size }?.costPerMetre ?? 0) }
      let metres = network.edgeLength[Int(e)]
      return .init(edge: e, fibres: Int(fibres[k]), cableFibres: sizes.reduce(0, +),
                   trenchCost: access[Int(e)] ? 0 : network.edgeCost[Int(e)], cableCost: metres * perMetre)
    }
  }
}
