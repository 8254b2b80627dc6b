import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreReport
@testable import FibrePlan

/// A plan of three layers, small enough to read every line of the project written.
private let tinyPlan = """
  {"type":"FeatureCollection","name":"fibreplan tiny","features":[
  {"type":"Feature","id":"trench/0","properties":{"layer":"trench","kind":"trench","fibres":3},"geometry":{"type":"LineString","coordinates":[[9.50,47.10],[9.51,47.11]]}},
  {"type":"Feature","id":"trench/1","properties":{"layer":"trench","kind":"drop","fibres":1},"geometry":{"type":"LineString","coordinates":[[9.51,47.11],[9.511,47.111]]}},
  {"type":"Feature","id":"pop","properties":{"layer":"pop","name":"POP"},"geometry":{"type":"Point","coordinates":[9.50,47.10]}},
  {"type":"Feature","id":"building/a","properties":{"layer":"building","building_id":"a","connected":true,"reason":null,"service_gap":null},"geometry":{"type":"Point","coordinates":[9.511,47.111]}},
  {"type":"Feature","id":"building/b","properties":{"layer":"building","building_id":"b","connected":false,"reason":"no_road_within_200m","service_gap":null},"geometry":{"type":"Point","coordinates":[9.52,47.12]}}
  ]}
  """

private func tinyLayers() throws -> PlanLayers {
  try PlanFieldFiles.layers(geojson: Array(tinyPlan.utf8), path: "tiny.geojson")
}

@Suite struct QGISProjectTests {
  @Test func utmMatchesProjForAPointInLiechtensteinAndOneInChile() {
    // Reference values from PROJ (gdaltransform EPSG:4326 → EPSG:32632 / 32719).
    let a = UTMProjection.project(lon: 9.5, lat: 47.1, zone: 32, north: true)
    #expect(abs(a.x - 537_941.771) < 0.01 && abs(a.y - 5_216_398.121) < 0.01)
    let b = UTMProjection.project(lon: -70.5, lat: -33.4, zone: 19, north: false)
    #expect(abs(b.x - 360_505.620) < 0.01 && abs(b.y - 6_303_362.288) < 0.01)
  }

  @Test func layersAreGroupedByTheLayerPropertyPointsFirst() throws {
    let plan = try tinyLayers()
    #expect(plan.layers.map(\.name) == ["pop", "building", "trench"])
    #expect(plan.layers.map(\.features.count) == [1, 2, 2])
    #expect(plan.layers.map(\.geometry) == [.point, .point, .line])
    #expect(plan.utm.epsg == 32632)
  }

  @Test func everyLayerIsTheGeoJSONWithARelativeSubsetFilter() throws {
    let xml = String(decoding: QGISProject.xml(try tinyLayers(), title: "tiny"), as: UTF8.self)
    for name in ["pop", "building", "trench"] {
      #expect(xml.contains("<datasource>./plan.geojson|subset=&quot;layer&quot; = &#39;\(name)&#39;</datasource>"))
    }
    #expect(xml.contains("<Absolute type=\"bool\">false</Absolute>"))
    #expect(xml.contains("<authid>EPSG:32632</authid>"))
    #expect(xml.components(separatedBy: "<maplayer ").count - 1 == 3)
    // Labels on the POP, not on trench or buildings.
    #expect(xml.components(separatedBy: "labelsEnabled=\"1\"").count - 1 == 1)
  }

  @Test func rulesMatchFirstToLastLikeTheQGISFilters() throws {
    let plan = try tinyLayers()
    let buildings = plan.layers[1]
    let rules = PlanStyle.rules(buildings, in: plan)
    let first = buildings.features.map { f in rules.firstIndex { $0.test.matches(plan.table, Int(f)) }.map { rules[$0].label } }
    #expect(first == ["Served", "No road near enough"])
  }

  @Test("Each layer's rules and each feature's first rule are made once with the layers, as PlanStyle gives them")
  func layersCarryTheirRulesAndEachFeaturesFirstRule() throws {
    let plan = try tinyLayers()
    for layer in plan.layers {
      let rules = PlanStyle.rules(layer, in: plan)
      #expect(layer.rules.map(\.label) == rules.map(\.label), "\(layer.name)")
      let first = layer.features.map { f in Int32(rules.firstIndex { $0.test.matches(plan.table, Int(f)) } ?? -1) }
      #expect(layer.ruleOf == first, "\(layer.name)")
    }
    #expect(plan.layers[1].ruleOf.map { plan.layers[1].rules[Int($0)].label } == ["Served", "No road near enough"])
  }

  @Test func renderWritesAProjectThatPointsBackAtItsGeoJSON() throws {
    let dir = NSTemporaryDirectory() + "fibreplan-qgs-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/maps", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try tinyPlan.write(toFile: dir + "/tiny.geojson", atomically: true, encoding: .utf8)
    try PlanMap.render(RenderCommandOptions(input: dir + "/tiny.geojson", output: dir + "/maps/tiny.qgs"))
    let xml = try String(contentsOfFile: dir + "/maps/tiny.qgs", encoding: .utf8)
    #expect(xml.contains("<datasource>../tiny.geojson|subset="))
    try PlanMap.render(RenderCommandOptions(input: dir + "/tiny.geojson", output: dir + "/tiny.kml"))
    let kml = try String(contentsOfFile: dir + "/tiny.kml", encoding: .utf8)
    #expect(kml.components(separatedBy: "<Placemark>").count - 1 == 5)
  }

  /// PyQGIS opens the shared Liechtenstein plan's project: every layer valid with the
  /// feature count of its `layer` in plan.geojson, and a rendered map that is not blank.
  @Test(.enabled(if: LiechtensteinPlan.available && FieldTools.pyqgis, "needs ../shared and Debian's python3-qgis"))
  func qgisOpensTheLiechtensteinProject() throws {
    let report = try LiechtensteinPlan.report()
    let dir = report.outputDirectory
    let r = FieldTools.run("/usr/bin/python3", ["-c", Self.qgisCheck, dir + "/plan.qgs", dir + "/plan.geojson"],
                           environment: ["QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": NSTemporaryDirectory()])
    #expect(r.status == 0, "\(r.output)")
    let lines = r.output.split(separator: "\n").map(String.init)
    #expect(lines.contains("crs EPSG:32632"))
    let layerLines = lines.filter { $0.hasPrefix("layer ") }
    #expect(layerLines.count >= 6)
    for l in layerLines { #expect(l.hasSuffix(" ok"), "\(l)") }
    let inked = lines.first { $0.hasPrefix("inked ") }.flatMap { Int($0.dropFirst(6)) } ?? 0
    #expect(inked > 2_000, "a 800×600 render with \(inked) non-white sampled pixels")
  }

  /// GDAL's KML driver reads the Liechtenstein plan.kml with plan.geojson's count per layer.
  @Test(.enabled(if: LiechtensteinPlan.available && FieldTools.ogrinfo != nil, "needs ../shared and ogrinfo (gdal-bin)"))
  func ogrinfoReadsTheKMLWithTheGeoJSONCounts() throws {
    let report = try LiechtensteinPlan.report()
    let r = FieldTools.run(FieldTools.ogrinfo!, ["-ro", "-al", "-so", report.outputDirectory + "/plan.kml"])
    #expect(r.status == 0)
    var counts: [String: Int] = [:]
    var layer = ""
    for line in r.output.split(separator: "\n") {
      if line.hasPrefix("Layer name: ") { layer = String(line.dropFirst(12)) }
      if line.hasPrefix("Feature Count: ") { counts[layer] = Int(line.dropFirst(15)) }
    }
    let geojson = try FileBytes.read(path: report.outputDirectory + "/plan.geojson")
    let plan = try PlanFieldFiles.layers(geojson: geojson)
    #expect(counts.count == plan.layers.count)
    for l in plan.layers { #expect(counts[PlanLayers.title(l.name)] == l.features.count, "\(l.name)") }
  }

  static let qgisCheck = #"""
  import sys, json
  from qgis.core import QgsApplication, QgsProject, QgsMapSettings, QgsMapRendererSequentialJob
  from qgis.PyQt.QtCore import QSize
  from qgis.PyQt.QtGui import QColor
  qgs, geojson = sys.argv[1], sys.argv[2]
  app = QgsApplication([], False); app.initQgis()
  p = QgsProject.instance()
  if not p.read(qgs): print("unreadable"); sys.exit(1)
  expected = {}
  for f in json.load(open(geojson))["features"]:
      l = f["properties"].get("layer"); expected[l] = expected.get(l, 0) + 1
  print("crs", p.crs().authid())
  layers = [n.layer() for n in p.layerTreeRoot().findLayers()]
  for layer in layers:
      name = layer.subsetString().split("'")[1]
      ok = layer.isValid() and layer.featureCount() == expected.get(name, -1)
      print("layer", name, layer.featureCount(), expected.get(name), "ok" if ok else "BAD")
  print("expected layers", len(expected), "project layers", len(layers))
  s = QgsMapSettings(); s.setLayers(layers); s.setDestinationCrs(p.crs())
  s.setExtent(p.viewSettings().defaultViewExtent()); s.setOutputSize(QSize(800, 600))
  s.setBackgroundColor(QColor(255, 255, 255))
  job = QgsMapRendererSequentialJob(s); job.start(); job.waitForFinished()
  img = job.renderedImage()
  print("inked", sum(1 for y in range(0, 600, 4) for x in range(0, 800, 4) if (img.pixel(x, y) & 0xffffff) != 0xffffff))
  app.exitQgis()
  """#
}
