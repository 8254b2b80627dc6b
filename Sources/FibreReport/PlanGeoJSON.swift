import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Writes a plan as one RFC 7946 FeatureCollection. Every feature has a `layer`
/// property (trench, pop, site, building) so that a GIS can filter and style on it, a
/// stable `id`, and WGS84 coordinates with at most 7 decimals. Building and site points
/// are exactly the far end of their drop lines, so the topology can be rebuilt from the
/// file alone.
public enum PlanGeoJSON {
  /// With a `rollout`, every trench, cable, cabinet, building and site gets `phase`
  /// (1-based, null when not built).
  public static func encode(_ plan: FibrePlanResult, rings: RingDesign? = nil, rollout: Rollout? = nil) -> [UInt8] {
    var out = JSONText(reserving: 256 * (plan.treeEdges.count + plan.buildings.count + 16))
    out.raw("{\"type\":\"FeatureCollection\",\"name\":")
    out.string("fibreplan \(plan.scenario.name)")
    if let attribution = plan.scenario.attribution {
      out.raw(",\"attribution\":")
      out.string(attribution)
    }
    out.raw(",\"features\":[\n")
    var first = true
    func begin(_ id: String) {
      if !first { out.raw(",\n") }
      first = false
      out.raw("{\"type\":\"Feature\",\"id\":")
      out.string(id)
    }
    let network = plan.network
    let dropOfNode = dropEdgeOfNode(network)
    let maxDrop = plan.scenario.network.maxDropLength
    func municipalityName(_ m: Int32) -> String? {
      m >= 0 ? plan.municipalityNames[Int(m)] : nil
    }
    func optionalString(_ s: String?) {
      if let s { out.string(s) } else { out.raw("null") }
    }
    func phase(_ p: Int32?) {
      guard let p else { return }
      out.raw(",\"phase\":")
      if p > 0 { out.integer(Int(p)) } else { out.raw("null") }
    }

    // Trench tree, then the trench only rings add (`ring: true`), so that the trench
    // layer sums to the summary's metres.
    func trench(_ e: Int, fibres: Int, ring: Bool) {
      begin("trench/\(e)")
      out.raw(",\"properties\":{\"layer\":\"trench\",\"kind\":")
      out.string(network.edgeKind[e].name)
      out.raw(",\"length_m\":"); out.number(network.edgeLength[e], decimals: 2)
      out.raw(",\"cost\":"); out.number(network.edgeCost[e], decimals: 2)
      // The cost class reads `surface=asphalt`, `highway=track` or `default`; the
      // surface column holds the OSM surface value alone, as GIS users expect.
      let classIndex = Int(network.edgeSurfaceClass[e])
      let costClass = classIndex >= 0 && classIndex < network.surfaceClasses.count ? network.surfaceClasses[classIndex] : nil
      out.raw(",\"surface\":")
      optionalString(costClass.flatMap { $0.hasPrefix("surface=") ? String($0.dropFirst(8)) : nil })
      out.raw(",\"cost_class\":")
      optionalString(network.edgeKind[e] == .trench ? costClass : nil)
      out.raw(",\"fibres\":"); out.integer(fibres)
      if ring { out.raw(",\"ring\":true") }
      out.raw(",\"municipality\":"); optionalString(municipalityName(plan.edgeMunicipality[e]))
      phase(rollout?.edgePhase[e])
      out.raw("},\"geometry\":")
      edgeLine(&out, network, e)
      out.raw("}")
    }
    for (k, e) in plan.treeEdges.enumerated() where network.isBuilt(Int(e)) {
      trench(Int(e), fibres: Int(plan.treeEdgeFibres[k]), ring: false)
    }
    for e in rings?.extraEdges ?? [] { trench(Int(e), fibres: 0, ring: true) }

    // POPs: the one POP, or the regional hierarchy's POPs, areas, backbone and data centre.
    if let h = plan.hierarchy {
      begin("data_centre")
      out.raw(",\"properties\":{\"layer\":\"data_centre\",\"name\":"); out.string(h.dataCentre.name)
      out.raw("},\"geometry\":")
      point(&out, h.dataCentre.position)
      out.raw("}")
      out.bytes += hierarchyFeatures(h, plan: plan)
    } else {
      begin("pop")
      out.raw(",\"properties\":{\"layer\":\"pop\",\"name\":\"POP\"},\"geometry\":")
      point(&out, plan.pop)
      out.raw("}")
    }
    func popName(_ p: Int32?) {
      guard let h = plan.hierarchy else { return }
      out.raw(",\"pop\":")
      if let p, p >= 0 { out.string(h.pops[Int(p)].name) } else { out.raw("null") }
    }

    let serviceGap = plan.architectureGapReasons
    // Sites.
    for s in 0..<plan.sites.count {
      begin("site/\(plan.sites.ids[s])")
      let outcome = plan.siteOutcome[s]
      out.raw(",\"properties\":{\"layer\":\"site\",\"name\":"); out.string(plan.sites.names[s])
      out.raw(",\"kind\":"); out.string(plan.sites.kinds[s])
      out.raw(",\"critical\":"); out.bool(plan.sites.critical[s])
      out.raw(",\"connected\":"); out.bool(outcome == .connected)
      out.raw(",\"reason\":"); optionalString(outcome.reason(maxDropLength: maxDrop))
      out.raw(",\"service_gap\":"); optionalString(serviceGap.sites[s])
      out.raw(",\"distance_to_network_m\":"); out.number(network.siteDistanceToRoad[s], decimals: 2)
      out.raw(",\"municipality\":"); optionalString(municipalityName(plan.siteMunicipality[s]))
      popName(plan.hierarchy?.sitePOP[s])
      phase(rollout?.sitePhase[s])
      out.raw("},\"geometry\":")
      point(&out, demandPoint(network, dropOfNode: dropOfNode, node: network.siteNode[s], fallback: plan.sites.points[s]))
      out.raw("}")
    }

    // Buildings.
    for b in 0..<plan.buildings.count {
      begin("building/\(plan.buildings.ids[b])")
      let outcome = plan.buildingOutcome[b]
      out.raw(",\"properties\":{\"layer\":\"building\",\"building_id\":"); out.string(plan.buildings.ids[b])
      out.raw(",\"units\":"); out.integer(Int(plan.buildings.units[b]))
      out.raw(",\"connected\":"); out.bool(outcome == .connected)
      out.raw(",\"reason\":"); optionalString(outcome.reason(maxDropLength: maxDrop))
      out.raw(",\"service_gap\":"); optionalString(serviceGap.buildings[b])
      out.raw(",\"distance_to_network_m\":"); out.number(network.buildingDistanceToRoad[b], decimals: 2)
      out.raw(",\"municipality\":"); optionalString(municipalityName(plan.buildingMunicipality[b]))
      popName(plan.hierarchy?.buildingPOP[b])
      phase(rollout?.buildingPhase[b])
      eligibilityAndTechnology(&out, plan, building: b)
      out.raw("},\"geometry\":")
      point(&out, demandPoint(network, dropOfNode: dropOfNode, node: network.buildingNode[b], fallback: plan.buildings.points[b]))
      out.raw("}")
    }
    if let rings { RingReport.features(rings, plan: plan, into: &out) }
    out.bytes += architectureFeatures(plan, rollout: rollout)
    out.raw("\n]}\n")
    return out.bytes
  }

  /// The position of a demand node as its drop line draws it, so that the point and the
  /// drop's end are byte-identical in the file.
  package static func demandPoint(_ network: RoadNetwork, dropOfNode: [Int32], node: Int32, fallback: LonLat) -> LonLat? {
    guard node >= 0, dropOfNode[Int(node)] >= 0 else { return fallback.isValid ? fallback : nil }
    let e = Int(dropOfNode[Int(node)])
    let start = Int(network.edgeGeometryStart[e]), end = Int(network.edgeGeometryStart[e + 1])
    guard end > start else { return fallback.isValid ? fallback : nil }
    return network.edgeU[e] == node ? network.geometry[start] : network.geometry[end - 1]
  }

  /// For each node, one drop edge that ends there (-1 if none). Demand nodes have one.
  package static func dropEdgeOfNode(_ network: RoadNetwork) -> [Int32] {
    var drop = [Int32](repeating: -1, count: network.nodeCount)
    for e in 0..<network.edgeCount where network.edgeKind[e] == .drop {
      drop[Int(network.edgeU[e])] = Int32(e)
      drop[Int(network.edgeV[e])] = Int32(e)
    }
    return drop
  }

  /// A network edge's drawn geometry as a LineString object.
  package static func edgeLine(_ out: inout JSONText, _ network: RoadNetwork, _ e: Int) {
    out.raw("{\"type\":\"LineString\",\"coordinates\":[")
    let range = Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])
    for i in range {
      if i != range.lowerBound { out.raw(UInt8(ascii: ",")) }
      position(&out, network.geometry[i])
    }
    out.raw("]}")
  }

  /// An exterior ring (first point not repeated) as a Polygon object, closed.
  package static func polygon(_ out: inout JSONText, _ ring: [LonLat]) {
    out.raw("{\"type\":\"Polygon\",\"coordinates\":[[")
    for (i, p) in (ring + ring.prefix(1)).enumerated() {
      if i > 0 { out.raw(UInt8(ascii: ",")) }
      position(&out, p)
    }
    out.raw("]]}")
  }

  package static func position(_ out: inout JSONText, _ p: LonLat) {
    out.raw(UInt8(ascii: "["))
    out.number(p.lon, decimals: 7)
    out.raw(UInt8(ascii: ","))
    out.number(p.lat, decimals: 7)
    out.raw(UInt8(ascii: "]"))
  }

  package static func point(_ out: inout JSONText, _ p: LonLat?) {
    guard let p, p.isValid else { out.raw("null"); return }
    out.raw("{\"type\":\"Point\",\"coordinates\":")
    position(&out, p)
    out.raw("}")
  }
}
