import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// The fibre network laid on a trench tree: cabinets with splitters, feeder and
/// distribution cables sized from the catalogue, splice closures, each home's optical
/// loss, and the homes that cannot be served with their reason. Made by
/// `ArchitectureDesigner.design`.
public struct ArchitecturePlan: Sendable {
  public enum Tier: String, Sendable { case feeder, distribution }

  public struct SplitterCount: Sendable, Equatable {
    /// n of 1:n.
    public var ratio: Int
    public var count: Int
  }

  public struct Cabinet: Sendable {
    public var node: Int32
    public var position: LonLat
    public var households: Int
    /// Ports (fibres) in use.
    public var fibres: Int
    public var capacity: Int
    public var splitters: [SplitterCount]
    /// Fibres from the POP (one per first-stage splitter).
    public var feederFibres: Int
    public var municipality: Int32
    /// Cabinet and splitters, EUR.
    public var cost: Double
  }

  /// One cable on one tree edge.
  public struct Cable: Sendable {
    /// Network edge id.
    public var edge: Int32
    public var tier: Tier
    /// Cabinet index for distribution, -1 for the feeder.
    public var cabinet: Int32
    /// Downstream fibres with spare, rounded up.
    public var fibresDemand: Int
    /// Installed fibres (sum of `sizes`).
    public var cableFibres: Int
    /// Catalogue sizes pulled side by side (one unless the demand exceeds the largest).
    public var sizes: [Int]
    public var metres: Double
    public var cost: Double
  }

  public struct SpliceClosure: Sendable {
    public var node: Int32
    public var position: LonLat
    public var municipality: Int32
  }

  /// Part of a building's or site's demand served by one cabinet. `demand` ≥ 0 is a
  /// building index, < 0 is site `-1 - demand`.
  public struct Assignment: Sendable, Equatable {
    public var demand: Int32
    public var cabinet: Int32
    public var fibres: Int
    public var households: Int
  }

  /// A connected building or site that the architecture cannot serve.
  public struct Gap: Sendable, Equatable {
    public var demand: Int32
    /// `drop_too_long`, `optical_budget`, `no_cabinet_within_<N>m`, `cabinet_capacity`.
    public var reason: String
    public var households: Int
  }

  /// Capex of a cabinet plan built the same way, for the k-means comparison.
  public struct Comparison: Sendable {
    public var optimisedCapex: Double
    public var optimisedCabinets: Int
    public var baselineCapex: Double
    public var baselineCabinets: Int
    /// Fibres the baseline puts on cabinets beyond their capacity.
    public var baselineFibresOverCapacity: Int
    /// Fibres the baseline sends farther than the maximum cabinet distance.
    public var baselineFibresTooFar: Int
    public var baselineGaps: Int
    public var optimisedGaps: Int
  }

  public var cabinets: [Cabinet] = []
  public var cables: [Cable] = []
  public var closures: [SpliceClosure] = []
  public var assignments: [Assignment] = []
  public var gaps: [Gap] = []
  /// Worst-wavelength loss OLT → ONT of each building, dB (NaN when not served).
  public var buildingLoss: [Double] = []
  public var siteLoss: [Double] = []
  public var comparison: Comparison?

  public var cabinetCost: Double = 0
  public var splitterCost: Double = 0
  public var cableCost: Double = 0
  public var closureCost: Double = 0
  public var seconds: Double = 0

  public init() {}

  /// Equipment and cable added on top of the trench plan, EUR. The plan's full capex
  /// is `region.capexTotal + architectureCapex`.
  public var architectureCapex: Double { cabinetCost + splitterCost + cableCost + closureCost }

  /// Households the architecture serves (homes passed by a working fibre).
  public var householdsServed: Int { assignments.reduce(0) { $0 + $1.households } }
}

extension FibrePlanResult {
  /// The architecture's gap reason of every building and site (nil when served or when
  /// there is no architecture): reached by the trench, yet not servable as designed.
  public var architectureGapReasons: (buildings: [String?], sites: [String?]) {
    var buildings = [String?](repeating: nil, count: self.demand.buildings.count)
    var sites = [String?](repeating: nil, count: self.demand.sites.count)
    for g in architecture?.gaps ?? [] {
      if g.demand >= 0 {
        if Int(g.demand) < buildings.count { buildings[Int(g.demand)] = g.reason }
      } else if Int(-1 - g.demand) < sites.count {
        sites[Int(-1 - g.demand)] = g.reason
      }
    }
    return (buildings, sites)
  }
}
