import FibreCore
import FibreGeo

/// A place with a name: a POP, a POP candidate or the data centre.
public struct NamedPosition: Sendable, Equatable {
  public var name: String
  public var position: LonLat
  public init(name: String, position: LonLat) {
    self.name = name
    self.position = position
  }
}

/// How many POPs a plan opens.
public enum POPCount: Sendable, Equatable {
  /// Exactly this many (fixed POPs included).
  case exactly(Int)
  /// As many as lower the total cost (capex plus the cost of homes left behind).
  case auto
}

/// Where POPs may stand.
public enum POPCandidates: Sendable, Equatable {
  case none
  case list([NamedPosition])
  /// Road nodes near the centre of demand, each municipality's centre of demand,
  /// k-means centres of the households and municipal sites.
  case auto
}

/// The regional hierarchy (issue 13): data centre → backbone → POPs (OLTs) → access
/// network. With none of its keys a plan has one POP, as before.
public struct HierarchyOptions: Sendable, Equatable {
  /// POPs that are always opened.
  public var pops: [NamedPosition] = []
  public var candidates: POPCandidates = .none
  /// nil: as many as pay when there are candidates, else the fixed POPs.
  public var count: POPCount?
  public var maxPOPs: Int?
  /// EUR per POP: shelter and site works, OLT chassis with line cards, power and
  /// cooling (basis in README, "Regional hierarchy").
  public var popCost: Double = 150_000
  /// Households one POP's OLTs can serve (ports × split).
  public var popCapacityHouseholds: Int = 8192
  /// The backbone's hub; nil: the POP nearest the centre of demand.
  public var dataCentre: NamedPosition?
  /// Fibres each POP takes from the data centre (uplinks, protection, spares).
  public var backboneFibresPerPOP: Int = 12
  /// What the POP search counts for each household that no open POP can serve within
  /// the optical budget: the price of leaving a home behind.
  public var unservedHouseholdCost: Double = 100_000

  public init() {}

  /// Whether the plan has several POPs, a POP search or a data centre: the regional
  /// planner. Otherwise the single-POP planner runs as before.
  public var isRegional: Bool {
    pops.count >= 2 || candidates != .none || dataCentre != nil || count != nil
  }

  /// The POP count in force: the given one, else `auto` with candidates, else the fixed POPs.
  public var effectiveCount: POPCount {
    if let count { return count }
    return candidates == .none ? .exactly(max(pops.count, 1)) : .auto
  }
}
