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

/// Seeded mutation testing: thousands of damaged documents go through the readers;
/// each must either parse or throw a `.data` FibrePlanError, never crash or hang.
@Suite struct MutationTests {
  static let seeds = [
    collection(
      feature(#"{"type":"LineString","coordinates":[[9.5495577,47.1878542],[9.5496415,47.1879668]]}"#,
              #"{"osm_id":"1","highway":"residential","name":"In den \u00c4usseren"}"#, id: "\"r1\""),
      feature(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#,
              #"{"units":"4","critical":true,"tags":[1,2.5e-3,null,{"k":false}]}"#, id: "7"),
      feature(#"{"type":"Point","coordinates":[1.25,-2e1,300]}"#, "null"),
      feature("null")),
    #"{"scenario":{"name":"Vaduz \"Nord\"","budget":1.5e6,"layers":["roads.geojson"],"flags":{"a":true,"b":null}}}"#,
  ]

  static let alphabet = Array(#"[]{}",:.-+eE0123456789 \ntrufalsnNI\u"#.utf8)

  @Test func mutatedInputsOnlyThrowDataErrors() {
    var rng = SplitMix64(seed: 2024)
    var parsed = 0, rejected = 0
    // FIBREPLAN_FUZZ_ROUNDS raises the count for a longer campaign (release build).
    let rounds = ProcessInfo.processInfo.environment["FIBREPLAN_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 3000
    for round in 0..<rounds {
      var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        mutate(&bytes, &rng)
      }
      for reader in 0..<2 {
        do {
          if reader == 0 {
            let table = try GeoJSONReader.read(bytes: bytes, path: "m.geojson")
            // Layers must cope with whatever the reader accepted.
            _ = LineLayer(roads: table)
            _ = BuildingLayer(table)
            _ = SiteLayer(table)
            _ = MunicipalityIndex(BoundaryLayer(table)).municipality(containing: LonLat(lon: 0.5, lat: 0.2))
          } else {
            _ = try JSONValue.parse(bytes, path: "m.json")
          }
          parsed += 1
        } catch let e as FibrePlanError {
          #expect(e.kind == .data)
          #expect(e.message.hasPrefix("m.geojson") || e.message.hasPrefix("m.json"))
          rejected += 1
        } catch {
          Issue.record("unexpected error \(error)")
        }
      }
    }
    #expect(parsed > 100 && rejected > 100, "parsed \(parsed), rejected \(rejected)")
  }

  func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    guard !bytes.isEmpty else { bytes = [UInt8.random(in: 0...255, using: &rng)]; return }
    let i = Int.random(in: 0..<bytes.count, using: &rng)
    switch Int.random(in: 0..<6, using: &rng) {
    case 0: bytes[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
    case 1: bytes[i] = Self.alphabet.randomElement(using: &rng) ?? 0
    case 2: bytes.removeLast(bytes.count - i)
    case 3: bytes.insert(Self.alphabet.randomElement(using: &rng) ?? 0, at: i)
    case 4: bytes.remove(at: i)
    default:
      let j = Int.random(in: i..<min(bytes.count, i + 40), using: &rng)
      bytes.insert(contentsOf: bytes[i...j], at: Int.random(in: 0...bytes.count, using: &rng))
    }
  }
}
