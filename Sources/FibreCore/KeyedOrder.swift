/// Orders `(key, id)` pairs by key, then by id: the order Kruskal's algorithm and the
/// POP search's capacity rule need, with ties that any sort must break the same way.
///
/// A least-significant-digit radix sort on order-preserving bit patterns (Knuth, TAOCP
/// vol. 3, §5.2.5, radix sorting): a byte per pass instead of O(n log n) comparisons,
/// and passes on bytes that every pair shares (the exponent of costs of one magnitude,
/// the high bytes of ids) are skipped. The order is total, so the result is the one any
/// comparison sort on (key, id) gives.
package enum KeyedOrder {
  /// Below this many pairs a comparison sort is used: twelve histograms of 256 counts
  /// would outweigh the sort itself.
  static let radixFrom = 512

  /// The ids in ascending `(keys[i], ids[i])` order; -0 sorts as +0, as `<` sees
  /// them, and NaN keys (which `<` cannot order) last.
  package static func ascending(keys: [Double], ids: [Int32]) -> [Int32] {
    precondition(keys.count == ids.count, "KeyedOrder: one key per id")
    guard ids.count >= radixFrom else {
      var pairs = zip(keys, ids).map { (key: $0, id: $1) }
      pairs.sort { (orderedBits($0.key), $0.id) < (orderedBits($1.key), $1.id) }
      return pairs.map(\.id)
    }
    var items = zip(keys, ids).map { Item(key: orderedBits($0), id: UInt32(bitPattern: $1) ^ 0x8000_0000) }
    radixSort(&items)
    return items.map { Int32(bitPattern: $0.id ^ 0x8000_0000) }
  }

  /// The ids in descending `(keys[i], ids[i])` order: ascending, reversed.
  package static func descending(keys: [Double], ids: [Int32]) -> [Int32] {
    Array(ascending(keys: keys, ids: ids).reversed())
  }

  struct Item {
    var key: UInt64
    var id: UInt32
  }

  /// Bits whose unsigned order is the order of the doubles: positive numbers get the
  /// sign bit set, negative ones are inverted (IEEE 754 stores sign and magnitude).
  static func orderedBits(_ x: Double) -> UInt64 {
    if x.isNaN { return .max }
    let bits = (x == 0 ? 0.0 : x).bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }

  /// Byte `pass` of the 96-bit key (key, id), least significant first: 0–3 are the id's.
  @inline(__always)
  static func digit(_ item: Item, _ pass: Int) -> Int {
    pass < 4 ? Int((item.id >> UInt32(8 * pass)) & 0xFF) : Int((item.key >> UInt64(8 * (pass - 4))) & 0xFF)
  }

  /// Stable counting passes from the least significant byte up.
  static func radixSort(_ items: inout [Item]) {
    let n = items.count
    var counts = [Int](repeating: 0, count: 12 * 256)
    var other = items
    counts.withUnsafeMutableBufferPointer { c in
      for item in items {
        var id = item.id, key = item.key
        for pass in 0..<4 { c[pass &* 256 &+ Int(id & 0xFF)] &+= 1; id >>= 8 }
        for pass in 4..<12 { c[pass &* 256 &+ Int(key & 0xFF)] &+= 1; key >>= 8 }
      }
    }
    let first = items[0]
    for pass in 0..<12 where counts[pass * 256 + digit(first, pass)] != n {
      var next = [Int](repeating: 0, count: 256)
      var sum = 0
      for d in 0..<256 { next[d] = sum; sum += counts[pass * 256 + d] }
      // Unchecked: every `next[d]` stays below n, as the counts of each digit sum to n.
      items.withUnsafeBufferPointer { from in
        other.withUnsafeMutableBufferPointer { to in
          next.withUnsafeMutableBufferPointer { next in
            if pass < 4 {
              let shift = UInt32(8 * pass)
              for item in from { let d = Int((item.id >> shift) & 0xFF); to[next[d]] = item; next[d] &+= 1 }
            } else {
              let shift = UInt64(8 * (pass - 4))
              for item in from { let d = Int((item.key >> shift) & 0xFF); to[next[d]] = item; next[d] &+= 1 }
            }
          }
        }
      }
      swap(&items, &other)
    }
  }
}
