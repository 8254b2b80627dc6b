import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct CostSharingTests {
  @Test("Three towns on one street: stand-alone, joint and Shapley costs known by hand")
  func threeTownsByHand() throws {
    let plan = try ThreeTowns.plan()
    #expect(plan.demand.municipalityNames == ThreeTowns.names)
    let statement = try #require(CostSharing.statement(for: plan))
    #expect(statement.exact)
    #expect(statement.shares.map(\.name) == ThreeTowns.names)
    #expect(abs(statement.jointCost - 530) < 0.5)
    let hand = CostGame(playerCount: 3, cost: ThreeTowns.coalitionCost).shapley()
    // By hand: A 43.33, B 143.33, C 343.33.
    #expect(abs(hand[0] - 130.0 / 3) < 1e-9)
    for (i, share) in statement.shares.enumerated() {
      #expect(abs(share.standAlone - ThreeTowns.coalitionCost[1 << i]) < 0.5)
      #expect(abs(share.shapley - hand[i]) < 0.5)
      #expect(share.coreOK)
    }
    #expect(statement.coalitionViolations.isEmpty)
    #expect(abs(statement.saving - (930 - 530)) < 1)
    // Proportional by households: 1, 2, 1 of 4.
    #expect(abs(statement.shares[1].proportionalHouseholds - 265) < 0.5)
    let sum = statement.shares.reduce(0) { $0 + $1.shapley }
    #expect(abs(sum - statement.jointCost) < 1e-6)
  }

  @Test("Sampled mode on the same map: efficient, with an interval around the exact value")
  func threeTownsSampled() throws {
    let plan = try ThreeTowns.plan()
    let statement = try #require(CostSharing.statement(for: plan, options: CostSharingOptions(exactLimit: 2, samples: 400)))
    #expect(!statement.exact)
    let hand = CostGame(playerCount: 3, cost: ThreeTowns.coalitionCost).shapley()
    let sum = statement.shares.reduce(0) { $0 + $1.shapley }
    #expect(abs(sum - statement.jointCost) < 1e-6)
    for (i, share) in statement.shares.enumerated() {
      let low = try #require(share.shapleyLow), high = try #require(share.shapleyHigh)
      #expect(low <= share.shapley && share.shapley <= high)
      #expect(abs(share.shapley - hand[i]) < 15)
    }
  }

  @Test("A cut-down tree still spans the coalition and never costs more")
  func prunedTreeSpansCoalition() throws {
    let plan = try ThreeTowns.plan()
    var owner = [Int32](repeating: -1, count: plan.network.nodeCount)
    for b in 0..<plan.demand.buildings.count { owner[Int(plan.network.buildingNode[b])] = plan.demand.buildingMunicipality[b] }
    let trees = CoalitionTrees(network: plan.network, popNode: plan.tree.popNode, treeEdges: plan.tree.edges,
                               terminalPlayer: owner, playerCount: 3)
    for s in UInt64(1)...6 {
      let cut = trees.pruned(trees.grandTree, to: s)
      #expect(abs(cut.cost - ThreeTowns.coalitionCost[Int(s)]) < 0.5)
      let solved = trees.solve(s, options: SteinerOptions(timeLimit: 0, threads: 1))
      #expect(abs(solved.cost - ThreeTowns.coalitionCost[Int(s)]) < 0.5)
    }
  }
}
