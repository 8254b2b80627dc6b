/// Appends the decimal digits of `value` to `bytes`, without a String in between: the
/// GeoJSON writers print millions of numbers, and `String(value)` allocates each time.
@inline(__always)
package func appendDecimalDigits(_ value: UInt64, to bytes: inout [UInt8]) {
  // One digit (most of the map's coordinate differences, codes, counts): one byte.
  if value < 10 { bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)); return }
  var v = value
  // Digits come out last first; a small buffer on the stack holds them (UInt64 has at
  // most 20) so the loop allocates nothing, and they go into `bytes` with one copy.
  withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { d in
    var n = d.count
    repeat {
      n -= 1
      d[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
      v /= 10
    } while v > 0
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: d[n...]))
  }
}
