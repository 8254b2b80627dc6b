import FibreCore
import FibreGeo

extension Scenario {
  /// The regional-hierarchy keys: `pops`, `pop_candidates` (a list or `"auto"`),
  /// `pop_count` (a number or `"auto"`), `max_pops`, `pop_cost`,
  /// `pop_capacity_households`, `data_centre`, `backbone_fibres_per_pop` and
  /// `unserved_household_cost`.
  package mutating func readHierarchyKeys(_ json: JSONValue, reader: inout ScenarioFieldReader) throws {
    var h = hierarchy
    if let v = json["pops"], !v.isNull { h.pops = try reader.namedPositions(v, "pops", defaultName: "POP") }
    if let v = json["pop_candidates"], !v.isNull {
      if v.stringValue == "auto" {
        h.candidates = .auto
      } else {
        h.candidates = .list(try reader.namedPositions(v, "pop_candidates", defaultName: "candidate"))
      }
    }
    if let v = json["pop_count"], !v.isNull {
      if v.stringValue == "auto" { h.count = .auto } else {
        h.count = .exactly(try reader.wholeNumber(v, "pop_count", from: 1, to: 1000))
      }
    }
    if let v = json["max_pops"], !v.isNull { h.maxPOPs = try reader.wholeNumber(v, "max_pops", from: 1, to: 1000) }
    if let x = try reader.metres(json["pop_cost"], "pop_cost") { h.popCost = x }
    if let v = json["pop_capacity_households"], !v.isNull {
      h.popCapacityHouseholds = try reader.wholeNumber(v, "pop_capacity_households", from: 1, to: 100_000_000)
    }
    if let v = json["data_centre"], !v.isNull {
      h.dataCentre = try reader.namedPosition(v, "data_centre", defaultName: "data centre")
    }
    if let v = json["backbone_fibres_per_pop"], !v.isNull {
      h.backboneFibresPerPOP = try reader.wholeNumber(v, "backbone_fibres_per_pop", from: 1, to: 100_000)
    }
    if let x = try reader.metres(json["unserved_household_cost"], "unserved_household_cost") { h.unservedHouseholdCost = x }
    hierarchy = h
  }
}

extension ScenarioFieldReader {
  /// `[lon, lat]` or `{"name": .., "position": [lon, lat]}`.
  package func namedPosition(_ v: JSONValue, _ field: String, defaultName: String) throws -> NamedPosition {
    if v.arrayValue != nil || v["lon"] != nil { return NamedPosition(name: defaultName, position: try position(v, field)) }
    guard v.objectValue != nil else { throw fail(field, "must be [lon, lat] or {\"name\": .., \"position\": [lon, lat]}") }
    let name = try string(v["name"], field + ".name") ?? defaultName
    guard let p = v["position"] else { throw fail(field + ".position", "missing: give [lon, lat]") }
    return NamedPosition(name: name, position: try position(p, field + ".position"))
  }

  /// A list of named positions; unnamed ones are called `<defaultName> N`.
  package func namedPositions(_ v: JSONValue, _ field: String, defaultName: String) throws -> [NamedPosition] {
    guard let list = v.arrayValue else {
      throw fail(field, "must be a list of [lon, lat] or {\"name\": .., \"position\": [lon, lat]}")
    }
    return try list.enumerated().map { i, item in
      try namedPosition(item, "\(field)[\(i)]", defaultName: "\(defaultName) \(i + 1)")
    }
  }

  package func wholeNumber(_ v: JSONValue, _ field: String, from low: Int, to high: Int) throws -> Int {
    guard let d = v.doubleValue, d.isFinite, d == d.rounded(), d >= Double(low), d <= Double(high) else {
      throw fail(field, "must be a whole number from \(low) to \(high)")
    }
    return Int(d)
  }
}
