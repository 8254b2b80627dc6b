import Foundation
import FibreCore
import FibreGraph
import FibreGeo

extension TrenchCostModel {
  /// Typical European FTTH build costs in EUR (2020–2024 price level), for planning
  /// comparisons before local tenders are in. Basis: the ranges published in the FTTH
  /// Council Europe's FTTH Handbook and cost model, and national cost studies for
  /// regulators (WIK-Consult; Analysys Mason), which agree that civil works are 60–80 %
  /// of the cost of an FTTH build:
  ///
  /// - open trench in asphalt or concrete, incl. reinstatement: 80–120 EUR/m → 100;
  ///   paving stones 75–100 → 85; sett/cobblestone (hand-laid reinstatement) 100–130 → 110;
  ///   gravel/compacted 30–50 → 40; earth/unpaved 30–45 → 35; grass/verge 25–35 → 30.
  ///   Micro-trenching in asphalt runs 25–60 EUR/m; where it is allowed, override
  ///   `surface=asphalt` (e.g. 45) rather than using a separate figure.
  /// - by road class when `surface` is untagged: motorway/trunk 150 (traffic
  ///   management, crossings, permits), primary 120, secondary 110, tertiary 100,
  ///   residential/living street 90, service 70, unclassified 60, footway/cycleway/path
  ///   45, track 35; anything else 90 (`trenchPerMetreDefault`).
  /// - cable blown into an existing duct: 8–15 EUR/m → 12 (`ductReusePerMetre`).
  /// - drop from street to building: 25–40 EUR/m → 30 (`dropPerMetre`), plus 400–800 EUR
  ///   per connection for the building entry, splice and installation → 600
  ///   (`dropPerConnection`).
  /// - equipment per connected household, ONT plus share of OLT port and splitter:
  ///   150–300 EUR → 220 (`equipmentPerConnection`).
  /// - aerial cable on existing poles: 20 EUR/m (`aerialPerMetre`). Cartesian's 2023
  ///   Fiber Deployment Cost Annual Report for the Fiber Broadband Association gives a
  ///   median of USD 6.49/ft aerial against 16.25/ft underground (≈ EUR 20/m against
  ///   50/m); European trench above is 35–150 EUR/m. Make-ready (survey, pole
  ///   strengthening or replacement, moving other attachments) 300–1000 EUR per pole →
  ///   500 (`makeReadyPerPole`), poles every 40 m unless the layer says otherwise.
  /// - a drop crossing its road (open cut and reinstatement on small roads, pipe
  ///   pushing or a short directional bore under main roads, with traffic management):
  ///   track/path 150, residential/service/unclassified 300, tertiary 600, secondary
  ///   1000, primary 1500, trunk/motorway 2500 EUR; anything else 300. Under a railway
  ///   (horizontal directional drilling with the rail operator's possession and permit)
  ///   8000; under a waterway (HDD) 6000.
  public static let europeanDefaults: TrenchCostModel = {
    var surface: [String: Double] = [:]
    for s in ["asphalt", "concrete", "concrete:plates", "concrete:lanes", "paved", "chipseal",
              "metal", "tartan"] { surface[s] = 100 }
    for s in ["paving_stones", "paving_stones:lanes", "bricks", "wood"] { surface[s] = 85 }
    for s in ["sett", "cobblestone", "unhewn_cobblestone", "cobblestone:flattened"] { surface[s] = 110 }
    for s in ["compacted", "fine_gravel", "gravel", "pebblestone", "rock", "grass_paver"] { surface[s] = 40 }
    for s in ["unpaved", "dirt", "earth", "ground", "mud", "sand", "woodchips"] { surface[s] = 35 }
    for s in ["grass"] { surface[s] = 30 }

    var highway: [String: Double] = [:]
    for h in ["motorway", "motorway_link", "trunk", "trunk_link"] { highway[h] = 150 }
    for h in ["primary", "primary_link"] { highway[h] = 120 }
    for h in ["secondary", "secondary_link"] { highway[h] = 110 }
    for h in ["tertiary", "tertiary_link"] { highway[h] = 100 }
    for h in ["residential", "living_street", "pedestrian", "road"] { highway[h] = 90 }
    for h in ["service"] { highway[h] = 70 }
    for h in ["unclassified"] { highway[h] = 60 }
    for h in ["footway", "cycleway", "path", "bridleway", "steps"] { highway[h] = 45 }
    for h in ["track"] { highway[h] = 35 }

    var model = TrenchCostModel(
      trenchPerMetreBySurface: surface, trenchPerMetreByHighway: highway,
      trenchPerMetreDefault: 90, ductReusePerMetre: 12, dropPerMetre: 30,
      dropPerConnection: 600, equipmentPerConnection: 220)
    var crossing: [String: Double] = [:]
    for h in ["motorway", "motorway_link", "trunk", "trunk_link"] { crossing[h] = 2500 }
    for h in ["primary", "primary_link"] { crossing[h] = 1500 }
    for h in ["secondary", "secondary_link"] { crossing[h] = 1000 }
    for h in ["tertiary", "tertiary_link"] { crossing[h] = 600 }
    for h in ["residential", "living_street", "service", "unclassified", "road", "pedestrian"] { crossing[h] = 300 }
    for h in ["track", "path", "footway", "cycleway", "bridleway"] { crossing[h] = 150 }
    model.crossingPerRoad = crossing
    model.crossingDefault = 300
    model.crossingRail = 8000
    model.crossingWater = 6000
    return model
  }()

  /// EUR for a drop crossing a road of this OSM `highway` class: the class's figure,
  /// else `crossingDefault`. Matched as `trenchCostPerMetre` matches. O(1) expected.
  public func crossingPrice(highway: String?) -> Double {
    if let highway, let (_, price) = Self.lookUp(highway, in: crossingPerRoad) { return price }
    return crossingDefault
  }

  /// EUR per metre of new trench along a line with these OSM tags, and the class the
  /// figure came from: `surface=<value>` if the surface is known to the model, else
  /// `highway=<value>` if the road class is, else `default`. Values are matched as
  /// given, then trimmed, lower-cased and cut at the first `;` (OSM multi-values).
  /// O(1) expected (two dictionary look-ups per tag).
  public func trenchCostPerMetre(highway: String?, surface: String?) -> (cost: Double, surfaceClass: String) {
    if let surface, let (key, cost) = Self.lookUp(surface, in: trenchPerMetreBySurface) {
      return (cost, "surface=" + key)
    }
    if let highway, let (key, cost) = Self.lookUp(highway, in: trenchPerMetreByHighway) {
      return (cost, "highway=" + key)
    }
    return (trenchPerMetreDefault, "default")
  }

  private static func lookUp(_ value: String, in table: [String: Double]) -> (String, Double)? {
    if let cost = table[value] { return (value, cost) }
    let normal = osmKey(value)
    if normal != value, let cost = table[normal] { return (normal, cost) }
    return nil
  }
}
