import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// One self-contained HTML page for a board meeting: headline figures, the map (every
/// layer of plan.geojson, to pan, zoom, switch and click), cost per municipality, the
/// buildings left unconnected and why, and the data attribution. The map's script and
/// data are inline; there are no external scripts, style sheets, fonts or images, so
/// the file opens offline. Every text from the data is escaped.
public enum BoardReport {
  /// The report for `plan` with the map made from its own plan.geojson. O(plan size).
  public static func html(_ plan: FibrePlanResult, costSharing: CostSharingStatement? = nil, rings: RingDesign? = nil,
                          rollout: Rollout? = nil, businessCase: BusinessCase? = nil) throws -> [UInt8] {
    let layers = try PlanFieldFiles.layers(geojson: PlanGeoJSON.encode(plan, rings: rings, rollout: rollout))
    return html(plan, layers: layers, scene: MapScene(plan: plan), costSharing: costSharing, rollout: rollout,
                businessCase: businessCase)
  }

  /// The report with the map drawn from `layers` (plan.geojson as written) over the
  /// context of `scene` (unused roads and ducts, boundaries): the plan's own
  /// `MapScene(plan:)`, whose projection the map's metres are in.
  /// O(buildings + municipalities + layers' features and positions).
  package static func html(_ plan: FibrePlanResult, layers: PlanLayers, scene: MapScene,
                           costSharing: CostSharingStatement? = nil, rollout: Rollout? = nil,
                           businessCase: BusinessCase? = nil) -> [UInt8] {
    let mapData = InteractiveMap.data(layers, scene: scene)
    var out = SVGText(reserving: mapData.count + (1 << 17))
    let r = plan.totals.region
    out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    out.raw("<title>Fibre network plan: "); out.text(plan.scenario.name); out.raw("</title>\n")
    out.raw("<style>\n\(css)\(InteractiveMap.css)</style>\n</head>\n<body>\n<main>\n")

    out.raw("<header>\n<p class=\"kicker\">Fibre network plan</p>\n<h1>"); out.text(plan.scenario.name); out.raw("</h1>\n")
    out.raw("<p class=\"lede\">")
    var lede = "A shared-trench fibre network from one POP to \(HumanNumber.grouped(r.householdsConnected)) of "
      + "\(HumanNumber.grouped(r.householdsTotal)) households in \(HumanNumber.grouped(r.buildingsTotal)) buildings"
    let named = plan.demand.municipalityNames.count
    if named > 0 { lede += " across \(named) municipalit\(named == 1 ? "y" : "ies")" }
    lede += ". Amounts in EUR, excluding VAT."
    out.text(lede); out.raw("</p>\n</header>\n")

    cards(&out, plan)
    summaryTable(&out, plan)

    InteractiveMap.section(&out, data: mapData)

    municipalityTable(&out, plan)
    popTable(&out, plan)
    costSharingSection(&out, costSharing)
    coverageSection(&out, plan)
    if let rollout { RolloutReport.section(&out, rollout) }
    if let businessCase { EconomicsReport.section(&out, businessCase) }
    TechnologyReport.section(&out, plan)
    gapTable(&out, plan)
    serviceGapSection(&out, plan)

    out.raw("<footer>\n")
    if let a = plan.scenario.attribution, !a.isEmpty {
      out.raw("<p class=\"attribution\">"); out.text(a); out.raw("</p>\n")
    }
    out.raw("<p>Made with fibreplan "); out.text(FibrePlanVersion.string)
    out.raw(". The trench tree is a Steiner tree over the road network; costs follow the scenario&#39;s cost model.</p>\n")
    out.raw("</footer>\n</main>\n</body>\n</html>\n")
    return out.bytes
  }

  /// The SVG as an inline element: any XML declaration dropped, and the namespace
  /// attribute too (HTML puts `<svg>` in the SVG namespace by itself).
  package static func inlineSVG(_ svg: [UInt8], label: String = "Plan map") -> [UInt8] {
    var text = String(decoding: svg, as: UTF8.self)
    if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
    if let ns = text.range(of: " xmlns=\"http://www.w3.org/2000/svg\"") { text.removeSubrange(ns) }
    if let open = text.range(of: "<svg ") { text.replaceSubrange(open, with: "<svg role=\"img\" aria-label=\"\(label)\" ") }
    return Array(text.utf8)
  }

  package static func eur(_ x: Double) -> String { "EUR " + HumanNumber.grouped(x) }

  package static func cards(_ out: inout SVGText, _ plan: FibrePlanResult) {
    let r = plan.totals.region
    let gaps = r.householdsTotal - r.householdsServed
    let items: [(String, String, String, Bool)] = [
      ("Capex", eur(r.capexTotal), "everything built", false),
      ("Households served", HumanNumber.grouped(r.householdsServed), "of \(HumanNumber.grouped(r.householdsTotal))", false),
      ("Coverage", HumanNumber.percent(r.coveragePercent), "of households, served as designed", false),
      ("Cost per home", eur(r.capexPerHousehold), "per household served", false),
      ("Households not served", HumanNumber.grouped(gaps), gaps == 0 ? "none" : "see the gap table", gaps > 0),
    ]
    out.raw("<section class=\"cards\">\n")
    for (label, value, note, warn) in items {
      out.raw(warn ? "<div class=\"card warn\">" : "<div class=\"card\">")
      out.raw("<div class=\"label\">"); out.text(label); out.raw("</div>")
      out.raw("<div class=\"value\">"); out.text(value); out.raw("</div>")
      out.raw("<div class=\"note\">"); out.text(note); out.raw("</div></div>\n")
    }
    out.raw("</section>\n")
  }

  package static var css: String {
    """
    :root{--ink:#1d2433;--muted:#5b6473;--rule:#e3e0d8;--paper:#faf8f4;--blue:#1c5fbd;--warn:#d9480f}
    *{box-sizing:border-box}
    body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.5 "DejaVu Sans",Helvetica,Arial,sans-serif}
    main{max-width:1240px;margin:0 auto;padding:40px 40px 56px}
    header{border-bottom:3px solid var(--ink);padding-bottom:14px;margin-bottom:26px}
    .kicker{margin:0;color:var(--blue);font-weight:700;letter-spacing:.12em;text-transform:uppercase;font-size:13px}
    h1{margin:4px 0 6px;font-size:34px;line-height:1.15}
    h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--rule)}
    .lede{margin:0;color:var(--muted);font-size:16px}
    .cards{display:grid;grid-template-columns:repeat(5,1fr);gap:14px}
    .card{background:#fff;border:1px solid var(--rule);border-top:4px solid var(--blue);border-radius:6px;padding:12px 14px}
    .card.warn{border-top-color:var(--warn)}
    .card .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
    .card .value{font-size:24px;font-weight:700;margin:4px 0 2px;white-space:nowrap}
    .card.warn .value{color:var(--warn)}
    .card .note{font-size:12px;color:var(--muted)}
    table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--rule)}
    th,td{padding:7px 12px;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
    th{background:#f1eee7;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
    th:first-child,td:first-child{text-align:left;white-space:normal}
    td.num,th.num{font-variant-numeric:tabular-nums}
    tr.total td{font-weight:700;border-top:2px solid var(--ink)}
    tr.sub td{font-weight:700;background:#fbfaf7}
    table.figures{width:auto;min-width:560px}
    .note-below{color:var(--muted);font-size:13px;margin:8px 0 0}
    figure{margin:0;background:#fff;border:1px solid var(--rule)}
    figure svg{display:block;width:100%;height:auto}
    footer{margin-top:36px;padding-top:12px;border-top:1px solid var(--rule);color:var(--muted);font-size:13px}
    footer p{margin:4px 0}
    .attribution{color:var(--ink)}
    @media print{body{background:#fff}main{padding:0}.cards{grid-template-columns:repeat(5,1fr)}section{break-inside:avoid}}

    """
  }
}
