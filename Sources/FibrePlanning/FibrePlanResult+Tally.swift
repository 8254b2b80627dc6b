import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension FibrePlanResult {
  /// Fills `totals` from the outcomes, the tree, the architecture and the ring trench,
  /// so that every area's `capexTotal` is what is built in it.
  package mutating func tally() {
    var book = FigureBook(regionName: scenario.name, municipalityNames: demand.municipalityNames)
    let costs = self.costs ?? scenario.costs
    tallyBuildings(into: &book, costs: costs)
    tallySites(into: &book, costs: costs)
    for e in tree.edges { tallyEdge(e, into: &book, ring: false) }
    tallyArchitecture(into: &book)
    for e in tree.ringEdges { tallyEdge(e, into: &book, ring: true) }
    if let h = hierarchy {
      for p in h.pops { book.update(p.municipality) { $0.popCost += p.cost } }
      for link in h.backbone {
        book.update(tree.edgeMunicipality[Int(link.edge)]) { f in
          f.backboneMetres += network.edgeLength[Int(link.edge)]
          f.backboneCost += link.trenchCost + link.cableCost
        }
      }
    }
    totals = book.totals
  }

  private func tallyBuildings(into book: inout FigureBook, costs: TrenchCostModel) {
    let o = outcomes.buildings
    for b in 0..<demand.buildings.count {
      let units = Int(demand.buildings.units[b])
      let outcome = o.outcome[b]
      let served = b < o.served.count ? o.served[b] : outcome == .connected
      let eligible = b < coverage.buildingEligible.count && coverage.buildingEligible[b]
      book.update(demand.buildingMunicipality[b]) { f in
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
  }

  private func tallySites(into book: inout FigureBook, costs: TrenchCostModel) {
    let o = outcomes.sites
    for s in 0..<demand.sites.count {
      let outcome = o.outcome[s]
      let served = s < o.served.count ? o.served[s] : outcome == .connected
      book.update(demand.siteMunicipality[s]) { f in
        f.sitesTotal += 1
        if outcome == .connected { f.sitesConnected += 1 }
        if served {
          f.sitesServed += 1
          f.connectionCost += costs.dropPerConnection + costs.equipmentPerConnection
        }
      }
    }
  }

  /// A tree edge's metres and cost by kind; a ring edge's metres by kind and its cost
  /// as ring cost.
  private func tallyEdge(_ e: Int32, into book: inout FigureBook, ring: Bool) {
    let length = network.edgeLength[Int(e)], cost = ring ? 0 : network.edgeCost[Int(e)]
    let kind = network.edgeKind[Int(e)]
    let poles = kind == .aerial ? length * network.aerialPoles(perMetreOf: e) : 0
    book.update(tree.edgeMunicipality[Int(e)]) { f in
      switch kind {
      case .trench: f.trenchMetres += length; f.trenchCost += cost
      case .ductReuse: f.ductReuseMetres += length; f.ductReuseCost += cost
      case .drop: f.dropMetres += length; f.dropCost += cost
      case .aerial: f.aerialMetres += length; f.aerialCost += cost; f.aerialPoles += poles
      case .crossing: f.roadCrossings += 1; f.crossingCost += cost
      case .popLink: break
      }
    }
    if ring { book.update(tree.edgeMunicipality[Int(e)]) { $0.ringCost += network.edgeCost[Int(e)] } }
  }

  private func tallyArchitecture(into book: inout FigureBook) {
    guard let arch = architecture else { return }
    let cabinetPrice = scenario.architecture.cabinetCost
    for c in arch.cabinets {
      book.update(c.municipality) { f in
        f.cabinetCost += cabinetPrice
        f.splitterCost += c.cost - cabinetPrice
      }
    }
    for c in arch.cables { book.update(tree.edgeMunicipality[Int(c.edge)]) { $0.cableCost += c.cost } }
    let closurePrice = scenario.architecture.spliceClosureCost
    for c in arch.closures { book.update(c.municipality) { $0.closureCost += closurePrice } }
  }
}

/// The region's figures and each municipality's, plus one for what lies outside every
/// boundary; each update books into the region and into its area.
private struct FigureBook {
  var region: PlanFigures
  var municipalities: [PlanFigures]
  var outside = PlanFigures(name: "(outside boundaries)")

  init(regionName: String, municipalityNames: [String]) {
    region = PlanFigures(name: regionName)
    municipalities = municipalityNames.map { PlanFigures(name: $0) }
  }

  mutating func update(_ m: Int32, _ body: (inout PlanFigures) -> Void) {
    body(&region)
    if municipalities.isEmpty { return }
    if m >= 0 && Int(m) < municipalities.count { body(&municipalities[Int(m)]) } else { body(&outside) }
  }

  var totals: PlanTotals {
    var list = municipalities
    if outside.buildingsTotal + outside.sitesTotal > 0 || outside.capexTotal > 0 { list.append(outside) }
    return PlanTotals(region: region, municipalities: list)
  }
}
