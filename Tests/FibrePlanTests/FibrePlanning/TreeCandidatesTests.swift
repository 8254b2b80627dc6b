import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibrePlanning

/// The nodes a trench tree may use, peeled before the Steiner instance is built.
@Suite struct TreeCandidatesTests {
  /// A random forest of two components (ids interleaved), with extra edges making
  /// cycles, and a routable mask that drops some edges.
  static func randomNetwork(_ n: Int, rng: inout SplitMix64) -> (RoadNetwork, [Bool]) {
    var net = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    for v in 0..<n { net.nodeX.append(0); net.nodeY.append(0); net.nodeComponent.append(Int32(v % 2)) }
    func edge(_ u: Int, _ v: Int) {
      net.edgeU.append(Int32(u)); net.edgeV.append(Int32(v)); net.edgeLength.append(10); net.edgeCost.append(10)
    }
    for v in 2..<n { edge(Int(rng.next() % UInt64(v / 2)) * 2 + v % 2, v) }
    for _ in 0..<(n / 4) {
      let u = Int(rng.next() % UInt64(n))
      let v = (Int(rng.next() % UInt64(n)) & ~1) | (u % 2)
      if v < n { edge(u, v) }
    }
    let routable = net.edgeU.indices.map { _ in rng.next() % 8 != 0 }
    return (net, routable)
  }

  /// The definition, one round at a time: drop every non-terminal node of the component
  /// with at most one routable edge to a node still kept, until none is left.
  static func naivePeel(_ net: RoadNetwork, component: Int32, terminals: Set<Int32>, routable: [Bool]) -> [Bool] {
    var kept = net.nodeComponent.map { $0 == component }
    var changed = true
    while changed {
      changed = false
      var degree = [Int](repeating: 0, count: net.nodeCount)
      for e in 0..<net.edgeCount where routable[e] {
        let u = Int(net.edgeU[e]), v = Int(net.edgeV[e])
        if kept[u] && kept[v] && u != v { degree[u] += 1; degree[v] += 1 }
      }
      for v in 0..<net.nodeCount where kept[v] && !terminals.contains(Int32(v)) && degree[v] <= 1 {
        kept[v] = false
        changed = true
      }
    }
    return kept
  }

  @Test("Peeling keeps exactly the nodes that peeling one round at a time keeps, terminals always")
  func peelingMatchesTheDefinition() {
    var rng = SplitMix64(seed: 5)
    for round in 0..<100 {
      let n = 4 + Int(rng.next() % 60)
      let (net, routable) = Self.randomNetwork(n, rng: &rng)
      let component = Int32(round % 2)
      let terminals = (0..<Int32(n)).filter { $0 % 2 == component && rng.next() % 5 == 0 }
      let kept = Planner.treeCandidates(network: net, component: component, terminals: terminals, routable: routable)
      #expect(kept == Self.naivePeel(net, component: component, terminals: Set(terminals), routable: routable),
              "round \(round)")
      for t in terminals { #expect(kept[Int(t)]) }
    }
  }

  @Test("A street with a house off it and a dead end: the dead end and the other houses go")
  func deadEndsGo() {
    var net = RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 8, lat: 47)))
    for _ in 0..<6 { net.nodeX.append(0); net.nodeY.append(0); net.nodeComponent.append(0) }
    // 0 - 1 - 2 - 3 (dead end), houses 4 (terminal) off 1 and 5 off 2.
    for (u, v) in [(0, 1), (1, 2), (2, 3), (1, 4), (2, 5)] {
      net.edgeU.append(Int32(u)); net.edgeV.append(Int32(v)); net.edgeLength.append(10); net.edgeCost.append(10)
    }
    let kept = Planner.treeCandidates(network: net, component: 0, terminals: [0, 4], routable: nil)
    #expect(kept == [true, true, false, false, true, false])
  }
}
