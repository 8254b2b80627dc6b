import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Every rule of the fibre schedule, checked against the plan it was made from.
enum FibreScheduleChecker {
  static func check(_ s: FibreSchedule, _ plan: FibrePlanResult) {
    guard let arch = plan.architecture else { Issue.record("no architecture"); return }
    let network = plan.network
    // One row per served fibre.
    #expect(s.rows.count == arch.assignments.reduce(0) { $0 + $1.fibres })
    // Cables: each edge's cable in exactly one pulled cable, of its installed size, edges chained.
    var cableOfEdge: [String: Int] = [:]
    for (k, c) in s.cables.enumerated() {
      var at = c.from
      for e in c.edges {
        let key = "\(c.cabinet)/\(e)"
        #expect(cableOfEdge[key] == nil, "edge \(e) in two cables")
        cableOfEdge[key] = k
        let u = network.edgeU[Int(e)], v = network.edgeV[Int(e)]
        #expect(u == at || v == at, "\(c.id) is not a chain")
        at = u == at ? v : u
      }
      #expect(at == c.to)
    }
    for c in arch.cables {
      let k = cableOfEdge["\(c.cabinet)/\(c.edge)"]
      #expect(k != nil && s.cables[k!].fibres == c.cableFibres)
    }
    // No fibre of any cable twice; fibres within the installed size.
    var used = Set<String>()
    func use(_ route: [FibreSchedule.Hop]) {
      for h in route {
        #expect(h.fibre >= 1 && h.fibre <= s.cables[Int(h.cable)].fibres, "fibre \(h.fibre) of \(s.cables[Int(h.cable)].id)")
        #expect(used.insert("\(h.cable):\(h.fibre)").inserted, "fibre \(h.fibre) of \(s.cables[Int(h.cable)].id) used twice")
      }
    }
    // Every feeder fibre runs POP → its cabinet, cable to next cable.
    for (j, routes) in s.feederRoutes.enumerated() {
      #expect(routes.count == arch.cabinets[j].feederFibres)
      for r in routes {
        use(r)
        var at = plan.tree.popNode
        for h in r {
          let c = s.cables[Int(h.cable)]
          #expect(c.tier == .feeder && c.from == at)
          at = c.to
        }
        #expect(at == arch.cabinets[j].node, "feeder fibre of cabinet \(j) ends elsewhere")
      }
    }
    // Splitter ports once each, within the ratio; distribution from the cabinet to the home.
    var ports = Set<String>()
    let lastRatio = s.ratios.second > 0 ? s.ratios.second : s.ratios.first
    for r in s.rows {
      let sp = s.splitter(r)
      #expect(ports.insert("\(sp.id)#\(sp.port)").inserted, "\(sp.id) port \(sp.port) twice")
      #expect(sp.port >= 1 && sp.port <= lastRatio)
      #expect(r.splitterPort >= 1 && r.splitterPort <= s.ratios.first)
      #expect(r.splitter >= 1 && r.splitter <= arch.cabinets[Int(r.cabinet)].feederFibres)
      #expect(r.feeder == s.feederRoutes[Int(r.cabinet)][r.splitter - 1])
      use(r.distribution)
      var at = arch.cabinets[Int(r.cabinet)].node
      for h in r.distribution {
        let c = s.cables[Int(h.cable)]
        #expect(c.tier == .distribution && c.cabinet == r.cabinet && c.from == at)
        at = c.to
      }
      let home = r.demand >= 0 ? network.buildingNode[Int(r.demand)] : network.siteNode[Int(-1 - r.demand)]
      #expect(r.dropNode >= 0, "home \(r.demand) has no way from its cabinet")
      if let last = r.distribution.last {
        let c = s.cables[Int(last.cable)]
        let nodes = Set(c.edges.flatMap { [network.edgeU[Int($0)], network.edgeV[Int($0)]] })
        #expect(nodes.contains(r.dropNode))
      } else {
        #expect(r.dropNode == arch.cabinets[Int(r.cabinet)].node)
      }
      // The drop's street end, or across the drop's crossings (zero-length edges) from it.
      let d = PlanGeoJSON.dropEdgeOfNode(network)[Int(home)]
      var ends: Set<Int32> = d >= 0 ? [network.edgeU[Int(d)], network.edgeV[Int(d)]] : []
      for _ in 0..<4 {
        for e in 0..<network.edgeCount where network.edgeKind[e] == .crossing
          && (ends.contains(network.edgeU[e]) || ends.contains(network.edgeV[e])) {
          ends.insert(network.edgeU[e]); ends.insert(network.edgeV[e])
        }
      }
      #expect(r.dropNode == home || ends.contains(r.dropNode))
    }
  }

  /// fibres.csv agrees with the schedule: one line per row, 14 columns, TIA-598 colours.
  static func checkCSV(_ s: FibreSchedule, _ plan: FibrePlanResult) {
    let lines = String(decoding: s.fibresCSV(plan, popName: "POP"), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == s.rows.count + 1)
    for (r, line) in zip(s.rows, lines.dropFirst()) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(f.count == 14)
      guard f.count == 14, let d = r.distribution.last else { continue }
      #expect(f[9] == String(d.fibre))
      #expect(f[10] == FibreSchedule.tia598[(d.fibre - 1) / 12 % 12] && f[11] == FibreSchedule.tia598[(d.fibre - 1) % 12])
    }
  }
}

@Suite struct FibreScheduleTests {
  func planTown(_ configure: (inout FTTHArchitecture) -> Void = { _ in }) throws -> FibrePlanResult {
    let dir = try HandMadeTown.write()
    var s = Scenario(name: "town", layers: .init(roads: dir + "/roads.geojson", buildings: dir + "/buildings.geojson"),
                     pop: LonLat(lon: HandMadeTown.originLon, lat: HandMadeTown.originLat), timeLimit: 1)
    configure(&s.architecture)
    return try Planner.plan(PlanRequest(scenario: s))
  }

  @Test func tia598ColoursRunBlueToAquaThenTheNextTube() {
    #expect(FibreSchedule.colours(1) == ("blue", "blue"))
    #expect(FibreSchedule.colours(12) == ("blue", "aqua"))
    #expect(FibreSchedule.colours(13) == ("orange", "blue"))
    #expect(FibreSchedule.colours(144) == ("aqua", "aqua"))
  }

  @Test("The town's six households sit on ports 1 to 6 of one 1:32 splitter behind one feeder fibre")
  func townAllocationKnownByHand() throws {
    let plan = try planTown()
    let s = FibreSchedule(plan)
    FibreScheduleChecker.check(s, plan)
    FibreScheduleChecker.checkCSV(s, plan)
    #expect(s.rows.count == 6)
    #expect(s.rows.map(\.oltPort) == [1, 1, 1, 1, 1, 1])
    #expect(s.rows.map { s.splitter($0).id } == Array(repeating: PlanGeoJSON.cabinetID(plan.architecture!.cabinets[0].node) + "/S1", count: 6))
    #expect(s.rows.map(\.splitterPort).sorted() == [1, 2, 3, 4, 5, 6])
    #expect(s.feederRoutes.map(\.count) == [1])
    // B's four households: four rows, four fibres of the cable that reaches B.
    let bIndex = try #require(plan.demand.buildings.ids.firstIndex(of: "B"))
    let b = s.rows.filter { $0.demand == Int32(bIndex) }
    #expect(b.count == 4)
    #expect(Set(b.compactMap { $0.distribution.last?.cable }).count == 1)
    #expect(Set(b.compactMap { $0.distribution.last?.fibre }).count == 4)
  }

  @Test("Four-port cabinets: two cabinets, two OLT ports, every rule holds")
  func twoCabinets() throws {
    let plan = try planTown { $0.cabinetCapacity = 4 }
    let s = FibreSchedule(plan)
    FibreScheduleChecker.check(s, plan)
    #expect(Set(s.rows.map(\.oltPort)) == [1, 2])
  }

  @Test("A cascaded 1:2 + 1:2 split puts homes on second-stage ports")
  func cascaded() throws {
    let plan = try planTown { $0.split = .cascaded(2, 2) }
    let s = FibreSchedule(plan)
    FibreScheduleChecker.check(s, plan)
    #expect(s.rows.allSatisfy { s.splitter($0).id.contains(".") && s.splitter($0).port <= 2 })
  }

  @Test(.enabled(if: LiechtensteinPlan.available, "needs ../shared/maps/liechtenstein"))
  func liechtensteinScheduleKeepsEveryRule() throws {
    let report = try LiechtensteinPlan.report()
    let s = FibreSchedule(report.result)
    FibreScheduleChecker.check(s, report.result)
    FibreScheduleChecker.checkCSV(s, report.result)
    let file = try String(contentsOfFile: report.outputDirectory + "/fibres.csv", encoding: .utf8)
    #expect(file.split(separator: "\n").count == s.rows.count + 1)
    let splices = try String(contentsOfFile: report.outputDirectory + "/splices.csv", encoding: .utf8)
    #expect(splices.split(separator: "\n").count == (report.result.architecture?.closures.count ?? 0) + 1)
  }
}
