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
    let buildingMarks = ["bc", "bn", "gr", "gd", "gb", "gn"].reduce(0) { $0 + RenderFixture.marks(svg, cls: $1) }
    #expect(buildingMarks == plan.demand.buildings.count)
    #expect(buildingMarks >= 3_700)
    // Drawn as served: served as designed; those the trench reaches that the
    // architecture cannot serve are drawn apart (1,040 in this plan), not as served.
    #expect(RenderFixture.marks(svg, cls: "bc") == plan.outcomes.buildings.served.filter { $0 }.count)
    let unservable = (0..<plan.demand.buildings.count).filter { plan.outcomes.buildings.outcome[$0] == .connected && !plan.outcomes.buildings.served[$0] }.count
    #expect(unservable > 500)
    #expect(RenderFixture.marks(svg, cls: "gn") == unservable)
    // The architecture: cabinets, closures, and the cable sizes installed in the legend.
    let arch = try #require(plan.architecture)
    #expect(RenderFixture.marks(svg, cls: "cb") == arch.cabinets.count)
    #expect(RenderFixture.marks(svg, cls: "sp") == arch.closures.count)
    #expect(svg.contains(">FEEDER CABLE, POP TO CABINET</text>"))
    #expect(svg.contains(">DISTRIBUTION CABLE, CABINET ON</text>"))
    #expect(!svg.contains("or more"))
    for c in arch.cables {
      #expect(svg.contains("<path class=\"\(c.tier == .feeder ? "f" : "d")\(c.cableFibres)\" d=\"M"))
    }
    #expect(svg.components(separatedBy: "<text class=\"ml\"").count - 1 == 11)
    #expect(svg.contains("ODbL 1.0</text>"))
    #expect(svg.contains(" km</text>"))

    // The files the plan run wrote: the same map, and a report around it.
    let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out + "/plan.svg")))
    plan.scenario.attribution = nil
    #expect(written == PlanMap.svg(plan))
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("Cost per municipality"))
    for name in plan.demand.municipalityNames { #expect(html.contains("<td>\(SVGText.escaped(name))</td>")) }
    for f in BoardReportTests.fetches { #expect(!html.contains(f), "\(f)") }
    // The interactive map keeps the report near a megabyte for ~15,000 features.
    #expect(html.utf8.count < 2_500_000)
    #expect(html.contains("<fieldset") == false) // the layer list is made by the script

    // fibreplan render on the plan.geojson draws every building too.
    let scene = try PlanMap.render(RenderCommandOptions(input: out + "/plan.geojson", output: out + "/render.svg"))
    let rendered = [MapPointClass.connected, .noHouseholds, .noRoad, .disconnected, .coverageGap, .notServable]
      .reduce(0) { $0 + scene.count($1) }
    #expect(rendered == plan.demand.buildings.count)
    #expect(scene.count(.notServable) == unservable)
    #expect(scene.count(.cabinet) == arch.cabinets.count)
    #expect(Set(scene.cableClasses) == Set(arch.cables.map { MapCableClass(tier: $0.tier, fibres: $0.cableFibres) }))
    let size = try FileManager.default.attributesOfItem(atPath: out + "/render.svg")[.size] as? Int ?? .max
    #expect(size < 5_000_000)
  }
}
