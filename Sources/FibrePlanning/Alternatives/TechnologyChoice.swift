import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Households by the technology that serves them. `fibre + existingNetwork + fwa +
/// satellite + none` is every household.
public struct TechnologyMix: Sendable, Equatable {
  public var fibre = 0
  /// Ineligible homes an `--eligible-only` plan leaves to the network they have.
  public var existingNetwork = 0
  public var fwa = 0
  public var satellite = 0
  /// No technology applies (reasons in `TechnologyChoice.noneReasons`).
  public var none = 0

  public init() {}
  public var total: Int { fibre + existingNetwork + fwa + satellite + none }

  mutating func add(_ technology: String, _ units: Int) {
    switch technology {
    case "fibre": fibre += units
    case "existing_network": existingNetwork += units
    case "fwa": fwa += units
    case "satellite": satellite += units
    default: none += units
    }
  }
}

/// Nobody left behind: the cheapest alternative, over the horizon, for every household
/// fibre does not serve, and a flag on fibre-served households whose fibre costs more
/// than `factor` times that alternative. The flag does not change the fibre plan.
public struct TechnologyChoice: Sendable {
  public var options: AlternativesOptions
  /// Lifetime cost per household of each of `options.technologies`.
  public var lifetimeCost: [Double]
  /// Per building: the technology (`fibre`, `existing_network`, `fwa`, `satellite`,
  /// `none`; nil for buildings without households).
  public var technology: [String?]
  /// Per building not on fibre: the chosen alternative's lifetime cost for all its
  /// households (NaN otherwise).
  public var alternativeCost: [Double]
  /// Per fibre-served building: the alternative recommended instead (nil: none), and
  /// the fibre marginal cost estimate it was compared with (NaN when not served).
  public var recommended: [String?]
  public var fibreMarginalCost: [Double]
  /// Per building with `none`: why no technology applies.
  public var noneReason: [String?]
  /// Straight-line metres to the nearest fibre (served building or site, POP, cabinet);
  /// +infinity beyond the longest FWA reach or for an unusable position.
  public var distanceToFibre: [Double]
  public var region = TechnologyMix()
  /// Indexed as the plan's municipalities, plus one slot for outside every boundary.
  public var municipalities: [TechnologyMix] = []
  public var noneReasons: [String: Int] = [:]
  public var householdsRecommended = 0
}

extension TechnologyChoice {
  /// - Complexity: O(buildings + tree) plus the grid search for distances.
  public static func choose(_ plan: FibrePlanResult, options: AlternativesOptions) -> TechnologyChoice {
    let n = plan.demand.buildings.count
    let lifetime = options.technologies.map { $0.lifetimeCost(years: options.horizonYears, discountRate: options.discountRate) }
    let reach = options.technologies.compactMap(\.maxDistance).max() ?? 0
    let distance = FibreProximity(plan).distances(plan.demand.buildings.points, within: reach)
    let exclusive = plan.exclusiveFibreCost()
    var c = TechnologyChoice(options: options, lifetimeCost: lifetime, technology: Array(repeating: nil, count: n),
                             alternativeCost: Array(repeating: .nan, count: n), recommended: Array(repeating: nil, count: n),
                             fibreMarginalCost: Array(repeating: .nan, count: n), noneReason: Array(repeating: nil, count: n),
                             distanceToFibre: distance)
    c.municipalities = Array(repeating: TechnologyMix(), count: plan.demand.municipalityNames.count + 1)
    for b in 0..<n where plan.demand.buildings.units[b] > 0 {
      let units = Double(plan.demand.buildings.units[b])
      let best = c.cheapest(distance: distance[b])
      if plan.outcomes.buildings.served[b] {
        c.technology[b] = "fibre"
        c.fibreMarginalCost[b] = exclusive[b]
        if let k = best, exclusive[b] / units > options.factor * lifetime[k] {
          c.recommended[b] = options.technologies[k].technology
          c.householdsRecommended += Int(units)
        }
      } else if plan.outcomes.buildings.outcome[b] == .servedByExistingNetwork {
        c.technology[b] = "existing_network"
      } else if let k = best {
        c.technology[b] = options.technologies[k].technology
        c.alternativeCost[b] = lifetime[k] * units
      } else {
        c.technology[b] = "none"
        c.noneReason[b] = c.whyNone(position: plan.demand.buildings.points[b])
        c.noneReasons[c.noneReason[b]!, default: 0] += Int(units)
      }
      let m = Int(plan.demand.buildingMunicipality[b])
      c.region.add(c.technology[b]!, Int(units))
      c.municipalities[m >= 0 && m < plan.demand.municipalityNames.count ? m : plan.demand.municipalityNames.count]
        .add(c.technology[b]!, Int(units))
    }
    return c
  }

  /// The technology with the least lifetime cost that reaches `distance` (first in the
  /// list on a tie), or nil.
  func cheapest(distance: Double) -> Int? {
    var best: Int?
    for (k, t) in options.technologies.enumerated() where t.maxDistance.map({ distance <= $0 }) ?? true {
      if best.map({ lifetimeCost[k] < lifetimeCost[$0] }) ?? true { best = k }
    }
    return best
  }

  func whyNone(position: LonLat) -> String {
    if options.technologies.isEmpty { return "no_alternative_configured" }
    if !position.isValid { return "unknown_position" }
    return "beyond_" + options.technologies.map(\.technology).joined(separator: "_and_") + "_reach"
  }
}

extension FibrePlanResult {
  /// For each fibre-served building, the capex that leaving it out would save: its
  /// connection and equipment, and the trench and drop that carry only its fibres
  /// (walking up the tree while the edge carries no other household or site).
  /// Cabinet, splitter and cable shares are not counted, so this is a lower estimate.
  /// NaN for buildings not served. O(buildings + tree).
  package func exclusiveFibreCost() -> [Double] {
    let costs = self.costs ?? scenario.costs
    let tree = RootedTree(network: network, treeEdges: self.tree.edges, root: self.tree.popNode)
    return (0..<demand.buildings.count).map { b in
      guard b < outcomes.buildings.served.count, outcomes.buildings.served[b] else { return .nan }
      let units = demand.buildings.units[b]
      var total = costs.dropPerConnection + Double(units) * costs.equipmentPerConnection
      var v = network.buildingNode[b]
      while v >= 0, tree.parentEdge[Int(v)] >= 0 {
        let k = Int(tree.parentEdge[Int(v)])
        guard self.tree.edgeFibres[k] <= units else { break }
        total += network.isBuilt(Int(self.tree.edges[k])) ? network.edgeCost[Int(self.tree.edges[k])] : 0
        v = tree.parent[Int(v)]
      }
      return total
    }
  }
}

/// Where fibre is: served buildings and sites, POPs and cabinets, in a uniform grid of
/// the plan's local metric projection so that a nearest-within-R query looks at nine
/// cells. Distances are straight lines, not routes.
struct FibreProximity {
  var projection: LocalProjection
  var points: [(x: Double, y: Double)] = []

  init(_ plan: FibrePlanResult) {
    projection = LocalProjection(origin: plan.tree.pop)
    var sources: [LonLat] = plan.hierarchy.map { $0.pops.map(\.position) } ?? [plan.tree.pop]
    sources += (plan.architecture?.cabinets ?? []).map(\.position)
    for b in 0..<plan.demand.buildings.count where b < plan.outcomes.buildings.served.count && plan.outcomes.buildings.served[b] {
      sources.append(plan.demand.buildings.points[b])
    }
    for s in 0..<plan.demand.sites.count where s < plan.outcomes.sites.served.count && plan.outcomes.sites.served[s] {
      sources.append(plan.demand.sites.points[s])
    }
    points = sources.filter(\.isValid).map { projection.project($0) }
  }

  /// Metres from each of `targets` to the nearest fibre point when within `radius`,
  /// else +infinity. O(points + targets × points per nine cells).
  func distances(_ targets: [LonLat], within radius: Double) -> [Double] {
    guard radius > 0, !points.isEmpty else { return Array(repeating: .infinity, count: targets.count) }
    func cell(_ x: Double, _ y: Double) -> SIMD2<Int64> {
      SIMD2(Int64((x / radius).rounded(.down)), Int64((y / radius).rounded(.down)))
    }
    var grid: [SIMD2<Int64>: [Int32]] = [:]
    for (i, p) in points.enumerated() { grid[cell(p.x, p.y), default: []].append(Int32(i)) }
    return targets.map { t in
      guard t.isValid else { return .infinity }
      let q = projection.project(t), c = cell(q.x, q.y)
      var best = Double.infinity
      for dx in -1...1 as ClosedRange<Int64> {
        for dy in -1...1 as ClosedRange<Int64> {
          for i in grid[c &+ SIMD2(dx, dy)] ?? [] {
            let p = points[Int(i)]
            best = min(best, ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot())
          }
        }
      }
      return best <= radius ? best : .infinity
    }
  }
}
