/// Appends the decimal digits of `value` to `bytes`, without a String in between: the
/// GeoJSON writers print millions of numbers, and `String(value)` allocates each time.
@inline(__always)
package func appendDecimalDigits(_ value: UInt64, to bytes: inout [UInt8]) {
  var v = value
  // Digits come out last first; a fixed tuple on the stack holds them (UInt64 has at
  // most 20) so the loop allocates nothing. The raw buffer never leaves this function.
  var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
               UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  var n = 0
  withUnsafeMutableBytes(of: &digits) { d in
    repeat {
      d[n] = UInt8(ascii: "0") + UInt8(v % 10)
      v /= 10
      n += 1
    } while v > 0
    while n > 0 { n -= 1; bytes.append(d[n]) }
  }
}
