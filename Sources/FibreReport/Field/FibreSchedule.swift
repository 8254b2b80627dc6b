import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

/// The fibre and splice schedule: which OLT port, feeder fibre, splitter port and
/// distribution fibre serve each home, cable by cable.
///
/// Cables: the architecture lays one cable per tree edge; a crew pulls one cable from
/// a joint to the next. A *cable* here is a maximal chain of one tier's (and one
/// cabinet's) edges with one installed size and no branch, so cables meet exactly at
/// the origin (POP or cabinet) and at the splice closures. Its id is the plan.geojson
/// id of its first edge from the origin (`cable/feeder/<edge>`,
/// `cable/distribution/<cabinet>/<edge>`), stable while the network around it is.
///
/// Allocation is first-fit in a fixed order: feeder fibres by cabinet, one per
/// first-stage splitter; homes by cabinet in assignment order, splitter ports in turn;
/// on every cable the next free fibre. Fibres are numbered from 1 in each cable and
/// coloured by the TIA-598 sequence (tube n holds fibres 12(n-1)+1 … 12n).
/// O(cables + Σ route lengths).
package struct FibreSchedule {
  package struct Cable {
    package var id: String
    package var tier: ArchitecturePlan.Tier
    package var cabinet: Int32
    /// Installed fibres (all edges of the cable have this size).
    package var fibres: Int
    /// Network nodes at the origin end and at the far end.
    package var from: Int32
    package var to: Int32
    /// Network edge ids, origin first.
    package var edges: [Int32]
  }

  /// One fibre on one cable.
  package struct Hop: Equatable {
    package var cable: Int32
    package var fibre: Int
  }

  /// One served home (one fibre of a building or site).
  package struct Row {
    /// Building index ≥ 0, or site `-1 - index`.
    package var demand: Int32
    package var cabinet: Int32
    package var oltPort: Int
    /// First-stage splitter and its port (1-based); for a single split the port is the home's.
    package var splitter: Int
    package var splitterPort: Int
    /// Second-stage splitter (1-based) for a cascaded split, 0 otherwise.
    package var secondSplitter: Int
    /// Port of the second-stage splitter for a cascaded split, 0 otherwise.
    package var secondPort: Int
    package var feeder: [Hop]
    package var distribution: [Hop]
    /// Network node where the home's fibre leaves the last distribution cable.
    package var dropNode: Int32
  }

  package var cables: [Cable] = []
  /// Network node of each cabinet, for its stable id.
  package var cabinetNodes: [Int32] = []
  package var rows: [Row] = []
  /// Cabinet → its feeder route per feeder fibre (index = first-stage splitter - 1).
  package var feederRoutes: [[[Hop]]] = []
  /// First-stage ratio and, for a cascaded split, second-stage ratio.
  package var ratios: (first: Int, second: Int) = (0, 0)

  package static let tia598 = ["blue", "orange", "green", "brown", "slate", "white",
                               "red", "black", "yellow", "violet", "rose", "aqua"]

  /// Tube and fibre colour of fibre `n` (1-based) of a cable.
  package static func colours(_ n: Int) -> (tube: String, fibre: String) {
    (tia598[((n - 1) / 12) % 12], tia598[(n - 1) % 12])
  }
}

extension FibreSchedule {
  /// - Complexity: O(network nodes + cables + Σ route lengths).
  package init(_ plan: FibrePlanResult) {
    guard let arch = plan.architecture else { return }
    let network = plan.network
    switch plan.scenario.architecture.split {
    case .single(let n): ratios = (n, 0)
    case .cascaded(let a, let b): ratios = (a, b)
    }
    cabinetNodes = arch.cabinets.map(\.node)
    let routing = CableRouting(network: network, arch: arch, popNode: plan.tree.popNode)
    cables = routing.cables
    var nextFibre = [Int](repeating: 0, count: cables.count)
    func take(_ route: [Int32]) -> [Hop] {
      route.map { c in nextFibre[Int(c)] += 1; return Hop(cable: c, fibre: nextFibre[Int(c)]) }
    }
    var oltPort = 0
    var firstPort = [Int](repeating: 0, count: arch.cabinets.count)
    for (j, cab) in arch.cabinets.enumerated() {
      firstPort[j] = oltPort + 1
      let route = routing.route(group: -1, to: cab.node)
      feederRoutes.append((0..<cab.feederFibres).map { _ in take(route) })
      oltPort += cab.feederFibres
    }
    var used = [Int](repeating: 0, count: arch.cabinets.count)
    let order = arch.assignments.indices.sorted { (arch.assignments[$0].cabinet, $0) < (arch.assignments[$1].cabinet, $1) }
    for i in order {
      let a = arch.assignments[i]
      let j = Int(a.cabinet)
      let home = a.demand >= 0 ? network.buildingNode[Int(a.demand)] : network.siteNode[Int(-1 - a.demand)]
      let (dropNode, route) = routing.homeRoute(cabinet: a.cabinet, home: home)
      for _ in 0..<a.fibres {
        let k = used[j]  // 0-based port over the cabinet's home-facing splitters
        used[j] += 1
        let perSplitter = ratios.second > 0 ? ratios.second : ratios.first
        let homeSplitter = k / perSplitter
        let first = ratios.second > 0 ? homeSplitter / ratios.first : homeSplitter
        rows.append(Row(demand: a.demand, cabinet: a.cabinet, oltPort: firstPort[j] + first,
                        splitter: first + 1,
                        splitterPort: ratios.second > 0 ? homeSplitter % ratios.first + 1 : k % perSplitter + 1,
                        secondSplitter: ratios.second > 0 ? homeSplitter + 1 : 0,
                        secondPort: ratios.second > 0 ? k % perSplitter + 1 : 0,
                        feeder: first < feederRoutes[j].count ? feederRoutes[j][first] : [],
                        distribution: take(route), dropNode: dropNode))
      }
    }
  }
}
