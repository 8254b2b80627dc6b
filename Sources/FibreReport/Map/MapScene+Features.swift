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
    let layerKey = t.keyIndex("layer"), kindKey = t.keyIndex("kind"), fibresKey = t.keyIndex("fibres")
    let connectedKey = t.keyIndex("connected"), reasonKey = t.keyIndex("reason")
    let criticalKey = t.keyIndex("critical"), serviceGapKey = t.keyIndex("service_gap")
    let tierKey = t.keyIndex("tier"), cableFibresKey = t.keyIndex("cable_fibres")

    func lines(_ f: Int, _ cls: MapLineClass) {
      for part in t.parts(of: f) {
        let closed = t.geometryTypes[f] == .polygon || t.geometryTypes[f] == .multiPolygon
        addLine(cls, t.points[t.pointRange(ofPart: part)], closed: closed)
      }
    }
    func firstPoint(_ f: Int) -> LonLat? {
      guard t.geometryTypes[f] == .point, let part = t.parts(of: f).first else { return nil }
      let r = t.pointRange(ofPart: part)
      return r.isEmpty ? nil : t.points[r.lowerBound]
    }

    // As MapScene(plan:) has them: one POP is `pop`; in a regional plan `pop` is the
    // data centre and `pops` are the POPs by name.
    var popMarks: [(x: Double, y: Double, name: String)] = []
    var dataCentre: (x: Double, y: Double)?
    for f in 0..<t.count {
      let layer = t.property(f, layerKey)?.stringValue
      let connected = t.property(f, connectedKey)?.boolValue ?? true
      switch layer {
      case "trench":
        let kind: EdgeKind
        switch t.property(f, kindKey)?.stringValue {
        case "drop": kind = .drop
        case "duct_reuse": kind = .ductReuse
        default: kind = .trench
        }
        let fibres = t.property(f, fibresKey)?.doubleValue ?? 1
        lines(f, .cable(kind, fibres: fibres.isFinite ? Int(max(1, min(fibres, 1e9))) : 1))
      case "cable":
        let tier = ArchitecturePlan.Tier(rawValue: t.property(f, tierKey)?.stringValue ?? "") ?? .distribution
        let fibres = t.property(f, cableFibresKey)?.doubleValue ?? 1
        for part in t.parts(of: f) {
          addCable(tier, fibres: fibres.isFinite ? Int(max(1, min(fibres, 1e9))) : 1, t.points[t.pointRange(ofPart: part)])
        }
      case "ring":
        lines(f, .ring)
      case "cabinet", "splice_closure":
        if let p = firstPoint(f) { addMark(layer == "cabinet" ? .cabinet : .closure, p) }
      case "backbone":
        for part in t.parts(of: f) { backbone.append(t.points[t.pointRange(ofPart: part)], projection: projection, closed: false) }
      case "data_centre":
        if let p = firstPoint(f), p.isValid { dataCentre = projection.project(p) }
      case "cabinet_area", "pop_area":
        // Drawn in QGIS and the report; the static map keeps to the network itself.
        break
      case "pop":
        if let p = firstPoint(f), p.isValid {
          let q = projection.project(p)
          popMarks.append((q.x, q.y, t.property(f, t.keyIndex("name"))?.stringValue ?? "POP"))
        }
      case "site":
        guard let p = firstPoint(f) else { continue }
        let gap = t.property(f, serviceGapKey).map { !$0.isNull } ?? false
        addMark(connected && !gap ? .site : .siteUnserved, p)
        if t.property(f, criticalKey)?.boolValue == true { addMark(.critical, p) }
      case "building":
        guard let p = firstPoint(f) else { continue }
        let gap = t.property(f, serviceGapKey).map { !$0.isNull } ?? false
        if connected {
          addMark(gap ? .notServable : .connected, p)
        } else {
          let reason = t.property(f, reasonKey)?.stringValue ?? ""
          if reason == "no_households" {
            addMark(.noHouseholds, p)
          } else if reason.hasPrefix("no_road_within_") {
            addMark(.noRoad, p)
            if maxDropLength == nil, let m = Double(reason.dropFirst(15).dropLast()) { maxDropLength = m }
          } else if reason == "over_budget" || reason == "above_cost_threshold" {
            addMark(.coverageGap, p)
          } else if reason == "optical_budget" || reason == "pop_capacity" {
            addMark(.notServable, p)
          } else {
            addMark(.disconnected, p)
          }
        }
      default:
        switch t.geometryTypes[f] {
        case .lineString, .multiLineString: lines(f, .road)
        case .polygon, .multiPolygon: lines(f, .boundary)
        default: break
        }
      }
    }
    if let dataCentre {
      pop = dataCentre
      pops = popMarks
    } else if popMarks.count == 1 {
      pop = (popMarks[0].x, popMarks[0].y)
    } else {
      pops = popMarks
    }
  }
}
