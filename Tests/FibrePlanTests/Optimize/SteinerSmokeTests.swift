import Testing
@testable import FibrePlan

@Suite struct SteinerSmokeTests {
  /// Three terminals on a triangle with a hub: any returned tree spans all three.
  @Test func treeSpansTerminals() {
    let inst = SteinerInstance(nodeCount: 4, edgeU: [0, 1, 2, 0, 1, 2], edgeV: [1, 2, 0, 3, 3, 3],
                               edgeWeight: [3, 3, 3, 2, 2, 2], terminals: [0, 1, 2])
    let s = SteinerSolver.solve(inst)
    var seen = Set<Int32>()
    for e in s.edges { seen.insert(inst.edgeU[Int(e)]); seen.insert(inst.edgeV[Int(e)]) }
    #expect(seen.isSuperset(of: [0, 1, 2]))
    #expect(s.cost == 6)
  }
}
