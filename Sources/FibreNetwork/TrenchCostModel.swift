import FibreCore
import FibreGraph
import FibreGeo

/// What a metre of new trench, reused duct and drop costs, and what each connection
/// costs on top. Figures are EUR; `europeanDefaults` documents typical values and their
/// basis. `trenchCostPerMetre(highway:surface:)` picks the figure for a road line.
public struct TrenchCostModel: Sendable, Equatable {
  /// Trench EUR/m by OSM `surface` value (asphalt, paved, gravel, unpaved, grass ...).
  public var trenchPerMetreBySurface: [String: Double]
  /// Trench EUR/m by OSM `highway` class, used when `surface` is absent.
  public var trenchPerMetreByHighway: [String: Double]
  /// Trench EUR/m when neither surface nor highway class is known.
  public var trenchPerMetreDefault: Double
  /// Pulling cable through an existing duct, EUR/m.
  public var ductReusePerMetre: Double
  /// Drop trench/cable from the street to the building, EUR/m.
  public var dropPerMetre: Double
  /// Fixed cost per connected building (drop installation, building entry).
  public var dropPerConnection: Double
  /// Equipment per connected household (ONT, port share).
  public var equipmentPerConnection: Double
  /// Trench along a `layers.preferred` line (planned roadworks: the road is open anyway)
  /// costs this share of its price (`costs.preferred_factor`, default 0.5).
  public var preferredFactor: Double = 0.5
  /// Cable lashed to an existing pole line, EUR/m (`costs.aerial_per_m`), and make-ready
  /// per pole used (`costs.make_ready_per_pole`); see `europeanDefaults` for the basis.
  public var aerialPerMetre: Double = 20
  public var makeReadyPerPole: Double = 500
  /// A drop crossing its road, EUR by OSM `highway` class (`costs.crossing.<class>`),
  /// else `crossingDefault` (`costs.crossing.default`); under a railway or a waterway
  /// (`costs.crossing.rail`, `costs.crossing.water`). All 0 here, so a hand-built model
  /// prices no crossing; `europeanDefaults` sets them.
  public var crossingPerRoad: [String: Double] = [:]
  public var crossingDefault: Double = 0
  public var crossingRail: Double = 0
  public var crossingWater: Double = 0

  public init(trenchPerMetreBySurface: [String: Double], trenchPerMetreByHighway: [String: Double],
              trenchPerMetreDefault: Double, ductReusePerMetre: Double, dropPerMetre: Double,
              dropPerConnection: Double, equipmentPerConnection: Double) {
    self.trenchPerMetreBySurface = trenchPerMetreBySurface
    self.trenchPerMetreByHighway = trenchPerMetreByHighway
    self.trenchPerMetreDefault = trenchPerMetreDefault
    self.ductReusePerMetre = ductReusePerMetre
    self.dropPerMetre = dropPerMetre
    self.dropPerConnection = dropPerConnection
    self.equipmentPerConnection = equipmentPerConnection
  }

  /// Every metre costs 1 and connections cost nothing, so that plan cost equals length.
  public static let uniform: TrenchCostModel = {
    var model = TrenchCostModel(
      trenchPerMetreBySurface: [:], trenchPerMetreByHighway: [:], trenchPerMetreDefault: 1,
      ductReusePerMetre: 1, dropPerMetre: 1, dropPerConnection: 0, equipmentPerConnection: 0)
    model.aerialPerMetre = 1
    model.makeReadyPerPole = 0
    return model
  }()
}
