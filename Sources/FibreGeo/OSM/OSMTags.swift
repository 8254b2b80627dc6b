import FibreCore
import FibreGraph

/// The few OSM tag keys the importer reads. Every other key is only checked against
/// GDAL's `closed_ways_are_polygons` list (osmconf.ini), which decides whether a closed
/// way is an area or a line, and then forgotten.
package enum OSMTagKey: UInt8 {
  case none = 0
  case highway, name, surface, bridge, tunnel, building, buildingLevels, amenity
  case area, boundary, adminLevel, type, publicTransport
  /// Any other key of GDAL's `closed_ways_are_polygons` list (landuse, leisure, ...).
  case polygonKey

  private static let names: [(String, OSMTagKey)] = [
    ("highway", .highway), ("name", .name), ("surface", .surface), ("bridge", .bridge),
    ("tunnel", .tunnel), ("building", .building), ("building:levels", .buildingLevels),
    ("amenity", .amenity), ("area", .area), ("boundary", .boundary),
    ("admin_level", .adminLevel), ("type", .type), ("public_transport", .publicTransport),
    ("aeroway", .polygonKey), ("craft", .polygonKey), ("geological", .polygonKey),
    ("historic", .polygonKey), ("landuse", .polygonKey), ("leisure", .polygonKey),
    ("military", .polygonKey), ("natural", .polygonKey), ("office", .polygonKey),
    ("place", .polygonKey), ("shop", .polygonKey), ("sport", .polygonKey),
    ("tourism", .polygonKey),
  ]
  private static let table: [(key: [UInt8], code: OSMTagKey)] = names.map { (Array($0.0.utf8), $0.1) }

  /// Classifies raw key bytes. O(number of known keys × key length), called once per
  /// string-table entry in PBF and once per tag in XML.
  package static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> OSMTagKey {
    guard bytes.count >= 4, bytes.count <= 16 else { return .none }
    for entry in table where entry.key.count == bytes.count {
      var same = true
      for i in 0..<bytes.count where entry.key[i] != bytes[i] { same = false; break }
      if same { return entry.code }
    }
    return .none
  }
}

/// The tags of one element that the layers need; all other tags are dropped on read.
package struct OSMTags: Sendable, Equatable {
  package var highway: String?
  package var name: String?
  package var surface: String?
  package var bridge: String?
  package var tunnel: String?
  package var building: String?
  package var buildingLevels: String?
  package var amenity: String?
  package var area: String?
  package var boundary: String?
  package var adminLevel: String?
  package var type: String?
  /// A key of GDAL's `closed_ways_are_polygons` list is present (or
  /// `highway=platform` / `public_transport=platform`).
  package var hasPolygonKey = false
  /// Some tag at all is present (an untagged way is only geometry for relations).
  package var isEmpty = true
  /// Some tag other than `type` is present; a multipolygon without one takes the tags
  /// of its first outer way (the old style, which GDAL still reads).
  package var hasTagBesidesType = false

  package mutating func set(_ key: OSMTagKey, _ value: String) {
    isEmpty = false
    if key != .type { hasTagBesidesType = true }
    switch key {
    case .none: return
    case .highway: highway = value; if value == "platform" { hasPolygonKey = true }
    case .name: name = value
    case .surface: surface = value
    case .bridge: bridge = value
    case .tunnel: tunnel = value
    case .building: building = value; hasPolygonKey = true
    case .buildingLevels: buildingLevels = value
    case .amenity: amenity = value; hasPolygonKey = true
    case .area: area = value
    case .boundary: boundary = value; hasPolygonKey = true
    case .adminLevel: adminLevel = value
    case .type: type = value
    case .publicTransport: if value == "platform" { hasPolygonKey = true }
    case .polygonKey: hasPolygonKey = true
    }
  }

  /// Whether a key's value is needed at all (so readers skip decoding the rest).
  package static func wantsValue(_ key: OSMTagKey) -> Bool { key != .none && key != .polygonKey }
}

/// What the layers keep, with the same class lists as `Maps/tools/derive-layers.sh`.
package enum OSMSelection {
  /// Highway classes a trench can follow; footway, path and cycleway are left out.
  package static let roadClasses: Set<String> = [
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential",
    "living_street", "service", "track", "pedestrian", "road",
  ]
  /// Building types with one household; `yes` is the untyped building.
  package static let singleHousehold: Set<String> = [
    "yes", "house", "detached", "bungalow", "farm", "cabin", "static_caravan", "houseboat",
  ]
  /// Types with several households: 2 per level, or 4 when the levels are not tagged.
  package static let multiHousehold: Set<String> = ["apartments", "residential", "terrace", "dormitory"]
  /// Public sites a network must reach; these four are critical.
  package static let criticalKinds: Set<String> = ["townhall", "fire_station", "hospital", "police"]
  package static let siteKinds: Set<String> = criticalKinds.union([
    "school", "kindergarten", "childcare", "college", "university", "library",
    "community_centre", "social_facility", "clinic", "doctors", "courthouse",
    "public_building", "post_office",
  ])

  package static func isRoad(_ t: OSMTags) -> Bool { t.highway.map(roadClasses.contains) ?? false }
  package static func isBuilding(_ t: OSMTags) -> Bool { t.building.map { $0 != "no" } ?? false }
  package static func isSite(_ t: OSMTags) -> Bool { t.amenity.map(siteKinds.contains) ?? false }

  /// A node is kept when it is a building or a site.
  package static func keepsNode(_ t: OSMTags) -> Bool { isBuilding(t) || isSite(t) }
  /// A way's tags are kept when it may become a road, building or site.
  package static func keepsWayTags(_ t: OSMTags) -> Bool { isRoad(t) || isBuilding(t) || isSite(t) }
  /// Every multipolygon and boundary relation is kept (members only, few): besides
  /// giving buildings, sites and boundaries, a complete one turns its closed `outer`
  /// ways from areas of their own into parts of itself, as in GDAL.
  package static func keepsRelation(_ t: OSMTags) -> Bool { t.type == "multipolygon" || t.type == "boundary" }

  /// Households in a building: 1 for single-household types, 2 × levels (or 4) for
  /// multi-household types, 0 otherwise. Levels parse like SQLite's CAST AS INTEGER
  /// (leading digits), as derive-layers.sh does.
  package static func units(building: String, levels: String?) -> Int {
    if singleHousehold.contains(building) { return 1 }
    guard multiHousehold.contains(building) else { return 0 }
    var n = 0
    var sawDigit = false
    for c in (levels ?? "").utf8.drop(while: { $0 == 0x20 }) {
      guard c >= 0x30 && c <= 0x39 else { break }
      sawDigit = true
      n = n * 10 + Int(c - 0x30)
      if n > 1_000 { break }
    }
    return sawDigit && n > 0 ? 2 * n : 4
  }
}
