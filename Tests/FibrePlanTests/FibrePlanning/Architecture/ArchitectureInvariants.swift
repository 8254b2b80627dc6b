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

/// Checks a designed architecture against the rules it must keep, recomputing every
/// figure independently of the designer (plain parent walks, no shared helpers).
enum ArchitectureInvariants {
  static func check(_ p: FibrePlanResult, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let arch = p.architecture else { Issue.record("no architecture", sourceLocation: sourceLocation); return }
    let a = p.scenario.architecture
    let net = p.network
    // Parents by BFS from the POP over tree edges.
    var adjacency: [Int32: [Int32]] = [:]
    for e in p.tree.edges {
      adjacency[net.edgeU[Int(e)], default: []].append(e)
      adjacency[net.edgeV[Int(e)], default: []].append(e)
    }
    var parentEdge: [Int32: Int32] = [p.tree.popNode: -1]
    var depth: [Int32: Double] = [p.tree.popNode: 0]
    var queue = [p.tree.popNode]
    while let v = queue.popLast() {
      for e in adjacency[v] ?? [] {
        let w = net.edgeU[Int(e)] == v ? net.edgeV[Int(e)] : net.edgeU[Int(e)]
        if parentEdge[w] == nil { parentEdge[w] = e; depth[w] = depth[v]! + net.edgeLength[Int(e)]; queue.append(w) }
      }
    }
    func up(_ v: Int32) -> [Int32] {  // edges from v to the root
      var out: [Int32] = [], x = v
      while let e = parentEdge[x], e >= 0 { out.append(e); x = net.edgeU[Int(e)] == x ? net.edgeV[Int(e)] : net.edgeU[Int(e)] }
      return out
    }
    func path(_ u: Int32, _ v: Int32) -> Set<Int32> { Set(up(u)).symmetricDifference(Set(up(v))) }

    // Every connected household: served by exactly one cabinet, or a gap with a reason.
    var served: [Int32: Int] = [:], fibres: [Int32: Int] = [:]
    for s in arch.assignments { served[s.demand, default: 0] += s.households; fibres[s.demand, default: 0] += s.fibres }
    var gapOf: [Int32: String] = [:]
    for g in arch.gaps {
      #expect(gapOf[g.demand] == nil, "demand \(g.demand) is a gap twice", sourceLocation: sourceLocation)
      gapOf[g.demand] = g.reason
      #expect(fibres[g.demand] == nil, "gap \(g.demand) is also served", sourceLocation: sourceLocation)
    }
    for b in 0..<p.demand.buildings.count where p.outcomes.buildings.outcome[b] == .connected {
      let id = Int32(b)
      if gapOf[id] == nil {
        #expect(served[id] == Int(p.demand.buildings.units[b]), "building \(b): \(served[id] ?? 0) of \(p.demand.buildings.units[b]) households served",
                sourceLocation: sourceLocation)
        #expect(fibres[id] == Int(p.demand.buildings.units[b]) * a.fibresPerHousehold, sourceLocation: sourceLocation)
        #expect(net.buildingDistanceToRoad[b] <= a.maxDropLength, sourceLocation: sourceLocation)
      } else if gapOf[id] == "drop_too_long" {
        #expect(net.buildingDistanceToRoad[b] > a.maxDropLength, sourceLocation: sourceLocation)
      }
    }
    for s in 0..<p.demand.sites.count where p.outcomes.sites.outcome[s] == .connected {
      let id = Int32(-1 - s)
      #expect(gapOf[id] != nil || fibres[id] == a.fibresPerSite, sourceLocation: sourceLocation)
    }
    for g in arch.gaps {
      #expect(["drop_too_long", "optical_budget", "cabinet_capacity"].contains(g.reason) || g.reason.hasPrefix("no_cabinet_within_"),
              sourceLocation: sourceLocation)
    }

    // Capacity, distance and budget per home; cable fibres at least the demand below.
    var demandOnEdge: [String: Int] = [:]
    for (j, c) in arch.cabinets.enumerated() {
      #expect(c.fibres <= a.cabinetCapacity, "cabinet \(j) has \(c.fibres) > \(a.cabinetCapacity)", sourceLocation: sourceLocation)
      for e in up(c.node) { demandOnEdge["f/\(e)", default: 0] += c.feederFibres }
    }
    for s in arch.assignments {
      let c = arch.cabinets[Int(s.cabinet)]
      let home = s.demand >= 0 ? net.buildingNode[Int(s.demand)] : net.siteNode[Int(-1 - s.demand)]
      let edges = path(c.node, home)
      let metres = edges.reduce(0.0) { $0 + net.edgeLength[Int($1)] }
      #expect(metres <= a.maxCabinetDistance + 1e-6, sourceLocation: sourceLocation)
      for e in edges { demandOnEdge["d\(s.cabinet)/\(e)", default: 0] += s.fibres }
      let loss = s.demand >= 0 ? arch.buildingLoss[Int(s.demand)] : arch.siteLoss[Int(-1 - s.demand)]
      #expect(loss <= a.optics.budget - a.optics.margin, sourceLocation: sourceLocation)
      #expect(loss >= (depth[c.node]! + metres) / 1000 * a.optics.attenuation1310, sourceLocation: sourceLocation)
    }
    var cableOn: [String: Int] = [:]
    for c in arch.cables {
      let key = c.tier == .feeder ? "f/\(c.edge)" : "d\(c.cabinet)/\(c.edge)"
      #expect(cableOn[key] == nil, "two cables for \(key)", sourceLocation: sourceLocation)
      cableOn[key] = c.cableFibres
      #expect(c.cableFibres >= c.fibresDemand, sourceLocation: sourceLocation)
      #expect(c.sizes.allSatisfy { s in a.cables.contains { $0.fibres == s } }, sourceLocation: sourceLocation)
    }
    for (key, demand) in demandOnEdge {
      let edge = Int(key.split(separator: "/")[1])!
      // Building drops carry the drop cable, not a distribution cable.
      if net.edgeKind[edge] == .drop && net.edgeSource[edge] != Int32.min { continue }
      // So do the crossings that continue a drop across its road (no length).
      if net.edgeKind[edge] == .crossing && cableOn[key] == nil && net.edgeLength[edge] == 0 { continue }
      let installed = cableOn[key] ?? 0
      #expect(installed >= demand, "\(key): \(installed) fibres installed for \(demand)", sourceLocation: sourceLocation)
      #expect(Double(installed) >= Double(demand) * (1 + a.sparePercent / 100) - 1e-9, sourceLocation: sourceLocation)
    }
    #expect(abs(arch.architectureCapex - (arch.cabinets.reduce(0) { $0 + $1.cost } + arch.cables.reduce(0) { $0 + $1.cost }
                                          + Double(arch.closures.count) * a.spliceClosureCost)) < 1e-6,
            sourceLocation: sourceLocation)
  }
}
