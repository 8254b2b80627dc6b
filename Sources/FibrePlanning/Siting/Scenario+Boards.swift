import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension Scenario {
  /// The regional-board keys: `"rings": bool`, `"hub": [lon, lat]`,
  /// `"data_centre_candidates": [{"name": .., "position": [lon, lat]}, ...]` (or bare
  /// `[lon, lat]` pairs, named `candidate N`), and `"cost_sharing": true` or
  /// `{"exact_limit": 12, "samples": 64, "seed": 1}`.
  package mutating func readBoardKeys(_ json: JSONValue, reader: inout ScenarioFieldReader) throws {
    if let v = json["rings"], !v.isNull {
      guard let b = v.boolValue else { throw reader.fail("rings", "must be true or false") }
      rings = b
    }
    if let v = json["hub"], !v.isNull { hub = try reader.position(v, "hub") }
    if let v = json["data_centre_candidates"], !v.isNull {
      guard let list = v.arrayValue else {
        throw reader.fail("data_centre_candidates", "must be a list of [lon, lat] or {\"name\": .., \"position\": [lon, lat]}")
      }
      for (i, item) in list.enumerated() {
        let field = "data_centre_candidates[\(i)]"
        if item.arrayValue != nil {
          dataCentreCandidates.append((name: "candidate \(i + 1)", position: try reader.position(item, field)))
        } else if item.objectValue != nil {
          let name = try reader.string(item["name"], field + ".name") ?? "candidate \(i + 1)"
          guard let p = item["position"] else { throw reader.fail(field + ".position", "missing: give [lon, lat]") }
          dataCentreCandidates.append((name: name, position: try reader.position(p, field + ".position")))
        } else {
          throw reader.fail(field, "must be [lon, lat] or {\"name\": .., \"position\": [lon, lat]}")
        }
      }
    }
    if let v = json["cost_sharing"], !v.isNull {
      if let b = v.boolValue {
        costSharing = b ? CostSharingOptions() : nil
      } else if let members = v.objectValue {
        var o = CostSharingOptions()
        for m in members where !["exact_limit", "samples", "seed"].contains(m.key) {
          reader.warnings.append("\(reader.path): cost_sharing.\(m.key): unknown key, ignored")
        }
        if let x = try reader.metres(v["exact_limit"], "cost_sharing.exact_limit") {
          guard x <= 16, x == x.rounded() else { throw reader.fail("cost_sharing.exact_limit", "must be a whole number ≤ 16, got \(x)") }
          o.exactLimit = Int(x)
        }
        if let x = try reader.metres(v["samples"], "cost_sharing.samples") {
          guard x >= 2, x <= 100_000, x == x.rounded() else {
            throw reader.fail("cost_sharing.samples", "must be a whole number from 2 to 100000, got \(x)")
          }
          o.samples = Int(x)
        }
        if let x = try reader.metres(v["seed"], "cost_sharing.seed") { o.seed = UInt64(min(x, 1e18)) }
        costSharing = o
      } else {
        throw reader.fail("cost_sharing", "must be true, false or an object with exact_limit, samples and seed")
      }
    }
  }
}
