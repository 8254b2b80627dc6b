import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

extension MapScene {
  /// The scene of a plan read back from plan.geojson, styled by the properties the plan
  /// writer documents: `layer` (trench, cable, ring, cabinet, splice_closure, pop, site,
  /// building), `kind`, `fibres`, `tier`, `cable_fibres`, `connected`, `reason`,
  /// `service_gap` and `critical`. Line features without a known layer are
  /// drawn as roads; other unknown features are left out. A plan file holds only the
  /// trench tree, so unused roads and boundaries appear only when the file has them.
  /// O(features + points).
  public init(features t: FeatureTable, title: String, attribution: String?) {
    var box = BoundingBox()
    for p in t.points where p.isValid { box.add(p) }
    self.init(title: title, attribution: attribution, projection: LocalProjection(fitting: box))
    var reader = PlanFeatureReader(t)
    for f in 0..<t.count { reader.add(f, to: &self) }
    // As MapScene(plan:) has them: one POP is `pop`; in a regional plan `pop` is the
    // data centre and `pops` are the POPs by name.
    if let dataCentre = reader.dataCentre {
      pop = dataCentre
      pops = reader.popMarks
    } else if reader.popMarks.count == 1 {
      pop = (reader.popMarks[0].x, reader.popMarks[0].y)
    } else {
      pops = reader.popMarks
    }
  }
}

/// Reads plan.geojson's features into a scene, one at a time, by the properties the
/// plan writer documents.
private struct PlanFeatureReader {
  let t: FeatureTable
  let layerKey, kindKey, fibresKey, connectedKey, reasonKey, criticalKey, serviceGapKey, tierKey, cableFibresKey,
      nameKey: Int32?
  var popMarks: [(x: Double, y: Double, name: String)] = []
  var dataCentre: (x: Double, y: Double)?

  init(_ t: FeatureTable) {
    self.t = t
    layerKey = t.keyIndex("layer"); kindKey = t.keyIndex("kind"); fibresKey = t.keyIndex("fibres")
    connectedKey = t.keyIndex("connected"); reasonKey = t.keyIndex("reason")
    criticalKey = t.keyIndex("critical"); serviceGapKey = t.keyIndex("service_gap")
    tierKey = t.keyIndex("tier"); cableFibresKey = t.keyIndex("cable_fibres"); nameKey = t.keyIndex("name")
  }

  func lines(_ f: Int, _ cls: MapLineClass, into scene: inout MapScene) {
    let closed = t.geometryTypes[f] == .polygon || t.geometryTypes[f] == .multiPolygon
    for part in t.parts(of: f) { scene.addLine(cls, t.points[t.pointRange(ofPart: part)], closed: closed) }
  }

  func firstPoint(_ f: Int) -> LonLat? {
    guard t.geometryTypes[f] == .point, let part = t.parts(of: f).first else { return nil }
    let r = t.pointRange(ofPart: part)
    return r.isEmpty ? nil : t.points[r.lowerBound]
  }

  /// A `fibres`-like property as a positive count (1 when missing or absurd).
  func count(_ f: Int, _ key: Int32?) -> Int {
    let x = t.property(f, key)?.doubleValue ?? 1
    return x.isFinite ? Int(max(1, min(x, 1e9))) : 1
  }

  mutating func add(_ f: Int, to scene: inout MapScene) {
    let layer = t.property(f, layerKey)?.stringValue
    switch layer {
    case "trench":
      lines(f, .cable(Self.edgeKind(t.property(f, kindKey)?.stringValue), fibres: count(f, fibresKey)), into: &scene)
    case "cable":
      let tier = ArchitecturePlan.Tier(rawValue: t.property(f, tierKey)?.stringValue ?? "") ?? .distribution
      for part in t.parts(of: f) { scene.addCable(tier, fibres: count(f, cableFibresKey), t.points[t.pointRange(ofPart: part)]) }
    case "ring":
      lines(f, .ring, into: &scene)
    case "cabinet", "splice_closure":
      if let p = firstPoint(f) { scene.addMark(layer == "cabinet" ? .cabinet : .closure, p) }
    case "backbone":
      for part in t.parts(of: f) {
        scene.backbone.append(t.points[t.pointRange(ofPart: part)], projection: scene.projection, closed: false)
      }
    case "data_centre":
      if let p = firstPoint(f), p.isValid { dataCentre = scene.projection.project(p) }
    case "cabinet_area", "pop_area":
      // Drawn in QGIS and the report; the static map keeps to the network itself.
      break
    case "pop":
      if let p = firstPoint(f), p.isValid {
        let q = scene.projection.project(p)
        popMarks.append((q.x, q.y, t.property(f, nameKey)?.stringValue ?? "POP"))
      }
    case "site", "building":
      addDemand(f, site: layer == "site", to: &scene)
    default:
      switch t.geometryTypes[f] {
      case .lineString, .multiLineString: lines(f, .road, into: &scene)
      case .polygon, .multiPolygon: lines(f, .boundary, into: &scene)
      default: break
      }
    }
  }

  static func edgeKind(_ name: String?) -> EdgeKind {
    switch name {
    case "drop": return .drop
    case "duct_reuse": return .ductReuse
    case "aerial": return .aerial
    case "crossing": return .crossing
    default: return .trench
    }
  }

  /// Sites: served or not, ringed when critical. Buildings: by outcome and reason.
  func addDemand(_ f: Int, site: Bool, to scene: inout MapScene) {
    guard let p = firstPoint(f) else { return }
    let connected = t.property(f, connectedKey)?.boolValue ?? true
    let gap = t.property(f, serviceGapKey).map { !$0.isNull } ?? false
    if site {
      scene.addMark(connected && !gap ? .site : .siteUnserved, p)
      if t.property(f, criticalKey)?.boolValue == true { scene.addMark(.critical, p) }
      return
    }
    if connected {
      scene.addMark(gap ? .notServable : .connected, p)
      return
    }
    let reason = t.property(f, reasonKey)?.stringValue ?? ""
    if reason == "no_households" {
      scene.addMark(.noHouseholds, p)
    } else if reason.hasPrefix("no_road_within_") {
      scene.addMark(.noRoad, p)
      if scene.maxDropLength == nil, let m = Double(reason.dropFirst(15).dropLast()) { scene.maxDropLength = m }
    } else if reason == "over_budget" || reason == "above_cost_threshold" {
      scene.addMark(.coverageGap, p)
    } else if reason == "optical_budget" || reason == "pop_capacity" {
      scene.addMark(.notServable, p)
    } else {
      scene.addMark(.disconnected, p)
    }
  }
}
