import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Work done on another thread while the caller goes on (with `threads` ≥ 2), or
/// at once on the caller's (with one); `wait` returns its result, the same either
/// way. Plan runs write their outputs beside such jobs.
package final class BackgroundJob<Value: Sendable>: @unchecked Sendable {
  // Written once by the worker before `group.leave()`, read after `group.wait()`.
  private var result: Result<Value, Error>?
  private let group = DispatchGroup()

  /// With `yielding`, the job's thread takes only the CPU that other threads leave
  /// (nice +10 on Linux, where the nice value is per thread): work that fills idle
  /// cores without delaying the work everything waits for.
  package init(threads: Int, yielding: Bool = false, _ work: @escaping @Sendable () throws -> Value) {
    if threads < 2 {
      result = Result { try work() }
      return
    }
    group.enter()
    // A thread of its own with a full-size stack: the optical fixes' re-plans run as
    // a job too, and a dispatch worker's stack is too small for a plan.
    let thread = Thread {
      if yielding { Self.yieldToOtherThreads() }
      self.result = Result { try work() }
      self.group.leave()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  package func wait() throws -> Value {
    group.wait()
    return try result!.get()
  }

  private static func yieldToOtherThreads() {
    #if os(Linux)
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    #endif
  }
}
