import FibreCore
import FibreGeo

/// Which homes may receive public money (`eligibility` in a scenario): after the EU
/// 2023 broadband guidelines, a home whose best download speed today is below the
/// threshold is in a "white area" and eligible. A home of unknown speed is eligible,
/// so that missing data never takes a home out of the intervention area.
public struct EligibilityOptions: Sendable, Equatable {
  /// Mbit/s; a home below it is eligible.
  public var thresholdMbps = 100.0
  /// Plan the intervention area only: ineligible homes are not demand and are
  /// reported as `served_by_existing_network` (`--eligible-only`).
  public var only = false

  public init(thresholdMbps: Double = 100, only: Bool = false) {
    self.thresholdMbps = thresholdMbps
    self.only = only
  }

  /// Whether a home with `existingMbps` (NaN: unknown) is eligible.
  @inline(__always) public func isEligible(existingMbps: Double) -> Bool {
    !(existingMbps >= thresholdMbps)
  }

  /// Eligibility of every building of `layer`. O(buildings).
  public func classify(_ layer: BuildingLayer) -> [Bool] {
    (0..<layer.count).map { b in
      isEligible(existingMbps: b < layer.existingMbps.count ? layer.existingMbps[b] : .nan)
    }
  }
}

extension Scenario {
  /// The eligibility rules the plan applies, or nil when the plan says nothing about
  /// eligibility: neither the scenario nor a flag asks for it and the buildings carry
  /// no `existing_mbps`.
  package func activeEligibility(buildings: BuildingLayer) -> EligibilityOptions? {
    eligibility ?? (buildings.hasExistingMbps ? EligibilityOptions() : nil)
  }

  /// `eligibility: {"threshold_mbps": 100, "only": false}`.
  package mutating func readEligibilityKeys(_ json: JSONValue, reader: inout ScenarioFieldReader) throws {
    guard let v = json["eligibility"], !v.isNull else { return }
    guard let members = v.objectValue else { throw reader.fail("eligibility", "must be an object") }
    for m in members where !["threshold_mbps", "only"].contains(m.key) {
      reader.warnings.append("\(reader.path): eligibility.\(m.key): unknown key, ignored")
    }
    var options = EligibilityOptions()
    if let d = try reader.metres(v["threshold_mbps"], "eligibility.threshold_mbps") { options.thresholdMbps = d }
    if let o = v["only"], !o.isNull {
      guard let b = o.boolValue else { throw reader.fail("eligibility.only", "must be true or false") }
      options.only = b
    }
    eligibility = options
  }
}

extension DemandSet {
  /// `--eligible-only`: every building with households that is not eligible is left to
  /// the existing network, whatever its road access, so that it is neither demand nor a
  /// gap. Buildings without households keep `noHouseholds`. O(buildings).
  mutating func leaveIneligibleToExistingNetwork(eligible: [Bool], units: [Int32]) {
    for b in 0..<building.count where b < eligible.count && !eligible[b] && units[b] > 0 {
      building[b] = .servedByExistingNetwork
    }
  }
}
