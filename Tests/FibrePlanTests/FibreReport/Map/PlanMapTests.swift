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

@Suite struct PlanMapTests {
  @Test("The town's map is well-formed XML with legend, scale bar, north and attribution")
  func townMapIsComplete() throws {
    var plan = try RenderFixture.townPlan()
    plan.scenario.name = "Town <&> \"north\""
    plan.scenario.attribution = "Map data © OpenStreetMap contributors, ODbL 1.0 <&>"
    let bytes = PlanMap.svg(plan)
    #expect(RenderFixture.xmlError(bytes) == nil)
    let svg = String(decoding: bytes, as: UTF8.self)
    #expect(svg.contains("<g id=\"legend\">"))
    #expect(svg.contains(">SCALE</text>"))
    #expect(svg.contains("<text class=\"nt\""))
    #expect(svg.contains("ODbL 1.0 &lt;&amp;&gt;</text>"))
    #expect(svg.contains("Town &lt;&amp;&gt; &quot;north&quot;"))
    #expect(!svg.contains("style=\""))
    // One path per class: A, B, C connected; D too far from a road; F on a lane that
    // does not reach the POP; E a shed.
    #expect(RenderFixture.marks(svg, cls: "bc") == 3)
    #expect(RenderFixture.marks(svg, cls: "gr") == 1)
    #expect(RenderFixture.marks(svg, cls: "gd") == 1)
    #expect(RenderFixture.marks(svg, cls: "bn") == 1)
    // Each class is one path on the map (the legend draws its own sample after it).
    let map = svg.components(separatedBy: "<g id=\"legend\">")[0]
    #expect(map.components(separatedBy: "<path class=\"bc\"").count == 2)
    #expect(svg.contains("No road within 250 m"))
    // The stray lane is a road the tree does not use.
    #expect(!RenderFixture.pathData(svg, cls: "rd").isEmpty)
  }

  @Test("The map is byte-identical across runs and plans")
  func mapIsDeterministic() throws {
    let a = try RenderFixture.townPlan(), b = try RenderFixture.townPlan()
    #expect(PlanMap.svg(a) == PlanMap.svg(a))
    #expect(PlanMap.svg(a) == PlanMap.svg(b))
  }

  @Test("Scale bars are 1, 2 or 5 × 10ⁿ metres and labelled in m or km")
  func niceScaleLengths() {
    #expect(MapLegend.niceLength(metresPerPixel: 1) == 200)
    #expect(MapLegend.niceLength(metresPerPixel: 0.37) == 50)
    #expect(MapLegend.niceLength(metresPerPixel: 12) == 2000)
    #expect(MapLegend.niceLength(metresPerPixel: 30) == 5000)
    #expect(MapLegend.lengthLabel(2000) == "2 km")
    #expect(MapLegend.lengthLabel(1500) == "1.5 km")
    #expect(MapLegend.lengthLabel(500) == "500 m")
  }

  @Test("Cable width steps once per factor of 4 in fibres")
  func fibreBuckets() {
    let expected: [(Int, Int)] = [(0, 0), (1, 0), (3, 0), (4, 1), (15, 1), (16, 2), (63, 2), (64, 3),
                                  (256, 4), (1023, 4), (1024, 5), (1_000_000, 5)]
    for (fibres, bucket) in expected { #expect(MapLineClass.fibreBucket(fibres) == bucket) }
    #expect(MapLineClass.cable(.trench, fibres: 20) == .trench2)
    #expect(MapLineClass.cable(.ductReuse, fibres: 5) == .reuse1)
    #expect(MapLineClass.cable(.drop, fibres: 900) == .drop)
  }

  @Test("Numbers are written in tenths without locale")
  func tenths() {
    var t = SVGText()
    for v in [0, 5, -5, 10, 1234, -1234, 20] { t.tenths(v); t.raw(" ") }
    #expect(String(decoding: t.bytes, as: UTF8.self) == "0 0.5 -0.5 1 123.4 -123.4 2 ")
  }

  @Test("render draws a plan.geojson like the plan it came from")
  func renderMatchesPlan() throws {
    var plan = try RenderFixture.townPlan()
    plan.scenario.attribution = "Map data © OSM & co"
    let dir = NSTemporaryDirectory() + "fibreplan-render-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try Data(PlanGeoJSON.encode(plan)).write(to: URL(fileURLWithPath: dir + "/plan.geojson"))
    let o = RenderCommandOptions(input: dir + "/plan.geojson", output: dir + "/out/map.svg")
    let fromFile = try PlanMap.render(o)
    let fromPlan = MapScene(plan: plan)
    for cls in MapPointClass.allCases { #expect(fromFile.count(cls) == fromPlan.count(cls), "\(cls)") }
    for cls in MapLineClass.allCases where cls != .road && cls != .boundary {
      #expect(fromFile.lineCount(cls) == fromPlan.lineCount(cls), "\(cls)")
    }
    #expect(fromFile.title == "town")
    #expect(fromFile.attribution == "Map data © OSM & co")
    #expect(fromFile.pop != nil)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/out/map.svg")))
    #expect(RenderFixture.xmlError(bytes) == nil)
    #expect(String(decoding: bytes, as: UTF8.self).contains("OSM &amp; co"))
    // Same file, same bytes.
    try PlanMap.render(o)
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/out/map.svg"))) == bytes)
  }

  @Test("render names a missing file and rejects a file that is not GeoJSON")
  func renderErrors() throws {
    let dir = NSTemporaryDirectory() + "fibreplan-render-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    #expect(throws: FibrePlanError.self) {
      try PlanMap.render(RenderCommandOptions(input: dir + "/absent.geojson", output: dir + "/m.svg"))
    }
    try "not json".write(toFile: dir + "/bad.geojson", atomically: true, encoding: .utf8)
    do {
      try PlanMap.render(RenderCommandOptions(input: dir + "/bad.geojson", output: dir + "/m.svg"))
      Issue.record("expected a data error")
    } catch let e as FibrePlanError {
      #expect(e.kind == .data)
      #expect(e.message.contains("bad.geojson"))
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/m.svg"))
  }

  @Test("Cable in existing ducts and unused ducts get their own classes and legend rows")
  func ductStyles() throws {
    var plan = try RenderFixture.townPlan()
    // Relabel one tree trench edge as reused duct and one unused road edge as duct.
    let tree = Set(plan.tree.edges)
    let reused = try #require(plan.tree.edges.firstIndex { plan.network.edgeKind[Int($0)] == .trench })
    plan.network.edgeKind[Int(plan.tree.edges[reused])] = .ductReuse
    let unused = try #require((0..<plan.network.edgeCount).first { !tree.contains(Int32($0)) && plan.network.edgeKind[$0] == .trench })
    plan.network.edgeKind[unused] = .ductReuse
    let scene = MapScene(plan: plan)
    let bucket = MapLineClass.fibreBucket(Int(plan.tree.edgeFibres[reused]))
    #expect(scene.lineCount(MapLineClass(rawValue: MapLineClass.reuse0.rawValue + UInt8(bucket))!) == 1)
    #expect(scene.lineCount(.duct) == 1)
    let svg = String(decoding: PlanMap.svg(scene), as: UTF8.self)
    #expect(svg.contains("<path class=\"u\(bucket)\" d=\"M"))
    #expect(svg.contains("<path class=\"du\" d=\"M"))
    #expect(svg.contains(">Cable in existing duct</text>"))
    #expect(svg.contains(">Existing duct, not used</text>"))
  }

  @Test("With an architecture the map draws cables by tier and installed size, cabinets and closures")
  func architectureOnTheMap() throws {
    let plan = try RenderFixture.townPlan(uniform: false)
    let arch = try #require(plan.architecture)
    #expect(!arch.cabinets.isEmpty && !arch.cables.isEmpty)
    let svg = String(decoding: PlanMap.svg(plan), as: UTF8.self)
    #expect(RenderFixture.xmlError(Array(svg.utf8)) == nil)
    #expect(RenderFixture.marks(svg, cls: "cb") == arch.cabinets.count)
    #expect(RenderFixture.marks(svg, cls: "cw") == arch.cabinets.count)
    #expect(RenderFixture.marks(svg, cls: "sp") == arch.closures.count)
    // The legend lists the sizes installed, never households downstream.
    let legend = svg.components(separatedBy: "<g id=\"legend\">")[1]
    for size in Set(arch.cables.map(\.cableFibres)) { #expect(legend.contains(">\(size) fibres</text>")) }
    #expect(!legend.contains("or more"))
    #expect(!legend.contains("FIBRES NEEDED"))
    for c in arch.cables { #expect(svg.contains(".\(c.tier == .feeder ? "f" : "d")\(c.cableFibres){stroke:")) }
    // Trench under the cable is a casing of one width.
    #expect(svg.contains("#map .t0,#map .t1"))
  }

  @Test("Homes the architecture cannot serve are drawn apart from served ones, in the plan and in render")
  func unservableHomes() throws {
    var plan = try RenderFixture.townPlan(uniform: false)
    let b = try #require((0..<plan.demand.buildings.count).first { plan.outcomes.buildings.outcome[$0] == .connected && plan.outcomes.buildings.served[$0] })
    plan.outcomes.buildings.served[b] = false
    plan.architecture!.gaps.append(.init(demand: Int32(b), reason: "optical_budget", households: Int(plan.demand.buildings.units[b])))
    let scene = MapScene(plan: plan)
    #expect(scene.count(.notServable) == 1)
    let svg = String(decoding: PlanMap.svg(scene), as: UTF8.self)
    #expect(RenderFixture.marks(svg, cls: "gn") == 1)
    #expect(svg.contains(">Not servable as designed</text>"))
    // plan.geojson read back draws the same: service_gap, cabinets, closures, cables.
    let table = try GeoJSONReader.read(bytes: PlanGeoJSON.encode(plan), path: "plan.geojson")
    let read = MapScene(features: table, title: "town", attribution: nil)
    for cls in MapPointClass.allCases { #expect(read.count(cls) == scene.count(cls), "\(cls)") }
    #expect(read.cableClasses == scene.cableClasses)
    for c in scene.cableClasses { #expect(read.cables[c]!.start.count == scene.cables[c]!.start.count) }
  }

  @Test("Without an architecture the trench keeps its width by fibres needed, under that heading")
  func uniformCostLegend() throws {
    let svg = String(decoding: PlanMap.svg(try RenderFixture.townPlan()), as: UTF8.self)
    #expect(svg.contains(">FIBRES NEEDED (NO CABLES DESIGNED)</text>"))
    #expect(!svg.contains("CABLE, POP TO CABINET"))
  }

  @Test("Ring routes are drawn on plan.svg and by render, and are a layer of the report's map")
  func ringsOnTheMap() throws {
    let dir = try RingTown.write()
    var o = PlanCommandOptions()
    o.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", sites: dir + "/sites.geojson")
    o.pops = ["\(HandMadeTown.originLon),\(HandMadeTown.originLat)"]
    o.uniformCost = true
    o.timeLimit = 0
    o.rings = true
    o.outputDirectory = dir + "/plan"
    let report = try PlanRun.run(o)
    let design = try #require(report.rings)
    let svg = try String(contentsOfFile: dir + "/plan/plan.svg", encoding: .utf8)
    #expect(svg.contains("<path class=\"rg\" d=\"M"))
    #expect(svg.contains(">Ring route (protected site)</text>"))
    // Each trench edge of a ring once, however many rings run along it.
    let edges = Set(design.rings.flatMap { $0.first + $0.second })
    var scene = MapScene(plan: report.result)
    scene.addRings(design, plan: report.result)
    #expect(scene.lineCount(.ring) == edges.count)
    let rendered = try PlanMap.render(RenderCommandOptions(input: dir + "/plan/plan.geojson", output: dir + "/render.svg"))
    #expect(rendered.lineCount(.ring) == 2 * design.rings.count)
    let html = try String(contentsOfFile: dir + "/plan/report.html", encoding: .utf8)
    #expect(html.contains("{\"name\":\"ring\",\"title\":\"Ring routes\""))
  }

  @Test("A regional plan's map shows every POP, the data centre and the backbone, in the plan and in render")
  func regionalPlanOnTheMap() throws {
    let report = try RegionalPlanTests.plan(try RegionalPlanTests.twoTowns())
    let h = try #require(report.result.hierarchy)
    let out = report.outputDirectory
    let svg = try String(contentsOfFile: out + "/plan.svg", encoding: .utf8)
    let map = svg.components(separatedBy: "<g id=\"legend\">")[0]
    #expect(map.components(separatedBy: "<circle class=\"pp\"").count - 1 == h.pops.count)
    for p in h.pops { #expect(map.contains(">\(p.name)</text>")) }
    #expect(map.contains("<circle class=\"dc\""))
    #expect(map.contains("<path class=\"bb\" d=\"M"))
    #expect(svg.contains(">Backbone, data centre to POPs</text>"))
    #expect(svg.contains(">Data centre</text>"))
    // render reads the same from plan.geojson.
    let plan = MapScene(plan: report.result)
    let scene = try PlanMap.render(RenderCommandOptions(input: out + "/plan.geojson", output: out + "/render.svg"))
    #expect(scene.pops.map(\.name) == h.pops.map(\.name))
    #expect(scene.pop != nil)
    #expect(scene.backbone.start.count - 1 == h.backbone.count)
    #expect(plan.backbone.start.count == scene.backbone.start.count)
  }
}
