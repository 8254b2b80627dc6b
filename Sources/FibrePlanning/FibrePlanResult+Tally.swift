import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension FibrePlanResult {
  /// Fills `region` and `municipalities` from the outcomes, the tree, the architecture
  /// and the ring trench, so that every area's `capexTotal` is what is built in it.
  package mutating func tally() {
    let costs = self.costs ?? scenario.costs
    var region = PlanFigures(name: scenario.name)
    var perMunicipality = municipalityNames.map { PlanFigures(name: $0) }
    var outside = PlanFigures(name: "(outside boundaries)")
    func update(_ m: Int32, _ body: (inout PlanFigures) -> Void) {
      body(&region)
      if municipalityNames.isEmpty { return }
      if m >= 0 && Int(m) < perMunicipality.count { body(&perMunicipality[Int(m)]) } else { body(&outside) }
    }
    for b in 0..<buildings.count {
      let units = Int(buildings.units[b])
      let outcome = buildingOutcome[b]
      let served = b < buildingServed.count ? buildingServed[b] : outcome == .connected
      let eligible = b < buildingEligible.count && buildingEligible[b]
      update(buildingMunicipality[b]) { f in
        f.buildingsTotal += 1
        f.householdsTotal += units
        if eligible { f.householdsEligible += units }
        if outcome == .connected {
          f.buildingsConnected += 1
          f.householdsConnected += units
        }
        if served {
          f.householdsServed += units
          f.connectionCost += costs.dropPerConnection + Double(units) * costs.equipmentPerConnection
        } else if outcome == .connected || outcome == .beyondOpticalReach || outcome == .popCapacity {
          f.householdsNotServable += units
        } else if outcome.isUnreachable {
          f.householdsUnreachable += units
        } else if outcome.isCoverageGap {
          f.householdsGap += units
        } else if outcome == .servedByExistingNetwork {
          f.householdsServedByExistingNetwork += units
        }
      }
    }
    for s in 0..<sites.count {
      let outcome = siteOutcome[s]
      let served = s < siteServed.count ? siteServed[s] : outcome == .connected
      update(siteMunicipality[s]) { f in
        f.sitesTotal += 1
        if outcome == .connected { f.sitesConnected += 1 }
        if served {
          f.sitesServed += 1
          f.connectionCost += costs.dropPerConnection + costs.equipmentPerConnection
        }
      }
    }
    for e in treeEdges {
      let length = network.edgeLength[Int(e)], cost = network.edgeCost[Int(e)]
      let kind = network.edgeKind[Int(e)]
      update(edgeMunicipality[Int(e)]) { f in
        switch kind {
        case .trench: f.trenchMetres += length; f.trenchCost += cost
        case .ductReuse: f.ductReuseMetres += length; f.ductReuseCost += cost
        case .drop: f.dropMetres += length; f.dropCost += cost
        case .aerial:
          f.aerialMetres += length; f.aerialCost += cost
          f.aerialPoles += length * network.aerialPoles(perMetreOf: e)
        case .crossing: f.roadCrossings += 1; f.crossingCost += cost
        case .popLink: break
        }
      }
    }
    if let arch = architecture {
      let cabinetPrice = scenario.architecture.cabinetCost
      for c in arch.cabinets {
        update(c.municipality) { f in
          f.cabinetCost += cabinetPrice
          f.splitterCost += c.cost - cabinetPrice
        }
      }
      for c in arch.cables { update(edgeMunicipality[Int(c.edge)]) { $0.cableCost += c.cost } }
      let closurePrice = scenario.architecture.spliceClosureCost
      for c in arch.closures { update(c.municipality) { $0.closureCost += closurePrice } }
    }
    for e in ringEdges {
      let length = network.edgeLength[Int(e)], cost = network.edgeCost[Int(e)]
      let kind = network.edgeKind[Int(e)]
      update(edgeMunicipality[Int(e)]) { f in
        switch kind {
        case .trench: f.trenchMetres += length
        case .ductReuse: f.ductReuseMetres += length
        case .drop: f.dropMetres += length
        case .aerial: f.aerialMetres += length; f.aerialPoles += length * network.aerialPoles(perMetreOf: e)
        case .crossing: f.roadCrossings += 1
        case .popLink: break
        }
        f.ringCost += cost
      }
    }
    if let h = hierarchy {
      for p in h.pops { update(p.municipality) { $0.popCost += p.cost } }
      for link in h.backbone {
        update(edgeMunicipality[Int(link.edge)]) { f in
          f.backboneMetres += network.edgeLength[Int(link.edge)]
          f.backboneCost += link.trenchCost + link.cableCost
        }
      }
    }
    self.region = region
    var list = perMunicipality
    if outside.buildingsTotal + outside.sitesTotal > 0 || outside.capexTotal > 0 { list.append(outside) }
    self.municipalities = list
  }
}
