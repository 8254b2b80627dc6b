import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

extension PlanGeoJSON {
  /// The architecture's features, each preceded by ",\n", to append after the plan's
  /// own: `cabinet` points, `cable` lines (one per cable and trench edge),
  /// `splice_closure` points and `cabinet_area` polygons (convex hull of each
  /// cabinet's homes). Every feature that costs money carries `cost`, so that the
  /// features sum to the bill of materials.
  /// - Complexity: O(cables · edge vertices + homes · log homes).
  package static func architectureFeatures(_ plan: FibrePlanResult, rollout: Rollout? = nil) -> [UInt8] {
    guard let arch = plan.architecture else { return [] }
    var out = JSONText(reserving: 200 * (arch.cables.count + arch.cabinets.count + 16))
    let network = plan.network
    func phase(_ p: Int32?) {
      guard let p else { return }
      out.raw(",\"phase\":")
      if p > 0 { out.integer(Int(p)) } else { out.raw("null") }
    }
    func municipality(_ m: Int32) {
      if m >= 0 && Int(m) < plan.demand.municipalityNames.count { out.string(plan.demand.municipalityNames[Int(m)]) } else { out.raw("null") }
    }
    for (j, c) in arch.cabinets.enumerated() {
      out.raw(",\n{\"type\":\"Feature\",\"id\":"); out.string(cabinetID(c.node))
      out.raw(",\"properties\":{\"layer\":\"cabinet\",\"served\":"); out.integer(c.households)
      out.raw(",\"fibres\":"); out.integer(c.fibres)
      out.raw(",\"capacity\":"); out.integer(c.capacity)
      out.raw(",\"splitters\":"); out.string(c.splitters.map { "\($0.count)x1:\($0.ratio)" }.joined(separator: "+"))
      out.raw(",\"feeder_fibres\":"); out.integer(c.feederFibres)
      out.raw(",\"cost\":"); out.number(c.cost, decimals: 2)
      out.raw(",\"municipality\":"); municipality(c.municipality)
      phase(rollout?.cabinetPhase[j])
      out.raw("},\"geometry\":"); point(&out, c.position); out.raw("}")
    }
    for c in arch.cables {
      let e = Int(c.edge)
      out.raw(",\n{\"type\":\"Feature\",\"id\":")
      out.string(cableID(c, arch))
      out.raw(",\"properties\":{\"layer\":\"cable\",\"tier\":"); out.string(c.tier.rawValue)
      out.raw(",\"cabinet\":")
      if c.cabinet >= 0 { out.string(cabinetID(arch.cabinets[Int(c.cabinet)].node)) } else { out.raw("null") }
      out.raw(",\"cable_fibres\":"); out.integer(c.cableFibres)
      out.raw(",\"fibres_demand\":"); out.integer(c.fibresDemand)
      out.raw(",\"cables\":"); out.string(c.sizes.map(String.init).joined(separator: "+"))
      out.raw(",\"length_m\":"); out.number(c.metres, decimals: 2)
      out.raw(",\"cost\":"); out.number(c.cost, decimals: 2)
      out.raw(",\"municipality\":"); municipality(plan.tree.edgeMunicipality[e])
      phase(rollout?.edgePhase[e])
      out.raw("},\"geometry\":")
      edgeLine(&out, network, e)
      out.raw("}")
    }
    let closureCost = plan.scenario.architecture.spliceClosureCost
    for c in arch.closures {
      out.raw(",\n{\"type\":\"Feature\",\"id\":"); out.string("splice_closure/\(c.node)")
      out.raw(",\"properties\":{\"layer\":\"splice_closure\",\"cost\":"); out.number(closureCost, decimals: 2)
      out.raw(",\"municipality\":"); municipality(c.municipality)
      // A closure is built with the first phase whose cables pass through it.
      phase(rollout?.nodePhase[Int(c.node)])
      out.raw("},\"geometry\":"); point(&out, c.position); out.raw("}")
    }
    // Cabinet areas: convex hull of the homes each cabinet serves.
    var homes = [[LonLat]](repeating: [], count: arch.cabinets.count)
    for s in arch.assignments {
      let p = s.demand >= 0 ? plan.demand.buildings.points[Int(s.demand)] : plan.demand.sites.points[Int(-1 - s.demand)]
      if p.isValid { homes[Int(s.cabinet)].append(p) }
    }
    for (j, points) in homes.enumerated() {
      let hull = convexHull(points + [arch.cabinets[j].position])
      guard hull.count >= 3 else { continue }
      out.raw(",\n{\"type\":\"Feature\",\"id\":"); out.string("cabinet_area/\(arch.cabinets[j].node)")
      out.raw(",\"properties\":{\"layer\":\"cabinet_area\",\"cabinet\":"); out.string(cabinetID(arch.cabinets[j].node))
      out.raw(",\"served\":"); out.integer(arch.cabinets[j].households)
      out.raw("},\"geometry\":")
      polygon(&out, hull)
      out.raw("}")
    }
    return out.bytes
  }

  /// A cabinet's id is its network node (`cabinet/<node>`), not its rank: it stays
  /// the same between runs whose options move other cabinets.
  package static func cabinetID(_ node: Int32) -> String { "cabinet/\(node)" }

  /// `cable/feeder/<edge>` or `cable/distribution/<cabinet node>/<edge>`.
  package static func cableID(_ c: ArchitecturePlan.Cable, _ arch: ArchitecturePlan) -> String {
    c.tier == .feeder || c.cabinet < 0 ? "cable/feeder/\(c.edge)"
      : "cable/distribution/\(arch.cabinets[Int(c.cabinet)].node)/\(c.edge)"
  }
}
