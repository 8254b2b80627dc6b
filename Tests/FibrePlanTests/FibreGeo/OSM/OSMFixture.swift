@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// A tiny hand-made OSM data set, written out both as OSM XML and as PBF by the
/// test-side encoders, with every expected feature worked out by hand (comments).
struct OSMFixture {
  struct Node { var id: Int64; var lon: Int32; var lat: Int32; var tags: [(String, String)] = [] }
  struct Way { var id: Int64; var refs: [Int64]; var tags: [(String, String)] = [] }
  struct Member { var type: String; var ref: Int64; var role: String }
  struct Relation { var id: Int64; var members: [Member]; var tags: [(String, String)] = [] }

  var nodes: [Node] = []
  var ways: [Way] = []
  var relations: [Relation] = []

  /// Degrees to OSM fixed point (1e-7 degrees), exact for the decimals used here.
  static func fixed(_ degrees: Double) -> Int32 { Int32((degrees * 1e7).rounded()) }
  static func point(_ lon: Double, _ lat: Double) -> OSMPoint { OSMPoint(lon: fixed(lon), lat: fixed(lat)) }

  static var standard: OSMFixture {
    var f = OSMFixture()
    func node(_ id: Int64, _ lon: Double, _ lat: Double, _ tags: [(String, String)] = []) {
      f.nodes.append(Node(id: id, lon: fixed(lon), lat: fixed(lat), tags: tags))
    }
    // Road nodes.
    node(1, 10.0, 50.0); node(2, 10.001, 50.0); node(3, 10.002, 50.0005)
    // A square 0.002° wide: centroid (10.001, 50.101).
    node(10, 10.0, 50.1); node(11, 10.002, 50.1); node(12, 10.002, 50.102); node(13, 10.0, 50.102)
    // A C shape (3 × 3 minus a 2 × 1 notch, in 0.001° steps from (10.01, 50.2)): its
    // centroid (x 1.357, y 1.5) lies in the notch; the scan line y = 1.5 crosses x = 0
    // and x = 1, so the point on the surface is (0.5, 1.5) = (10.0105, 50.2015).
    node(40, 10.01, 50.2); node(41, 10.013, 50.2); node(42, 10.013, 50.201); node(43, 10.011, 50.201)
    node(44, 10.011, 50.202); node(45, 10.013, 50.202); node(46, 10.013, 50.203); node(47, 10.01, 50.203)
    node(20, 10.05, 50.05, [("building", "yes")])
    node(21, 10.051, 50.05, [("building", "no")])
    node(22, 10.052, 50.05, [("amenity", "townhall"), ("name", "Rathaus")])
    node(23, 10.053, 50.05, [("amenity", "restaurant"), ("name", "Krone")])
    node(200, 10.06, 50.06, [("building", "hut"), ("source", "survey")])
    // Multipolygon: outer square (10.1, 50.3)-(10.104, 50.304) from two ways, inner square
    // (10.101, 50.301)-(10.103, 50.303). The centroid (10.102, 50.302) is in the hole; the
    // scan line y = 50.302 crosses x = 10.1, 10.101, 10.103, 10.104 and the first of the
    // two equally wide stretches gives (10.1005, 50.302).
    node(30, 10.1, 50.3); node(31, 10.104, 50.3); node(32, 10.104, 50.304); node(33, 10.1, 50.304)
    node(34, 10.101, 50.301); node(35, 10.103, 50.301); node(36, 10.103, 50.303); node(37, 10.101, 50.303)
    node(38, 10.102, 50.302, [("place", "village"), ("name", "Testdorf")])

    f.ways = [
      Way(id: 100, refs: [1, 2, 3], tags: [("highway", "residential"), ("name", "Main & \"Co\" <1>"), ("surface", "asphalt")]),
      Way(id: 101, refs: [1, 2], tags: [("highway", "footway")]),
      Way(id: 102, refs: [1, 999], tags: [("highway", "service")]),  // one node inside: left out
      Way(id: 103, refs: [2, 999, 3], tags: [("highway", "track"), ("bridge", "yes"), ("tunnel", "no")]),
      Way(id: 104, refs: [1, 2, 3, 1], tags: [("highway", "residential")]),  // closed, still a line
      Way(id: 105, refs: [1, 2, 3, 1], tags: [("highway", "pedestrian"), ("area", "yes")]),  // an area
      Way(id: 106, refs: [1, 2, 3, 1], tags: [("highway", "service"), ("landuse", "retail")]),  // an area
      Way(id: 200, refs: [10, 11, 12, 13, 10], tags: [("building", "house")]),
      Way(id: 201, refs: [40, 41, 42, 43, 44, 45, 46, 47, 40], tags: [("building", "apartments"), ("building:levels", "3")]),
      Way(id: 202, refs: [10, 11, 12, 13, 10], tags: [("amenity", "school"), ("name", "Schule")]),
      Way(id: 203, refs: [10, 998, 997, 10], tags: [("building", "garage")]),  // cut by the edge
      // Closed outer ways of complete multipolygons: parts of the relation, not areas.
      Way(id: 204, refs: [10, 11, 12, 13, 10], tags: [("building", "yes")]),
      Way(id: 205, refs: [40, 41, 42, 43, 44, 45, 46, 47, 40], tags: [("amenity", "hospital"), ("name", "Spital")]),
      Way(id: 210, refs: [30, 31, 32]),
      Way(id: 211, refs: [30, 33, 32]),  // runs against the ring: joined reversed
      Way(id: 212, refs: [34, 35, 36, 37, 34]),
    ]
    f.relations = [
      Relation(id: 300, members: [Member(type: "way", ref: 210, role: "outer"), Member(type: "way", ref: 212, role: "inner"),
                                  Member(type: "way", ref: 211, role: "outer")],
               tags: [("type", "multipolygon"), ("building", "residential")]),
      Relation(id: 301, members: [Member(type: "way", ref: 204, role: "outer")],
               tags: [("type", "multipolygon"), ("building", "church")]),
      // Old style: the tags are on the outer way.
      Relation(id: 302, members: [Member(type: "way", ref: 205, role: "outer")], tags: [("type", "multipolygon")]),
      // Its only way has one node in the extract: GDAL counts the way as missing.
      Relation(id: 304, members: [Member(type: "way", ref: 102, role: "outer")],
               tags: [("type", "multipolygon"), ("building", "yes")]),
      Relation(id: 400, members: [Member(type: "way", ref: 211, role: "outer"), Member(type: "way", ref: 210, role: ""),
                                  Member(type: "node", ref: 38, role: "label")],
               tags: [("type", "boundary"), ("boundary", "administrative"), ("admin_level", "8"), ("name", "Testdorf")]),
      Relation(id: 401, members: [Member(type: "way", ref: 212, role: "outer")],
               tags: [("type", "boundary"), ("boundary", "administrative"), ("admin_level", "6"), ("name", "Kreis")]),
      Relation(id: 402, members: [Member(type: "way", ref: 9999, role: "outer")],
               tags: [("type", "boundary"), ("boundary", "administrative"), ("admin_level", "8"), ("name", "Cut")]),
      Relation(id: 403, members: [Member(type: "way", ref: 101, role: "outer")],  // an open ring
               tags: [("type", "multipolygon"), ("amenity", "hospital")]),
    ]
    return f
  }

  /// The layers expected from `standard` with admin level 8.
  static var expected: OSMLayers {
    var l = OSMLayers()
    let outer = [point(10.1, 50.3), point(10.104, 50.3), point(10.104, 50.304), point(10.1, 50.304), point(10.1, 50.3)]
    l.roads = [
      OSMRoad(osmId: 100, highway: "residential", name: "Main & \"Co\" <1>", surface: "asphalt", bridge: nil, tunnel: nil,
              points: [point(10.0, 50.0), point(10.001, 50.0), point(10.002, 50.0005)]),
      OSMRoad(osmId: 103, highway: "track", name: nil, surface: nil, bridge: "yes", tunnel: "no",
              points: [point(10.001, 50.0), point(10.002, 50.0005)]),
      OSMRoad(osmId: 104, highway: "residential", name: nil, surface: nil, bridge: nil, tunnel: nil,
              points: [point(10.0, 50.0), point(10.001, 50.0), point(10.002, 50.0005), point(10.0, 50.0)]),
    ]
    l.buildings = [
      OSMBuilding(osmId: 20, building: "yes", units: 1, point: point(10.05, 50.05)),
      OSMBuilding(osmId: 200, building: "house", units: 1, point: point(10.001, 50.101)),
      OSMBuilding(osmId: 200, building: "hut", units: 0, point: point(10.06, 50.06)),  // way before node 200
      OSMBuilding(osmId: 201, building: "apartments", units: 6, point: point(10.0105, 50.2015)),
      OSMBuilding(osmId: 300, building: "residential", units: 4, point: point(10.1005, 50.302)),
      OSMBuilding(osmId: 301, building: "church", units: 0, point: point(10.001, 50.101)),
    ]
    l.sites = [
      OSMSite(osmId: 22, name: "Rathaus", kind: "townhall", critical: true, point: point(10.052, 50.05)),
      OSMSite(osmId: 202, name: "Schule", kind: "school", critical: false, point: point(10.001, 50.101)),
      OSMSite(osmId: 302, name: "Spital", kind: "hospital", critical: true, point: point(10.0105, 50.2015)),
    ]
    l.boundaries = [OSMBoundary(osmId: 400, name: "Testdorf", adminLevel: "8", polygons: [[outer]])]
    l.skipped.roads = 1
    l.skipped.buildings = 2  // way 203, relation 304
    l.skipped.sites = 1
    l.skipped.boundaries = 1
    let f = standard
    l.nodesRead = f.nodes.count
    l.waysRead = f.ways.count
    l.relationsRead = f.relations.count  // all of type multipolygon or boundary
    return l
  }
}
