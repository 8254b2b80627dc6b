#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGeo

/// The report's map as data for the inline script: every layer of plan.geojson with its
/// features, the QGIS/KML style rules (`PlanStyle`) that classify them, and the
/// properties a click shows; behind them the static map's unused roads, ducts and
/// municipality boundaries (`MapScene`), which plan.geojson does not hold.
///
/// Positions are metres in the scene's projection, rounded to whole metres and written
/// as differences along each part: a planning map needs no finer grain, and small
/// integers keep a region of 17,000 features near a megabyte. Output is a pure
/// function of its inputs (layers, rules and features in file order).
package enum InteractiveMap {
  /// The JSON object the script reads. Every `<` is written `\u003c`, so no text from
  /// the data can close the `<script>` element. O(features + positions).
  package static func data(_ layers: PlanLayers, scene: MapScene) -> [UInt8] {
    // About 80 bytes a feature: room for all of it at once, no copy as it grows.
    var out = JSONText(reserving: 96 * layers.table.count + (1 << 20))
    // Most positions were projected for the static map, or occur more than once.
    var positions = scene.treePositions ?? ProjectionCache(scene.projection, capacity: 0)
    positions.reserve(layers.table.points.count)
    out.raw("{\"layers\":[")
    var first = true
    for layer in layers.layers {
      guard !layer.features.isEmpty else { continue }
      if !first { out.raw(",") }
      first = false
      self.layer(&out, layer, table: layers.table, positions: &positions)
    }
    out.raw("],\n\"background\":[")
    background(&out, scene)
    out.raw("],\n\"labels\":[")
    for (i, l) in scene.labels.enumerated() {
      if i > 0 { out.raw(",") }
      out.raw("["); out.string(l.text); out.raw(",")
      out.integer(metres(l.x)); out.raw(","); out.integer(metres(l.y)); out.raw("]")
    }
    out.raw("]}")
    return escapingLessThan(out.bytes)
  }

  /// `bytes` with every `<` written `\u003c`: the runs between them copied whole, and
  /// `bytes` itself when there is none (the usual case; the map is 90 MB at a million homes).
  static func escapingLessThan(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { all -> [UInt8] in
      guard let base = all.baseAddress, memchr(base, Int32(UInt8(ascii: "<")), all.count) != nil else { return bytes }
      var escaped: [UInt8] = []
      escaped.reserveCapacity(all.count + 4096)
      var start = 0
      while let hit = memchr(base + start, Int32(UInt8(ascii: "<")), all.count - start) {
        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        escaped.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<i]))
        escaped.append(contentsOf: "\\u003c".utf8)
        start = i + 1
      }
      escaped.append(contentsOf: UnsafeBufferPointer(rebasing: all[start...]))
      return escaped
    }
  }

  @inline(__always)
  static func metres(_ v: Double) -> Int { v.isFinite ? roundedInt(v) : 0 }

  /// One layer: name, title, geometry, its property columns, the rules that drew at
  /// least one feature, and the features as `[rule, id after idPrefix, parts]`. Sites add `ring`, the
  /// indices of critical sites, drawn with PlanStyle's red ring over their square.
  static func layer(_ out: inout JSONText, _ layer: PlanLayers.Layer, table t: FeatureTable,
                    positions: inout ProjectionCache) {
    let ruleOf = layer.ruleOf
    let (used, kept) = drawingRules(layer.rules, ruleOf: ruleOf)
    let keys = propertyKeys(layer, t)
    let slots = propertySlots(layer, t, keys: keys)
    let n = layer.features.count
    out.raw("\n{\"name\":"); out.string(layer.name)
    out.raw(",\"title\":"); out.string(PlanLayers.title(layer.name))
    out.raw(",\"geometry\":"); out.string(layer.geometry.rawValue)
    out.raw(",\"columns\":[")
    for (i, k) in keys.enumerated() {
      out.raw(i > 0 ? ",\n" : "\n")
      column(&out, t, slots[(i * n)..<((i + 1) * n)], key: k)
    }
    let ids = layer.features.map { f -> String? in
      if case .string(let s)? = t.featureIDs[Int(f)] { return s } else { return nil }
    }
    let prefix = commonPrefix(ids.compactMap { $0 })
    out.raw("],\"idPrefix\":"); out.string(prefix)
    out.raw(",\"rules\":[")
    for (i, rule) in kept.enumerated() {
      if i > 0 { out.raw(",") }
      symbol(&out, rule.label, rule.symbol)
    }
    out.raw("]")
    if layer.name == "site" {
      out.raw(",\"ring\":{\"symbol\":"); symbol(&out, "Critical site", PlanStyle.criticalRing)
      out.raw(",\"features\":[")
      let critical = StyleTest.isTrue("critical").compiled(t)
      var n = 0
      for (i, f) in layer.features.enumerated() where critical(Int(f)) {
        if n > 0 { out.raw(",") }
        out.integer(i); n += 1
      }
      out.raw("]}")
    }
    out.raw(",\"features\":[")
    var line: [(x: Int, y: Int)] = []
    for (i, f) in layer.features.enumerated() {
      out.raw(i > 0 ? ",\n[" : "\n[")
      out.integer(ruleOf[i] >= 0 ? used[Int(ruleOf[i])] : -1); out.raw(",")
      if let id = ids[i] { out.string(id, droppingFirstBytes: prefix.utf8.count) } else { out.raw("null") }
      out.raw(",")
      geometry(&out, t, Int(f), &positions, line: &line)
      out.raw("]")
    }
    out.raw("]}")
  }

  /// The rules that draw at least one feature, in their order, and each rule's index
  /// among those (-1 for a rule that draws none): the layer list shows no empty rows.
  static func drawingRules(_ rules: [StyleRule], ruleOf: [Int32]) -> (index: [Int], kept: [StyleRule]) {
    var drawsSome = [Bool](repeating: false, count: rules.count)
    for r in ruleOf where r >= 0 { drawsSome[Int(r)] = true }
    var index = [Int](repeating: -1, count: rules.count)
    var kept: [StyleRule] = []
    for (i, rule) in rules.enumerated() where drawsSome[i] {
      index[i] = kept.count
      kept.append(rule)
    }
    return (index, kept)
  }

  /// The property keys of a layer's features in first-seen order, without `layer`.
  static func propertyKeys(_ layer: PlanLayers.Layer, _ t: FeatureTable) -> [Int32] {
    let layerKey = t.keyIndex("layer")
    var keys: [Int32] = []
    // Keys are indices into `propertyKeys`: a flag each, no hashing per property.
    var seen = [Bool](repeating: false, count: t.propertyKeys.count)
    for f in layer.features {
      for i in Int(t.featurePropertyStart[Int(f)])..<Int(t.featurePropertyStart[Int(f) + 1]) {
        let k = t.propertyKey[i]
        if k != layerKey && !seen[Int(k)] { seen[Int(k)] = true; keys.append(k) }
      }
    }
    return keys
  }

  /// For each of `keys` (in order) and each feature of the layer, the slot of
  /// `t.propertyValue` holding that property, -1 where absent: key-major, `keys.count`
  /// runs of `features.count`. One pass over the features' properties, where looking
  /// each key up in each feature would scan the feature's properties once per key.
  static func propertySlots(_ layer: PlanLayers.Layer, _ t: FeatureTable, keys: [Int32]) -> [Int32] {
    let n = layer.features.count
    var column = [Int32](repeating: -1, count: t.propertyKeys.count)
    for (i, k) in keys.enumerated() { column[Int(k)] = Int32(i) }
    var slots = [Int32](repeating: -1, count: keys.count * n)
    for (i, f) in layer.features.enumerated() {
      for p in Int(t.featurePropertyStart[Int(f)])..<Int(t.featurePropertyStart[Int(f) + 1]) {
        let c = Int(column[Int(t.propertyKey[p])])
        // The first of a key repeated in one feature, as `FeatureTable.property` reads.
        if c >= 0 && slots[c * n + i] < 0 { slots[c * n + i] = Int32(p) }
      }
    }
    return slots
  }

  static func symbol(_ out: inout JSONText, _ label: String, _ s: StyleSymbol) {
    out.raw("{\"label\":"); out.string(label)
    out.raw(",\"colour\":"); out.string(s.colour)
    out.raw(",\"size\":"); out.number(s.size, decimals: 3)
    switch s.kind {
    case .line(let dashed):
      out.raw(",\"kind\":\"line\",\"dashed\":"); out.bool(dashed)
    case .marker(let shape):
      out.raw(",\"kind\":\"marker\",\"shape\":"); out.string(shape.rawValue)
    case .fill(let opacity, let dashed):
      out.raw(",\"kind\":\"fill\",\"opacity\":"); out.number(opacity, decimals: 3)
      out.raw(",\"dashed\":"); out.bool(dashed)
    }
    out.raw("}")
  }

  /// Parts as `[[x, y, dx, dy, ...], ...]`: the first position absolute, the others as
  /// differences from the one before, so that no rounding error accumulates.
  /// `line` is scratch room for one part's positions, kept from feature to feature.
  static func geometry(_ out: inout JSONText, _ t: FeatureTable, _ f: Int, _ positions: inout ProjectionCache,
                       line: inout [(x: Int, y: Int)]) {
    out.raw("[")
    var separator: StaticString = "["
    for part in t.parts(of: f) {
      line.removeAll(keepingCapacity: true)
      for i in t.pointRange(ofPart: part) where t.points[i].isValid {
        let q = positions.project(t.points[i])
        line.append((x: metres(q.x), y: metres(q.y)))
      }
      if deltaLine(&out, line, opening: separator) { separator = ",[" }
    }
    out.raw("]")
  }

  /// One line as `[x, y, dx, dy, ...]` after `opening`; nothing when it has no point.
  /// Points that round onto the one before add nothing but bytes, so they are left out.
  /// Returns whether the line was written.
  static func deltaLine<Points: Sequence>(_ out: inout JSONText, _ points: Points, opening: StaticString) -> Bool
  where Points.Element == (x: Int, y: Int) {
    var last: (x: Int, y: Int)?
    for p in points {
      if let l = last {
        if p == l { continue }
        out.raw(","); out.integer(p.x - l.x); out.raw(","); out.integer(p.y - l.y)
      } else {
        out.raw(opening)
        out.integer(p.x); out.raw(","); out.integer(p.y)
      }
      last = p
    }
    if last != nil { out.raw("]") }
    return last != nil
  }

  /// One property over a layer's features, `{"key", "values"}` with null where absent,
  /// or for text repeated often (municipality, tier, cost class) `{"key", "words",
  /// "codes"}` with each feature's index into `words` (-1 where absent): a column of
  /// 6,000 municipality names shrinks to one digit or two per feature.
  /// `slots` are the column's run of `propertySlots`.
  static func column(_ out: inout JSONText, _ t: FeatureTable, _ slots: ArraySlice<Int32>, key: Int32) {
    let values = t.propertyValue
    // Each feature's word, -1 where absent. The words stop being gathered once there
    // are too many to be worth it (ids): the values are written then, as they would be.
    let maxWords = max(16, slots.count / 4)
    var words: [String] = [], code: [String: Int] = [:], codes = [Int](repeating: -1, count: slots.count)
    var textOnly = true
    // Neighbours mostly share their word (municipality, status): compared before hashed.
    var lastWord: String? = nil, lastCode = -1
    for (i, slot) in slots.enumerated() where slot >= 0 && !values[Int(slot)].isNull {
      guard case .string(let s) = values[Int(slot)], words.count <= maxWords else { textOnly = false; break }
      if s == lastWord {
        codes[i] = lastCode
      } else if let c = code[s] {
        codes[i] = c
      } else {
        // Past a few dozen words it is likely ids, which gather until they give up: room
        // for all at once, rather than rehashing them at each doubling.
        if words.count == 64 { code.reserveCapacity(min(maxWords + 1, slots.count)) }
        codes[i] = words.count; code[s] = words.count; words.append(s)
      }
      lastWord = s; lastCode = codes[i]
    }
    out.raw("{\"key\":"); out.string(t.propertyKeys[Int(key)])
    if textOnly && words.count <= maxWords {
      out.raw(",\"words\":[")
      for (i, w) in words.enumerated() {
        if i > 0 { out.raw(",") }
        out.string(w)
      }
      out.raw("],\"codes\":[")
      for i in codes.indices {
        if i > 0 { out.raw(",") }
        out.integer(codes[i])
      }
    } else {
      out.raw(",\"values\":[")
      for (i, slot) in slots.enumerated() {
        if i > 0 { out.raw(",") }
        if slot >= 0 { value(&out, values[Int(slot)]) } else { out.raw("null") }
      }
    }
    out.raw("]}")
  }

  /// The longest prefix ending in `/` shared by every id ("cable/"), written once.
  static func commonPrefix(_ ids: [String]) -> String {
    guard var prefix = ids.first.map({ Array($0.utf8) }) else { return "" }
    for id in ids.dropFirst() {
      // Compared in place: a million ids are not copied.
      var n = 0
      for c in id.utf8 {
        guard n < prefix.count && prefix[n] == c else { break }
        n += 1
      }
      if n < prefix.count { prefix.removeSubrange(n...) }
    }
    while let l = prefix.last, l != UInt8(ascii: "/") { prefix.removeLast() }
    return String(decoding: prefix, as: UTF8.self)
  }

  static func value(_ out: inout JSONText, _ v: JSONValue) {
    switch v {
    case .null: out.raw("null")
    case .bool(let b): out.bool(b)
    case .number(let x): out.number(x, decimals: 6)
    case .string(let s): out.string(s)
    case .array(let a):
      out.raw("[")
      for (i, e) in a.enumerated() {
        if i > 0 { out.raw(",") }
        value(&out, e)
      }
      out.raw("]")
    case .object(let members):
      out.raw("{")
      for (i, m) in members.enumerated() {
        if i > 0 { out.raw(",") }
        out.key(m.key); value(&out, m.value)
      }
      out.raw("}")
    }
  }

  /// The static map's context that plan.geojson leaves out: unused roads and ducts and
  /// the municipality boundaries, as `{title, colour, size, dashed, lines}`.
  static func background(_ out: inout JSONText, _ scene: MapScene) {
    let classes: [(MapLineClass, String, String, Double, Bool)] = [
      (.boundary, "Municipality boundaries", "#8d6fc4", 0.45, true),
      (.road, "Roads, not used", "#bcbcbc", 0.3, false),
      (.duct, "Existing ducts, not used", "#c4a574", 0.3, true),
    ]
    var first = true
    for (cls, title, colour, size, dashed) in classes where scene.lineCount(cls) > 0 {
      if !first { out.raw(",") }
      first = false
      out.raw("\n{\"name\":"); out.string(MapStyle.name(cls))
      out.raw(",\"title\":"); out.string(title)
      out.raw(",\"colour\":"); out.string(colour)
      out.raw(",\"size\":"); out.number(size, decimals: 3)
      out.raw(",\"dashed\":"); out.bool(dashed)
      out.raw(",\"lines\":[")
      polylines(&out, scene.lines[Int(cls.rawValue)])
      out.raw("]}")
    }
  }

  static func polylines(_ out: inout JSONText, _ lines: MapPolylines) {
    var separator: StaticString = "["
    for i in 0..<(lines.start.count - 1) {
      let points = (Int(lines.start[i])..<Int(lines.start[i + 1])).lazy.map { k in
        (x: metres(lines.x[k]), y: metres(lines.y[k]))
      }
      if deltaLine(&out, points, opening: separator) { separator = ",\n[" }
    }
  }
}
