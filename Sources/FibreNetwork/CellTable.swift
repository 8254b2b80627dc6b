import FibreCore
import FibreGraph
import FibreGeo

/// An open-addressing hash map from a grid cell (two Int32 coordinates packed into an
/// Int64) to an Int32, for building grids whose extent is too large for a dense array.
/// Linear probing, power-of-two capacity, load ≤ 1/2. Lookups never depend on
/// insertion order beyond the stored values, so results are deterministic.
package struct CellTable {
  private var keys: [Int64]
  private var values: [Int32]
  private var mask: Int
  package private(set) var count = 0
  private static let vacant = Int64.min

  package init(expectedCount: Int) {
    var capacity = 16
    while capacity < 2 * expectedCount { capacity <<= 1 }
    keys = Array(repeating: Self.vacant, count: capacity)
    values = Array(repeating: -1, count: capacity)
    mask = capacity - 1
  }

  /// Cell coordinates must lie in Int32 range (callers clamp).
  @inline(__always)
  package static func key(_ ix: Int, _ iy: Int) -> Int64 {
    (Int64(ix) &<< 32) | Int64(UInt32(truncatingIfNeeded: iy))
  }

  @inline(__always)
  private func home(_ key: Int64) -> Int {
    var h = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 31
    return Int(truncatingIfNeeded: h) & mask
  }

  /// The value stored for `key`, or -1. Expected O(1).
  @inline(__always)
  package func value(_ key: Int64) -> Int32 {
    var i = home(key)
    while true {
      let k = keys[i]
      if k == key { return values[i] }
      if k == Self.vacant { return -1 }
      i = (i + 1) & mask
    }
  }

  /// Stores `value` for `key`, replacing any previous value. Amortised O(1).
  package mutating func set(_ key: Int64, _ value: Int32) {
    if 2 * (count + 1) > keys.count { grow() }
    var i = home(key)
    while true {
      let k = keys[i]
      if k == key { values[i] = value; return }
      if k == Self.vacant {
        keys[i] = key; values[i] = value; count += 1
        return
      }
      i = (i + 1) & mask
    }
  }

  private mutating func grow() {
    let oldKeys = keys, oldValues = values
    keys = Array(repeating: Self.vacant, count: oldKeys.count * 2)
    values = Array(repeating: -1, count: oldKeys.count * 2)
    mask = keys.count - 1
    count = 0
    for i in oldKeys.indices where oldKeys[i] != Self.vacant { set(oldKeys[i], oldValues[i]) }
  }
}
