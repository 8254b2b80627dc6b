import FibreCore

/// A technology that serves a household fibre does not (`alternatives` in a scenario):
/// fixed wireless access from a fibre-fed mast, or satellite. Defaults and their basis
/// are in README, "Nobody left behind".
public struct AlternativeTechnology: Sendable, Equatable {
  /// `fwa` or `satellite`: the keys of summary.json's `technology_mix`.
  public var technology: String
  /// EUR per household: the terminal (CPE), its installation and, for FWA, a share of
  /// the mast and radio.
  public var capexPerHome: Double
  public var opexPerHomeYear: Double
  /// Farthest a household may be from fibre (a fibre-served building, a POP or a
  /// cabinet), straight line; nil: no limit.
  public var maxDistance: Double?

  public init(technology: String, capexPerHome: Double, opexPerHomeYear: Double, maxDistance: Double?) {
    self.technology = technology
    self.capexPerHome = capexPerHome
    self.opexPerHomeYear = opexPerHomeYear
    self.maxDistance = maxDistance
  }

  /// The technologies `alternatives` may name, in the order of `technology_mix`.
  public static let names = ["fwa", "satellite"]

  /// Defaults: FWA EUR 1,100 capex (range 800–1,500 incl. outdoor CPE and a share of
  /// a mast), EUR 90 a year, within 5 km of fibre; satellite EUR 750 (terminal and
  /// professional installation), EUR 480 a year, anywhere.
  public static func defaults(_ technology: String) -> AlternativeTechnology {
    technology == "fwa"
      ? AlternativeTechnology(technology: "fwa", capexPerHome: 1_100, opexPerHomeYear: 90, maxDistance: 5_000)
      : AlternativeTechnology(technology: "satellite", capexPerHome: 750, opexPerHomeYear: 480, maxDistance: nil)
  }

  public static let defaultList = names.map(defaults)

  /// Capex plus the opex of `years` years, each discounted by (1 + r)^year as the
  /// business case discounts its cash flows (r = 0: undiscounted).
  public func lifetimeCost(years: Int, discountRate r: Double) -> Double {
    var total = capexPerHome, factor = 1.0
    for _ in 0..<max(years, 0) {
      factor *= 1 + r
      total += opexPerHomeYear / factor
    }
    return total
  }
}

/// `alternatives` with the factor above which a fibre-served household is flagged.
public struct AlternativesOptions: Sendable, Equatable {
  public var technologies = AlternativeTechnology.defaultList
  /// A household whose fibre marginal cost exceeds this many times the cheapest
  /// alternative's lifetime cost gets `alternative_recommended` (default 3).
  public var factor = 3.0
  /// Years and discount rate of the lifetime cost: the business case's when the
  /// scenario has `economics`, else 20 years undiscounted.
  public var horizonYears = 20
  public var discountRate = 0.0

  public init() {}
}

extension Scenario {
  /// `alternatives: true | [{"technology": "fwa", "capex_per_home": .., "opex_per_home_year": ..,
  /// "max_distance_m": ..}, ...]` and `alternatives_factor` (default 3). Missing fields take
  /// the technology's defaults; `max_distance_m: null` lifts the limit.
  package mutating func readAlternativesKeys(_ json: JSONValue, reader: inout ScenarioFieldReader) throws {
    if let d = try reader.metres(json["alternatives_factor"], "alternatives_factor") { alternativesFactor = d }
    guard let v = json["alternatives"], !v.isNull else { return }
    if let b = v.boolValue {
      alternatives = b ? AlternativeTechnology.defaultList : nil
      return
    }
    guard let list = v.arrayValue else {
      throw reader.fail("alternatives", "must be true, false or a list of {technology, capex_per_home, opex_per_home_year, max_distance_m}")
    }
    alternatives = try list.enumerated().map { try Self.alternative($0.element, "alternatives[\($0.offset)]", &reader) }
  }

  private static func alternative(_ item: JSONValue, _ field: String,
                                  _ reader: inout ScenarioFieldReader) throws -> AlternativeTechnology {
    guard let members = item.objectValue else { throw reader.fail(field, "must be an object") }
    for m in members where !["technology", "capex_per_home", "opex_per_home_year", "max_distance_m"].contains(m.key) {
      reader.warnings.append("\(reader.path): \(field).\(m.key): unknown key, ignored")
    }
    guard let name = try reader.string(item["technology"], field + ".technology") else {
      throw reader.fail(field + ".technology", "missing: give fwa or satellite")
    }
    guard AlternativeTechnology.names.contains(name) else {
      throw reader.fail(field + ".technology", "must be fwa or satellite, got '\(name)'")
    }
    var t = AlternativeTechnology.defaults(name)
    if let d = try reader.metres(item["capex_per_home"], field + ".capex_per_home") { t.capexPerHome = d }
    if let d = try reader.metres(item["opex_per_home_year"], field + ".opex_per_home_year") { t.opexPerHomeYear = d }
    if let d = item["max_distance_m"] {
      t.maxDistance = d.isNull ? nil : try reader.metres(d, field + ".max_distance_m")
    }
    return t
  }
}
