import FibreCore

extension EconomicsOptions {
  /// `economics: {take_up, arpu_eur_month, opex_per_home_year, opex_per_km_year,
  /// discount_rate, horizon_years, funding_gap_years}`; `take_up` is a list of shares
  /// per year or a ramp `{start, end, years}`. Every field is optional.
  package init(json v: JSONValue, reader: inout ScenarioFieldReader) throws {
    self.init()
    guard let members = v.objectValue else { throw reader.fail("economics", "must be an object") }
    let known: Set<String> = ["take_up", "arpu_eur_month", "opex_per_home_year", "opex_per_km_year",
                              "discount_rate", "horizon_years", "funding_gap_years"]
    for m in members where !known.contains(m.key) {
      reader.warnings.append("\(reader.path): economics.\(m.key): unknown key, ignored")
    }
    func share(_ x: JSONValue?, _ field: String) throws -> Double? {
      guard let d = try reader.metres(x, field) else { return nil }
      guard d <= 1 else { throw reader.fail(field, "a take-up is a share from 0 to 1, got \(d)") }
      return d
    }
    func years(_ x: JSONValue?, _ field: String) throws -> Int? {
      guard let d = try reader.metres(x, field) else { return nil }
      guard d >= 1, d <= 100, d == d.rounded() else { throw reader.fail(field, "must be a whole number of years from 1 to 100, got \(d)") }
      return Int(d)
    }
    if let t = v["take_up"], !t.isNull {
      if let list = t.arrayValue {
        guard !list.isEmpty else { throw reader.fail("economics.take_up", "must not be empty") }
        takeUp = try list.enumerated().map { try share($0.element, "economics.take_up[\($0.offset)]")! }
      } else if t.objectValue != nil {
        guard let start = try share(t["start"], "economics.take_up.start"),
              let end = try share(t["end"], "economics.take_up.end"),
              let n = try years(t["years"], "economics.take_up.years") else {
          throw reader.fail("economics.take_up", "a ramp needs start, end and years")
        }
        takeUp = Self.ramp(start: start, end: end, years: n)
      } else {
        throw reader.fail("economics.take_up", "must be a list of shares per year or {start, end, years}")
      }
    }
    if let d = try reader.metres(v["arpu_eur_month"], "economics.arpu_eur_month") { arpuPerMonth = d }
    if let d = try reader.metres(v["opex_per_home_year"], "economics.opex_per_home_year") { opexPerHomeYear = d }
    if let d = try reader.metres(v["opex_per_km_year"], "economics.opex_per_km_year") { opexPerKmYear = d }
    if let d = try reader.metres(v["discount_rate"], "economics.discount_rate") {
      guard d < 1 else { throw reader.fail("economics.discount_rate", "is a yearly rate below 1 (0.04 for 4 %), got \(d)") }
      discountRate = d
    }
    if let n = try years(v["horizon_years"], "economics.horizon_years") { horizonYears = n }
    if let n = try years(v["funding_gap_years"], "economics.funding_gap_years") { fundingGapYears = n }
    guard fundingGapYears <= horizonYears else {
      throw reader.fail("economics.funding_gap_years", "must not exceed horizon_years (\(horizonYears))")
    }
  }
}
