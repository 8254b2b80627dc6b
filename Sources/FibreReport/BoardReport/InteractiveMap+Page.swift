import FibreCore
import FibreGeo

extension InteractiveMap {
  /// The map section of report.html: a canvas with zoom buttons, a layer list, the
  /// data as inline JSON and the script that draws it. Nothing is fetched: the script
  /// and its data travel in the page. Errors the script meets are written into
  /// `#imap-errors` (and the root gets `data-error`), so a headless browser's dumped
  /// DOM tells whether it ran; on success the root's `data-ready` turns to `yes`.
  package static func section(_ out: inout SVGText, data: [UInt8]) {
    out.raw("<section class=\"map\">\n<h2>Map</h2>\n")
    out.raw("<div class=\"imap\" id=\"imap\" data-ready=\"no\">\n")
    out.raw("<div class=\"imap-view\"><canvas id=\"imap-canvas\" tabindex=\"0\" role=\"img\" ")
    out.raw("aria-label=\"Plan map: drag to pan, wheel or pinch to zoom, click a feature for its properties\"></canvas>\n")
    out.raw("<div class=\"imap-zoom\"><button type=\"button\" data-zoom=\"in\" title=\"Zoom in\">+</button>")
    out.raw("<button type=\"button\" data-zoom=\"out\" title=\"Zoom out\">&#8722;</button>")
    out.raw("<button type=\"button\" data-zoom=\"fit\" title=\"Whole plan\">&#8962;</button></div>\n")
    out.raw("<div class=\"imap-info\" id=\"imap-info\" hidden></div>\n</div>\n")
    out.raw("<div class=\"imap-layers\" id=\"imap-layers\"><h3>Layers</h3></div>\n</div>\n")
    out.raw("<noscript><p class=\"note-below\">The map needs JavaScript; plan.svg beside this file shows the same plan.</p></noscript>\n")
    out.raw("<pre id=\"imap-errors\" hidden></pre>\n")
    out.raw("<p class=\"note-below\">Drag to pan, use the wheel or pinch to zoom, click a feature to see its properties. ")
    out.raw("The layers are those of plan.geojson, styled as in plan.qgs.</p>\n")
    out.raw("<script id=\"imap-data\" type=\"application/json\">")
    out.bytes.append(contentsOf: data)
    out.raw("</script>\n<script>\n")
    out.raw(script)
    out.raw("</script>\n</section>\n")
  }

  /// The map alone as a self-contained page (`fibreplan render plan.geojson -o
  /// map.html`): the report's map section under a title, with the attribution.
  package static func page(_ layers: PlanLayers, scene: MapScene, title: String) -> [UInt8] {
    let data = self.data(layers, scene: scene)
    var out = SVGText(reserving: data.count + (1 << 16))
    out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    out.raw("<title>Fibre network map: "); out.text(title); out.raw("</title>\n")
    out.raw("<style>\n\(BoardReport.css)\(css)</style>\n</head>\n<body>\n<main>\n")
    out.raw("<header>\n<p class=\"kicker\">Fibre network map</p>\n<h1>"); out.text(title); out.raw("</h1>\n</header>\n")
    section(&out, data: data)
    if let a = scene.attribution, !a.isEmpty {
      out.raw("<footer>\n<p class=\"attribution\">"); out.text(a); out.raw("</p>\n</footer>\n")
    }
    out.raw("</main>\n</body>\n</html>\n")
    return out.bytes
  }

  package static let css = """
    .imap{display:flex;gap:0;background:#fff;border:1px solid var(--rule)}
    .imap-view{position:relative;flex:1;min-width:0;height:72vh;min-height:420px}
    .imap-view canvas{display:block;width:100%;height:100%;touch-action:none;cursor:grab;outline:none}
    .imap-view canvas.dragging{cursor:grabbing}
    .imap-zoom{position:absolute;left:10px;top:10px;display:flex;flex-direction:column;gap:4px}
    .imap-zoom button{width:32px;height:32px;font:18px/1 inherit;background:#fff;border:1px solid #bbb;border-radius:4px;cursor:pointer}
    .imap-info{position:absolute;right:10px;top:10px;max-width:340px;max-height:calc(100% - 20px);overflow:auto;background:#fff;border:1px solid #bbb;border-radius:6px;padding:8px 10px;font-size:13px;box-shadow:0 2px 8px rgba(0,0,0,.15)}
    .imap-info table{border:0;width:auto}
    .imap-info td{padding:2px 6px;border:0;text-align:left;white-space:normal}
    .imap-info td:first-child{color:var(--muted)}
    .imap-info .close{float:right;border:0;background:none;font-size:16px;cursor:pointer}
    .imap-layers{width:260px;flex:none;overflow:auto;height:72vh;min-height:420px;border-left:1px solid var(--rule);padding:8px 12px;font-size:13px}
    .imap-layers h3{margin:4px 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
    .imap-layers fieldset{border:0;margin:0 0 8px;padding:0}
    .imap-layers legend{font-weight:700;padding:0}
    .imap-layers label{display:flex;align-items:center;gap:6px;margin:2px 0}
    .imap-layers .rule{padding-left:18px}
    .imap-layers .count{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums}
    .imap-layers .swatch{flex:none;width:22px;height:12px}
    #imap-errors{color:var(--warn)}
    @media (max-width:800px){.imap{flex-direction:column}.imap-layers{width:auto;height:auto;border-left:0;border-top:1px solid var(--rule)}}
    @media print{.imap-zoom{display:none}.imap-view,.imap-layers{height:60vh}}

    """
}
