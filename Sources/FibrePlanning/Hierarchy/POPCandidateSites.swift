import FibreCore
import FibreGeo
import FibreNetwork

/// Where POPs may stand when the scenario says `pop_candidates: "auto"`: the road node
/// nearest the centre of demand (the single-POP plan's POP, so the search can always
/// keep it), each municipality's centre of demand, k-means centres of the households
/// and the municipal sites. At most `limit`, in that order of priority.
enum POPCandidateSites {
  static let limit = 32

  static func auto(network: RoadNetwork, roads: RoadNodes, inputs: PlanInputs, centre: Int32, seed: UInt64) -> [Int32] {
    var nodes: [Int32] = [centre]
    func add(_ p: LonLat) {
      guard nodes.count < limit, p.isValid, let (n, _) = roads.nearest(p), !nodes.contains(n) else { return }
      nodes.append(n)
    }
    let buildings = inputs.buildings
    let attached = (0..<buildings.count).filter {
      network.buildingStatus[$0] == .attached && buildings.units[$0] > 0 && buildings.points[$0].isValid
    }
    // Each municipality's household-weighted centre.
    if let boundaries = inputs.boundaries {
      let index = MunicipalityIndex(boundaries)
      var sum = [(lon: Double, lat: Double, w: Double)](repeating: (0, 0, 0), count: boundaries.names.count)
      for b in attached {
        guard let m = index.municipality(containing: buildings.points[b]) else { continue }
        let w = Double(buildings.units[b])
        sum[m].lon += buildings.points[b].lon * w; sum[m].lat += buildings.points[b].lat * w; sum[m].w += w
      }
      for s in sum where s.w > 0 { add(LonLat(lon: s.lon / s.w, lat: s.lat / s.w)) }
    }
    // k-means centres of the households, one per ~400 households.
    let households = attached.reduce(0) { $0 + Int(buildings.units[$1]) }
    let k = min(16, max(2, households / 400))
    if attached.count >= k {
      var rng = SplitMix64(seed: seed)
      let roadList = (0..<network.nodeCount).filter { roads.isRoad[$0] }
      let clustering = KMeansBaseline.cluster(
        x: attached.map { network.nodeX[Int(network.buildingNode[$0])] },
        y: attached.map { network.nodeY[Int(network.buildingNode[$0])] },
        weight: attached.map { Double(buildings.units[$0]) }, k: k,
        candidateX: roadList.map { network.nodeX[$0] }, candidateY: roadList.map { network.nodeY[$0] }, using: &rng)
      for c in clustering.cabinets where nodes.count < limit {
        let n = Int32(roadList[Int(c)])
        if !nodes.contains(n) { nodes.append(n) }
      }
    }
    // Municipal sites: town halls and schools often host the POP.
    for s in 0..<inputs.sites.count where network.siteStatus[s] == .attached { add(inputs.sites.points[s]) }
    return nodes
  }
}
