import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

// Scenario keys of issue 17, items 1 and 2: aerial plant, road sides and crossings.
//   network.aerial (bool), network.aerial_span_m, network.road_sides (bool),
//   network.both_sides_from ("primary", or an array of highway classes),
//   costs.aerial_per_m, costs.make_ready_per_pole,
//   costs.crossing (a number for every road, or {"default", "rail", "water", <highway>: EUR}),
//   costs.crossing_per_road (an object of EUR by highway class).

extension ScenarioFieldReader {
  /// OSM road classes from the most to the least important, for `both_sides_from`
  /// given as one class ("primary": primary and everything above, with their links).
  package static let roadHierarchy = ["motorway", "trunk", "primary", "secondary", "tertiary",
                                      "unclassified", "residential", "service", "track"]

  package func bool(_ v: JSONValue?, _ field: String) throws -> Bool? {
    guard let v, !v.isNull else { return nil }
    guard let b = v.boolValue else { throw fail(field, "must be true or false") }
    return b
  }

  package mutating func sideAndAerialOptions(_ net: JSONValue, into network: inout NetworkOptions) throws {
    if let b = try bool(net["aerial"], "network.aerial") { network.aerial = b }
    if let v = try metres(net["aerial_span_m"], "network.aerial_span_m") {
      guard v > 0 else { throw fail("network.aerial_span_m", "must be > 0") }
      network.aerialSpan = v
    }
    if let b = try bool(net["road_sides"], "network.road_sides") { network.roadSides = b }
    guard let v = net["both_sides_from"], !v.isNull else { return }
    if let from = v.stringValue {
      guard let rank = Self.roadHierarchy.firstIndex(of: from.lowercased()) else {
        throw fail("network.both_sides_from", "'\(from)' is not one of \(Self.roadHierarchy.joined(separator: ", "))")
      }
      network.bothSidesHighways = Set(Self.roadHierarchy[...rank].flatMap { [$0, $0 + "_link"] })
    } else if let items = v.arrayValue, items.allSatisfy({ $0.stringValue != nil }) {
      network.bothSidesHighways = Set(items.compactMap(\.stringValue))
    } else {
      throw fail("network.both_sides_from", "must be a highway class or an array of them")
    }
  }

  package mutating func aerialAndCrossingCosts(_ v: JSONValue, into c: inout TrenchCostModel) throws {
    if let d = try metres(v["aerial_per_m"], "costs.aerial_per_m") { c.aerialPerMetre = d }
    if let d = try metres(v["make_ready_per_pole"], "costs.make_ready_per_pole") { c.makeReadyPerPole = d }
    if let t = v["crossing"], !t.isNull {
      if t.doubleValue != nil, let d = try metres(t, "costs.crossing") {
        c.crossingDefault = d
        c.crossingPerRoad = [:]
      } else if let entries = t.objectValue {
        for e in entries {
          let price = try metres(e.value, "costs.crossing.\(e.key)") ?? 0
          switch e.key {
          case "default": c.crossingDefault = price
          case "rail": c.crossingRail = price
          case "water": c.crossingWater = price
          default: c.crossingPerRoad[e.key] = price
          }
        }
      } else {
        throw fail("costs.crossing", "must be a number or an object of EUR by highway class, default, rail, water")
      }
    }
    if let t = v["crossing_per_road"], !t.isNull {
      guard let entries = t.objectValue else { throw fail("costs.crossing_per_road", "must be an object of EUR") }
      for e in entries { c.crossingPerRoad[e.key] = try metres(e.value, "costs.crossing_per_road.\(e.key)") ?? 0 }
    }
  }
}
