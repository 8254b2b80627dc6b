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

/// The map and report of the real Liechtenstein plan (3,723 OpenStreetMap buildings in
/// 11 municipalities): size, marks and tables. Skipped when ../shared/maps is absent.
@Suite struct RealMapRenderTests {
  static let maps = RenderFixture.sharedMap("liechtenstein")

  @Test(.enabled(if: maps != nil && LiechtensteinPlan.available))
  func liechtensteinMapAndReport() throws {
    _ = try #require(Self.maps)
    let run = try LiechtensteinPlan.report()
    let out = run.outputDirectory
    var plan = run.result
    plan.scenario.attribution = "Map data © OpenStreetMap contributors, ODbL 1.0"

    let bytes = PlanMap.svg(plan)
    #expect(bytes.count < 5_000_000)
    #expect(RenderFixture.xmlError(bytes) == nil)
    let svg = String(decoding: bytes, as: UTF8.self)
    let buildingMarks = ["bc", "bn", "gr", "gd", "gb"].reduce(0) { $0 + RenderFixture.marks(svg, cls: $1) }
    #expect(buildingMarks == plan.buildings.count)
    #expect(buildingMarks >= 3_700)
    // Drawn as connected: served as designed; the rest the trench reaches are gaps.
    #expect(RenderFixture.marks(svg, cls: "bc") == plan.buildingServed.filter { $0 }.count)
    #expect(svg.components(separatedBy: "<text class=\"ml\"").count - 1 == 11)
    #expect(svg.contains("ODbL 1.0</text>"))
    #expect(svg.contains(" km</text>"))

    // The files the plan run wrote: the same map, and a report around it.
    let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/plan.svg")))
    plan.scenario.attribution = nil
    #expect(written == PlanMap.svg(plan))
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("Cost per municipality"))
    for name in plan.municipalityNames { #expect(html.contains("<td>\(SVGText.escaped(name))</td>")) }
    for f in BoardReportTests.fetches { #expect(!html.contains(f), "\(f)") }

    // fibreplan render on the plan.geojson draws every building too.
    let scene = try PlanMap.render(RenderCommandOptions(input: out + "/plan.geojson", output: out + "/render.svg"))
    let rendered = [MapPointClass.connected, .noHouseholds, .noRoad, .disconnected].reduce(0) { $0 + scene.count($1) }
    #expect(rendered == plan.buildings.count)
    let size = try FileManager.default.attributesOfItem(atPath: out + "/render.svg")[.size] as? Int ?? .max
    #expect(size < 5_000_000)
  }
}
