import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct InteractiveMapTests {
  /// The hand-made town with its architecture (not uniform cost): cabinets, cables,
  /// closures, and buildings served and not.
  static func town() throws -> (plan: FibrePlanResult, layers: PlanLayers, scene: MapScene) {
    let plan = try RenderFixture.townPlan(uniform: false)
    let layers = try PlanFieldFiles.layers(geojson: PlanGeoJSON.encode(plan))
    return (plan, layers, MapScene(plan: plan))
  }

  @Test("The scene's trench tree projections are the projection's own doubles for plan.geojson's trench positions")
  func treePositionsAreTheProjections() throws {
    let (_, layers, scene) = try Self.town()
    var positions = try #require(scene.treePositions)
    #expect(!positions.isEmpty)
    let t = layers.table
    for layer in layers.layers where layer.name == "trench" {
      for f in layer.features {
        for part in t.parts(of: Int(f)) {
          for i in t.pointRange(ofPart: part) {
            let q = positions.project(t.points[i]), r = scene.projection.project(t.points[i])
            #expect(q.x.bitPattern == r.x.bitPattern && q.y.bitPattern == r.y.bitPattern)
          }
        }
      }
    }
  }

  @Test("The map data holds every layer and feature of plan.geojson, with positions in the scene's metres")
  func dataMirrorsLayers() throws {
    let (plan, layers, scene) = try Self.town()
    let bytes = InteractiveMap.data(layers, scene: scene)
    #expect(!bytes.contains(UInt8(ascii: "<")))
    #expect(bytes == InteractiveMap.data(layers, scene: scene))
    let data = try JSONValue.parse(bytes, path: "map")
    let drawn = data["layers"]?.arrayValue ?? []
    #expect(drawn.compactMap { $0["name"]?.stringValue } == layers.layers.map(\.name))
    for (layer, d) in zip(layers.layers, drawn) {
      let features = d["features"]?.arrayValue ?? []
      #expect(features.count == layer.features.count, "\(layer.name)")
      // Every column is as long as the layer.
      for c in d["columns"]?.arrayValue ?? [] {
        #expect((c["values"] ?? c["codes"])?.arrayValue?.count == layer.features.count)
      }
      // Every feature is drawn by a rule the layer lists.
      let rules = d["rules"]?.arrayValue?.count ?? 0
      #expect(features.allSatisfy { ($0.arrayValue?[0].doubleValue).map { $0 >= 0 && Int($0) < rules } ?? false })
    }
    #expect(drawn.contains { $0["name"]?.stringValue == "cabinet" })
    #expect(drawn.contains { $0["name"]?.stringValue == "cable" })
    // The POP's position round-trips to the projected metres, rounded.
    let pop = try #require(drawn.first { $0["name"]?.stringValue == "pop" })
    let xy = try #require(pop["features"]?.arrayValue?[0].arrayValue?[2].arrayValue?[0].arrayValue)
    let q = scene.projection.project(plan.tree.pop)
    #expect(xy.map { $0.doubleValue ?? .nan } == [q.x.rounded(), q.y.rounded()])
    // Ids are written once as a prefix and the rest per feature.
    #expect(pop["idPrefix"]?.stringValue == "")
    let cable = try #require(drawn.first { $0["name"]?.stringValue == "cable" })
    #expect(cable["idPrefix"]?.stringValue == "cable/")
  }

  @Test("Every < of the map data is written \\u003c, and data without one is passed through")
  func lessThanEscaped() {
    #expect(InteractiveMap.escapingLessThan(Array("{\"a\":\"b\"}".utf8)) == Array("{\"a\":\"b\"}".utf8))
    #expect(InteractiveMap.escapingLessThan(Array("<x</script><".utf8)) == Array("\\u003cx\\u003c/script>\\u003c".utf8))
    #expect(InteractiveMap.escapingLessThan([]) == [])
  }

  @Test("Repeated text is a column of codes into its words; numbers stay values")
  func columns() throws {
    let (_, layers, scene) = try Self.town()
    let data = try JSONValue.parse(InteractiveMap.data(layers, scene: scene), path: "map")
    let trench = try #require(data["layers"]?.arrayValue?.first { $0["name"]?.stringValue == "trench" })
    let columns = trench["columns"]?.arrayValue ?? []
    let kind = try #require(columns.first { $0["key"]?.stringValue == "kind" })
    #expect(kind["words"] != nil && kind["codes"] != nil)
    let cost = try #require(columns.first { $0["key"]?.stringValue == "cost" })
    #expect(cost["values"] != nil)
    #expect(!columns.contains { $0["key"]?.stringValue == "layer" })
  }

  @Test("report.html carries the map inline: one canvas, its data and script, nothing fetched")
  func reportCarriesMap() throws {
    let (plan, layers, scene) = try Self.town()
    let html = String(decoding: BoardReport.html(plan, layers: layers, scene: scene), as: UTF8.self)
    #expect(html.components(separatedBy: "<canvas id=\"imap-canvas\"").count == 2)
    #expect(html.contains("<script id=\"imap-data\" type=\"application/json\">{\"layers\":["))
    #expect(!html.contains("<script src"))
    #expect(!html.contains("fetch("))
    #expect(!html.contains("XMLHttpRequest"))
    #expect(try BoardReport.html(plan) == BoardReport.html(plan, layers: layers, scene: scene))
  }

  /// Runs the report in headless Chromium with a driver script that clicks the POP and
  /// turns the wheel, and returns the DOM after the scripts ran and Chromium's log.
  static func runInChromium(_ html: [UInt8], driver: String) throws -> (dom: String, log: String) {
    let dir = NSTemporaryDirectory() + "fibreplan-imap-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var page = String(decoding: html, as: UTF8.self)
    page = page.replacingOccurrences(of: "</body>", with: "<script>\n\(driver)\n</script>\n</body>")
    try page.write(toFile: dir + "/report.html", atomically: true, encoding: .utf8)
    let r = FieldTools.runCapturing(FieldTools.chromium!, [
      "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
      "--user-data-dir=\(dir)/profile", "--window-size=1200,900", "--virtual-time-budget=4000",
      "--dump-dom", "file://\(dir)/report.html"])
    #expect(r.status == 0)
    return (r.output, r.errors)
  }

  static let driver = """
    (function () {
      var out = document.createElement("pre"); out.id = "test-out"; document.body.appendChild(out);
      try {
        var api = window.fibreplanMap, canvas = document.getElementById("imap-canvas");
        var p = api.screen("pop", 0), before = api.scale();
        var o = { clientX: p[0], clientY: p[1], pointerId: 7, bubbles: true, isPrimary: true, button: 0 };
        canvas.dispatchEvent(new PointerEvent("pointerdown", o));
        canvas.dispatchEvent(new PointerEvent("pointerup", o));
        var info = document.getElementById("imap-info");
        canvas.dispatchEvent(new WheelEvent("wheel", { clientX: p[0], clientY: p[1], deltaY: -400, bubbles: true, cancelable: true }));
        out.textContent = "selected=" + (info.hidden ? "none" : info.textContent) + ";zoomed=" + (api.scale() > before * 1.5);
      } catch (e) { out.textContent = "driver failed: " + e; }
    })();
    """

  @Test("In headless Chromium the map runs without a console error, lists its layers and answers a click and the wheel",
        .enabled(if: FieldTools.chromium != nil, "needs headless Chromium (apt-get install chromium)"))
  func runsInChromium() throws {
    let (plan, layers, scene) = try Self.town()
    let (dom, log) = try Self.runInChromium(BoardReport.html(plan, layers: layers, scene: scene), driver: Self.driver)
    #expect(dom.contains("id=\"imap\" data-ready=\"yes\""))
    #expect(!dom.contains("data-error=\"yes\""))
    #expect(dom.contains("<pre id=\"imap-errors\" hidden=\"\"></pre>"))
    let consoleLines = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
    #expect(consoleLines.isEmpty, "\(consoleLines)")
    // A fieldset of checkboxes per layer, one box per layer and per rule drawn.
    for layer in layers.layers { #expect(dom.contains("<fieldset data-layer=\"\(layer.name)\">"), "\(layer.name)") }
    #expect(dom.contains("<fieldset data-layer=\"context\">"))
    #expect(dom.components(separatedBy: "type=\"checkbox\"").count - 1 > layers.layers.count)
    // The click at the POP shows its properties; the wheel zooms in.
    #expect(dom.contains("selected=×POPs: pop"), "\(dom.components(separatedBy: "<pre id=\"test-out\">").last?.prefix(200) ?? "")")
    #expect(dom.contains("zoomed=true"))
  }

  @Test("A script error in the page shows in the dumped DOM, so the console check can fail",
        .enabled(if: FieldTools.chromium != nil, "needs headless Chromium (apt-get install chromium)"))
  func errorsAreSeen() throws {
    let (plan, layers, scene) = try Self.town()
    var html = String(decoding: BoardReport.html(plan, layers: layers, scene: scene), as: UTF8.self)
    // Break the data: the map must report it, not stay silent.
    html = html.replacingOccurrences(of: "<script id=\"imap-data\" type=\"application/json\">{", with: "<script id=\"imap-data\" type=\"application/json\">{{")
    let (dom, _) = try Self.runInChromium(Array(html.utf8), driver: "")
    #expect(dom.contains("data-error=\"yes\""))
    #expect(dom.contains("id=\"imap\" data-ready=\"no\""))
  }

  @Test("render writes the map alone as a page from any plan.geojson")
  func renderPage() throws {
    let (plan, _, _) = try Self.town()
    let dir = NSTemporaryDirectory() + "fibreplan-imap-render-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data(PlanGeoJSON.encode(plan)).write(to: URL(fileURLWithPath: dir + "/plan.geojson"))
    var o = RenderCommandOptions(input: dir + "/plan.geojson", output: dir + "/map.html")
    o.attribution = "Data <OSM>"
    try PlanMap.render(o)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/map.html")))
    let html = String(decoding: bytes, as: UTF8.self)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<canvas id=\"imap-canvas\""))
    #expect(html.contains("Data &lt;OSM&gt;"))
    for f in BoardReportTests.fetches { #expect(!html.contains(f), "\(f)") }
    try PlanMap.render(o)
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/map.html"))) == bytes)
    if FieldTools.chromium != nil {
      let (dom, log) = try Self.runInChromium(bytes, driver: "")
      #expect(dom.contains("id=\"imap\" data-ready=\"yes\""))
      #expect(!log.contains("CONSOLE"))
    }
  }
}
