import FibreCore

/// The operator's business case inputs (`economics` in a scenario). Defaults and their
/// basis are in README, "Business case".
public struct EconomicsOptions: Sendable, Equatable {
  /// Share of homes passed that take service in their first, second, … year of
  /// availability; the last value holds for the rest of the horizon.
  public var takeUp: [Double] = EconomicsOptions.ramp(start: 0.2, end: 0.6, years: 7)
  public var arpuPerMonth = 35.0
  /// Per home taking service, EUR a year.
  public var opexPerHomeYear = 50.0
  /// Per km of new trench in service, EUR a year.
  public var opexPerKmYear = 300.0
  public var discountRate = 0.04
  public var horizonYears = 25
  /// Years over which the funding gap is taken (7: Bavaria's gigabit guideline).
  public var fundingGapYears = 7

  public init() {}

  /// Take-up rising linearly from `start` in the first year to `end` in year `years`.
  public static func ramp(start: Double, end: Double, years: Int) -> [Double] {
    guard years > 1 else { return [end] }
    return (0..<years).map { start + (end - start) * Double($0) / Double(years - 1) }
  }

  /// Take-up in year `age` (0-based) of a home's availability.
  public func takeUp(age: Int) -> Double { takeUp.isEmpty ? 0 : takeUp[min(age, takeUp.count - 1)] }
}

/// Yearly cash flows of one area: phase k is built (and paid) in year k; its homes and
/// trench are in service from year k + 1. Revenue = homes passed × take-up × ARPU × 12;
/// opex = homes taking service × opex per home + km of trench in service × opex per
/// km. Cash flows fall at the end of each year and are discounted by (1 + r)^year.
public struct CashFlows: Sendable, Equatable {
  public var capex: [Double] = []
  public var opex: [Double] = []
  public var revenue: [Double] = []
  public var net: [Double] = []
  public var discounted: [Double] = []

  /// `capex[k]`, `households[k]`, `trenchMetres[k]`: phase k + 1.
  public init(capex phaseCapex: [Double], households: [Int], trenchMetres: [Double], options o: EconomicsOptions) {
    for year in 1...o.horizonYears {
      var passedRevenue = 0.0, homeOpex = 0.0, km = 0.0
      for k in 0..<phaseCapex.count where k + 1 < year {
        let takers = Double(households[k]) * o.takeUp(age: year - k - 2)
        passedRevenue += takers * o.arpuPerMonth * 12
        homeOpex += takers * o.opexPerHomeYear
        km += trenchMetres[k] / 1000
      }
      let c = year <= phaseCapex.count ? phaseCapex[year - 1] : 0
      let op = homeOpex + km * o.opexPerKmYear
      capex.append(c)
      opex.append(op)
      revenue.append(passedRevenue)
      net.append(passedRevenue - c - op)
      discounted.append((passedRevenue - c - op) / pow1p(o.discountRate, year))
    }
  }

  /// Σ discounted cash flow over the horizon.
  public var npv: Double { discounted.reduce(0, +) }

  /// First year whose cumulative discounted cash flow is ≥ 0 after capex began (nil
  /// within the horizon: never).
  public var paybackYear: Int? {
    var sum = 0.0
    for (i, d) in discounted.enumerated() {
      sum += d
      if sum >= 0 && capex[0...i].contains(where: { $0 > 0 }) { return i + 1 }
    }
    return nil
  }

  /// max(0, −(PV revenue − PV capex − PV opex)) over the first `years`.
  public func fundingGap(years: Int) -> Double { max(0, -discounted.prefix(years).reduce(0, +)) }
}

/// (1 + r)^n by repeated multiplication: exact for the small n used here and free of
/// Foundation.
@inline(__always) func pow1p(_ r: Double, _ n: Int) -> Double {
  var x = 1.0
  for _ in 0..<n { x *= 1 + r }
  return x
}

/// The business case of a rolled-out plan: the region's and each municipality's cash
/// flows, NPV, payback and funding gap.
public struct BusinessCase: Sendable {
  public struct Area: Sendable {
    public var name: String
    public var flows: CashFlows
    public var fundingGap: Double
  }
  public var options: EconomicsOptions
  public var region: Area
  public var municipalities: [Area]
  public var households: Int

  /// `names`: the plan's municipality names; the rollout's last slot (outside every
  /// boundary) is kept only when it holds capex.
  public init(rollout: Rollout, names: [String], regionName: String, options: EconomicsOptions) {
    self.options = options
    let phases = rollout.phases
    let regionFlows = CashFlows(capex: phases.map(\.capex), households: phases.map(\.households),
                                trenchMetres: phases.map(\.trenchMetres), options: options)
    region = Area(name: regionName, flows: regionFlows, fundingGap: regionFlows.fundingGap(years: options.fundingGapYears))
    households = rollout.householdsTotal
    var areas: [Area] = []
    let slots = phases.first?.capexByMunicipality.count ?? 0
    for m in 0..<slots where !names.isEmpty {
      let capex = phases.map { $0.capexByMunicipality[m] }
      let homes = phases.map { $0.householdsByMunicipality[m] }
      if m == names.count && capex.allSatisfy({ $0 == 0 }) && homes.allSatisfy({ $0 == 0 }) { continue }
      let flows = CashFlows(capex: capex, households: homes,
                            trenchMetres: phases.map { $0.trenchMetresByMunicipality[m] }, options: options)
      areas.append(Area(name: m < names.count ? names[m] : "(outside boundaries)", flows: flows,
                        fundingGap: flows.fundingGap(years: options.fundingGapYears)))
    }
    municipalities = areas
  }

  public var fundingGapPerHome: Double { households > 0 ? region.fundingGap / Double(households) : 0 }
}
