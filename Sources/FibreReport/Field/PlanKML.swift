import FibreCore
import FibreGeo

/// plan.kml for Google Earth and councils' viewers (OGC KML 2.2): one folder per plan
/// layer, one shared style per style class of `PlanStyle`, and each placemark's
/// properties as an HTML table in its `<description>`. Every feature of plan.geojson
/// becomes one placemark, so the per-layer counts match (features without geometry
/// included: KML allows a placemark without one). O(features + points).
package enum PlanKML {
  package static func kml(_ plan: PlanLayers, title: String) -> [UInt8] {
    var bytes: [UInt8] = []
    write(plan, title: title) { bytes += $0 }
    return bytes
  }

  /// The file in consecutive chunks of about `chunkBytes` each (whole placemarks),
  /// handed to `sink` as they are made: a million homes make 700 MB of KML, which a
  /// sink that writes them out never holds at once.
  package static func write(_ plan: PlanLayers, title: String, chunkBytes: Int = 1 << 20, to sink: ([UInt8]) -> Void) {
    let t = plan.table
    var out = XMLText(reserving: min(400 * t.count, chunkBytes) + 4096)
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n")
    out.element("name", title); out.raw("\n")
    for layer in plan.layers {
      let rules = layer.rules
      for (i, r) in rules.enumerated() { style(&out, id: "\(layer.name)-\(i)", r.symbol, critical: false) }
      if layer.name == "site" {
        for (i, r) in rules.enumerated() { style(&out, id: "\(layer.name)-\(i)-critical", r.symbol, critical: true) }
      }
    }
    let criticalKey = t.keyIndex("critical")
    // Each key's table cell is the same in every placemark: escaped once, as the table's
    // first or after closing the cell before it (fewer appends a placemark).
    let keyCells = KeyCells(t.propertyKeys)
    for layer in plan.layers {
      out.raw("<Folder>"); out.element("name", PlanLayers.title(layer.name)); out.raw("\n")
      let labelKey = PlanStyle.labelField(layer.name).flatMap { t.keyIndex($0) }
      // The style reference of each rule, plain and (sites) critical, between the name
      // and the description, written once.
      let styleURL = (0..<max(layer.rules.count, 1)).map { i in
        [false, true].map {
          Array("</name><styleUrl>#\(layer.name)-\(i)\($0 ? "-critical" : "")</styleUrl><description><![CDATA[<table>".utf8)
        }
      }
      for (i, f32) in layer.features.enumerated() {
        let f = Int(f32)
        let rule = layer.ruleOf[i] >= 0 ? Int(layer.ruleOf[i]) : max(layer.rules.count - 1, 0)
        let critical = layer.name == "site" && t.property(f, criticalKey)?.boolValue == true
        let name = t.property(f, labelKey)?.stringValue ?? t.featureIDs[f]?.stringValue ?? PlanLayers.title(layer.name)
        out.raw("<Placemark><name>"); out.text(name)
        out.bytes.append(contentsOf: styleURL[rule][critical ? 1 : 0])
        description(&out, t, f, keyCells: keyCells)
        geometry(&out, t, f)
        out.raw("</Placemark>\n")
        if out.bytes.count >= chunkBytes {
          sink(out.bytes)
          // The same pages again for the next chunk: fresh ones cost a page fault each.
          out.bytes.removeAll(keepingCapacity: true)
        }
      }
      out.raw("</Folder>\n")
    }
    out.raw("</Document>\n</kml>\n")
    sink(out.bytes)
  }

  /// `#rrggbb` with an opacity as KML's `aabbggrr`.
  package static func colour(_ hex: String, opacity: Double = 1) -> String {
    let h = Array(hex.dropFirst())
    guard h.count == 6 else { return "ff000000" }
    let a = String(Int((opacity * 255).rounded()), radix: 16)
    return (a.count == 1 ? "0" + a : a) + String(h[4...5]) + String(h[2...3]) + String(h[0...1])
  }

  private static func style(_ out: inout XMLText, id: String, _ s: StyleSymbol, critical: Bool) {
    out.raw("<Style id=\"\(id)\">")
    // Millimetres on paper to screen pixels, roughly 3.8 px per mm.
    let pixels = JSONText.fixed(max(s.size * 3.8, 1), decimals: 1)
    switch s.kind {
    case .line:
      out.raw("<LineStyle><color>\(colour(s.colour))</color><width>\(pixels)</width></LineStyle>")
    case .marker(let shape):
      let icon = shape == .square || shape == .diamond ? "square" : "shaded_dot"
      out.raw("<IconStyle><color>\(colour(s.colour))</color><scale>\(JSONText.fixed(max(s.size / 4, 0.3), decimals: 2))</scale>")
      out.raw("<Icon><href>http://maps.google.com/mapfiles/kml/shapes/\(icon).png</href></Icon></IconStyle>")
      out.raw("<LabelStyle><scale>\(critical ? "0.9" : "0.7")</scale>\(critical ? "<color>ff2a2ac9</color>" : "")</LabelStyle>")
    case .fill(let opacity, _):
      out.raw("<LineStyle><color>\(colour(s.colour))</color><width>\(pixels)</width></LineStyle>")
      out.raw("<PolyStyle><color>\(colour(s.colour, opacity: max(opacity, 0.05)))</color></PolyStyle>")
    }
    out.raw("</Style>\n")
  }

  /// The properties as a two-column HTML table, escaped, after the opening of the CDATA
  /// and the table; `keyCells[1]` close the cell before theirs.
  private static func description(_ out: inout XMLText, _ t: FeatureTable, _ f: Int, keyCells: KeyCells) {
    var open = 0
    if let id = t.featureIDs[f].map(text) {
      out.raw("<tr><th>id</th><td>"); out.text(id); open = 1
    }
    for i in Int(t.featurePropertyStart[f])..<Int(t.featurePropertyStart[f + 1]) {
      keyCells.append(key: t.propertyKey[i], closing: open == 1, to: &out.bytes)
      open = 1
      switch t.propertyValue[i] {
      case .number(let x): out.number(x, decimals: 6)
      case .string(let s): out.text(s)
      case let v: out.text(text(v))
      }
    }
    out.raw(open == 1 ? "</td></tr></table>]]></description>" : "</table>]]></description>")
  }

  package static func text(_ v: JSONValue) -> String {
    switch v {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : JSONText.fixed(x, decimals: 6)
    case .array(let a): return a.map(text).joined(separator: ", ")
    case .object(let o): return o.map { "\($0.key): \(text($0.value))" }.joined(separator: ", ")
    }
  }

  private static func geometry(_ out: inout XMLText, _ t: FeatureTable, _ f: Int) {
    let parts = t.parts(of: f)
    func positions(_ p: Int) {
      for (n, i) in t.pointRange(ofPart: p).enumerated() {
        if n > 0 { out.raw(UInt8(ascii: " ")) }
        out.number(t.points[i].lon, decimals: 7); out.raw(UInt8(ascii: ",")); out.number(t.points[i].lat, decimals: 7)
      }
    }
    func coordinates(_ p: Int) {
      out.raw("<coordinates>"); positions(p); out.raw("</coordinates>")
    }
    switch t.geometryTypes[f] {
    case .point:
      if let p = parts.first { out.raw("<Point><coordinates>"); positions(p); out.raw("</coordinates></Point>") }
    case .multiPoint:
      out.raw("<MultiGeometry>")
      for p in parts { out.raw("<Point>"); coordinates(p); out.raw("</Point>") }
      out.raw("</MultiGeometry>")
    case .lineString:
      if let p = parts.first { out.raw("<LineString><tessellate>1</tessellate>"); coordinates(p); out.raw("</LineString>") }
    case .multiLineString:
      out.raw("<MultiGeometry>")
      for p in parts { out.raw("<LineString><tessellate>1</tessellate>"); coordinates(p); out.raw("</LineString>") }
      out.raw("</MultiGeometry>")
    case .polygon, .multiPolygon:
      let multi = t.geometryTypes[f] == .multiPolygon
      if multi { out.raw("<MultiGeometry>") }
      var open = false
      for p in parts {
        if t.partStartsPolygon[p] {
          if open { out.raw("</Polygon>") }
          out.raw("<Polygon><outerBoundaryIs><LinearRing>"); coordinates(p); out.raw("</LinearRing></outerBoundaryIs>")
          open = true
        } else if open {
          out.raw("<innerBoundaryIs><LinearRing>"); coordinates(p); out.raw("</LinearRing></innerBoundaryIs>")
        }
      }
      if open { out.raw("</Polygon>") }
      if multi { out.raw("</MultiGeometry>") }
    case .null, .geometryCollection:
      break
    }
  }
}

/// Each key's table cell, the same in every placemark: escaped once, as the table's
/// first or after closing the cell before it (fewer appends a placemark). All of them
/// in one buffer, so a placemark's cells are copied without an array of arrays each.
private struct KeyCells {
  private var bytes: [UInt8] = []
  /// Cell `c` (`closing` keys after the others) is `bytes[start[c] ..< start[c + 1]]`.
  private var start: [Int] = [0]
  private let keyCount: Int

  init(_ keys: [String]) {
    keyCount = keys.count
    var cell = XMLText(reserving: 64 * keys.count + 64)
    for closing in [false, true] {
      for key in keys {
        cell.raw(closing ? "</td></tr><tr><th>" : "<tr><th>"); cell.text(key); cell.raw("</th><td>")
        start.append(cell.bytes.count)
      }
    }
    bytes = cell.bytes
  }

  func append(key: Int32, closing: Bool, to out: inout [UInt8]) {
    let c = (closing ? keyCount : 0) + Int(key)
    bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start[c]..<start[c + 1]])) }
  }
}
