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

@Suite struct SitingTests {
  @Test("Hub candidates on the three-town street are ranked by capex with known differences")
  func rankCandidates() throws {
    let dir = try ThreeTowns.write()
    var scenario = Scenario(name: "siting")
    scenario.layers = Scenario.LayerPaths(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson",
                                          boundaries: dir + "/boundaries.geojson")
    func at(_ x: Double) -> LonLat { let (lon, lat) = HandMadeTown.lonLat(x, 0); return LonLat(lon: lon, lat: lat) }
    // Trench from the POP to the farthest house both ways, plus three 10 m drops.
    let ranking = DataCentreSiting.rank(scenario, candidates: [("west", at(0)), ("centre", at(300)), ("east", at(590))],
                                        uniformCost: true)
    #expect(ranking.map(\.name) == ["centre", "east", "west"])
    let capex = ranking.map { $0.region?.capexTotal ?? -1 }
    #expect(abs(capex[0] - 430) < 0.5)
    #expect(abs(capex[1] - 520) < 0.5)
    #expect(abs(capex[2] - 530) < 0.5)
    #expect(abs(ranking[2].differenceToBest - 100) < 0.5)
    #expect(ranking.map(\.rank) == [1, 2, 3])
    let csv = SitingReport.csv(ranking)
    #expect(csv.split(separator: "\n").count == 4)
    #expect(csv.split(separator: "\n")[1].hasPrefix("1,centre,"))
  }
}
