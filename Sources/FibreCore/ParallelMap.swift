import Foundation

/// Runs `body` for `0..<count` on exactly `min(threads, count)` workers (serially when
/// `threads` is 1) and returns the results in index order, so the answer does not
/// depend on scheduling. Workers take the next index from a shared counter, so uneven
/// items balance out.
@usableFromInline package func orderedParallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
  guard count > 0 else { return [] }
  let workers = min(max(threads, 1), count)
  if workers == 1 { return (0..<count).map(body) }
  let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
  slots.initialize(repeating: nil)
  defer { slots.deinitialize(); slots.deallocate() }
  // Each index is handed out once and written only to its own slot, so the shared
  // buffer is race-free; the group's wait orders the writes before the reads below.
  nonisolated(unsafe) let out = slots
  let next = IndexCounter()
  withoutActuallyEscaping(body) { body in
    // A spawned thread may keep its block alive a little after it signals `done`, so the
    // workers reach `body` through a box that is emptied before `body` stops being valid.
    let work = WorkBox(body)
    let done = DispatchGroup()
    for _ in 1..<workers {
      done.enter()
      let thread = Thread {
        while let i = next.take(below: count), let body = work.body { out[i] = body(i) }
        done.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    while let i = next.take(below: count) { out[i] = body(i) }
    done.wait()
    work.body = nil
  }
  return slots.map { $0! }
}

/// `(0..<count).map(element)` on `min(threads, count)` workers, each initialising its
/// own contiguous range of the result in place: unlike joining per-worker arrays, no
/// element is copied twice. The result does not depend on `threads`. Inlinable, so
/// that it is specialised for `T` (generic, it cost a thousand instructions per element).
@inlinable package func parallelArray<T: Sendable>(_ count: Int, threads: Int, _ element: @Sendable (Int) -> T) -> [T] {
  guard count > 0 else { return [] }
  let workers = min(max(threads, 1), count)
  return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
    // Unsafe: worker c initialises exactly the slots of its range c·count/workers ..<
    // (c+1)·count/workers, each once; the map returns after every worker finished, and
    // only then is the count set.
    nonisolated(unsafe) let slots = buffer.baseAddress!
    // Fresh pages are faulted in as they are first written: in 2 MiB pages when large.
    adviseHugePages(start: UInt(bitPattern: slots), bytes: count * MemoryLayout<T>.stride)
    @Sendable func fill(_ c: Int) {
      for i in c * count / workers ..< (c + 1) * count / workers { (slots + i).initialize(to: element(i)) }
    }
    if workers == 1 { fill(0) } else { _ = orderedParallelMap(workers, threads: workers, fill) }
    initialized = count
  }
}

/// `(a(), b())`, the two run at once on two workers (one after the other when
/// `threads` is 1), for independent pieces of work such as reading two files.
package func concurrently<A: Sendable, B: Sendable>(threads: Int, _ a: @Sendable () -> A,
                                                    _ b: @Sendable () -> B) -> (A, B) {
  guard threads > 1 else { return (a(), b()) }
  let first = ResultSlot<A>(), second = ResultSlot<B>()
  _ = orderedParallelMap(2, threads: 2) { i in
    if i == 0 { first.value = a() } else { second.value = b() }
  }
  return (first.value!, second.value!)
}

/// One result of `concurrently`. Unchecked: written by one worker, read after the
/// workers have finished.
private final class ResultSlot<T>: @unchecked Sendable {
  var value: T?
}

/// The next unclaimed index, shared by the workers of `orderedParallelMap`.
private final class IndexCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// Claims the next index, or nil when all of `0..<count` are taken.
  func take(below count: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < count else { return nil }
    value += 1
    return value - 1
  }
}

/// Holds the body of an `orderedParallelMap` for its workers, until it is emptied.
private final class WorkBox<T>: @unchecked Sendable {
  var body: (@Sendable (Int) -> T)?
  init(_ body: @escaping @Sendable (Int) -> T) { self.body = body }
}

/// Releases `value` on a background thread. For a large column-wise value, such as a
/// 100 MB feature table with 600,000 property values, whose release would otherwise
/// hold up a command that only prints and exits next (7 % of `validate`). The process
/// may end first; the memory goes back to the system either way.
package func releaseInBackground<T: Sendable>(_ value: consuming T) {
  let box = ReleaseBox(value)
  DispatchQueue.global(qos: .utility).async { box.value = nil }
}

/// Unmaps `size` bytes at `address` (a mapping from `mmap`) on a background thread:
/// unmapping the 20,000 pages of an 80 MB file took 5 ms, on the critical path of a
/// command that has finished with the bytes. The caller must not touch the mapping
/// again. The address travels as an integer, as raw pointers are not `Sendable`.
package func unmapInBackground(_ address: UnsafeMutableRawPointer, size: Int) {
  let bits = UInt(bitPattern: address)
  DispatchQueue.global(qos: .utility).async { _ = munmap(UnsafeMutableRawPointer(bitPattern: bits), size) }
}

/// Holds a value for `releaseInBackground` until the background thread empties it.
private final class ReleaseBox<T: Sendable>: @unchecked Sendable {
  var value: T?
  init(_ value: consuming T) { self.value = value }
}
