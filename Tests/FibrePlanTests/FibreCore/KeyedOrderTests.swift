import Testing
@testable import FibreCore

/// `KeyedOrder` gives the order of a comparison sort on (key, id), above and below the
/// size where it switches to radix passes.
@Suite struct KeyedOrderTests {
  static func reference(_ keys: [Double], _ ids: [Int32]) -> [Int32] {
    zip(keys, ids).sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
  }

  @Test("Ascending (key, id) as a comparison sort gives it, with ties, signs, zeros and infinities", arguments: [0, 1, 7, 511, 512, 5_000])
  func ascendingIsTheComparisonSortsOrder(count: Int) {
    var rng = SplitMix64(seed: UInt64(count) + 1)
    let pool: [Double] = [0, -0.0, 1, -1, 2.5, 1e-300, -1e300, .infinity, -.infinity, 85.25, 85.250000000001]
    let keys = (0..<count).map { i in i % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : Double(rng.next() % 1000) / 7 }
    let ids = (0..<count).map { _ in Int32(truncatingIfNeeded: rng.next() % 4_000_000) - 2_000_000 }
    #expect(KeyedOrder.ascending(keys: keys, ids: ids) == Self.reference(keys, ids))
    #expect(KeyedOrder.descending(keys: keys, ids: ids) == Array(Self.reference(keys, ids).reversed()))
  }

  @Test("Equal keys keep the ids in order, all bytes alike included")
  func equalKeysOrderByID() {
    let ids = (0..<2_000).map { Int32(1_999 - $0) }
    #expect(KeyedOrder.ascending(keys: Array(repeating: 3, count: 2_000), ids: ids) == ids.reversed())
  }

  @Test("NaN keys go last instead of stopping the sort", arguments: [10, 1_000])
  func nanKeysGoLast(count: Int) {
    let keys = (0..<count).map { $0 % 4 == 0 ? Double.nan : Double(count - $0) }
    let order = KeyedOrder.ascending(keys: keys, ids: (0..<count).map { Int32($0) })
    #expect(order.suffix(count / 4 + (count % 4 == 0 ? 0 : 1)).allSatisfy { $0 % 4 == 0 })
    #expect(order.count == count)
  }
}
