import Testing
@testable import FibreOptimize

/// Labels for repeated capped searches: lowered only downwards, restored by `reset`.
@Suite struct SparseLabelsTests {
  @Test func lowersOnlyToSmallerValues() {
    var labels = SparseLabels(count: 4)
    #expect(labels[2] == .infinity)
    let steps = [labels.lower(2, to: 5), labels.lower(2, to: 5), labels.lower(2, to: 7), labels.lower(2, to: 3)]
    #expect(steps == [true, false, false, true])
    #expect(labels[2] == 3)
  }

  @Test func resetRestoresEveryLoweredLabel() {
    var labels = SparseLabels(count: 5)
    _ = labels.lower(0, to: 0)
    _ = labels.lower(3, to: 2)
    _ = labels.lower(3, to: 1)
    labels.reset()
    #expect((0..<5).allSatisfy { labels[$0] == .infinity })
    // A second search after the reset starts from scratch.
    let again = labels.lower(3, to: 9)
    #expect(again)
    labels.reset()
    #expect(labels[3] == .infinity)
  }
}
