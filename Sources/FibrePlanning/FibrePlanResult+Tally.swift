import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension FibrePlanResult {
  /// Fills `region` and `municipalities` from the outcomes and the tree.
  package mutating func tally(costs: TrenchCostModel) {
    var region = PlanFigures(name: scenario.name)
    var perMunicipality = municipalityNames.map { PlanFigures(name: $0) }
    var outside = PlanFigures(name: "(outside boundaries)")
    func update(_ m: Int32, _ body: (inout PlanFigures) -> Void) {
      body(&region)
      if municipalityNames.isEmpty { return }
      if m >= 0 { body(&perMunicipality[Int(m)]) } else { body(&outside) }
    }
    for b in 0..<buildings.count {
      let units = Int(buildings.units[b])
      let outcome = buildingOutcome[b]
      update(buildingMunicipality[b]) { f in
        f.buildingsTotal += 1
        f.householdsTotal += units
        if outcome == .connected {
          f.buildingsConnected += 1
          f.householdsConnected += units
          f.connectionCost += costs.dropPerConnection + Double(units) * costs.equipmentPerConnection
        } else if outcome.isUnreachable {
          f.householdsUnreachable += units
        } else if outcome.isCoverageGap {
          f.householdsGap += units
        }
      }
    }
    for s in 0..<sites.count {
      let outcome = siteOutcome[s]
      update(siteMunicipality[s]) { f in
        f.sitesTotal += 1
        if outcome == .connected {
          f.sitesConnected += 1
          f.connectionCost += costs.dropPerConnection + costs.equipmentPerConnection
        }
      }
    }
    for e in treeEdges {
      let length = network.edgeLength[Int(e)], cost = network.edgeCost[Int(e)]
      let kind = network.edgeKind[Int(e)]
      update(edgeMunicipality[Int(e)]) { f in
        switch kind {
        case .trench: f.trenchMetres += length
        case .ductReuse: f.ductReuseMetres += length
        case .drop: f.dropMetres += length
        }
        f.networkCost += cost
      }
    }
    self.region = region
    var list = perMunicipality
    if outside.buildingsTotal + outside.sitesTotal > 0 || outside.networkCost > 0 { list.append(outside) }
    self.municipalities = list
  }
}
