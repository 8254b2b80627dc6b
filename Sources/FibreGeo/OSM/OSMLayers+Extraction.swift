import FibreCore
import FibreGraph

/// Turns the kept OSM elements into the four layers with GDAL's OSM-driver rules
/// (osmconf.ini defaults), so the counts agree with `Maps/tools/derive-layers.sh`.
extension OSMLayers {
  package init(_ x: OSMExtract, adminLevel: Int) {
    self.init()
    nodesRead = x.nodeIds.count
    waysRead = x.wayIds.count
    relationsRead = x.relationIds.count
    var buildings: [(OSMBuilding, UInt8)] = []
    var sites: [(OSMSite, UInt8)] = []

    for (i, id) in x.taggedNodeIds.enumerated() {
      guard let point = x.node(id) else { continue }
      let tags = x.taggedNodeTags[i]
      if let b = tags.building, b != "no" {
        buildings.append((OSMBuilding(osmId: id, building: b, units: OSMSelection.units(building: b, levels: tags.buildingLevels), point: point), 2))
      }
      if let kind = tags.amenity, OSMSelection.siteKinds.contains(kind) {
        sites.append((OSMSite(osmId: id, name: tags.name, kind: kind, critical: OSMSelection.criticalKinds.contains(kind), point: point), 2))
      }
    }

    let consumed = Self.outerWaysOfCompleteRelations(x)
    for w in x.wayIds.indices where x.wayTagIndex[w] >= 0 {
      let tags = x.wayTags[Int(x.wayTagIndex[w])]
      let refs = x.refs(ofWay: w)
      let id = x.wayIds[w]
      if Self.isArea(refs, tags) {
        if OSMExtract.search(consumed, id) != nil { continue }
        let wantsBuilding = OSMSelection.isBuilding(tags), wantsSite = OSMSelection.isSite(tags)
        guard wantsBuilding || wantsSite else { continue }
        guard let point = OSMRings.ring(refs, x).flatMap({ OSMRings.representativePoint([[$0]]) }) else {
          if wantsBuilding { skipped.buildings += 1 }
          if wantsSite { skipped.sites += 1 }
          continue
        }
        add(tags, id: id, point: point, order: 0, &buildings, &sites)
      } else if let highway = tags.highway, OSMSelection.roadClasses.contains(highway) {
        var points: [OSMPoint] = []
        points.reserveCapacity(refs.count)
        for r in refs { if let p = x.node(r) { points.append(p) } }
        guard points.count >= 2 else { skipped.roads += 1; continue }
        roads.append(OSMRoad(osmId: id, highway: highway, name: tags.name, surface: tags.surface,
                             bridge: tags.bridge, tunnel: tags.tunnel, points: points))
      }
    }

    let level = String(adminLevel)
    for r in x.relationIds.indices {
      let id = x.relationIds[r]
      let members = x.relationMemberStart[r]..<x.relationMemberStart[r + 1]
      guard let tags = Self.effectiveTags(r, x) else { continue }
      let wantsBuilding = OSMSelection.isBuilding(tags), wantsSite = OSMSelection.isSite(tags)
      let wantsBoundary = tags.boundary == "administrative" && tags.adminLevel == level
      guard wantsBuilding || wantsSite || wantsBoundary else { continue }
      let polygons = OSMRings.polygons(wayIds: x.memberWayIds[members], roles: x.memberRoles[members], x)
      if wantsBuilding || wantsSite {
        if let point = polygons.flatMap(OSMRings.representativePoint) {
          add(tags, id: id, point: point, order: 1, &buildings, &sites)
        } else {
          if wantsBuilding { skipped.buildings += 1 }
          if wantsSite { skipped.sites += 1 }
        }
      }
      if wantsBoundary {
        if let polygons {
          boundaries.append(OSMBoundary(osmId: id, name: tags.name, adminLevel: level, polygons: polygons))
        } else {
          skipped.boundaries += 1
        }
      }
    }
    // Nodes, ways and relations have separate id spaces; order as derive-layers.sh's
    // `ORDER BY CAST(id AS INTEGER)` over areas UNION ALL nodes does: ties way,
    // relation, node.
    self.buildings = buildings.sorted { ($0.0.osmId, $0.1) < ($1.0.osmId, $1.1) }.map(\.0)
    self.sites = sites.sorted { ($0.0.osmId, $0.1) < ($1.0.osmId, $1.1) }.map(\.0)
  }

  private func add(
    _ tags: OSMTags, id: Int64, point: OSMPoint, order: UInt8,
    _ buildings: inout [(OSMBuilding, UInt8)], _ sites: inout [(OSMSite, UInt8)]
  ) {
    if let b = tags.building, b != "no" {
      buildings.append((OSMBuilding(osmId: id, building: b, units: OSMSelection.units(building: b, levels: tags.buildingLevels), point: point), order))
    }
    if let kind = tags.amenity, OSMSelection.siteKinds.contains(kind) {
      sites.append((OSMSite(osmId: id, name: tags.name, kind: kind, critical: OSMSelection.criticalKinds.contains(kind), point: point), order))
    }
  }

  /// Closed ways with role `outer` in a multipolygon or boundary relation whose member
  /// ways are all present: GDAL's driver emits them only as part of the relation, never
  /// as areas of their own (whatever their tags). Sorted ids.
  package static func outerWaysOfCompleteRelations(_ x: OSMExtract) -> [Int64] {
    var ids: [Int64] = []
    for r in x.relationIds.indices {
      let members = x.relationMemberStart[r]..<x.relationMemberStart[r + 1]
      guard OSMRings.isComplete(wayIds: x.memberWayIds[members], roles: x.memberRoles[members], x) else { continue }
      for m in members where x.memberRoles[m] == .outer {
        guard let w = x.way(x.memberWayIds[m]) else { continue }
        // Closed as GDAL sees it: the first and last node found in the extract coincide.
        let refs = x.refs(ofWay: w)
        guard let first = refs.lazy.compactMap(x.node).first,
              let last = refs.reversed().lazy.compactMap(x.node).first, first == last else { continue }
        ids.append(x.memberWayIds[m])
      }
    }
    return ids.sorted()
  }

  /// A relation's own tags, or for an old-style multipolygon (no tag but `type`) the
  /// tags of its first `outer` way, as GDAL reads it; nil when neither is of use.
  package static func effectiveTags(_ r: Int, _ x: OSMExtract) -> OSMTags? {
    let tags = x.relationTags[r]
    if tags.hasTagBesidesType { return tags }
    guard tags.type == "multipolygon" else { return nil }
    let members = x.relationMemberStart[r]..<x.relationMemberStart[r + 1]
    guard let m = members.first(where: { x.memberRoles[$0] == .outer }),
          let w = x.way(x.memberWayIds[m]), x.wayTagIndex[w] >= 0 else { return nil }
    var borrowed = x.wayTags[Int(x.wayTagIndex[w])]
    borrowed.type = tags.type
    return borrowed
  }

  /// GDAL's rule: a closed way is an area when tagged `area=yes`, or when it carries a
  /// key of `closed_ways_are_polygons` and is not tagged `area=no`.
  package static func isArea(_ refs: ArraySlice<Int64>, _ tags: OSMTags) -> Bool {
    guard refs.count >= 3, refs.first == refs.last else { return false }
    if tags.area == "yes" { return true }
    if tags.area == "no" { return false }
    return tags.hasPolygonKey
  }
}
