import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The panel beside the map: title, legend (only what the map shows, with counts),
/// a scale bar of a round length and a north arrow.
package struct MapLegend {
  package enum Sample { case line(String), dot(String), ring(String), pop, dataCentre }
  package struct Row { var sample: Sample; var label: String; var count: Int? }
  package struct Section { var heading: String; var rows: [Row] }

  package static let rowHeight = 23
  package var sections: [Section] = []
  package var height: Int

  package init(scene: MapScene) {
    func has(_ c: MapLineClass) -> Bool { scene.lineCount(c) > 0 }
    let trench = (0..<6).contains { has(MapLineClass(rawValue: MapLineClass.trench0.rawValue + UInt8($0))!) }
    let reuse = (0..<6).contains { has(MapLineClass(rawValue: MapLineClass.reuse0.rawValue + UInt8($0))!) }
    var network: [Row] = []
    if trench { network.append(Row(sample: .line("t2"), label: "New trench", count: nil)) }
    if reuse { network.append(Row(sample: .line("u2"), label: "Cable in existing duct", count: nil)) }
    if scene.backbone.start.count > 1 { network.append(Row(sample: .line("bb"), label: "Backbone, data centre to POPs", count: nil)) }
    if has(.ring) { network.append(Row(sample: .line("rg"), label: "Ring route (protected site)", count: nil)) }
    if has(.drop) { network.append(Row(sample: .line("dp"), label: "Drop to building", count: nil)) }
    if has(.road) { network.append(Row(sample: .line("rd"), label: "Road, not used", count: nil)) }
    if has(.duct) { network.append(Row(sample: .line("du"), label: "Existing duct, not used", count: nil)) }
    if has(.boundary) { network.append(Row(sample: .line("mb"), label: "Municipality boundary", count: nil)) }
    if !network.isEmpty { sections.append(Section(heading: "NETWORK", rows: network)) }
    sections += Self.cableSections(scene)

    var marks: [Row] = []
    let drop = scene.maxDropLength.map { "No road within \(HumanNumber.grouped($0)) m" } ?? "No road near enough"
    let entries: [(MapPointClass, String, Bool)] = [
      (.connected, "Building, served", true),
      (.notServable, "Not servable as designed", false),
      (.coverageGap, "Left out: budget or cost per home", false),
      (.noRoad, drop, false),
      (.disconnected, "Road not linked to the POP", false),
      (.noHouseholds, "No households (not a gap)", false),
      (.site, "Site, served", false),
      (.siteUnserved, "Site, not served", false),
    ]
    for (cls, label, always) in entries where always || scene.count(cls) > 0 {
      marks.append(Row(sample: .dot(MapStyle.name(cls)), label: label, count: scene.count(cls)))
    }
    if scene.count(.critical) > 0 {
      marks.append(Row(sample: .ring("ck"), label: "Critical site", count: scene.count(.critical)))
    }
    sections.append(Section(heading: "BUILDINGS AND SITES", rows: marks))

    var equipment: [Row] = []
    // With several POPs the one-POP mark stands for the data centre (MapScene+Hierarchy).
    if !scene.pops.isEmpty {
      equipment.append(Row(sample: .pop, label: "POP (central office)", count: scene.pops.count))
      if scene.pop != nil { equipment.append(Row(sample: .dataCentre, label: "Data centre", count: nil)) }
    } else if scene.pop != nil {
      equipment.append(Row(sample: .pop, label: "POP (central office)", count: nil))
    }
    if scene.count(.cabinet) > 0 { equipment.append(Row(sample: .dot("cb"), label: "Street cabinet", count: scene.count(.cabinet))) }
    if scene.count(.closure) > 0 { equipment.append(Row(sample: .dot("sp"), label: "Splice closure", count: scene.count(.closure))) }
    if !equipment.isEmpty { sections.append(Section(heading: "EQUIPMENT", rows: equipment)) }

    var y = 118
    for s in sections { y += 30 + s.rows.count * Self.rowHeight }
    height = y + 120
  }

  /// With cables: one section per tier listing the installed sizes the plan uses.
  /// Without (no architecture): the trench by the fibres it needs, in factors of 4.
  static func cableSections(_ scene: MapScene) -> [Section] {
    guard scene.cables.isEmpty else {
      var sections: [Section] = []
      for (tier, heading) in [(ArchitecturePlan.Tier.feeder, "FEEDER CABLE, POP TO CABINET"),
                              (.distribution, "DISTRIBUTION CABLE, CABINET ON")] {
        let rows = scene.cableClasses.filter { $0.tier == tier }.map {
          Row(sample: .line(MapStyle.name($0)), label: "\(HumanNumber.grouped($0.fibres)) fibres", count: nil)
        }
        if !rows.isEmpty { sections.append(Section(heading: heading, rows: rows)) }
      }
      return sections
    }
    func has(_ c: MapLineClass) -> Bool { scene.lineCount(c) > 0 }
    var sizes: [Row] = []
    for b in 0..<6 {
      let t = MapLineClass(rawValue: MapLineClass.trench0.rawValue + UInt8(b))!
      let u = MapLineClass(rawValue: MapLineClass.reuse0.rawValue + UInt8(b))!
      guard has(t) || has(u) else { continue }
      let low = MapLineClass.bucketFloor(b)
      let label = b == 5 ? "\(HumanNumber.grouped(low)) or more"
        : "\(HumanNumber.grouped(low))–\(HumanNumber.grouped(MapLineClass.bucketFloor(b + 1) - 1))"
      sizes.append(Row(sample: .line(has(t) ? MapStyle.name(t) : MapStyle.name(u)), label: label, count: nil))
    }
    return sizes.isEmpty ? [] : [Section(heading: "FIBRES NEEDED (NO CABLES DESIGNED)", rows: sizes)]
  }

  package func draw(_ out: inout SVGText, scene: MapScene, frame: MapFrame, height: Int) {
    let x0 = frame.panelX + 24, right = frame.panelX + MapFrame.panelWidth - 24
    out.raw("<g id=\"legend\">\n")
    out.raw("<rect class=\"pn\" x=\"\(frame.panelX)\" y=\"0\" width=\"\(MapFrame.panelWidth)\" height=\"\(height)\"/>\n")
    out.raw("<path class=\"pe\" d=\"M\(frame.panelX).5 0v\(height)\"/>\n")
    let title = scene.title.count > 24 ? String(scene.title.prefix(23)) + "…" : scene.title
    out.raw("<text class=\"tt\" x=\"\(x0)\" y=\"56\">"); out.text(title); out.raw("</text>\n")
    out.raw("<text class=\"sb\" x=\"\(x0)\" y=\"80\">Fibre network plan</text>\n")
    var y = 118
    for s in sections {
      out.raw("<text class=\"lh\" x=\"\(x0)\" y=\"\(y)\">"); out.text(s.heading); out.raw("</text>\n")
      y += 24
      for r in s.rows {
        let cy = y - 4
        switch r.sample {
        case .line(let c): out.raw("<path class=\"\(c)\" d=\"M\(x0) \(cy)h36\"/>")
        case .dot(let c): out.raw("<path class=\"\(c)\" d=\"M\(x0 + 18) \(cy)h0\"/>")
        case .ring(let c): out.raw("<path class=\"sc\" d=\"M\(x0 + 18) \(cy)h0\"/><path class=\"\(c)\" d=\"M\(x0 + 10).5 \(cy)a7.5 7.5 0 1 0 15 0a7.5 7.5 0 1 0 -15 0\"/>")
        case .pop: out.raw("<circle class=\"pp\" cx=\"\(x0 + 18)\" cy=\"\(cy)\" r=\"8\"/>")
        case .dataCentre: out.raw("<circle class=\"dc\" cx=\"\(x0 + 18)\" cy=\"\(cy)\" r=\"9\"/>")
        }
        out.raw("<text class=\"li\" x=\"\(x0 + 50)\" y=\"\(y)\">"); out.text(r.label); out.raw("</text>")
        if let n = r.count {
          out.raw("<text class=\"lc\" x=\"\(right)\" y=\"\(y)\">\(HumanNumber.grouped(n))</text>")
        }
        out.raw("\n")
        y += Self.rowHeight
      }
      y += 6
    }
    scaleBar(&out, frame: frame, x: x0, y: height - 64)
    northArrow(&out, x: right - 14, y: height - 70)
    out.raw("</g>\n")
  }

  /// The longest 1, 2 or 5 × 10ⁿ metres that fits in 200 pixels, in four segments.
  package static func niceLength(metresPerPixel: Double, maxPixels: Double = 200) -> Double {
    let target = maxPixels * metresPerPixel
    guard target.isFinite, target > 0 else { return 1 }
    let p = pow(10, (log10(target)).rounded(.down))
    for m in [5.0, 2.0, 1.0] where m * p <= target { return m * p }
    return p
  }

  package static func lengthLabel(_ metres: Double) -> String {
    if metres >= 1000 {
      let km = metres / 1000
      return (km == km.rounded() ? HumanNumber.grouped(km) : HumanNumber.grouped(km, decimals: 1)) + " km"
    }
    return (metres >= 1 ? HumanNumber.grouped(metres) : HumanNumber.grouped(metres, decimals: 1)) + " m"
  }

  package func scaleBar(_ out: inout SVGText, frame: MapFrame, x: Int, y: Int) {
    let length = Self.niceLength(metresPerPixel: 1 / frame.scale)
    let pixels = SVGText.toTenths(length * frame.scale)
    out.raw("<text class=\"lh\" x=\"\(x)\" y=\"\(y - 16)\">SCALE</text>\n")
    for k in 0..<4 {
      let x1 = x * 10 + pixels * k / 4, x2 = x * 10 + pixels * (k + 1) / 4
      out.raw("<rect class=\"\(k % 2 == 0 ? "sk" : "sw")\" x=\""); out.tenths(x1)
      out.raw("\" y=\"\(y)\" width=\""); out.tenths(x2 - x1); out.raw("\" height=\"7\"/>")
    }
    out.raw("\n<text class=\"li\" x=\"\(x)\" y=\"\(y + 24)\">0</text>")
    out.raw("<text class=\"le\" x=\""); out.tenths(x * 10 + pixels + 10)
    out.raw("\" y=\"\(y + 24)\">"); out.text(Self.lengthLabel(length)); out.raw("</text>\n")
  }

  package func northArrow(_ out: inout SVGText, x: Int, y: Int) {
    out.raw("<path class=\"na\" d=\"M\(x) \(y - 14)L\(x - 10) \(y + 20)L\(x) \(y + 12)z\"/>")
    out.raw("<path class=\"nb\" d=\"M\(x) \(y - 14)L\(x + 10) \(y + 20)L\(x) \(y + 12)z\"/>")
    out.raw("<text class=\"nt\" x=\"\(x)\" y=\"\(y - 20)\">N</text>\n")
  }
}
