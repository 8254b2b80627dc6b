import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The map's look: one CSS class per line and point class, so that the SVG carries no
/// per-element style. Colours: trench blue, reused duct green, gaps orange and
/// magenta (told apart by hue and brightness), sites violet, critical sites ringed red.
package enum MapStyle {
  package static let trenchWidths = ["1.3", "1.9", "2.7", "3.7", "4.9", "6.3"]

  package static func name(_ cls: MapLineClass) -> String {
    switch cls {
    case .boundary: return "mb"
    case .road: return "rd"
    case .duct: return "du"
    case .drop: return "dp"
    case .trench0, .trench1, .trench2, .trench3, .trench4, .trench5:
      return "t\(cls.rawValue - MapLineClass.trench0.rawValue)"
    case .reuse0, .reuse1, .reuse2, .reuse3, .reuse4, .reuse5:
      return "u\(cls.rawValue - MapLineClass.reuse0.rawValue)"
    case .aerial: return "ae"
    case .ring: return "rg"
    }
  }

  /// `f288` for a 288-fibre feeder, `d12` for a 12-fibre distribution cable.
  package static func name(_ c: MapCableClass) -> String { (c.tier == .feeder ? "f" : "d") + String(c.fibres) }

  package static let feederColour = "#a61e4d"
  /// Dark teal: apart from the orange of sites not connected and the blue of cable.
  package static let cabinetColour = "#0b7285"
  package static let distributionColour = "#1c5fbd"

  /// Cable width in pixels from the installed size: one step per doubling from 12
  /// fibres, so the legend's sizes are told apart and a 288 stays a line, not a band.
  package static func cableWidth(_ fibres: Int) -> String {
    let w = min(max(1.1 + 0.5 * log2(max(Double(fibres), 12) / 12), 1.1), 4.4)
    var t = SVGText()
    t.number(w)
    return String(decoding: t.bytes, as: UTF8.self)
  }

  package static func name(_ cls: MapPointClass) -> String {
    switch cls {
    case .noHouseholds: return "bn"
    case .connected: return "bc"
    case .noRoad: return "gr"
    case .disconnected: return "gd"
    case .coverageGap: return "gb"
    case .notServable: return "gn"
    case .closure: return "sp"
    case .site: return "sc"
    case .siteUnserved: return "sx"
    case .cabinet: return "cb"
    case .critical: return "ck"
    }
  }

  package static let trenchColour = "#1c5fbd"
  package static let reuseColour = "#2b9348"
  package static let aerialColour = "#b5651d"

  /// Building dots about 12 m across on the ground, between 1.4 and 3.2 pixels: a town
  /// seen whole stays a pattern of dots instead of a blot.
  package static func buildingDot(scale: Double) -> (connected: String, other: String) {
    let d = min(max(12 * scale, 1.4), 3.2)
    let c = SVGText.toTenths(d), o = SVGText.toTenths(d * 0.75)
    var a = SVGText(), b = SVGText()
    a.tenths(c); b.tenths(o)
    return (String(decoding: a.bytes, as: UTF8.self), String(decoding: b.bytes, as: UTF8.self))
  }

  package static func css(scale: Double) -> String {
    let dot = buildingDot(scale: scale)
    return css + ".bc{stroke-width:\(dot.connected)}\n.bn{stroke-width:\(dot.other)}\n"
  }

  /// The style of a scene: with cables, the trench under them becomes a pale casing of
  /// one width (its kind still told by colour) and each cable class gets its colour
  /// by tier and width by size.
  package static func css(scale: Double, scene: MapScene) -> String {
    var s = css(scale: scale)
    guard !scene.cables.isEmpty else { return s }
    s += "#map .t0,#map .t1,#map .t2,#map .t3,#map .t4,#map .t5,#legend .t2{stroke:#b7cbe8;stroke-width:5.5}\n"
    s += "#map .u0,#map .u1,#map .u2,#map .u3,#map .u4,#map .u5,#legend .u2{stroke:#a3d9b1;stroke-width:5.5}\n"
    for c in scene.cableClasses {
      s += ".\(name(c)){stroke:\(c.tier == .feeder ? feederColour : distributionColour);stroke-width:\(cableWidth(c.fibres))}\n"
    }
    return s
  }

  package static var css: String {
    var s = """
      path{fill:none;stroke-linecap:round;stroke-linejoin:round}
      .bg{fill:#f5f3ee}
      .pn{fill:#fff}
      .pe{stroke:#d6d2c8;stroke-width:1}
      .mb{stroke:#8d6fc4;stroke-width:1.6;stroke-dasharray:8 5;fill:#8d6fc4;fill-opacity:.04;fill-rule:evenodd}
      .rd{stroke:#bcbcbc;stroke-width:1.1}
      .du{stroke:#c4a574;stroke-width:1.2;stroke-dasharray:3 3}
      .dp{stroke:#6fb3d9;stroke-width:.8}
      .ae{stroke:#b5651d;stroke-width:2.2;stroke-dasharray:7 3}
      .bn{stroke:#b9b9b9}
      .bc{stroke:#243b55}
      #legend .bn,#legend .bc{stroke-width:4}
      .gr{stroke:#f76707;stroke-width:6.5}
      .gd{stroke:#d6336c;stroke-width:6.5}
      .gb{stroke:#f2c12e;stroke-width:6.5}
      .gn{stroke:#ae3ec9;stroke-width:5}
      .sp{stroke:#495057;stroke-width:3.6}
      .cb{stroke:#0b7285;stroke-width:10;stroke-linecap:square}
      .cw{stroke:#fff;stroke-width:13;stroke-linecap:square}
      .rg{stroke:#c92a2a;stroke-width:2;stroke-dasharray:6 4}
      .sc{stroke:#7048e8;stroke-width:8;stroke-linecap:square}
      .sx{stroke:#f76707;stroke-width:8;stroke-linecap:square}
      .ck{stroke:#c92a2a;stroke-width:2.2}
      .pp{fill:#111;stroke:#fff;stroke-width:3}
      .dc{fill:none;stroke:#111;stroke-width:4}
      .pa{fill:#862e9c;fill-opacity:.05;stroke:#862e9c;stroke-width:2;stroke-dasharray:6 6}
      .bb{fill:none;stroke:#862e9c;stroke-width:5;stroke-dasharray:18 8;stroke-linecap:round}
      .pl{font-size:15px;font-weight:700;fill:#111;stroke:#fff;stroke-width:4;paint-order:stroke}
      .ml{font-size:15px;font-weight:700;fill:#5f3dc4;fill-opacity:.85;stroke:#fff;stroke-width:4;paint-order:stroke;text-anchor:middle}
      .tt{font-size:22px;font-weight:700;fill:#1a1a1a}
      .sb{font-size:13px;fill:#666}
      .lh{font-size:12px;font-weight:700;fill:#444;letter-spacing:.08em}
      .li{font-size:13px;fill:#222}
      .le{font-size:13px;fill:#222;text-anchor:end}
      .lc{font-size:12px;fill:#777;text-anchor:end}
      .sk{fill:#222}
      .sw{fill:#fff;stroke:#222;stroke-width:1}
      .na{fill:#222}
      .nb{fill:#fff;stroke:#222;stroke-width:1}
      .nt{font-size:15px;font-weight:700;fill:#222;text-anchor:middle}
      .at{font-size:11px;fill:#555;text-anchor:end;stroke:#f5f3ee;stroke-width:3;paint-order:stroke}

      """
    for (b, w) in trenchWidths.enumerated() {
      s += ".t\(b){stroke:\(trenchColour);stroke-width:\(w)}\n"
    }
    for (b, w) in trenchWidths.enumerated() {
      s += ".u\(b){stroke:\(reuseColour);stroke-width:\(w)}\n"
    }
    return s
  }
}
