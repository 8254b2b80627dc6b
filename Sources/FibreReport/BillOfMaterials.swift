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
    var ledger = BillLedger(plan: plan, costs: costs ?? plan.costs ?? plan.scenario.costs, rollout: rollout)
    ledger.addCivilWorks()
    ledger.addRings()
    ledger.addConnections()
    ledger.addArchitecture()
    ledger.addHierarchy()
    rows = ledger.rows()
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

/// Quantities and totals per item, municipality and phase, in first-seen item order:
/// the working sheet `BillOfMaterials` turns into rows.
private struct BillLedger {
  let plan: FibrePlanResult
  let costs: TrenchCostModel
  let rollout: Rollout?
  let network: RoadNetwork
  let names: [String]
  /// Municipalities plus one for outside every boundary.
  let places: Int
  let slots: Int
  /// The phase the next `add` books into (0: none), set by each source.
  var phase: Int32 = 0
  var items: [(item: String, unit: String)] = []
  var index: [String: Int] = [:]
  var quantity: [[Double]] = [], total: [[Double]] = []

  init(plan: FibrePlanResult, costs: TrenchCostModel, rollout: Rollout?) {
    self.plan = plan
    self.costs = costs
    self.rollout = rollout
    network = plan.network
    names = plan.demand.municipalityNames
    places = names.count + 1
    slots = places * ((rollout?.phases.count ?? 0) + 1)
  }

  mutating func add(_ item: String, _ unit: String, _ m: Int32, quantity q: Double, total t: Double) {
    let i: Int
    if let known = index[item] { i = known } else {
      i = items.count
      index[item] = i
      items.append((item, unit))
      quantity.append([Double](repeating: 0, count: slots))
      total.append([Double](repeating: 0, count: slots))
    }
    let slot = (m >= 0 ? Int(m) : names.count) + places * Int(phase)
    quantity[i][slot] += q
    total[i][slot] += t
  }

  /// Aerial edges: cable metres and the poles' make-ready, which together are the
  /// edge's cost (the cable row takes the remainder, so the rows sum to it exactly).
  mutating func addAerial(_ e: Int, _ m: Int32, prefix: String) {
    let poles = network.edgeLength[e] * network.aerialPoles(perMetreOf: Int32(e))
    let makeReady = poles * costs.makeReadyPerPole
    add(prefix + "aerial cable on existing poles", "m", m, quantity: network.edgeLength[e],
        total: network.edgeCost[e] - makeReady)
    add(prefix + "pole make-ready", "pole", m, quantity: poles, total: makeReady)
  }

  /// Crossings name what they cross: `crossing highway=primary`, `crossing rail`.
  func crossingItem(_ e: Int) -> String {
    let c = Int(network.edgeSurfaceClass[e])
    return c >= 0 && c < network.surfaceClasses.count ? network.surfaceClasses[c] : "crossing"
  }

  func surfaceClass(_ e: Int) -> String {
    let c = Int(network.edgeSurfaceClass[e])
    return c >= 0 && c < network.surfaceClasses.count ? network.surfaceClasses[c] : "default"
  }

  /// One edge of civil works; ring edges carry the `ring` names.
  mutating func addEdge(_ e: Int, ring: Bool) {
    let m = plan.tree.edgeMunicipality[e]
    let length = network.edgeLength[e], cost = network.edgeCost[e]
    switch network.edgeKind[e] {
    case .trench:
      add((ring ? "ring trench " : "trench ") + surfaceClass(e), "m", m, quantity: length, total: cost)
    case .ductReuse:
      add(ring ? "ring in existing duct" : "existing duct reused", "m", m, quantity: length, total: cost)
    case .drop:
      add(ring ? "ring drop" : "drop (street to building)", "m", m, quantity: length, total: cost)
    case .aerial:
      addAerial(e, m, prefix: ring ? "ring " : "")
    case .crossing:
      add((ring ? "ring " : "") + crossingItem(e), "pcs", m, quantity: 1, total: cost)
    case .popLink: break
    }
  }

  /// Trench by cost class, reused duct, drops; and one sub-duct of every existing duct
  /// line reused (duct edges name their line).
  mutating func addCivilWorks() {
    for e32 in plan.tree.edges {
      phase = rollout?.edgePhase[Int(e32)] ?? 0
      addEdge(Int(e32), ring: false)
    }
    var ductLineSeen = Set<Int32>()
    for e32 in plan.tree.edges where network.edgeKind[Int(e32)] == .ductReuse
      && ductLineSeen.insert(network.edgeSource[Int(e32)]).inserted {
      add("existing duct sub-ducts used", "pcs", plan.tree.edgeMunicipality[Int(e32)], quantity: 1, total: 0)
    }
  }

  /// The trench and duct that rings add beyond the tree, dug in phase 1 with the
  /// critical sites they protect.
  mutating func addRings() {
    phase = rollout == nil ? 0 : 1
    for e32 in plan.tree.ringEdges { addEdge(Int(e32), ring: true) }
  }

  /// Connections of the homes served, as the plan's tally counts them.
  mutating func addConnections() {
    let outcomes = plan.outcomes
    let buildingServed = outcomes.buildings.served.count == plan.demand.buildings.count
      ? outcomes.buildings.served : outcomes.buildings.outcome.map { $0 == .connected }
    let siteServed = outcomes.sites.served.count == plan.demand.sites.count
      ? outcomes.sites.served : outcomes.sites.outcome.map { $0 == .connected }
    for b in 0..<plan.demand.buildings.count where buildingServed[b] {
      let m = plan.demand.buildingMunicipality[b]
      phase = rollout?.nodePhase[Int(network.buildingNode[b])] ?? 0
      let units = Double(plan.demand.buildings.units[b])
      add("building connection (entry, splice, installation)", "building", m, quantity: 1, total: costs.dropPerConnection)
      add("ONT and OLT port share", "household", m, quantity: units, total: units * costs.equipmentPerConnection)
    }
    for s in 0..<plan.demand.sites.count where siteServed[s] {
      let m = plan.demand.siteMunicipality[s]
      phase = rollout?.nodePhase[Int(network.siteNode[s])] ?? 0
      add("building connection (entry, splice, installation)", "building", m, quantity: 1, total: costs.dropPerConnection)
      add("ONT and OLT port share", "household", m, quantity: 1, total: costs.equipmentPerConnection)
    }
  }

  /// Cabinets, splitters, cables (feeder first) and splice closures.
  mutating func addArchitecture() {
    guard let arch = plan.architecture else { return }
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
      let m = plan.tree.edgeMunicipality[Int(c.edge)]
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

  /// The regional hierarchy, built first: POPs, and the backbone's new trench and cable.
  mutating func addHierarchy() {
    guard let h = plan.hierarchy else { return }
    phase = rollout == nil ? 0 : 1
    for p in h.pops { add("POP (shelter, OLT, power)", "pcs", p.municipality, quantity: 1, total: p.cost) }
    for link in h.backbone {
      let e = Int(link.edge), m = plan.tree.edgeMunicipality[e], metres = network.edgeLength[e]
      if link.trenchCost > 0 {
        add(network.edgeKind[e] == .ductReuse ? "backbone in existing duct" : "backbone trench", "m", m,
            quantity: metres, total: link.trenchCost)
      }
      add("backbone cable \(link.cableFibres) fibres", "m", m, quantity: metres, total: link.cableCost)
    }
  }

  /// Rows by phase, then municipality, then item in first-seen order.
  func rows() -> [BillOfMaterials.Row] {
    var rows: [BillOfMaterials.Row] = []
    for m in 0..<slots {
      let place = m % places, p = m / places
      let name = place < names.count ? names[place] : (names.isEmpty ? "" : "(outside boundaries)")
      for (i, it) in items.enumerated() where quantity[i][m] > 0 || total[i][m] != 0 {
        let q = quantity[i][m], t = total[i][m]
        rows.append(BillOfMaterials.Row(item: it.item, unit: it.unit, quantity: q, unitCost: q > 0 ? t / q : 0, total: t,
                                        municipality: name, phase: p > 0 ? p : nil))
      }
    }
    return rows
  }
}
