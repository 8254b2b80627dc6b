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

@Suite struct BoardReportTests {
  /// Every way a page could fetch something: scripts from elsewhere, style sheets,
  /// images, frames, CSS imports and urls, and the script calls that load.
  static let fetches = ["<script src", "fetch(", "XMLHttpRequest", "import(", "<link", "<img", "<iframe", "<object", "<embed", " src=", " href=", "url(", "@import", "srcset"]

  @Test("The report is self-contained and escapes every text")
  func reportIsSelfContainedAndEscaped() throws {
    var plan = try RenderFixture.townPlan()
    plan.scenario.name = "Town <&> \"q\""
    plan.scenario.attribution = "Data © <OSM> & \"friends\", https://www.openstreetmap.org/copyright"
    let html = String(decoding: try BoardReport.html(plan), as: UTF8.self)
    for f in Self.fetches { #expect(!html.contains(f), "\(f)") }
    // The only web address is the attribution's own text.
    #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "https://www.openstreetmap.org/copyright").count - 1)
    #expect(!html.contains("<&>"))
    #expect(html.contains("Town &lt;&amp;&gt; &quot;q&quot;"))
    #expect(html.contains("Data © &lt;OSM&gt; &amp; &quot;friends&quot;"))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    #expect(html.contains("<style>"))
    // The map's canvas with its inline data and script, and the cost–coverage chart.
    #expect(html.components(separatedBy: "<svg ").count == 2)
    #expect(html.components(separatedBy: "<canvas id=\"imap-canvas\"").count == 2)
    #expect(html.contains("aria-label=\"Households connected against capex\""))
    #expect(html.contains("id=\"imap-layers\""))
    // The plan's texts reach the map's data escaped for JSON inside a script.
    #expect(!html.contains("</script>\n</script>"))
  }

  @Test("Headline and gap figures are the plan's")
  func reportFigures() throws {
    let plan = try RenderFixture.townPlan()
    let html = String(decoding: try BoardReport.html(plan), as: UTF8.self)
    let r = plan.totals.region
    #expect(html.contains(">\(HumanNumber.grouped(r.householdsConnected))<"))
    #expect(html.contains("EUR \(HumanNumber.grouped(r.capexTotal))"))
    #expect(html.contains(HumanNumber.percent(r.coveragePercent)))
    // D (1 household) has no road within 250 m; F (2) is on a lane cut off from the
    // POP; E is a shed. No boundaries: no municipality table.
    #expect(html.contains("<tr class=\"sub\"><td>No road within 250 m</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"))
    #expect(html.contains("<tr class=\"sub\"><td>Road not linked to the POP</td><td class=\"num\">1</td><td class=\"num\">2</td></tr>"))
    #expect(html.contains("<tr class=\"sub\"><td>No households (not a gap)</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>"))
    #expect(!html.contains("Cost per municipality"))
  }

  @Test("The embedded SVG loses only its namespace attribute")
  func inlineSVG() {
    let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\"><path/></svg>\n".utf8)
    #expect(String(decoding: BoardReport.inlineSVG(svg), as: UTF8.self)
            == "<svg role=\"img\" aria-label=\"Plan map\" width=\"1\"><path/></svg>\n")
  }
}
