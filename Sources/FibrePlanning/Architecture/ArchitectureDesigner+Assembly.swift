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
    /// Cleared scratch of earlier prices (`price(_:reusing:)`).
    let scratchPool = ScratchPool()

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

    private func build(_ parts: [Part], records: Bool) -> Built {
      var out = Built()
      let cabinetOf = addCabinets(parts, records: records, into: &out)
      let ancestor = addCables(parts, cabinetOf: cabinetOf, records: records, into: &out)
      addClosures(records: records, into: &out)
      checkOpticalBudget(parts, cabinetOf: cabinetOf, ancestor: ancestor, records: records, into: &out)
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

    /// Returns the lowest common ancestor of each part's cabinet and home, met on the way.
    private func addCables(_ parts: [Part], cabinetOf: [Int32], records: Bool, into out: inout Built) -> [Int32] {
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
        addCable(&out, k: k, tier: .feeder, cabinet: -1, fibres: count[k], records: records)
        count[k] = 0
      }
      var byCabinet = [[Int]](repeating: [], count: out.cabinets.count)
      for (i, p) in parts.enumerated() { byCabinet[Int(cabinetOf[Int(p.candidate)])].append(i) }
      var touched: [Int] = []
      var ancestor = [Int32](repeating: -1, count: parts.count)
      for (j, list) in byCabinet.enumerated() {
        let from = out.cabinets[j].node
        for i in list {
          ancestor[i] = tree.forEachEdge(between: from, and: demands[Int(parts[i].group)].node) { k in
            if count[k] == 0 { touched.append(k) }
            count[k] += parts[i].fibres
          }
        }
        touched.sort()
        for k in touched { addCable(&out, k: k, tier: .distribution, cabinet: Int32(j), fibres: count[k], records: records); count[k] = 0 }
        touched.removeAll(keepingCapacity: true)
      }
      out.cableCost = out.cables.reduce(0) { $0 + $1.cost }
      return ancestor
    }

    private func addClosures(records: Bool, into out: inout Built) {
      let network = plan.network
      let hasClosure = closureNodes(out)
      var count = 0
      for (i, v) in tree.preorder.enumerated() where hasClosure[i] {
        count += 1
        guard records else { continue }
        out.closures.append(.init(node: v, position: TrenchTree.position(network: network, node: Int(v)),
                                  municipality: municipality(of: v)))
      }
      out.closureCost = Double(count) * architecture.spliceClosureCost
    }

    /// Splice closures, by tree node preorder position: where a cable branches or
    /// changes size (not at its cabinet or the POP), that is where three or more ends
    /// of one cabinet's cables (or the feeder's) meet, or two of different sizes.
    /// A cable group's ends are counted in one pass over its cables, which `addCables`
    /// lists group by group (the feeder, then each cabinet). O(cables).
    private func closureNodes(_ out: Built) -> [Bool] {
      let network = plan.network, position = tree.preorderPosition
      let n = tree.preorder.count
      var hasClosure = [Bool](repeating: false, count: n)
      var ends = [Int32](repeating: 0, count: n), firstSize = [Int](repeating: 0, count: n)
      var differ = [Bool](repeating: false, count: n)
      var touched: [Int32] = []
      func end(_ node: Int32, size: Int) {
        let i = Int(position[Int(node)])
        if ends[i] == 0 { touched.append(node); firstSize[i] = size } else if size != firstSize[i] { differ[i] = true }
        ends[i] += 1
      }
      var start = 0
      while start < out.cables.count {
        let group = out.cables[start].cabinet
        var next = start
        while next < out.cables.count && out.cables[next].cabinet == group {
          let c = out.cables[next]
          end(network.edgeU[Int(c.edge)], size: c.cableFibres)
          end(network.edgeV[Int(c.edge)], size: c.cableFibres)
          next += 1
        }
        for node in touched {
          let i = Int(position[Int(node)])
          let isOrigin = group < 0 ? tree.isPOP(node) : out.cabinets[Int(group)].node == node
          if !isOrigin && (ends[i] >= 3 || (ends[i] == 2 && differ[i])) { hasClosure[i] = true }
          ends[i] = 0; differ[i] = false
        }
        touched.removeAll(keepingCapacity: true)
        start = next
      }
      return hasClosure
    }

    /// `ancestor`: each part's cabinet and home's lowest common ancestor (`addCables`).
    private func checkOpticalBudget(_ parts: [Part], cabinetOf: [Int32], ancestor: [Int32], records: Bool,
                                    into out: inout Built) {
      let a = architecture
      // Optical loss OLT → ONT on the worse wavelength; the budget keeps a margin.
      var worst = [Double](repeating: -.infinity, count: demands.count)
      let splitLoss = a.splitLoss
      for (i, p) in parts.enumerated() {
        let cabinet = out.cabinets[Int(cabinetOf[Int(p.candidate)])].node
        let home = demands[Int(p.group)].node
        let metres = tree.depth[Int(cabinet)] + tree.distance(cabinet, home, ancestor: ancestor[i])
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

    private func addCable(_ out: inout Built, k: Int, tier: ArchitecturePlan.Tier, cabinet: Int32, fibres: Int, records: Bool) {
      guard let cable = cableSizing(k, fibres: fibres) else { return }
      let sizes = records ? Self.catalogueSizes(for: cable.demand, catalogue: architecture.cables) : []
      out.cables.append(.init(edge: tree.treeEdges[k], tier: tier, cabinet: cabinet, fibresDemand: cable.demand,
                              cableFibres: cable.cableFibres, sizes: sizes, metres: cable.metres, cost: cable.cost))
    }

    /// The cable on tree edge `k` carrying `fibres` (with the spare share), or nil where
    /// no cable runs (`carriesNoCable`).
    func cableSizing(_ k: Int, fibres: Int) -> (demand: Int, cableFibres: Int, metres: Double, cost: Double)? {
      if cableless[k] { return nil }
      let spared = Int((Double(fibres) * (1 + architecture.sparePercent / 100) - 1e-9).rounded(.up))
      let metres = plan.network.edgeLength[Int(tree.treeEdges[k])]
      let (cableFibres, perMetre) = sizing(max(spared, fibres))
      return (max(spared, fibres), cableFibres, metres, metres * perMetre)
    }

    /// Installed fibres and EUR per metre of the cables `catalogueSizes(for: demand)`
    /// lists, summed in its order, without building the list (every priced move sizes
    /// every cable).
    private func sizing(_ demand: Int) -> (fibres: Int, perMetre: Double) {
      Self.sizing(demand, catalogue: architecture.cables)
    }

    package static func sizing(_ demand: Int, catalogue: [FTTHArchitecture.CableType]) -> (fibres: Int, perMetre: Double) {
      guard let largest = catalogue.last?.fibres, largest > 0 else { return (0, 0) }
      func cost(_ size: Int) -> Double { catalogue.first { $0.fibres == size }?.costPerMetre ?? 0 }
      var fibres = 0, perMetre = 0.0, rest = demand
      if rest > largest {
        let largestCost = cost(largest)
        while rest > largest { fibres += largest; perMetre += largestCost; rest -= largest }
      }
      if rest > 0 || fibres == 0 {
        let last = catalogue.first { $0.fibres >= rest }?.fibres ?? largest
        fibres += last; perMetre += cost(last)
      }
      return (fibres, perMetre)
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
