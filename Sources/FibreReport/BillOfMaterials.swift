import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// The bill of materials a contractor prices: one row per item and municipality, with
/// unit, quantity, unit cost and line total. The `total` column sums to the plan's
/// capex (`region.capexTotal`: everything built, rings included); group the rows by
/// `item` for the region's quantities.
public struct BillOfMaterials: Sendable {
  public struct Row: Sendable, Equatable {
    public var item: String
    public var unit: String
    public var quantity: Double
    public var unitCost: Double
    public var total: Double
    public var municipality: String
    /// Construction phase (nil without phasing, or not phased).
    public var phase: Int? = nil
  }

  public var rows: [Row] = []
  /// Whether rows carry a phase (the CSV then has a `phase` column).
  public var phased = false

  /// Σ `total`, EUR.
  public var total: Double { rows.reduce(0) { $0 + $1.total } }

  /// Builds the bill from the plan. `costs` must be the cost model the plan was priced
  /// with (the scenario's, or `.uniform` for `--uniform-cost`).
  /// - Complexity: O(tree edges + buildings + sites + cables).
  /// With a `rollout`, rows are split by phase too and the CSV gains a `phase` column.
  public init(_ plan: FibrePlanResult, costs: TrenchCostModel? = nil, rollout: Rollout? = nil) {
    phased = rollout != nil
    let costs = costs ?? plan.costs ?? plan.scenario.costs
    let network = plan.network
    let names = plan.municipalityNames
    let places = names.count + 1  // last: outside every boundary
    let phaseCount = rollout?.phases.count ?? 0
    let slots = places * (phaseCount + 1)
    // The phase the next `add` books into (0: none), set by each source below.
    var phase: Int32 = 0
    func slot(_ m: Int32) -> Int { (m >= 0 ? Int(m) : names.count) + places * Int(phase) }
    // Items in first-seen order; quantities and totals per municipality.
    var items: [(item: String, unit: String)] = []
    var index: [String: Int] = [:]
    var quantity: [[Double]] = [], total: [[Double]] = []
    func add(_ item: String, _ unit: String, _ m: Int32, quantity q: Double, total t: Double) {
      let i: Int
      if let known = index[item] { i = known } else {
        i = items.count
        index[item] = i
        items.append((item, unit))
        quantity.append([Double](repeating: 0, count: slots))
        total.append([Double](repeating: 0, count: slots))
      }
      quantity[i][slot(m)] += q
      total[i][slot(m)] += t
    }

    // Aerial edges: cable metres and the poles' make-ready, which together are the
    // edge's cost (the cable row takes the remainder, so the rows sum to it exactly).
    func addAerial(_ e: Int, _ m: Int32, prefix: String) {
      let poles = network.edgeLength[e] * network.aerialPoles(perMetreOf: Int32(e))
      let makeReady = poles * costs.makeReadyPerPole
      add(prefix + "aerial cable on existing poles", "m", m, quantity: network.edgeLength[e],
          total: network.edgeCost[e] - makeReady)
      add(prefix + "pole make-ready", "pole", m, quantity: poles, total: makeReady)
    }
    // Crossings name what they cross: `crossing highway=primary`, `crossing rail`.
    func crossingItem(_ e: Int) -> String {
      let c = Int(network.edgeSurfaceClass[e])
      return c >= 0 && c < network.surfaceClasses.count ? network.surfaceClasses[c] : "crossing"
    }
    // Civil works: trench by cost class, reused duct, drops.
    for e32 in plan.treeEdges {
      let e = Int(e32)
      let m = plan.edgeMunicipality[e]
      phase = rollout?.edgePhase[e] ?? 0
      switch network.edgeKind[e] {
      case .trench:
        let c = Int(network.edgeSurfaceClass[e])
        let cls = c >= 0 && c < network.surfaceClasses.count ? network.surfaceClasses[c] : "default"
        add("trench \(cls)", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .ductReuse:
        add("existing duct reused", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .drop:
        add("drop (street to building)", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .aerial:
        addAerial(e, m, prefix: "")
      case .crossing:
        add(crossingItem(e), "pcs", m, quantity: 1, total: network.edgeCost[e])
      case .popLink: break
      }
    }
    // One sub-duct of every existing duct line reused (duct edges name their line).
    var ductLineSeen = Set<Int32>()
    for e32 in plan.treeEdges where network.edgeKind[Int(e32)] == .ductReuse
      && ductLineSeen.insert(network.edgeSource[Int(e32)]).inserted {
      add("existing duct sub-ducts used", "pcs", plan.edgeMunicipality[Int(e32)], quantity: 1, total: 0)
    }
    // Ring protection: the trench and duct that rings add beyond the tree, dug in
    // phase 1 with the critical sites they protect.
    phase = rollout == nil ? 0 : 1
    for e32 in plan.ringEdges {
      let e = Int(e32)
      let m = plan.edgeMunicipality[e]
      switch network.edgeKind[e] {
      case .trench:
        let c = Int(network.edgeSurfaceClass[e])
        let cls = c >= 0 && c < network.surfaceClasses.count ? network.surfaceClasses[c] : "default"
        add("ring trench \(cls)", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .ductReuse:
        add("ring in existing duct", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .drop:
        add("ring drop", "m", m, quantity: network.edgeLength[e], total: network.edgeCost[e])
      case .aerial:
        addAerial(e, m, prefix: "ring ")
      case .crossing:
        add("ring " + crossingItem(e), "pcs", m, quantity: 1, total: network.edgeCost[e])
      case .popLink: break
      }
    }
    // Connections of the homes served, as the plan's tally counts them.
    let buildingServed = plan.buildingServed.count == plan.buildings.count
      ? plan.buildingServed : plan.buildingOutcome.map { $0 == .connected }
    let siteServed = plan.siteServed.count == plan.sites.count ? plan.siteServed : plan.siteOutcome.map { $0 == .connected }
    for b in 0..<plan.buildings.count where buildingServed[b] {
      let m = plan.buildingMunicipality[b]
      phase = rollout?.nodePhase[Int(network.buildingNode[b])] ?? 0
      let units = Double(plan.buildings.units[b])
      add("building connection (entry, splice, installation)", "building", m, quantity: 1, total: costs.dropPerConnection)
      add("ONT and OLT port share", "household", m, quantity: units, total: units * costs.equipmentPerConnection)
    }
    for s in 0..<plan.sites.count where siteServed[s] {
      let m = plan.siteMunicipality[s]
      phase = rollout?.nodePhase[Int(network.siteNode[s])] ?? 0
      add("building connection (entry, splice, installation)", "building", m, quantity: 1, total: costs.dropPerConnection)
      add("ONT and OLT port share", "household", m, quantity: 1, total: costs.equipmentPerConnection)
    }
    // Equipment and cable of the architecture.
    if let arch = plan.architecture {
      let a = plan.scenario.architecture
      for (j, c) in arch.cabinets.enumerated() {
        phase = rollout?.cabinetPhase[j] ?? 0
        add("street cabinet", "pcs", c.municipality, quantity: 1, total: a.cabinetCost)
        for s in c.splitters {
          add("splitter 1:\(s.ratio)", "pcs", c.municipality, quantity: Double(s.count),
              total: Double(s.count) * a.cost(ofSplitter: s.ratio))
        }
      }
      let byTier = arch.cables.sorted { ($0.tier == .feeder ? 0 : 1) < ($1.tier == .feeder ? 0 : 1) }
      for c in byTier {
        let m = plan.edgeMunicipality[Int(c.edge)]
        phase = rollout?.edgePhase[Int(c.edge)] ?? 0
        for size in c.sizes {
          let price = a.cables.first { $0.fibres == size }?.costPerMetre ?? 0
          add("\(c.tier.rawValue) cable \(size) fibres", "m", m, quantity: c.metres, total: c.metres * price)
        }
      }
      for c in arch.closures {
        phase = rollout?.nodePhase[Int(c.node)] ?? 0
        add("splice closure", "pcs", c.municipality, quantity: 1, total: a.spliceClosureCost)
      }
    }
    // The regional hierarchy, built first: POPs, and the backbone's new trench and cable.
    if let h = plan.hierarchy {
      phase = rollout == nil ? 0 : 1
      for p in h.pops { add("POP (shelter, OLT, power)", "pcs", p.municipality, quantity: 1, total: p.cost) }
      for link in h.backbone {
        let e = Int(link.edge), m = plan.edgeMunicipality[e], metres = network.edgeLength[e]
        if link.trenchCost > 0 {
          add(network.edgeKind[e] == .ductReuse ? "backbone in existing duct" : "backbone trench", "m", m,
              quantity: metres, total: link.trenchCost)
        }
        add("backbone cable \(link.cableFibres) fibres", "m", m, quantity: metres, total: link.cableCost)
      }
    }
    for m in 0..<slots {
      let place = m % places, p = m / places
      let name = place < names.count ? names[place] : (names.isEmpty ? "" : "(outside boundaries)")
      for (i, it) in items.enumerated() where quantity[i][m] > 0 || total[i][m] != 0 {
        let q = quantity[i][m], t = total[i][m]
        rows.append(Row(item: it.item, unit: it.unit, quantity: q, unitCost: q > 0 ? t / q : 0, total: t, municipality: name,
                        phase: p > 0 ? p : nil))
      }
    }
  }

  /// `item,unit,quantity,unit_cost,total,municipality`, RFC 4180 quoting, totals to
  /// the cent (so the column sums to capex within half a cent per row).
  public func csv() -> [UInt8] {
    var out = "item,unit,quantity,unit_cost,total,municipality" + (phased ? ",phase\n" : "\n")
    func field(_ s: String) -> String {
      guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    for r in rows {
      // Poles are shares where a plan uses part of a pole line: one decimal.
      let q = r.unit == "m" ? JSONText.fixed(r.quantity, decimals: 2)
        : JSONText.fixed(r.quantity, decimals: r.unit == "pole" ? 1 : 0)
      out += field(r.item) + "," + r.unit + "," + q + "," + JSONText.fixed(r.unitCost, decimals: 2) + ","
        + JSONText.fixed(r.total, decimals: 2) + "," + field(r.municipality)
        + (phased ? "," + (r.phase.map(String.init) ?? "") : "") + "\n"
    }
    return Array(out.utf8)
  }
}
