import FibreCore
import FibreGeo

/// plan.qgs: a QGIS 3 project that opens plan.geojson once per `layer` value (OGR with a
/// subset filter, held by a path relative to the project so the folder can move),
/// styled like plan.svg with rule-based renderers, labels on POPs, sites and cabinets,
/// the extent of the plan, and a UTM project CRS over the WGS84 data. Plain XML in the
/// documented .qgs schema; QGIS is not needed to write it. O(features) to gather the
/// styles' classes, then O(layers · classes).
package enum QGISProject {
  package static func xml(_ plan: PlanLayers, title: String, geojsonFile: String = "plan.geojson") -> [UInt8] {
    let utm = plan.utm
    var out = XMLText()
    out.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n")
    out.raw("<qgis projectname=\""); out.text(title); out.raw("\" version=\"3.22.0-Białowieża\">\n")
    out.raw("<homePath path=\"\"/>\n")
    out.element("title", title); out.raw("\n")
    out.raw("<projectCrs>"); crs(&out, epsg: utm.epsg); out.raw("</projectCrs>\n")
    out.raw("<layer-tree-group>\n<customproperties/>\n")
    for layer in plan.layers {
      out.raw("<layer-tree-layer id=\"\(layerID(layer))\" name=\""); out.text(PlanLayers.title(layer.name))
      out.raw("\" source=\""); out.text(source(layer, file: geojsonFile))
      out.raw("\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\"><customproperties/></layer-tree-layer>\n")
    }
    out.raw("</layer-tree-group>\n")
    canvas(&out, plan, epsg: utm.epsg, zone: utm.zone, north: utm.north)
    out.raw("<projectlayers>\n")
    for layer in plan.layers { mapLayer(&out, layer, plan, file: geojsonFile) }
    out.raw("</projectlayers>\n")
    out.raw("<properties>\n<Paths><Absolute type=\"bool\">false</Absolute></Paths>\n")
    out.raw("<SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys>\n")
    out.raw("<Measurement><DistanceUnits type=\"QString\">meters</DistanceUnits><AreaUnits type=\"QString\">m2</AreaUnits></Measurement>\n")
    out.raw("</properties>\n</qgis>\n")
    return out.bytes
  }

  /// `plan_<layer>_<16 hex digits>`: QGIS replaces short ids with random ones, so the
  /// name carries an FNV-1a hash of itself (fixed, so the file stays deterministic).
  package static func layerID(_ layer: PlanLayers.Layer) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in layer.name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(h, radix: 16)
    return "plan_" + String(layer.name.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + "_"
      + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// `./plan.geojson|subset="layer" = 'trench'`: OGR's SQL filter, relative path.
  package static func source(_ layer: PlanLayers.Layer, file: String) -> String {
    let value = layer.name == "other" ? "\"layer\" IS NULL" : "\"layer\" = '\(layer.name.replacingOccurrences(of: "'", with: "''"))'"
    return (file.hasPrefix("../") ? file : "./" + file) + "|subset=" + value
  }

  /// The CRS as QGIS reads it without its own database ids: OGC WKT 1 with the EPSG
  /// authority (which QGIS matches back to its entry), PROJ string and authid.
  private static func crs(_ out: inout XMLText, epsg: Int) {
    let geographic = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]"
    let wkt: String, proj: String, name: String
    if epsg == 4326 {
      (wkt, proj, name) = (geographic, "+proj=longlat +datum=WGS84 +no_defs", "WGS 84")
    } else {
      let zone = epsg % 100, north = epsg < 32700
      name = "WGS 84 / UTM zone \(zone)\(north ? "N" : "S")"
      wkt = "PROJCS[\"\(name)\",\(geographic),PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",\(zone * 6 - 183)],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",\(north ? 0 : 10_000_000)],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"\(epsg)\"]]"
      proj = "+proj=utm +zone=\(zone)\(north ? "" : " +south") +datum=WGS84 +units=m +no_defs"
    }
    out.raw("<spatialrefsys>"); out.element("wkt", wkt); out.element("proj4", proj)
    out.raw("<srid>\(epsg)</srid><authid>EPSG:\(epsg)</authid>"); out.element("description", name)
    out.raw("<projectionacronym>\(epsg == 4326 ? "longlat" : "utm")</projectionacronym><ellipsoidacronym>EPSG:7030</ellipsoidacronym>")
    out.raw("<geographicflag>\(epsg == 4326 ? "true" : "false")</geographicflag></spatialrefsys>")
  }

  private static func canvas(_ out: inout XMLText, _ plan: PlanLayers, epsg: Int, zone: Int, north: Bool) {
    let e = plan.extent
    var xs: [Double] = [], ys: [Double] = []
    for (lon, lat) in [(e.west, e.south), (e.west, e.north), (e.east, e.south), (e.east, e.north)] {
      let p = UTMProjection.project(lon: lon, lat: lat, zone: zone, north: north)
      xs.append(p.x); ys.append(p.y)
    }
    let pad = max((xs.max()! - xs.min()!), (ys.max()! - ys.min()!)) * 0.03 + 50
    let box = [("xmin", xs.min()! - pad), ("ymin", ys.min()! - pad), ("xmax", xs.max()! + pad), ("ymax", ys.max()! + pad)]
    out.raw("<mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">\n<units>meters</units>\n<extent>")
    for (tag, v) in box { out.raw("<\(tag)>\(JSONText.fixed(v, decimals: 2))</\(tag)>") }
    out.raw("</extent>\n<rotation>0</rotation>\n<destinationsrs>"); crs(&out, epsg: epsg)
    out.raw("</destinationsrs>\n</mapcanvas>\n")
    // Where QGIS opens (3.10+): the plan's extent in the project CRS.
    out.raw("<ProjectViewSettings UseProjectScales=\"0\"><Scales/><DefaultViewExtent")
    for (tag, v) in box { out.raw(" \(tag)=\"\(JSONText.fixed(v, decimals: 2))\"") }
    out.raw(">"); crs(&out, epsg: epsg); out.raw("</DefaultViewExtent></ProjectViewSettings>\n")
  }

  private static func mapLayer(_ out: inout XMLText, _ layer: PlanLayers.Layer, _ plan: PlanLayers, file: String) {
    let wkb: String
    switch layer.geometry {
    case .point: wkb = "Point"
    case .line: wkb = "LineString"
    case .polygon: wkb = "Polygon"
    }
    let label = PlanStyle.labelField(layer.name)
    out.raw("<maplayer type=\"vector\" geometry=\"\(layer.geometry.rawValue)\" wkbType=\"\(wkb)\" labelsEnabled=\"\(label == nil ? 0 : 1)\" readOnly=\"0\" hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\">\n")
    out.element("id", layerID(layer)); out.raw("\n")
    out.element("datasource", source(layer, file: file)); out.raw("\n")
    out.element("layername", PlanLayers.title(layer.name)); out.raw("\n")
    out.raw("<srs>"); crs(&out, epsg: 4326); out.raw("</srs>\n")
    out.raw("<provider encoding=\"UTF-8\">ogr</provider>\n")
    renderer(&out, layer, plan)
    if let label { labeling(&out, field: label, layer: layer.name) }
    out.raw("<blendMode>0</blendMode>\n<featureBlendMode>0</featureBlendMode>\n<layerOpacity>1</layerOpacity>\n")
    out.raw("</maplayer>\n")
  }

  /// Rule-based renderer with first-match semantics: each rule excludes the ones
  /// before it (QGIS draws every matching rule), and the catch-all is QGIS's ELSE.
  private static func renderer(_ out: inout XMLText, _ layer: PlanLayers.Layer, _ plan: PlanLayers) {
    let rules = layer.rules
    var symbols: [StyleSymbol] = []
    out.raw("<renderer-v2 type=\"RuleRenderer\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n<rules key=\"root\">\n")
    var before: [String] = []
    for (i, r) in rules.enumerated() {
      let filter: String
      if case .always = r.test {
        filter = "ELSE"
      } else {
        filter = ([r.test.expression] + before.map { "NOT coalesce((\($0)), false)" }).joined(separator: " AND ")
        before.append(r.test.expression)
      }
      out.raw("<rule key=\"r\(i)\" symbol=\"\(symbols.count)\" label=\""); out.text(r.label)
      out.raw("\" filter=\""); out.text(filter); out.raw("\"/>\n")
      symbols.append(r.symbol)
      if case .always = r.test { break }
    }
    if layer.name == "site" {
      out.raw("<rule key=\"critical\" symbol=\"\(symbols.count)\" label=\"Critical site\" filter=\"&quot;critical&quot;\"/>\n")
      symbols.append(PlanStyle.criticalRing)
    }
    out.raw("</rules>\n<symbols>\n")
    for (i, s) in symbols.enumerated() { symbol(&out, s, name: "\(i)") }
    out.raw("</symbols>\n</renderer-v2>\n")
  }

  private static func rgb(_ hex: String, alpha: Double = 1) -> String {
    let v = Int(hex.dropFirst(), radix: 16) ?? 0
    return "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255),\(Int((alpha * 255).rounded()))"
  }

  private static func symbol(_ out: inout XMLText, _ s: StyleSymbol, name: String) {
    func prop(_ k: String, _ v: String) { out.raw("<prop k=\"\(k)\" v=\""); out.text(v); out.raw("\"/>") }
    let size = JSONText.fixed(s.size, decimals: 2)
    switch s.kind {
    case .line(let dashed):
      out.raw("<symbol type=\"line\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">")
      out.raw("<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">")
      prop("line_color", rgb(s.colour)); prop("line_width", size); prop("line_width_unit", "MM")
      prop("line_style", dashed ? "dash" : "solid"); prop("capstyle", "round"); prop("joinstyle", "round")
    case .marker(let shape):
      out.raw("<symbol type=\"marker\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">")
      out.raw("<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">")
      let ring = shape == .ring
      prop("name", ring ? "circle" : shape.rawValue)
      prop("color", rgb(ring ? "#ffffff" : s.colour, alpha: ring ? 0 : 1))
      prop("outline_color", ring ? rgb(s.colour) : "255,255,255,255")
      prop("outline_width", ring ? "0.5" : "0.2"); prop("outline_width_unit", "MM")
      prop("outline_style", "solid"); prop("size", size); prop("size_unit", "MM")
    case .fill(let opacity, let dashed):
      out.raw("<symbol type=\"fill\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">")
      out.raw("<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">")
      prop("color", rgb(s.colour, alpha: opacity)); prop("style", "solid")
      prop("outline_color", rgb(s.colour)); prop("outline_width", size); prop("outline_width_unit", "MM")
      prop("outline_style", dashed ? "dash" : "solid")
    }
    out.raw("</layer></symbol>\n")
  }

  private static func labeling(_ out: inout XMLText, field: String, layer: String) {
    let size = layer == "pop" ? "11" : layer == "cabinet" ? "7" : "8"
    out.raw("<labeling type=\"simple\"><settings calloutType=\"simple\">")
    out.raw("<text-style fieldName=\""); out.text(field)
    out.raw("\" isExpression=\"0\" fontFamily=\"DejaVu Sans\" fontSize=\"\(size)\" fontSizeUnit=\"Point\" fontWeight=\"\(layer == "pop" ? 75 : 50)\" textColor=\"17,17,17,255\" textOpacity=\"1\" namedStyle=\"\"/>")
    out.raw("<text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"1\"/>")
    out.raw("<placement placement=\"0\" dist=\"1.2\" distUnits=\"MM\" priority=\"\(layer == "pop" ? 10 : 5)\"/>")
    out.raw("<rendering obstacle=\"1\" scaleVisibility=\"0\" displayAll=\"\(layer == "pop" ? 1 : 0)\" drawLabels=\"1\"/>")
    out.raw("</settings></labeling>\n")
  }
}
