import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

extension PlanGeoJSON {
  /// The regional hierarchy's features, each after ",\n": `pop` points, `pop_area`
  /// polygons (the convex hull of each POP's trench and homes) and `backbone` lines.
  static func hierarchyFeatures(_ h: RegionalHierarchy, plan: FibrePlanResult) -> [UInt8] {
    var out = JSONText(reserving: 256 * (h.pops.count * 8 + h.backbone.count))
    func begin(_ id: String) {
      out.raw(",\n{\"type\":\"Feature\",\"id\":")
      out.string(id)
    }
    let network = plan.network
    for (i, p) in h.pops.enumerated() {
      begin("pop/\(i + 1)")
      out.raw(",\"properties\":{\"layer\":\"pop\",\"name\":"); out.string(p.name)
      out.raw(",\"households\":"); out.integer(p.households)
      out.raw(",\"sites\":"); out.integer(p.sites)
      out.raw(",\"olt_ports\":"); out.integer(p.oltPorts)
      out.raw(",\"backbone_fibres\":"); out.integer(p.backboneFibres)
      out.raw(",\"cost\":"); out.number(p.cost, decimals: 2)
      out.raw(",\"municipality\":")
      if p.municipality >= 0 { out.string(plan.demand.municipalityNames[Int(p.municipality)]) } else { out.raw("null") }
      out.raw("},\"geometry\":")
      point(&out, p.position)
      out.raw("}")
    }
    for (i, ring) in popAreas(h, plan: plan).enumerated() where ring.count >= 3 {
      begin("pop_area/\(i + 1)")
      out.raw(",\"properties\":{\"layer\":\"pop_area\",\"pop\":"); out.string(h.pops[i].name)
      out.raw(",\"households\":"); out.integer(h.pops[i].households)
      out.raw("},\"geometry\":")
      polygon(&out, ring)
      out.raw("}")
    }
    for link in h.backbone {
      let e = Int(link.edge)
      begin("backbone/\(e)")
      out.raw(",\"properties\":{\"layer\":\"backbone\",\"length_m\":"); out.number(network.edgeLength[e], decimals: 2)
      out.raw(",\"cost\":"); out.number(link.trenchCost + link.cableCost, decimals: 2)
      out.raw(",\"trench_cost\":"); out.number(link.trenchCost, decimals: 2)
      out.raw(",\"cable_cost\":"); out.number(link.cableCost, decimals: 2)
      out.raw(",\"shared_trench\":"); out.bool(link.trenchCost == 0)
      out.raw(",\"fibres\":"); out.integer(link.fibres)
      out.raw(",\"cable_fibres\":"); out.integer(link.cableFibres)
      out.raw("},\"geometry\":")
      edgeLine(&out, network, e)
      out.raw("}")
    }
    return out.bytes
  }

  /// Each POP's area: the convex hull of its built trench nodes and served homes.
  package static func popAreas(_ h: RegionalHierarchy, plan: FibrePlanResult) -> [[LonLat]] {
    let network = plan.network
    let tree = RootedTree(network: network, treeEdges: plan.tree.edges, root: network.popNode)
    let popOf = RegionalHierarchy.popOfNode(tree, popNodes: h.pops.map(\.node))
    var points = [[LonLat]](repeating: [], count: h.pops.count)
    for v in tree.preorder where popOf[Int(v)] >= 0 {
      points[Int(popOf[Int(v)])].append(network.projection.unproject(x: network.nodeX[Int(v)], y: network.nodeY[Int(v)]))
    }
    return points.map(convexHull)
  }
}
