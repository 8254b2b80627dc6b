import FibreCore

extension Scenario {
  /// `phasing: {"phases": N}` or `{"annual_budget_eur": X}`, with
  /// `critical_sites_first` (default true).
  package mutating func readRolloutKeys(_ json: JSONValue, reader: inout ScenarioFieldReader) throws {
    if let e = json["economics"], !e.isNull { economics = try EconomicsOptions(json: e, reader: &reader) }
    guard let p = json["phasing"], !p.isNull else { return }
    guard let members = p.objectValue else { throw reader.fail("phasing", "must be an object") }
    for m in members where !["phases", "annual_budget_eur", "critical_sites_first"].contains(m.key) {
      reader.warnings.append("\(reader.path): phasing.\(m.key): unknown key, ignored")
    }
    let count = try reader.metres(p["phases"], "phasing.phases")
    let budget = try reader.metres(p["annual_budget_eur"], "phasing.annual_budget_eur")
    var split: PhasingOptions.Split
    switch (count, budget) {
    case (nil, nil): throw reader.fail("phasing", "give phases or annual_budget_eur")
    case (.some, .some): throw reader.fail("phasing", "give phases or annual_budget_eur, not both")
    case (let n?, nil):
      guard n >= 1, n == n.rounded(), n <= 1000 else { throw reader.fail("phasing.phases", "must be a whole number from 1 to 1000, got \(n)") }
      split = .phases(Int(n))
    case (nil, let x?):
      guard x > 0 else { throw reader.fail("phasing.annual_budget_eur", "must be above 0") }
      split = .annualBudget(x)
    }
    var options = PhasingOptions(split: split)
    if let c = p["critical_sites_first"], !c.isNull {
      guard let b = c.boolValue else { throw reader.fail("phasing.critical_sites_first", "must be true or false") }
      options.criticalSitesFirst = b
    }
    phasing = options
  }
}
