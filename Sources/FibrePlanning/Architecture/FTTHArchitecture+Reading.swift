import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension FTTHArchitecture {
  package static let knownKeys: Set<String> = [
    "split", "cabinet_capacity", "max_drop_length_m", "max_cabinet_distance_m", "fibres_per_household",
    "fibres_per_site", "spare_percent", "cables", "cabinet_cost", "splitter_cost", "splice_closure_cost",
    "optics", "take_rate", "candidates_per_home", "local_search_moves",
  ]
  package static let knownOpticsKeys: Set<String> = [
    "attenuation_1310_db_per_km", "attenuation_1550_db_per_km", "splitter_loss_db", "connector_loss_db",
    "connectors", "splice_loss_db", "budget_db", "margin_db", "splices_per_link", "drum_length_m",
  ]

  /// Reads the scenario's `"architecture"` object over the defaults. Every number must
  /// be finite and ≥ 0 (counts: whole, ≥ 1); a bad one is a data error naming the field,
  /// e.g. `s.json: architecture.spare_percent: must be a finite number ≥ 0, got -5.0`.
  package init(json v: JSONValue, reader: inout ScenarioFieldReader) throws {
    self.init()
    guard let members = v.objectValue else { throw reader.fail("architecture", "must be an object") }
    for m in members where !Self.knownKeys.contains(m.key) {
      reader.warnings.append("\(reader.path): architecture.\(m.key): unknown key, ignored")
    }
    func count(_ key: String, minimum: Int = 1) throws -> Int? {
      guard let d = try reader.metres(v[key], "architecture.\(key)") else { return nil }
      guard d == d.rounded(), d >= Double(minimum), d <= 1e9 else {
        throw reader.fail("architecture.\(key)", "must be a whole number ≥ \(minimum), got \(d)")
      }
      return Int(d)
    }
    if let s = v["split"], !s.isNull {
      guard let text = s.stringValue, let ratio = Self.parseSplit(text) else {
        throw reader.fail("architecture.split", "must be \"1:16\", \"1:32\", \"1:64\" or a cascade like \"1:4+1:8\"")
      }
      split = ratio
    }
    if let n = try count("cabinet_capacity") { cabinetCapacity = n }
    if let d = try reader.metres(v["max_drop_length_m"], "architecture.max_drop_length_m") { maxDropLength = d }
    if let d = try reader.metres(v["max_cabinet_distance_m"], "architecture.max_cabinet_distance_m") { maxCabinetDistance = d }
    if let n = try count("fibres_per_household") { fibresPerHousehold = n }
    if let n = try count("fibres_per_site") { fibresPerSite = n }
    if let d = try reader.metres(v["spare_percent"], "architecture.spare_percent") { sparePercent = d }
    if let c = v["cables"], !c.isNull {
      guard let list = c.arrayValue, !list.isEmpty else {
        throw reader.fail("architecture.cables", "must be a non-empty array of {\"fibres\": n, \"eur_per_m\": x}")
      }
      var types: [CableType] = []
      for (i, item) in list.enumerated() {
        let field = "architecture.cables[\(i)]"
        guard item.objectValue != nil else { throw reader.fail(field, "must be an object {\"fibres\": n, \"eur_per_m\": x}") }
        guard let f = try reader.metres(item["fibres"], field + ".fibres"), f == f.rounded(), f >= 1, f <= 1e6 else {
          throw reader.fail(field + ".fibres", "must be a whole number ≥ 1")
        }
        guard let p = try reader.metres(item["eur_per_m"], field + ".eur_per_m") else {
          throw reader.fail(field + ".eur_per_m", "missing")
        }
        types.append(CableType(fibres: Int(f), costPerMetre: p))
      }
      cables = types.sorted { ($0.fibres, $0.costPerMetre) < ($1.fibres, $1.costPerMetre) }
    }
    if let d = try reader.metres(v["cabinet_cost"], "architecture.cabinet_cost") { cabinetCost = d }
    if let table = try ratioTable(v["splitter_cost"], "architecture.splitter_cost", reader: reader) {
      for (k, x) in table { splitterCost[k] = x }
    }
    if let d = try reader.metres(v["splice_closure_cost"], "architecture.splice_closure_cost") { spliceClosureCost = d }
    if let d = try reader.metres(v["take_rate"], "architecture.take_rate") {
      guard d <= 1 else { throw reader.fail("architecture.take_rate", "must lie between 0 and 1, got \(d)") }
      takeRate = d
    }
    if let n = try count("candidates_per_home") { candidatesPerHome = n }
    if let n = try count("local_search_moves", minimum: 0) { localSearchMoves = n }
    if let o = v["optics"], !o.isNull {
      guard let om = o.objectValue else { throw reader.fail("architecture.optics", "must be an object") }
      for m in om where !Self.knownOpticsKeys.contains(m.key) {
        reader.warnings.append("\(reader.path): architecture.optics.\(m.key): unknown key, ignored")
      }
      func number(_ key: String) throws -> Double? { try reader.metres(o[key], "architecture.optics.\(key)") }
      if let d = try number("attenuation_1310_db_per_km") { optics.attenuation1310 = d }
      if let d = try number("attenuation_1550_db_per_km") { optics.attenuation1550 = d }
      if let d = try number("connector_loss_db") { optics.connectorLoss = d }
      if let d = try number("connectors") {
        guard d == d.rounded(), d <= 1000 else { throw reader.fail("architecture.optics.connectors", "must be a whole number ≥ 0, got \(d)") }
        optics.connectors = Int(d)
      }
      if let d = try number("splice_loss_db") { optics.spliceLoss = d }
      if let d = try number("splices_per_link") {
        guard d == d.rounded(), d <= 1000 else { throw reader.fail("architecture.optics.splices_per_link", "must be a whole number ≥ 0, got \(d)") }
        optics.splicesPerLink = Int(d)
      }
      if let d = try number("drum_length_m") { optics.drumLength = d }
      if let d = try number("budget_db") { optics.budget = d }
      if let d = try number("margin_db") { optics.margin = d }
      if let table = try ratioTable(o["splitter_loss_db"], "architecture.optics.splitter_loss_db", reader: reader) {
        for (k, x) in table { optics.splitterLoss[k] = x }
      }
    }
  }

  /// `"1:32"` or `"1:4+1:8"`; ratios are powers of two from 2 to 256.
  package static func parseSplit(_ text: String) -> SplitRatio? {
    func ratio(_ s: Substring) -> Int? {
      let t = s.trimmingCharacters(in: .whitespaces)
      guard t.hasPrefix("1:"), let n = Int(t.dropFirst(2)), n >= 2, n <= 256, n & (n - 1) == 0 else { return nil }
      return n
    }
    let parts = text.split(separator: "+")
    if parts.count == 1, let n = ratio(parts[0]) { return .single(n) }
    if parts.count == 2, let a = ratio(parts[0]), let b = ratio(parts[1]) { return .cascaded(a, b) }
    return nil
  }

  /// `{"32": 140, "64": 260}`: keys are split ratios n of 1:n.
  private func ratioTable(_ v: JSONValue?, _ field: String, reader: ScenarioFieldReader) throws -> [Int: Double]? {
    guard let v, !v.isNull else { return nil }
    guard let members = v.objectValue else { throw reader.fail(field, "must be an object like {\"32\": 140}") }
    var table: [Int: Double] = [:]
    for m in members {
      let key = m.key.hasPrefix("1:") ? String(m.key.dropFirst(2)) : m.key
      guard let n = Int(key), n >= 2 else { throw reader.fail("\(field).\(m.key)", "key must be a split ratio like \"32\"") }
      table[n] = try reader.metres(m.value, "\(field).\(m.key)")
    }
    return table
  }
}
