import FibreCore
import FibreGeo

/// The plan.geojson read back as its layers: which `layer` values occur, in which
/// order, how many features each has, its geometry, and the property values the styles
/// split on. Shared by the QGIS project and the KML writer, so that both can be made
/// from any plan.geojson and not only from a plan in memory. O(features).
package struct PlanLayers {
  package enum Geometry: String { case point = "Point", line = "Line", polygon = "Polygon" }

  package struct Layer {
    package var name: String
    package var geometry: Geometry
    /// Features of this layer, in file order.
    package var features: [Int32]
    /// `PlanStyle.rules` of the layer, and for each feature the first rule it passes (-1
    /// for none): made once for the KML, the QGIS project and the report's map.
    package var rules: [StyleRule] = []
    package var ruleOf: [Int32] = []
  }

  package var table: FeatureTable
  package var layers: [Layer]
  /// West, south, east, north of every valid position, degrees.
  package var extent: (west: Double, south: Double, east: Double, north: Double)

  package init(_ table: FeatureTable) {
    self.table = table
    let layerKey = table.keyIndex("layer")
    var index: [String: Int] = [:]
    var layers: [Layer] = []
    for f in 0..<table.count {
      let name = table.property(f, layerKey)?.stringValue ?? "other"
      let k: Int
      if let i = index[name] {
        k = i
      } else {
        k = layers.count
        index[name] = k
        layers.append(Layer(name: name, geometry: .point, features: []))
      }
      layers[k].features.append(Int32(f))
    }
    for k in layers.indices {
      let first = layers[k].features.lazy.map { table.geometryTypes[Int($0)] }.first { $0 != .null } ?? .point
      switch first {
      case .lineString, .multiLineString: layers[k].geometry = .line
      case .polygon, .multiPolygon: layers[k].geometry = .polygon
      default: layers[k].geometry = .point
      }
    }
    // Drawn top to bottom: points over lines over areas, known layers in a fixed order.
    layers.sort { Self.drawOrder($0.name) < Self.drawOrder($1.name) }
    self.layers = layers
    var w = 180.0, s = 90.0, e = -180.0, n = -90.0
    for p in table.points where p.isValid {
      w = min(w, p.lon); e = max(e, p.lon); s = min(s, p.lat); n = max(n, p.lat)
    }
    if w > e { (w, s, e, n) = (0, 0, 0, 0) }
    extent = (w, s, e, n)
    let styled = self.layers.map { layer -> (rules: [StyleRule], ruleOf: [Int32]) in
      let rules = PlanStyle.rules(layer, in: self)
      let tests = rules.map { $0.test.compiled(table) }
      return (rules, layer.features.map { f in Int32(tests.firstIndex { $0(Int(f)) } ?? -1) })
    }
    for k in self.layers.indices { (self.layers[k].rules, self.layers[k].ruleOf) = styled[k] }
  }

  /// The name of the plan's first POP ("POP" when it has none): the `pop` of every
  /// home in a plan of one POP.
  package var popName: String {
    layers.first { $0.name == "pop" }?.features.first
      .flatMap { table.property(Int($0), table.keyIndex("name"))?.stringValue } ?? "POP"
  }

  package static let order = ["pop", "site", "cabinet", "splice_closure", "building", "ring", "backbone",
                              "cable", "trench", "cabinet_area", "pop_area", "boundary"]

  private static func drawOrder(_ name: String) -> Int {
    order.firstIndex(of: name) ?? order.count - 3
  }

  /// The distinct string (or integral number) values of `key` among `layer`'s features,
  /// sorted (numbers numerically). Empty when the key is absent.
  package func values(of key: String, in layer: Layer) -> [JSONValue] {
    guard let k = table.keyIndex(key) else { return [] }
    var seen = Set<JSONValue>()
    for f in layer.features {
      if let v = table.property(Int(f), k), !v.isNull { seen.insert(v) }
    }
    return seen.sorted { a, b in
      switch (a, b) {
      case (.number(let x), .number(let y)): return x < y
      case (.string(let x), .string(let y)): return x < y
      case (.number, _): return true
      default: return false
      }
    }
  }

  /// A title for a layer value: "splice_closure" reads "Splice closures".
  package static func title(_ name: String) -> String {
    switch name {
    case "pop": return "POPs"
    case "site": return "Sites"
    case "cabinet": return "Cabinets"
    case "splice_closure": return "Splice closures"
    case "building": return "Buildings"
    case "ring": return "Ring routes"
    case "backbone": return "Backbone"
    case "cable": return "Cables"
    case "trench": return "Trench"
    case "cabinet_area": return "Cabinet areas"
    case "pop_area": return "POP areas"
    case "boundary": return "Boundaries"
    default:
      let words = name.split(separator: "_").map(String.init)
      return words.enumerated().map { $0.offset == 0 ? $0.element.prefix(1).uppercased() + $0.element.dropFirst() : $0.element }
        .joined(separator: " ")
    }
  }

  /// UTM zone of the extent's centre: EPSG 326zz north of the equator, 327zz south.
  package var utm: (zone: Int, north: Bool, epsg: Int) {
    let lon = (extent.west + extent.east) / 2, lat = (extent.south + extent.north) / 2
    let zone = min(max(Int(((lon + 180) / 6).rounded(.down)) + 1, 1), 60)
    let north = lat >= 0
    return (zone, north, (north ? 32600 : 32700) + zone)
  }
}
