#if canImport(Glibc)
import Glibc
#endif

extension Array {
  /// Reserves room for `n` elements and, for a large buffer on Linux, asks the kernel to
  /// back it with transparent huge pages (`adviseHugePages`). Only a hint: without THP it
  /// is `reserveCapacity`.
  package mutating func reserveCapacityInHugePages(_ n: Int) {
    reserveCapacity(n)
    // Unsafe: only the address is used, to advise whole 2 MiB pages inside the buffer
    // this array owns; no memory is read or written through it.
    let start = withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    adviseHugePages(start: start, bytes: capacity * MemoryLayout<Element>.stride)
  }
}

/// Asks the kernel (`madvise(MADV_HUGEPAGE)`, Linux) to back the whole 2 MiB pages inside
/// `bytes` bytes from address `start` with transparent huge pages: filling a 50 MB
/// column then takes one page fault per 2 MiB instead of one per 4 KiB, which was a
/// sixth of a large GeoJSON read. Buffers under 2 MiB are left alone. A hint only; the
/// memory is neither read nor written.
@usableFromInline package func adviseHugePages(start: UInt, bytes: Int) {
  #if os(Linux)
  let huge = 2 << 20
  guard start != 0, bytes >= huge else { return }
  let first = (start + UInt(huge) - 1) & ~UInt(huge - 1)
  let last = (start + UInt(bytes)) & ~UInt(huge - 1)
  if last > first {
    _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), MADV_HUGEPAGE)
  }
  #endif
}
