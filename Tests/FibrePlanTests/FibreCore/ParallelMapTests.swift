import Foundation
import Testing
@testable import FibreCore

/// `--threads N` means N workers: `orderedParallelMap` runs on exactly that many.
struct ParallelMapTests {
  @Test("results come back in index order at any worker count", arguments: [1, 2, 3, 8])
  func indexOrder(threads: Int) {
    #expect(orderedParallelMap(37, threads: threads) { $0 * $0 } == (0..<37).map { $0 * $0 })
  }

  @Test("no more workers run at once than asked for, and as many as asked when items wait", arguments: [1, 3])
  func workerCount(threads: Int) {
    let gauge = ConcurrencyGauge()
    _ = orderedParallelMap(12, threads: threads) { i -> Int in
      gauge.enter(); usleep(20_000); gauge.leave(); return i
    }
    #expect(gauge.peak == threads)
  }

  @Test func emptyInput() {
    #expect(orderedParallelMap(0, threads: 4) { $0 }.isEmpty)
    #expect(parallelArray(0, threads: 4) { $0 }.isEmpty)
  }

  /// Filled in place by ranges, with values that own memory (strings), for any worker
  /// count, including more workers than elements.
  @Test("parallelArray equals map", arguments: [1, 2, 3, 50])
  func parallelArrayEqualsMap(threads: Int) {
    let text: @Sendable (Int) -> String? = { $0 % 3 == 0 ? nil : String(repeating: "road ", count: $0 % 7) + "\($0)" }
    #expect(parallelArray(37, threads: threads, text) == (0..<37).map(text))
  }
}

private final class ConcurrencyGauge: @unchecked Sendable {
  private let lock = NSLock()
  private var running = 0
  private(set) var peak = 0
  func enter() { lock.lock(); running += 1; peak = max(peak, running); lock.unlock() }
  func leave() { lock.lock(); running -= 1; lock.unlock() }
}
