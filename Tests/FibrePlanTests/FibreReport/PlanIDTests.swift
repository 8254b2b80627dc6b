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

/// Cabinet, cable and closure ids name network nodes and edges, which depend on the
/// input layers alone: a run with other options (seed, threads, phases) may place other
/// cabinets, but whatever sits at the same place keeps its id.
@Suite struct PlanIDTests {
  static func plan(_ configure: (inout PlanCommandOptions) -> Void) throws -> FibrePlanResult {
    let dir = try HandMadeTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.timeLimit = 1
    o.name = "town"
    o.outputDirectory = dir + "/plan"
    configure(&o)
    return try PlanRun.run(o).result
  }

  /// Id → the feature's positions, for the architecture's layers.
  static func ids(_ plan: FibrePlanResult) throws -> [String: [LonLat]] {
    let t = try GeoJSONReader.read(bytes: PlanGeoJSON.encode(plan), path: "plan.geojson")
    let layer = t.keyIndex("layer")
    var out: [String: [LonLat]] = [:]
    for f in 0..<t.count where ["cabinet", "cable", "splice_closure"].contains(t.property(f, layer)?.stringValue ?? "") {
      guard case .string(let id)? = t.featureIDs[f] else { continue }
      #expect(out[id] == nil, "\(id) twice")
      out[id] = t.parts(of: f).flatMap { Array(t.points[t.pointRange(ofPart: $0)]) }
    }
    return out
  }

  @Test("Ids of cabinets, cables and closures are the same across runs with other options")
  func idsAreStable() throws {
    let a = try Self.ids(Self.plan { _ in })
    let b = try Self.ids(Self.plan { $0.seed = 7; $0.threads = 2; $0.phases = 2 })
    #expect(a.keys.contains { $0.hasPrefix("cabinet/") })
    #expect(a.keys.contains { $0.hasPrefix("cable/feeder/") || $0.hasPrefix("cable/distribution/") })
    // Same id, same place: an id never moves to another node or edge.
    for (id, p) in a { if let q = b[id] { #expect(p == q, "\(id)") } }
    // Where the input and the design do not change, the same ids come back.
    #expect(Set(a.keys) == Set(b.keys))
  }
}
