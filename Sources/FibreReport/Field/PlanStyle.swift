import FibreCore
import FibreGeo

/// A test on one feature's properties that can be written as a QGIS expression and
/// evaluated here (for KML, which has no expressions).
package indirect enum StyleTest: Sendable {
  case always
  case equals(String, JSONValue)
  case isTrue(String)
  case isNull(String)
  case hasPrefix(String, String)
  case not(StyleTest)
  case and(StyleTest, StyleTest)

  package var expression: String {
    switch self {
    case .always: return ""
    case .equals(let k, .string(let s)): return "\"\(k)\" = '\(s.replacingOccurrences(of: "'", with: "''"))'"
    case .equals(let k, .number(let x)): return "\"\(k)\" = \(JSONText.fixed(x, decimals: x == x.rounded() ? 0 : 6))"
    case .equals(let k, .bool(let b)): return b ? "\"\(k)\"" : "NOT \"\(k)\""
    case .equals(let k, _): return "\"\(k)\" IS NULL"
    case .isTrue(let k): return "\"\(k)\""
    case .isNull(let k): return "\"\(k)\" IS NULL"
    case .hasPrefix(let k, let p): return "\"\(k)\" LIKE '\(p.replacingOccurrences(of: "'", with: "''"))%'"
    case .not(let t): return "NOT (\(t.expression))"
    case .and(let a, let b): return "(\(a.expression)) AND (\(b.expression))"
    }
  }

  package func matches(_ t: FeatureTable, _ f: Int) -> Bool { compiled(t)(f) }

  /// The test with its keys looked up once, for one call per feature.
  package func compiled(_ t: FeatureTable) -> (Int) -> Bool {
    switch self {
    case .always: return { _ in true }
    case .equals(let k, let v):
      let key = t.keyIndex(k)
      return { t.property($0, key) == v }
    case .isTrue(let k):
      let key = t.keyIndex(k)
      return { t.property($0, key)?.boolValue == true }
    case .isNull(let k):
      let key = t.keyIndex(k)
      return { t.property($0, key)?.isNull ?? true }
    case .hasPrefix(let k, let p):
      let key = t.keyIndex(k)
      return { t.property($0, key)?.stringValue?.hasPrefix(p) == true }
    case .not(let s):
      let inner = s.compiled(t)
      return { !inner($0) }
    case .and(let a, let b):
      let x = a.compiled(t), y = b.compiled(t)
      return { x($0) && y($0) }
    }
  }
}

/// How one class of features is drawn, in the units QGIS uses (millimetres on paper).
package struct StyleSymbol: Sendable {
  package enum Shape: String { case circle, square, diamond, triangle, ring }
  package enum Kind { case line(dashed: Bool), marker(Shape), fill(opacity: Double, dashed: Bool) }
  package var kind: Kind
  /// `#rrggbb`.
  package var colour: String
  /// Line width or marker diameter, mm.
  package var size: Double
}

package struct StyleRule: Sendable {
  package var label: String
  package var test: StyleTest
  package var symbol: StyleSymbol
}

/// The plan's look outside plan.svg, with plan.svg's colours: trench by kind, cables by
/// tier and installed size, buildings by outcome (served homes by phase or POP when the
/// plan has them), sites with critical ones ringed, cabinets, POPs, closures, areas.
package enum PlanStyle {
  /// Ten colours told apart on a light map (Tableau 10), for phases and POPs.
  package static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759",
                                "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"]

  /// The rules of one layer, first match first; a feature matching none is not drawn,
  /// so every layer ends with a catch-all.
  package static func rules(_ layer: PlanLayers.Layer, in plan: PlanLayers) -> [StyleRule] {
    func line(_ c: String, _ w: Double, dashed: Bool = false) -> StyleSymbol { .init(kind: .line(dashed: dashed), colour: c, size: w) }
    func mark(_ s: StyleSymbol.Shape, _ c: String, _ d: Double) -> StyleSymbol { .init(kind: .marker(s), colour: c, size: d) }
    switch layer.name {
    case "trench":
      let ring = plan.values(of: "ring", in: layer).isEmpty ? []
        : [StyleRule(label: "Trench for rings only", test: .isTrue("ring"), symbol: line("#c92a2a", 0.7, dashed: true))]
      // With phases, the trench of each phase in its own colour (drops stay as they are).
      let phases = plan.values(of: "phase", in: layer).filter { !$0.isNull }
      let byPhase = phases.enumerated().map { i, v in
        StyleRule(label: "Phase \(v.doubleValue.map { JSONText.fixed($0, decimals: 0) } ?? "?")",
                  test: .and(.not(.equals("kind", .string("drop"))), .equals("phase", v)),
                  symbol: line(palette[i % palette.count], 0.9))
      }
      return ring + byPhase + [StyleRule(label: "New trench", test: .equals("kind", .string("trench")), symbol: line(MapStyle.trenchColour, 0.7)),
              StyleRule(label: "Cable in existing duct", test: .equals("kind", .string("duct_reuse")), symbol: line(MapStyle.reuseColour, 0.7)),
              StyleRule(label: "Cable on existing poles", test: .equals("kind", .string("aerial")), symbol: line(MapStyle.aerialColour, 0.7, dashed: true)),
              StyleRule(label: "Drop to building", test: .equals("kind", .string("drop")), symbol: line("#6fb3d9", 0.25)),
              StyleRule(label: "Other trench", test: .always, symbol: line(MapStyle.trenchColour, 0.5))]
    case "cable": return cableRules(layer, in: plan)
    case "building": return buildingRules(layer, in: plan)
    case "site":
      // As the buildings: a site the trench reaches that the architecture cannot serve
      // is not drawn as served.
      return [StyleRule(label: "Site, served", test: .and(.isTrue("connected"), .isNull("service_gap")), symbol: mark(.square, "#7048e8", 2.6)),
              StyleRule(label: "Site, not servable as designed", test: .isTrue("connected"), symbol: mark(.square, "#ae3ec9", 2.6)),
              StyleRule(label: "Site, not connected", test: .always, symbol: mark(.square, "#f76707", 2.6))]
    case "pop":
      return categorised(layer, in: plan, key: "name", base: mark(.circle, "#111111", 4.2), prefix: "POP")
    case "cabinet":
      return [StyleRule(label: "Street cabinet", test: .always, symbol: mark(.square, MapStyle.cabinetColour, 3.2))]
    case "splice_closure":
      return [StyleRule(label: "Splice closure", test: .always, symbol: mark(.diamond, "#495057", 2.0))]
    case "ring":
      return [StyleRule(label: "Ring route", test: .always, symbol: line("#c92a2a", 0.6, dashed: true))]
    case "backbone":
      return [StyleRule(label: "Backbone", test: .always, symbol: line("#212529", 1.2))]
    case "cabinet_area":
      return [StyleRule(label: "Cabinet area", test: .always, symbol: .init(kind: .fill(opacity: 0.06, dashed: true), colour: MapStyle.cabinetColour, size: 0.3))]
    case "pop_area":
      return categorised(layer, in: plan, key: "pop", base: .init(kind: .fill(opacity: 0.12, dashed: false), colour: "#868e96", size: 0.4), prefix: "POP area")
    case "boundary":
      return [StyleRule(label: "Municipality boundary", test: .always, symbol: .init(kind: .fill(opacity: 0.03, dashed: true), colour: "#8d6fc4", size: 0.45))]
    default:
      switch layer.geometry {
      case .point: return [StyleRule(label: PlanLayers.title(layer.name), test: .always, symbol: mark(.circle, "#495057", 2))]
      case .line: return [StyleRule(label: PlanLayers.title(layer.name), test: .always, symbol: line("#495057", 0.4))]
      case .polygon: return [StyleRule(label: PlanLayers.title(layer.name), test: .always, symbol: .init(kind: .fill(opacity: 0.1, dashed: false), colour: "#495057", size: 0.3))]
      }
    }
  }

  /// Critical sites get a red ring drawn over their square (a second symbol, not a rule).
  package static let criticalRing = StyleSymbol(kind: .marker(.ring), colour: "#c92a2a", size: 5.0)

  /// Feeder in dark red, distribution in blue, one class per installed size with the
  /// width growing with the logarithm of the size: the legend lists the cables bought.
  private static func cableRules(_ layer: PlanLayers.Layer, in plan: PlanLayers) -> [StyleRule] {
    var rules: [StyleRule] = []
    let sizes = plan.values(of: "cable_fibres", in: layer).compactMap(\.doubleValue)
    for (tier, colour) in [("feeder", "#a61e4d"), ("distribution", "#1c5fbd")] {
      for s in sizes {
        let width = 0.3 + 0.22 * log2(max(s, 12) / 12)
        rules.append(StyleRule(label: "\(tier == "feeder" ? "Feeder" : "Distribution"), \(Int(s)) fibres",
                               test: .and(.equals("tier", .string(tier)), .equals("cable_fibres", .number(s))),
                               symbol: .init(kind: .line(dashed: false), colour: colour, size: width)))
      }
    }
    rules.append(StyleRule(label: "Other cable", test: .always, symbol: .init(kind: .line(dashed: false), colour: "#495057", size: 0.3)))
    return rules
  }

  private static func log2(_ x: Double) -> Double {
    var v = x, r = 0.0
    while v >= 2 { v /= 2; r += 1 }
    return r + (v - 1)
  }

  /// Served homes split by `phase` when the plan has phases, else by `pop` when it has
  /// two POPs or more; then every reason a home is not served, as plan.svg draws them.
  private static func buildingRules(_ layer: PlanLayers.Layer, in plan: PlanLayers) -> [StyleRule] {
    let served = StyleTest.and(.isTrue("connected"), .isNull("service_gap"))
    let dot = { (c: String, d: Double) in StyleSymbol(kind: .marker(.circle), colour: c, size: d) }
    var rules: [StyleRule] = []
    let phases = plan.values(of: "phase", in: layer), pops = plan.values(of: "pop", in: layer)
    let (key, values) = !phases.isEmpty ? ("phase", phases) : pops.count >= 2 ? ("pop", pops) : ("", [])
    for (i, v) in values.enumerated() {
      let name = v.stringValue ?? v.doubleValue.map { JSONText.fixed($0, decimals: 0) } ?? "?"
      rules.append(StyleRule(label: "Served, \(key) \(name)", test: .and(served, .equals(key, v)),
                             symbol: dot(palette[i % palette.count], 1.6)))
    }
    rules.append(StyleRule(label: "Served", test: served, symbol: dot("#243b55", 1.6)))
    rules += [
      StyleRule(label: "Connected, not served as designed", test: .isTrue("connected"), symbol: dot("#ae3ec9", 2.2)),
      StyleRule(label: "No households (not a gap)", test: .equals("reason", .string("no_households")), symbol: dot("#b9b9b9", 1.2)),
      StyleRule(label: "No road near enough", test: .hasPrefix("reason", "no_road_within_"), symbol: dot("#f76707", 2.2)),
      StyleRule(label: "Left out: budget or cost per home", test: .hasPrefix("reason", "over_budget"), symbol: dot("#f2c12e", 2.2)),
      StyleRule(label: "Left out: cost per home", test: .hasPrefix("reason", "above_cost_threshold"), symbol: dot("#f2c12e", 2.2)),
      StyleRule(label: "Road not linked to the POP", test: .always, symbol: dot("#d6336c", 2.2)),
    ]
    return rules
  }

  private static func categorised(_ layer: PlanLayers.Layer, in plan: PlanLayers, key: String,
                                  base: StyleSymbol, prefix: String) -> [StyleRule] {
    let values = plan.values(of: key, in: layer)
    guard values.count >= 2 else { return [StyleRule(label: prefix, test: .always, symbol: base)] }
    var rules: [StyleRule] = []
    for (i, v) in values.enumerated() {
      var s = base
      s.colour = palette[i % palette.count]
      rules.append(StyleRule(label: "\(prefix) \(v.stringValue ?? "")", test: .equals(key, v), symbol: s))
    }
    rules.append(StyleRule(label: prefix, test: .always, symbol: base))
    return rules
  }

  /// The property labelled on the map, for the layers that carry one.
  package static func labelField(_ layer: String) -> String? {
    switch layer {
    case "pop", "site": return "name"
    case "cabinet": return "id"
    default: return nil
    }
  }
}
