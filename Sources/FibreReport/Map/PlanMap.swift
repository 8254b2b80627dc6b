import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// How a plan map is laid out.
public struct PlanMapOptions: Sendable {
  /// Width of the whole picture in pixels (map plus legend panel).
  public var width: Int
  /// The tallest the map may be, pixels; wider-than-tall regions get less.
  public var maxMapHeight: Int

  public init(width: Int = 1600, maxMapHeight: Int = 1800) {
    self.width = max(width, 600)
    self.maxMapHeight = max(maxMapHeight, 300)
  }
}

/// Draws plans as SVG maps: roads in light grey, the trench tree coloured by kind with
/// cable width growing with the logarithm of the fibre count, buildings and sites by
/// outcome with gaps in a warning colour, municipality boundaries, a legend, a scale
/// bar, north and the data attribution.
///
/// Every style class is one `<path>` of many subpaths and styles live in one `<style>`
/// block, with coordinates in tenths of a pixel, so a region of 5,000 buildings stays
/// well under 5 MB; marks are zero-length subpaths drawn by their round or square caps.
/// The output is a pure function of the plan: byte-identical across runs.
public enum PlanMap {
  /// The SVG of a finished plan. O(network geometry + buildings).
  /// With a `rollout`, trench is coloured by phase; with `rings`, the ring routes are drawn.
  public static func svg(_ plan: FibrePlanResult, options: PlanMapOptions = .init(), rings: RingDesign? = nil,
                         rollout: Rollout? = nil) -> [UInt8] {
    var scene = MapScene(plan: plan)
    if let rings { scene.addRings(rings, plan: plan) }
    if let rollout { scene.addPhases(rollout, plan: plan) }
    return svg(scene, options: options)
  }

  /// The SVG of a scene (from a plan or from a plan.geojson). O(scene size).
  public static func svg(_ scene: MapScene, options: PlanMapOptions = .init()) -> [UInt8] {
    let legend = MapLegend(scene: scene)
    let frame = MapFrame(scene: scene, options: options, minHeight: legend.height)
    let height = frame.height
    var out = SVGText(reserving: 1 << 20)
    out.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(frame.width)\" height=\"\(height)\" viewBox=\"0 0 \(frame.width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n")
    out.raw("<title>"); out.text("fibreplan: \(scene.title)"); out.raw("</title>\n")
    out.raw("<style>\n\(MapStyle.css(scale: frame.scale, scene: scene))</style>\n")
    out.raw("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(frame.panelX)\" height=\"\(height)\"/>\n")
    out.raw("<g id=\"map\">\n")
    // Trench, then the cables on it, then the ring routes over both.
    for cls in MapLineClass.allCases where cls != .ring {
      path(&out, MapStyle.name(cls), scene.lines[Int(cls.rawValue)], frame)
    }
    for c in scene.cableClasses { path(&out, MapStyle.name(c), scene.cables[c]!, frame) }
    path(&out, MapStyle.name(.ring), scene.lines[Int(MapLineClass.ring.rawValue)], frame)
    drawPhases(&out, scene, frame)
    for label in scene.labels {
      let p = frame.pixel(label.x, label.y)
      out.raw("<text class=\"ml\" x=\""); out.tenths(p.x); out.raw("\" y=\""); out.tenths(p.y); out.raw("\">")
      out.text(label.text); out.raw("</text>\n")
    }
    for cls in MapPointClass.allCases {
      let marks = scene.points[Int(cls.rawValue)]
      guard !marks.x.isEmpty else { continue }
      // Cabinets stand out from the cable under them on a white square.
      if cls == .cabinet { out.raw("<path class=\"cw\" d=\""); dots(&out, marks, frame); out.raw("\"/>\n") }
      out.raw("<path class=\"\(MapStyle.name(cls))\" d=\"")
      if cls == .critical { rings(&out, marks, frame, radius: 75) } else { dots(&out, marks, frame) }
      out.raw("\"/>\n")
    }
    if scene.popAreas.start.count > 1 {
      out.raw("<path class=\"pa\" d=\""); pathData(&out, scene.popAreas, frame); out.raw("\"/>\n")
    }
    if scene.backbone.start.count > 1 {
      out.raw("<path class=\"bb\" d=\""); pathData(&out, scene.backbone, frame); out.raw("\"/>\n")
    }
    for pop in scene.pops {
      let p = frame.pixel(pop.x, pop.y)
      out.raw("<circle class=\"pp\" cx=\""); out.tenths(p.x); out.raw("\" cy=\""); out.tenths(p.y); out.raw("\" r=\"9\"/>\n")
      out.raw("<text class=\"pl\" x=\""); out.tenths(p.x + 140); out.raw("\" y=\""); out.tenths(p.y + 55); out.raw("\">")
      out.text(pop.name); out.raw("</text>\n")
    }
    if let pop = scene.pop {
      // With several POPs this mark is the data centre.
      let p = frame.pixel(pop.x, pop.y)
      let dc = !scene.pops.isEmpty
      out.raw("<circle class=\"\(dc ? "dc" : "pp")\" cx=\""); out.tenths(p.x); out.raw("\" cy=\""); out.tenths(p.y)
      out.raw("\" r=\"\(dc ? 13 : 9)\"/>\n")
      out.raw("<text class=\"pl\" x=\""); out.tenths(p.x + 140); out.raw("\" y=\""); out.tenths(p.y + (dc ? -95 : 55))
      out.raw("\">\(dc ? "Data centre" : "POP")</text>\n")
    }
    out.raw("</g>\n")
    legend.draw(&out, scene: scene, frame: frame, height: height)
    if let a = scene.attribution, !a.isEmpty {
      out.raw("<text class=\"at\" x=\"\(frame.panelX - 10)\" y=\"\(height - 10)\">")
      out.text(a); out.raw("</text>\n")
    }
    out.raw("</svg>\n")
    return out.bytes
  }

  /// One style class as one `<path>`; nothing when it has no lines.
  package static func path(_ out: inout SVGText, _ cls: String, _ lines: MapPolylines, _ frame: MapFrame) {
    guard lines.start.count > 1 else { return }
    out.raw("<path class=\"\(cls)\" d=\"")
    pathData(&out, lines, frame)
    out.raw("\"/>\n")
  }

  /// Polylines as `M x y l dx dy ...` in tenths of a pixel. Interior points closer than
  /// half a pixel to the last one drawn are dropped; deltas are taken between rounded
  /// positions, so nothing drifts.
  package static func pathData(_ out: inout SVGText, _ lines: MapPolylines, _ frame: MapFrame) {
    for i in 0..<(lines.start.count - 1) {
      let range = Int(lines.start[i])..<Int(lines.start[i + 1])
      // Lines wholly outside the map are left out (the frame cuts the rest).
      var outside = (left: true, right: true, above: true, below: true)
      for k in range {
        let p = frame.pixel(lines.x[k], lines.y[k])
        outside.left = outside.left && p.x < 0
        outside.right = outside.right && p.x > frame.panelX * 10
        outside.above = outside.above && p.y < 0
        outside.below = outside.below && p.y > frame.height * 10
      }
      if outside.left || outside.right || outside.above || outside.below { continue }
      var last = frame.pixel(lines.x[range.lowerBound], lines.y[range.lowerBound])
      var drawn: [(x: Int, y: Int)] = []
      for k in range.dropFirst() {
        let p = frame.pixel(lines.x[k], lines.y[k])
        let isLast = k == range.upperBound - 1
        if abs(p.x - last.x) < 5 && abs(p.y - last.y) < 5 && !(isLast && (p.x != last.x || p.y != last.y)) { continue }
        drawn.append((p.x - last.x, p.y - last.y))
        last = p
      }
      guard !drawn.isEmpty else { continue }
      let first = frame.pixel(lines.x[range.lowerBound], lines.y[range.lowerBound])
      out.raw(UInt8(ascii: "M")); out.tenths(first.x); pair(&out, first.y)
      out.raw(UInt8(ascii: "l"))
      for (n, d) in drawn.enumerated() {
        if n > 0 { pair(&out, d.x) } else { out.tenths(d.x) }
        pair(&out, d.y)
      }
      if lines.closed[i] { out.raw(UInt8(ascii: "z")) }
    }
  }

  /// A number after another: a space unless the minus sign separates them.
  @inline(__always)
  package static func pair(_ out: inout SVGText, _ t: Int) {
    if t >= 0 { out.raw(UInt8(ascii: " ")) }
    out.tenths(t)
  }

  /// Marks as zero-length subpaths (`m dx dy h0`): the stroke's cap draws the dot.
  package static func dots(_ out: inout SVGText, _ marks: MapMarks, _ frame: MapFrame) {
    var last: (x: Int, y: Int)?
    for i in marks.x.indices {
      let p = frame.pixel(marks.x[i], marks.y[i])
      if let l = last {
        out.raw(UInt8(ascii: "m")); out.tenths(p.x - l.x); pair(&out, p.y - l.y)
      } else {
        out.raw(UInt8(ascii: "M")); out.tenths(p.x); pair(&out, p.y)
      }
      out.raw("h0")
      last = p
    }
  }

  /// Circles of `radius` tenths as two arcs each.
  package static func rings(_ out: inout SVGText, _ marks: MapMarks, _ frame: MapFrame, radius: Int) {
    for i in marks.x.indices {
      let p = frame.pixel(marks.x[i], marks.y[i])
      out.raw(UInt8(ascii: "M")); out.tenths(p.x - radius); pair(&out, p.y)
      out.raw("a"); out.tenths(radius); pair(&out, radius); out.raw(" 0 1 0 "); out.tenths(2 * radius); out.raw(" 0")
      out.raw("a"); out.tenths(radius); pair(&out, radius); out.raw(" 0 1 0 "); out.tenths(-2 * radius); out.raw(" 0")
    }
  }
}

/// Where the map sits in the picture and how metres become pixels: a uniform scale
/// (the local projection is conformal, so north is up and angles are kept).
package struct MapFrame {
  package static let margin = 28
  package static let panelWidth = 340
  package static let footer = 30

  /// Left edge of the legend panel, pixels.
  package let panelX: Int
  /// Width of the whole picture: at most the width asked for.
  package let width: Int
  /// Height of the whole picture.
  package let height: Int
  /// Pixels per metre.
  package let scale: Double
  package let originX: Double, originY: Double
  package let minX: Double, maxY: Double

  package init(scene: MapScene, options: PlanMapOptions, minHeight: Int) {
    let availableWidth = Double(options.width - Self.panelWidth - 2 * Self.margin)
    let box = scene.extent ?? (0, 0, 1, 1)
    // A point or a line gets a 100 m frame around it rather than an infinite scale.
    let dx = max(box.maxX - box.minX, 100) * 1.04, dy = max(box.maxY - box.minY, 100) * 1.04
    let cx = (box.minX + box.maxX) / 2, cy = (box.minY + box.maxY) / 2
    minX = cx - dx / 2
    maxY = cy + dy / 2
    scale = min(availableWidth / dx, Double(options.maxMapHeight) / dy)
    let mapWidth = dx * scale, mapHeight = dy * scale
    // A tall region makes a narrower picture rather than empty margins.
    panelX = Int(mapWidth.rounded(.up)) + 2 * Self.margin
    width = panelX + Self.panelWidth
    originX = Double(Self.margin)
    let mapBottom = Int((mapHeight).rounded(.up)) + 2 * Self.margin
    height = max(mapBottom + Self.footer, minHeight)
    // A wide, low region sits in the middle of a picture as tall as the legend, and
    // the roads around it fill the rest.
    originY = Double(Self.margin) + Double(height - Self.footer - mapBottom) / 2
  }

  /// Pixel position of projected metres, in tenths of a pixel.
  @inline(__always)
  package func pixel(_ x: Double, _ y: Double) -> (x: Int, y: Int) {
    (SVGText.toTenths(originX + (x - minX) * scale), SVGText.toTenths(originY + (maxY - y) * scale))
  }
}
