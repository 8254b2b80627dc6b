import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibrePlanning
@testable import FibreReport

/// The business case on cash flows worked out by hand.
@Suite struct BusinessCaseTests {
  /// Two phases: EUR 1,000 for 10 homes and 1 km of trench in year 1, EUR 500 for 5
  /// homes in year 2. Half take service, EUR 10 a month; EUR 20 per home and EUR 100 per
  /// km a year; 10 %; 5 years.
  static func handMade() -> CashFlows {
    var o = EconomicsOptions()
    o.takeUp = [0.5]
    o.arpuPerMonth = 10
    o.opexPerHomeYear = 20
    o.opexPerKmYear = 100
    o.discountRate = 0.1
    o.horizonYears = 5
    return CashFlows(capex: [1000, 500], households: [10, 5], trenchMetres: [1000, 0], options: o)
  }

  @Test("NPV, payback year and funding gap of a hand-made case")
  func handMadeCase() {
    let f = Self.handMade()
    // Year 1: −1000. Year 2: 5 takers → 600 revenue, 100 + 100 opex, 500 capex: −100.
    // Years 3–5: 7.5 takers → 900 revenue, 150 + 100 opex: +650.
    #expect(f.net == [-1000, -100, 650, 650, 650])
    #expect(f.revenue == [0, 600, 900, 900, 900])
    #expect(f.opex == [0, 200, 250, 250, 250])
    let d = [-1000 / 1.1, -100 / 1.21, 650 / 1.331, 650 / 1.4641, 650 / 1.61051]
    for (a, b) in zip(f.discounted, d) { #expect(abs(a - b) < 1e-9) }
    #expect(abs(f.npv - d.reduce(0, +)) < 1e-9)
    #expect(abs(f.npv - 344.1766) < 1e-3)
    // Cumulative: −909.09, −991.74, −503.38, −59.42, +344.18.
    #expect(f.paybackYear == 5)
    #expect(abs(f.fundingGap(years: 3) - 503.3809) < 1e-3)
    #expect(f.fundingGap(years: 5) == 0)
  }

  @Test("A ramp rises linearly and then holds")
  func ramp() {
    #expect(EconomicsOptions.ramp(start: 0.2, end: 0.6, years: 5) .enumerated().allSatisfy { abs($0.element - (0.2 + 0.1 * Double($0.offset))) < 1e-12 })
    var o = EconomicsOptions()
    o.takeUp = [0.1, 0.3]
    #expect(o.takeUp(age: 0) == 0.1 && o.takeUp(age: 7) == 0.3)
  }

  @Test("Bad economics name the field", arguments: [
    (#"{"economics":{"take_up":[0.2,1.5]}}"#, "economics.take_up[1]"),
    (#"{"economics":{"take_up":{"start":0.1,"end":1.2,"years":3}}}"#, "economics.take_up.end"),
    (#"{"economics":{"discount_rate":-0.02}}"#, "economics.discount_rate"),
    (#"{"economics":{"horizon_years":0}}"#, "economics.horizon_years"),
    (#"{"economics":{"horizon_years":5,"funding_gap_years":7}}"#, "economics.funding_gap_years"),
  ])
  func badEconomics(text: String, field: String) throws {
    let json = try JSONValue.parse(Array(text.utf8), path: "s.json")
    #expect {
      _ = try Scenario(json: json, path: "s.json", baseDirectory: "")
    } throws: { e in
      let e = e as! FibrePlanError
      return e.kind == .data && e.message.contains(field)
    }
  }

  @Test("A scenario's ramp and rates are read")
  func readsEconomics() throws {
    let text = #"{"economics":{"take_up":{"start":0.1,"end":0.5,"years":3},"arpu_eur_month":40,"discount_rate":0.05,"horizon_years":20}}"#
    let s = try Scenario(json: try JSONValue.parse(Array(text.utf8), path: "s.json"), path: "s.json", baseDirectory: "")
    let e = try #require(s.economics)
    #expect(e.takeUp.count == 3 && abs(e.takeUp[1] - 0.3) < 1e-12)
    #expect(e.arpuPerMonth == 40 && e.discountRate == 0.05 && e.horizonYears == 20 && e.fundingGapYears == 7)
  }

  @Test(.enabled(if: LiechtensteinPlan.available))
  func liechtensteinCaseReconciles() throws {
    let p = try LiechtensteinPlan.report().result
    let rollout = try Rollout.plan(p, options: PhasingOptions(split: .phases(5)), costs: p.scenario.costs)
    let b = BusinessCase(rollout: rollout, names: p.demand.municipalityNames, regionName: "li", options: EconomicsOptions())
    #expect(abs(b.region.flows.capex.reduce(0, +) - rollout.capexTotal) < 0.01)
    let byMunicipality = b.municipalities.reduce(0.0) { $0 + $1.flows.capex.reduce(0, +) }
    #expect(abs(byMunicipality - rollout.capexTotal) < 0.01)
    #expect(abs(b.municipalities.reduce(0.0) { $0 + $1.flows.npv } - b.region.flows.npv) < 0.01)
    let csv = EconomicsReport.csv(b)
    #expect(csv.split(separator: "\n").count == 1 + 25 * b.municipalities.count)
    print("Liechtenstein, 5 phases: NPV \(Int(b.region.flows.npv)), payback \(b.region.flows.paybackYear.map(String.init) ?? "none"), funding gap \(Int(b.region.fundingGap)) (\(Int(b.fundingGapPerHome)) per home)")
  }
}
