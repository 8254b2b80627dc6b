import Foundation
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

extension ArchitectureDesigner {
  /// Turns an assignment of homes to cabinet sites into cabinets, sized cables, splice
  /// closures and optical losses. Used for the optimised plan and for the baseline.
  package struct Assembly {
    package struct Part {
      package var group: Int32
      /// Candidate position of the cabinet.
      package var candidate: Int32
      package var fibres: Int
    }

    package struct Built {
      package var cabinets: [ArchitecturePlan.Cabinet] = []
      package var cables: [ArchitecturePlan.Cable] = []
      package var closures: [ArchitecturePlan.SpliceClosure] = []
      package var assignments: [ArchitecturePlan.Assignment] = []
      package var buildingLoss: [(Int, Double)] = []
      package var siteLoss: [(Int, Double)] = []
      package var failingGroups: [Int] = []
      package var cabinetCost = 0.0, splitterCost = 0.0, cableCost = 0.0, closureCost = 0.0
      package var capex: Double { cabinetCost + splitterCost + cableCost + closureCost }

      package func write(into plan: inout ArchitecturePlan) {
        plan.cabinets = cabinets
        plan.cables = cables
        plan.closures = closures
        plan.assignments = assignments
        for (b, l) in buildingLoss where b < plan.buildingLoss.count { plan.buildingLoss[b] = l }
        for (s, l) in siteLoss where s < plan.siteLoss.count { plan.siteLoss[s] = l }
        plan.cabinetCost = cabinetCost
        plan.splitterCost = splitterCost
        plan.cableCost = cableCost
        plan.closureCost = closureCost
      }
    }

    package var plan: FibrePlanResult
    package var tree: RootedTree
    package var architecture: FTTHArchitecture
    package var candidates: [Int32]
    package var demands: [Demand]
    /// Tree edges that never hold a cable (`carriesNoCable`), decided once: every
    /// local-search move builds a plan on the same tree.
    private var cableless: [Bool]

    package init(plan: FibrePlanResult, tree: RootedTree, architecture: FTTHArchitecture, candidates: [Int32],
                 demands: [Demand]) {
      self.plan = plan
      self.tree = tree
      self.architecture = architecture
      self.candidates = candidates
      self.demands = demands
      cableless = (0..<tree.treeEdges.count).map { Self.carriesNoCable($0, tree: tree, network: plan.network) }
    }

    /// - Complexity: O(Σ parts' tree path lengths + tree edges · log).
    package func build(_ parts: [Part]) -> Built {
      build(parts, records: true)
    }

    /// The plan's capex and the groups over the optical budget, as `build` finds them:
    /// the local search prices every move by it. It leaves out what only the final plan
    /// lists (assignments, closure positions, losses per home).
    package func price(_ parts: [Part]) -> (capex: Double, failingGroups: [Int]) {
      let built = build(parts, records: false)
      return (built.capex, built.failingGroups)
    }

    private func build(_ parts: [Part], records: Bool) -> Built {
      var out = Built()
      let cabinetOf = addCabinets(parts, records: records, into: &out)
      addCables(parts, cabinetOf: cabinetOf, into: &out)
      addClosures(records: records, into: &out)
      checkOpticalBudget(parts, cabinetOf: cabinetOf, records: records, into: &out)
      return out
    }

    /// One cabinet per candidate that serves a part, in candidate order, with its
    /// splitters; returns each candidate's cabinet index (-1: none).
    private func addCabinets(_ parts: [Part], records: Bool, into out: inout Built) -> [Int32] {
      let a = architecture
      let network = plan.network
      // Cabinets in candidate order.
      var cabinetOf = [Int32](repeating: -1, count: candidates.count)
      for p in parts { cabinetOf[Int(p.candidate)] = 0 }
      var cabinetCandidates: [Int32] = []
      for c in 0..<candidates.count where cabinetOf[c] == 0 {
        cabinetOf[c] = Int32(cabinetCandidates.count)
        cabinetCandidates.append(Int32(c))
      }
      var fibres = [Int](repeating: 0, count: cabinetCandidates.count)
      var households = fibres
      // Households of a split building are shared in proportion to its fibres.
      var given = [Int](repeating: 0, count: demands.count)
      var fibresGiven = [Int](repeating: 0, count: demands.count)
      for p in parts {
        let g = Int(p.group), d = demands[g]
        let j = Int(cabinetOf[Int(p.candidate)])
        fibresGiven[g] += p.fibres
        let h = fibresGiven[g] >= Int(d.fibres) ? d.households - given[g] : d.households * p.fibres / max(Int(d.fibres), 1)
        given[g] += h
        fibres[j] += p.fibres
        households[j] += h
        if records { out.assignments.append(.init(demand: d.id, cabinet: Int32(j), fibres: p.fibres, households: h)) }
      }
      for (j, c) in cabinetCandidates.enumerated() {
        let node = candidates[Int(c)]
        let split = ArchitectureDesigner.splitters(servedFibres: fibres[j], split: a.split)
        let splitterCost = split.reduce(0.0) { $0 + Double($1.count) * a.cost(ofSplitter: $1.ratio) }
        out.cabinets.append(.init(node: node, position: TrenchTree.position(network: network, node: Int(node)),
                                  households: households[j], fibres: fibres[j], capacity: a.cabinetCapacity,
                                  splitters: split, feederFibres: split.first?.count ?? 0,
                                  municipality: municipality(of: node), cost: a.cabinetCost + splitterCost))
        out.cabinetCost += a.cabinetCost
        out.splitterCost += splitterCost
      }
      return cabinetOf
    }

    private func addCables(_ parts: [Part], cabinetOf: [Int32], into out: inout Built) {
      // Fibres per tree edge: the feeder carries every downstream cabinet's feeder
      // fibres; each cabinet's distribution cable carries its homes' fibres.
      let edgeCount = tree.treeEdges.count
      var count = [Int](repeating: 0, count: edgeCount)
      for cab in out.cabinets {
        var v = cab.node
        while tree.parentEdge[Int(v)] >= 0 {
          count[Int(tree.parentEdge[Int(v)])] += cab.feederFibres
          v = tree.parent[Int(v)]
        }
      }
      for k in 0..<edgeCount where count[k] > 0 {
        addCable(&out, k: k, tier: .feeder, cabinet: -1, fibres: count[k])
        count[k] = 0
      }
      var byCabinet = [[Int]](repeating: [], count: out.cabinets.count)
      for (i, p) in parts.enumerated() { byCabinet[Int(cabinetOf[Int(p.candidate)])].append(i) }
      var touched: [Int] = []
      for (j, list) in byCabinet.enumerated() {
        let from = out.cabinets[j].node
        for i in list {
          tree.forEachEdge(between: from, and: demands[Int(parts[i].group)].node) { k in
            if count[k] == 0 { touched.append(k) }
            count[k] += parts[i].fibres
          }
        }
        touched.sort()
        for k in touched { addCable(&out, k: k, tier: .distribution, cabinet: Int32(j), fibres: count[k]); count[k] = 0 }
        touched.removeAll(keepingCapacity: true)
      }
      out.cableCost = out.cables.reduce(0) { $0 + $1.cost }
    }

    private func addClosures(records: Bool, into out: inout Built) {
      let network = plan.network
      // Splice closures where a cable branches or changes size (not at its cabinet or the POP).
      var ends: [(node: Int32, group: Int32, size: Int)] = []
      for c in out.cables {
        ends.append((network.edgeU[Int(c.edge)], c.cabinet, c.cableFibres))
        ends.append((network.edgeV[Int(c.edge)], c.cabinet, c.cableFibres))
      }
      ends.sort { ($0.node, $0.group, $0.size) < ($1.node, $1.group, $1.size) }
      var hasClosure = [Bool](repeating: false, count: network.nodeCount)
      var i = 0
      while i < ends.count {
        var j = i
        while j < ends.count && ends[j].node == ends[i].node && ends[j].group == ends[i].group { j += 1 }
        let node = ends[i].node, group = ends[i].group
        let isOrigin = group < 0 ? tree.isPOP(node) : out.cabinets[Int(group)].node == node
        if !isOrigin && (j - i >= 3 || (j - i == 2 && ends[i].size != ends[i + 1].size)) { hasClosure[Int(node)] = true }
        i = j
      }
      var count = 0
      for v in tree.preorder where hasClosure[Int(v)] {
        count += 1
        guard records else { continue }
        out.closures.append(.init(node: v, position: TrenchTree.position(network: network, node: Int(v)),
                                  municipality: municipality(of: v)))
      }
      out.closureCost = Double(count) * architecture.spliceClosureCost
    }

    private func checkOpticalBudget(_ parts: [Part], cabinetOf: [Int32], records: Bool, into out: inout Built) {
      let a = architecture
      // Optical loss OLT → ONT on the worse wavelength; the budget keeps a margin.
      var worst = [Double](repeating: -.infinity, count: demands.count)
      let splitLoss = a.splitLoss
      for p in parts {
        let cabinet = out.cabinets[Int(cabinetOf[Int(p.candidate)])].node
        let home = demands[Int(p.group)].node
        let metres = tree.depth[Int(cabinet)] + tree.distance(cabinet, home)
        let loss = a.opticalLoss(metres: metres, splitLoss: splitLoss)
        worst[Int(p.group)] = max(worst[Int(p.group)], loss)
      }
      for (g, d) in demands.enumerated() where worst[g] > -.infinity {
        if records {
          if d.id >= 0 { out.buildingLoss.append((Int(d.id), worst[g])) } else { out.siteLoss.append((Int(-1 - d.id), worst[g])) }
        }
        if !a.withinBudget(worst[g]) { out.failingGroups.append(g) }
      }
    }

    private func addCable(_ out: inout Built, k: Int, tier: ArchitecturePlan.Tier, cabinet: Int32, fibres: Int) {
      let e = tree.treeEdges[k]
      let network = plan.network
      if cableless[k] { return }
      let demand = Int((Double(fibres) * (1 + architecture.sparePercent / 100) - 1e-9).rounded(.up))
      let sizes = Self.catalogueSizes(for: max(demand, fibres), catalogue: architecture.cables)
      let metres = network.edgeLength[Int(e)]
      var perMetre = 0.0
      for s in sizes { perMetre += architecture.cables.first { $0.fibres == s }?.costPerMetre ?? 0 }
      out.cables.append(.init(edge: e, tier: tier, cabinet: cabinet, fibresDemand: max(demand, fibres),
                              cableFibres: sizes.reduce(0, +), sizes: sizes, metres: metres, cost: metres * perMetre))
    }

    /// Drops to buildings and sites carry the drop cable, priced with the drop; so do
    /// their crossings (no length: no cable cost, and no splice closure); POP links are
    /// inside the POP.
    static func carriesNoCable(_ k: Int, tree: RootedTree, network: RoadNetwork) -> Bool {
      let e = Int(tree.treeEdges[k])
      return (network.edgeKind[e] == .drop && network.edgeSource[e] != Int32.min)
        || tree.isDropCrossing(k, network: network) || network.edgeKind[e] == .popLink
    }

    /// The smallest catalogue cable holding `demand` fibres; beyond the largest size,
    /// as many of the largest as needed plus the smallest that holds the rest.
    package static func catalogueSizes(for demand: Int, catalogue: [FTTHArchitecture.CableType]) -> [Int] {
      guard let largest = catalogue.last?.fibres, largest > 0 else { return [] }
      var sizes: [Int] = []
      var rest = demand
      while rest > largest { sizes.append(largest); rest -= largest }
      if rest > 0 || sizes.isEmpty { sizes.append(catalogue.first { $0.fibres >= rest }?.fibres ?? largest) }
      return sizes
    }

    /// Municipality of a tree node: that of the tree edge to its parent (or any edge at the root).
    package func municipality(of v: Int32) -> Int32 {
      var k = Int(tree.parentEdge[Int(v)])
      if k < 0, let first = tree.edges(at: v).first { k = Int(tree.adjacentEdge[first]) }
      guard k >= 0 else { return -1 }
      return plan.tree.edgeMunicipality[Int(tree.treeEdges[k])]
    }
  }
}
