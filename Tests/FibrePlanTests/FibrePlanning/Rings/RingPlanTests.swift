import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// A square block with the POP at its corner, a 200 m "Bridge Road" to a second block:
/// the town hall on the first block gets a full ring, the fire station on the second
/// must share the bridge.
enum RingTown {
  static func write() throws -> String {
    let dir = NSTemporaryDirectory() + "fibreplan-rings-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let roads = HandMadeTown.collection([
      HandMadeTown.line([(0, 0), (200, 0), (200, 200)], properties: #"{"name":"Main Street"}"#),
      HandMadeTown.line([(200, 200), (0, 200), (0, 0)], properties: #"{"name":"Church Lane"}"#),
      HandMadeTown.line([(200, 200), (400, 200)], properties: #"{"name":"Bridge Road"}"#),
      HandMadeTown.line([(400, 200), (500, 200), (500, 300), (400, 300), (400, 200)]),
    ])
    let sites = HandMadeTown.collection([
      HandMadeTown.point(100, 210, properties: #"{"name":"Town hall","kind":"town_hall","critical":true}"#),
      HandMadeTown.point(510, 250, properties: #"{"name":"Fire station","kind":"fire_station","critical":true}"#),
      HandMadeTown.point(-10, 100, properties: #"{"name":"School","kind":"school","critical":false}"#),
    ])
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try sites.write(toFile: dir + "/sites.geojson", atomically: true, encoding: .utf8)
    return dir
  }
}

@Suite struct RingPlanTests {
  /// Bridges by definition: removing the edge disconnects its ends (BFS per edge).
  func bruteForceBridges(_ network: RoadNetwork) -> Set<Int32> {
    var result = Set<Int32>()
    for cut in 0..<network.edgeCount where network.edgeKind[cut] != .drop {
      var adjacency = [[Int]](repeating: [], count: network.nodeCount)
      for e in 0..<network.edgeCount where e != cut && network.edgeKind[e] != .drop {
        adjacency[Int(network.edgeU[e])].append(Int(network.edgeV[e]))
        adjacency[Int(network.edgeV[e])].append(Int(network.edgeU[e]))
      }
      var seen = Set([Int(network.edgeU[cut])]), queue = [Int(network.edgeU[cut])]
      while let v = queue.popLast() { for w in adjacency[v] where seen.insert(w).inserted { queue.append(w) } }
      if !seen.contains(Int(network.edgeV[cut])) { result.insert(Int32(cut)) }
    }
    return result
  }

  /// Plans the roads and sites in `dir` from the POP at the origin, every metre costing 1, with rings.
  func planWithRings(_ dir: String) throws -> PlanRunReport {
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", sites: dir + "/sites.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = true
    o.timeLimit = 0
    o.rings = true
    o.outputDirectory = dir + "/plan"
    return try PlanRun.run(o)
  }

  @Test("Critical sites get trench-disjoint rings; the bridge is named and measured")
  func ringsOnHandMadeTown() throws {
    let dir = try RingTown.write()
    let report = try planWithRings(dir)
    let design = try #require(report.rings)
    let plan = report.result
    #expect(design.rings.map { plan.demand.sites.names[$0.site] } == ["Town hall", "Fire station"])
    let bridges = bruteForceBridges(plan.network)
    for ring in design.rings {
      // Both routes walk from the site's road end to the hub, sharing only bridges.
      for route in [ring.first, ring.second] {
        var at = Int(ring.start)
        for e in route {
          let u = Int(plan.network.edgeU[Int(e)]), v = Int(plan.network.edgeV[Int(e)])
          #expect(at == u || at == v)
          at = at == u ? v : u
        }
        #expect(at == Int(design.hubNode))
      }
      let common = Set(ring.first).intersection(ring.second)
      #expect(common.isSubset(of: bridges))
      #expect(common == Set(ring.shared))
    }
    let hall = design.rings[0], station = design.rings[1]
    #expect(hall.shared.isEmpty)
    // The town hall's ring is the block: 800 m around.
    #expect(abs(hall.lengthMetres - 800) < 1)
    #expect(abs(station.sharedMetres - 200) < 1)
    #expect(station.sharedNames == ["Bridge Road"])
    #expect(design.exceptions.count == 1)
    #expect(design.exceptions[0].reason == "bridge: Bridge Road")
    // The tree already runs to both sites; the ring adds the rest of each block.
    #expect(design.extraCost > 0)
    let text = try String(contentsOfFile: dir + "/plan/plan.geojson", encoding: .utf8)
    #expect(text.components(separatedBy: "\"layer\":\"ring\"").count - 1 == 4)
    #expect(text.contains("\"ring_id\":2"))
    let summary = try String(contentsOfFile: dir + "/plan/summary.json", encoding: .utf8)
    #expect(summary.contains("\"rings\":{\"protected_sites\":1"))
    // The trench layer holds the ring trench too: its new trench sums to the summary's.
    let table = try GeoJSONReader.read(bytes: Array(text.utf8), path: "plan.geojson")
    var trenchMetres = 0.0
    for f in 0..<table.count where table.property(f, table.keyIndex("layer"))?.stringValue == "trench"
      && table.property(f, table.keyIndex("kind"))?.stringValue == "trench" {
      trenchMetres += table.property(f, table.keyIndex("length_m"))?.doubleValue ?? 0
    }
    #expect(abs(trenchMetres - plan.totals.region.trenchMetres) < 0.5)
    #expect(text.contains("\"ring\":true"))
    _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
  }

  /// POP at (0, 0). Library Lane runs north and east to the library at (100, 80), and
  /// the North Loop on to (300, 80) and down to the fire station's street end at
  /// (300, 0): the tree takes this way (180 + 280 m) to both sites. Main Street runs
  /// straight from the POP to (300, 0) (300 m), and a South Loop 60 m below (420 m).
  /// The cheapest disjoint pair in length is Main + South (720 m), all of it new; the
  /// ring that adds least is the tree's way + Main Street (760 m, 300 m new).
  @Test("A ring reuses the trench the plan already pays for")
  func ringReusesTreeTrench() throws {
    let dir = NSTemporaryDirectory() + "fibreplan-rings-reuse-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let roads = HandMadeTown.collection([
      HandMadeTown.line([(0, 0), (300, 0)], properties: #"{"name":"Main Street"}"#),
      HandMadeTown.line([(0, 0), (0, 80), (100, 80)], properties: #"{"name":"Library Lane"}"#),
      HandMadeTown.line([(100, 80), (300, 80), (300, 0)], properties: #"{"name":"North Loop"}"#),
      HandMadeTown.line([(0, 0), (0, -60), (300, -60), (300, 0)], properties: #"{"name":"South Loop"}"#),
    ])
    let sites = HandMadeTown.collection([
      HandMadeTown.point(310, 0, properties: #"{"name":"Fire station","kind":"fire_station","critical":true}"#),
      HandMadeTown.point(100, 90, properties: #"{"name":"Library","kind":"library","critical":false}"#),
    ])
    try roads.write(toFile: dir + "/roads.geojson", atomically: true, encoding: .utf8)
    try sites.write(toFile: dir + "/sites.geojson", atomically: true, encoding: .utf8)
    let design = try #require(try planWithRings(dir).rings)
    #expect(design.rings.count == 1 && design.exceptions.isEmpty)
    #expect(abs(design.extraTrenchMetres - 300) < 1, "ring added \(design.extraTrenchMetres) m")
    #expect(abs(design.extraCost - 300) < 1)
    #expect(abs((design.rings.first?.lengthMetres ?? 0) - 760) < 1)
  }
}
