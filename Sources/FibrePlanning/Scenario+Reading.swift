import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension Scenario {
  /// Reads a scenario JSON file. Layer paths are resolved against the file's folder.
  /// Throws as `FileBytes.read` for the file itself and `.data` (65) for a bad field,
  /// naming the field: `demo.json: costs.drop_per_m: must be a finite number ≥ 0`.
  public static func read(path: String) throws -> Scenario {
    let json = try JSONValue.parse(try FileBytes.read(path: path), path: path)
    let folder = (path as NSString).deletingLastPathComponent
    return try Scenario(json: json, path: path, baseDirectory: folder)
  }

  /// Builds a scenario from parsed JSON; `path` only names the file in messages.
  public init(json: JSONValue, path: String, baseDirectory: String) throws {
    guard let root = json.objectValue else {
      throw FibrePlanError(.data, "\(path): the scenario must be a JSON object")
    }
    var reader = ScenarioFieldReader(path: path)
    let name = try reader.string(json["name"], "name") ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    self.init(name: name)
    for m in root where !Self.knownKeys.contains(m.key) {
      warnings.append("\(path): \(m.key): unknown key, ignored")
    }

    if let layers = json["layers"] { try readLayers(layers, reader: &reader, path: path, baseDirectory: baseDirectory) }
    if let pop = json["pop"], !pop.isNull { self.pop = try reader.position(pop, "pop") }
    if let costs = json["costs"] { self.costs = try reader.costs(costs, base: .europeanDefaults) }
    if let net = json["network"] { try readNetworkKeys(net, reader: &reader) }
    if let solver = json["solver"] {
      if let v = try reader.metres(solver["time_limit_s"], "solver.time_limit_s") { timeLimit = v }
      if let v = try reader.metres(solver["seed"], "solver.seed") { seed = UInt64(v) }
    }
    if let cov = json["coverage"] { try readCoverageKeys(cov, reader: &reader, path: path) }
    if let out = try reader.string(json["output"], "output") {
      outputDirectory = out.hasPrefix("/") || baseDirectory.isEmpty ? out : (baseDirectory as NSString).appendingPathComponent(out)
    }
    attribution = try reader.string(json["attribution"], "attribution")
    try readBoardKeys(json, reader: &reader)
    if let a = json["architecture"], !a.isNull { architecture = try FTTHArchitecture(json: a, reader: &reader) }
    try readRolloutKeys(json, reader: &reader)
    try readHierarchyKeys(json, reader: &reader)
    try readEligibilityKeys(json, reader: &reader)
    try readAlternativesKeys(json, reader: &reader)
    warnings += reader.warnings
  }

  /// `layers`: file paths, relative ones resolved against the scenario's folder.
  mutating func readLayers(_ layers: JSONValue, reader: inout ScenarioFieldReader, path: String,
                         baseDirectory: String) throws {
    guard let members = layers.objectValue else {
      throw FibrePlanError(.data, "\(path): layers: must be an object of file paths")
    }
    func resolve(_ key: String) throws -> String? {
      guard let p = try reader.string(layers[key], "layers.\(key)") else { return nil }
      if p.hasPrefix("/") || baseDirectory.isEmpty { return p }
      return (baseDirectory as NSString).appendingPathComponent(p)
    }
    self.layers = LayerPaths(roads: try resolve("roads"), buildings: try resolve("buildings"),
                             sites: try resolve("sites"), ducts: try resolve("ducts"),
                             boundaries: try resolve("boundaries"))
    self.layers.forbidden = try resolve("forbidden")
    self.layers.preferred = try resolve("preferred")
    self.layers.aerial = try resolve("aerial")
    self.layers.poles = try resolve("poles")
    self.layers.barriers = try resolve("barriers")
    self.layers.cabinets = try resolve("cabinets")
    if self.layers.poles != nil && self.layers.aerial == nil {
      throw reader.fail("layers.poles", "needs layers.aerial: poles are counted on the pole lines")
    }
    for m in members where !["roads", "buildings", "sites", "ducts", "boundaries", "forbidden",
                             "preferred", "aerial", "poles", "barriers", "cabinets"].contains(m.key) {
      warnings.append("\(path): layers.\(m.key): unknown layer, ignored")
    }
  }

  /// `network`: snapping, drops, trench rules, road sides and aerial plant.
  mutating func readNetworkKeys(_ net: JSONValue, reader: inout ScenarioFieldReader) throws {
    if let v = try reader.metres(net["snap_tolerance_m"], "network.snap_tolerance_m") { network.snapTolerance = v }
    if let v = try reader.metres(net["dangling_snap_m"], "network.dangling_snap_m") { network.danglingSnap = v }
    if let v = try reader.metres(net["max_drop_length_m"], "network.max_drop_length_m") { network.maxDropLength = v }
    if let v = try reader.metres(net["duct_snap_m"], "network.duct_snap_m") { network.ductSnapDistance = v }
    if let v = net["no_trench_highways"], !v.isNull {
      guard let items = v.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
        throw reader.fail("network.no_trench_highways", "must be an array of OSM highway values")
      }
      network.noTrenchHighways = Set(items.compactMap(\.stringValue))
    }
    try reader.sideAndAerialOptions(net, into: &network)
  }

  /// `coverage`: a budget or a cost threshold, the curve, the weight of sites.
  mutating func readCoverageKeys(_ cov: JSONValue, reader: inout ScenarioFieldReader, path: String) throws {
    guard cov.objectValue != nil else { throw FibrePlanError(.data, "\(path): coverage: must be an object") }
    let budget = try reader.metres(cov["budget_eur"], "coverage.budget_eur")
    let threshold = try reader.metres(cov["max_cost_per_home_eur"], "coverage.max_cost_per_home_eur")
    if budget != nil && threshold != nil {
      throw FibrePlanError(.data, "\(path): coverage: give budget_eur or max_cost_per_home_eur, not both")
    }
    if let budget { coverage.mode = .budget(budget) }
    if let threshold { coverage.mode = .maxCostPerHome(threshold) }
    if let k = try reader.metres(cov["curve_points"], "coverage.curve_points") {
      guard k <= 200 else { throw FibrePlanError(.data, "\(path): coverage.curve_points: at most 200") }
      coverage.curvePoints = Int(k)
    }
    if let w = try reader.metres(cov["site_weight"], "coverage.site_weight") { coverage.siteWeight = w }
  }

  package static let knownKeys: Set<String> = [
    "name", "description", "layers", "pop", "costs", "network", "solver", "output", "attribution", "coverage",
    "rings", "hub", "data_centre_candidates", "cost_sharing",
    "architecture", "phasing", "economics", "pops", "pop_candidates", "pop_count", "max_pops", "pop_cost",
    "pop_capacity_households", "data_centre", "backbone_fibres_per_pop", "unserved_household_cost",
    "eligibility", "alternatives", "alternatives_factor",
  ]
}

/// Reads typed scenario fields and says exactly which one is wrong.
package struct ScenarioFieldReader {
  package var path: String
  package var warnings: [String] = []

  package func fail(_ field: String, _ message: String) -> FibrePlanError {
    FibrePlanError(.data, "\(path): \(field): \(message)")
  }

  package func string(_ v: JSONValue?, _ field: String) throws -> String? {
    guard let v, !v.isNull else { return nil }
    guard let s = v.stringValue else { throw fail(field, "must be a string") }
    return s
  }

  /// A finite number ≥ 0 (lengths, costs, seconds).
  package func metres(_ v: JSONValue?, _ field: String) throws -> Double? {
    guard let v, !v.isNull else { return nil }
    guard let d = v.doubleValue else { throw fail(field, "must be a number") }
    guard d.isFinite, d >= 0 else { throw fail(field, "must be a finite number ≥ 0, got \(d)") }
    return d
  }

  package func position(_ v: JSONValue, _ field: String) throws -> LonLat {
    var p: LonLat?
    if let a = v.arrayValue, a.count == 2, let lon = a[0].doubleValue, let lat = a[1].doubleValue {
      p = LonLat(lon: lon, lat: lat)
    } else if let lon = v["lon"]?.doubleValue, let lat = v["lat"]?.doubleValue {
      p = LonLat(lon: lon, lat: lat)
    }
    guard let p else { throw fail(field, "must be [lon, lat] or {\"lon\": .., \"lat\": ..}") }
    guard p.isValid else { throw fail(field, "(\(p.lon), \(p.lat)) is not a WGS84 position") }
    return p
  }

  package mutating func costs(_ v: JSONValue, base: TrenchCostModel) throws -> TrenchCostModel {
    guard let members = v.objectValue else { throw fail("costs", "must be an object") }
    var c = base
    let known: Set<String> = ["trench_per_m", "duct_reuse_per_m", "drop_per_m", "drop_per_connection",
                              "equipment_per_connection", "preferred_factor", "aerial_per_m",
                              "make_ready_per_pole", "crossing", "crossing_per_road"]
    for m in members where !known.contains(m.key) { warnings.append("\(path): costs.\(m.key): unknown key, ignored") }
    if let t = v["trench_per_m"] {
      if t.doubleValue != nil, let d = try metres(t, "costs.trench_per_m") {
        c.trenchPerMetreDefault = d
        c.trenchPerMetreBySurface = [:]
        c.trenchPerMetreByHighway = [:]
      } else if t.objectValue != nil {
        if let d = try metres(t["default"], "costs.trench_per_m.default") { c.trenchPerMetreDefault = d }
        for (key, table) in [("surface", \TrenchCostModel.trenchPerMetreBySurface),
                             ("highway", \TrenchCostModel.trenchPerMetreByHighway)] {
          guard let o = t[key] else { continue }
          guard let entries = o.objectValue else { throw fail("costs.trench_per_m.\(key)", "must be an object of EUR/m") }
          for e in entries {
            c[keyPath: table][e.key] = try metres(e.value, "costs.trench_per_m.\(key).\(e.key)")
          }
        }
      } else {
        throw fail("costs.trench_per_m", "must be a number or an object with default, surface and highway")
      }
    }
    if let d = try metres(v["duct_reuse_per_m"], "costs.duct_reuse_per_m") { c.ductReusePerMetre = d }
    if let d = try metres(v["drop_per_m"], "costs.drop_per_m") { c.dropPerMetre = d }
    if let d = try metres(v["drop_per_connection"], "costs.drop_per_connection") { c.dropPerConnection = d }
    if let d = try metres(v["equipment_per_connection"], "costs.equipment_per_connection") { c.equipmentPerConnection = d }
    if let d = try metres(v["preferred_factor"], "costs.preferred_factor") { c.preferredFactor = d }
    try aerialAndCrossingCosts(v, into: &c)
    return c
  }
}
