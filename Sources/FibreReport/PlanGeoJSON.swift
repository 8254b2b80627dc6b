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
    var w = PlanFeatureWriter(plan: plan, rollout: rollout)
    w.out.raw("{\"type\":\"FeatureCollection\",\"name\":")
    w.out.string("fibreplan \(plan.scenario.name)")
    if let attribution = plan.scenario.attribution {
      w.out.raw(",\"attribution\":")
      w.out.string(attribution)
    }
    w.out.raw(",\"features\":[\n")
    // Trench tree, then the trench only rings add (`ring: true`), so that the trench
    // layer sums to the summary's metres.
    for (k, e) in plan.tree.edges.enumerated() where plan.network.isBuilt(Int(e)) {
      w.trench(Int(e), fibres: Int(plan.tree.edgeFibres[k]), ring: false)
    }
    for e in rings?.extraEdges ?? [] { w.trench(Int(e), fibres: 0, ring: true) }
    w.pops()
    for s in 0..<plan.demand.sites.count { w.site(s) }
    for b in 0..<plan.demand.buildings.count { w.building(b) }
    if let rings { RingReport.features(rings, plan: plan, into: &w.out) }
    w.out.bytes += architectureFeatures(plan, rollout: rollout)
    w.out.raw("\n]}\n")
    return w.out.bytes
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

/// plan.geojson's own features, one call each: the JSON text and what every feature
/// shares (drop ends, municipality names, service gaps, phases).
private struct PlanFeatureWriter {
  var out: JSONText
  var first = true
  let plan: FibrePlanResult
  let rollout: Rollout?
  let network: RoadNetwork
  let dropOfNode: [Int32]
  let maxDrop: Double
  let serviceGap: (buildings: [String?], sites: [String?])

  init(plan: FibrePlanResult, rollout: Rollout?) {
    self.plan = plan
    self.rollout = rollout
    network = plan.network
    // A building's feature runs to some 300 bytes: reserved whole, the buffer is never
    // copied into a larger one (a third of a gigabyte at a million homes).
    out = JSONText(reserving: 384 * (plan.tree.edges.count + plan.demand.buildings.count + 16))
    dropOfNode = PlanGeoJSON.dropEdgeOfNode(network)
    maxDrop = plan.scenario.network.maxDropLength
    serviceGap = plan.architectureGapReasons
  }

  mutating func begin(_ id: String) {
    begin(prefix: "", id)
  }

  /// A feature whose id is `prefix` and `id` (`building/` and the building's id).
  mutating func begin(prefix: String, _ id: String) {
    out.raw(first ? "{\"type\":\"Feature\",\"id\":" : ",\n{\"type\":\"Feature\",\"id\":")
    first = false
    out.string(prefix: prefix, id)
  }

  mutating func optionalString(_ s: String?) {
    if let s { out.string(s) } else { out.raw("null") }
  }

  mutating func municipality(_ m: Int32) {
    out.raw(",\"municipality\":"); optionalString(m >= 0 ? plan.demand.municipalityNames[Int(m)] : nil)
  }

  mutating func phase(_ p: Int32?) {
    guard let p else { return }
    out.raw(",\"phase\":")
    if p > 0 { out.integer(Int(p)) } else { out.raw("null") }
  }

  mutating func popName(_ p: Int32?) {
    guard let h = plan.hierarchy else { return }
    out.raw(",\"pop\":")
    if let p, p >= 0 { out.string(h.pops[Int(p)].name) } else { out.raw("null") }
  }

  mutating func trench(_ e: Int, fibres: Int, ring: Bool) {
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
    municipality(plan.tree.edgeMunicipality[e])
    phase(rollout?.edgePhase[e])
    out.raw("},\"geometry\":")
    PlanGeoJSON.edgeLine(&out, network, e)
    out.raw("}")
  }

  /// The one POP, or the regional hierarchy's data centre, POPs, areas and backbone.
  mutating func pops() {
    if let h = plan.hierarchy {
      begin("data_centre")
      out.raw(",\"properties\":{\"layer\":\"data_centre\",\"name\":"); out.string(h.dataCentre.name)
      out.raw("},\"geometry\":")
      PlanGeoJSON.point(&out, h.dataCentre.position)
      out.raw("}")
      out.bytes += PlanGeoJSON.hierarchyFeatures(h, plan: plan)
    } else {
      begin("pop")
      out.raw(",\"properties\":{\"layer\":\"pop\",\"name\":\"POP\"},\"geometry\":")
      PlanGeoJSON.point(&out, plan.tree.pop)
      out.raw("}")
    }
  }

  /// What a site and a building share after their own properties: outcome, gap,
  /// distance, municipality, POP and phase.
  mutating func demandProperties(_ outcome: DemandOutcome, serviceGap gap: String?, distance: Double,
                                 municipality m: Int32, pop: Int32?, phase p: Int32?) {
    out.raw(outcome == .connected ? ",\"connected\":true,\"reason\":" : ",\"connected\":false,\"reason\":")
    optionalString(outcome.reason(maxDropLength: maxDrop))
    out.raw(",\"service_gap\":"); optionalString(gap)
    out.raw(",\"distance_to_network_m\":"); out.number(distance, decimals: 2)
    municipality(m)
    popName(pop)
    phase(p)
  }

  /// `PlanGeoJSON.point` of the demand point after the properties, its literal text
  /// joined with theirs (fewer appends for a million homes).
  mutating func demandGeometry(node: Int32, fallback: LonLat) {
    guard let p = PlanGeoJSON.demandPoint(network, dropOfNode: dropOfNode, node: node, fallback: fallback), p.isValid else {
      out.raw("},\"geometry\":null}")
      return
    }
    out.raw("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
    out.number(p.lon, decimals: 7)
    out.raw(UInt8(ascii: ","))
    out.number(p.lat, decimals: 7)
    out.raw("]}}")
  }

  mutating func site(_ s: Int) {
    let sites = plan.demand.sites
    begin(prefix: "site/", sites.ids[s])
    out.raw(",\"properties\":{\"layer\":\"site\",\"name\":"); out.string(sites.names[s])
    out.raw(",\"kind\":"); out.string(sites.kinds[s])
    out.raw(",\"critical\":"); out.bool(sites.critical[s])
    demandProperties(plan.outcomes.sites.outcome[s], serviceGap: serviceGap.sites[s],
                     distance: network.siteDistanceToRoad[s], municipality: plan.demand.siteMunicipality[s],
                     pop: plan.hierarchy?.sitePOP[s], phase: rollout?.sitePhase[s])
    demandGeometry(node: network.siteNode[s], fallback: sites.points[s])
  }

  mutating func building(_ b: Int) {
    let buildings = plan.demand.buildings
    begin(prefix: "building/", buildings.ids[b])
    out.raw(",\"properties\":{\"layer\":\"building\",\"building_id\":"); out.string(buildings.ids[b])
    out.raw(",\"units\":"); out.integer(Int(buildings.units[b]))
    demandProperties(plan.outcomes.buildings.outcome[b], serviceGap: serviceGap.buildings[b],
                     distance: network.buildingDistanceToRoad[b], municipality: plan.demand.buildingMunicipality[b],
                     pop: plan.hierarchy?.buildingPOP[b], phase: rollout?.buildingPhase[b])
    PlanGeoJSON.eligibilityAndTechnology(&out, plan, building: b)
    demandGeometry(node: network.buildingNode[b], fallback: buildings.points[b])
  }
}
