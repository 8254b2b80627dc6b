/// The fast path for the numbers of a GeoJSON file: positions `[lon, lat]` whose values
/// are plain decimals, as GDAL (7 decimals) and Python's `json.dump` (up to 17 digits)
/// write them. Everything else, errors included, is left to `scanNumber` and the
/// position walk, which read byte by byte; both give the same doubles.
extension ByteScanner {
  /// `[lon, lat]` at `pos` (which is `[`) when both values are plain decimals and only
  /// spaces surround them: one call per position instead of two numbers and four
  /// whitespace and separator steps (half of a large file's reading). Nil, with `pos`
  /// unchanged, for anything else: newlines (which count lines), a third value, an
  /// exponent, an integer, a malformed number.
  @inlinable package mutating func scanPlainPosition() -> (lon: Double, lat: Double)? {
    var i = skipSpaces(from: pos &+ 1)
    guard let lon = plainDecimal(at: i), let lonValue = lon.value else { return nil }
    i = skipSpaces(from: lon.end)
    guard i < end, byte(i) == 0x2C else { return nil }
    i = skipSpaces(from: i &+ 1)
    guard let lat = plainDecimal(at: i), let latValue = lat.value else { return nil }
    i = skipSpaces(from: lat.end)
    guard i < end, byte(i) == 0x5D else { return nil }
    pos = i &+ 1
    return (lonValue, latValue)
  }

  /// The first index at or after `i` that is not a space (or `end`).
  @inlinable @inline(__always) func skipSpaces(from i: Int) -> Int {
    var i = i
    while i < end && byte(i) == 0x20 { i &+= 1 }
    return i
  }

  /// The number at `start` when it has the shape `-?d{1,7}.d{1,15}` with at most 19
  /// digits and no exponent, from three eight-byte loads whose digit counts are found
  /// side by side; its value (nil only where `exactDecimal` gives none) and the index
  /// after it. Nil for any other text and within 26 bytes of the end.
  @inlinable @inline(__always) func plainDecimal(at start: Int) -> (value: Double?, end: Int)? {
    guard end &- start >= 26 else { return nil }
    let negative = byte(start) == 0x2D
    let i = negative ? start &+ 1 : start
    let w1 = load8(i)
    let n1 = leadingDigits(w1)
    // A leading zero only alone ("0.5"); "05.5" is an error for `scanNumber`.
    guard n1 > 0, n1 < 8, byte(i &+ n1) == 0x2E, n1 == 1 || byte(i) != 0x30 else { return nil }
    let j = i &+ n1 &+ 1
    let w2 = load8(j), w3 = load8(j &+ 8)
    let f1 = leadingDigits(w2)
    let f2 = f1 == 8 ? leadingDigits(w3) : 0
    let after = j &+ f1 &+ f2
    guard f1 > 0, f2 < 8, n1 &+ f1 &+ f2 <= 19, byte(after) | 0x20 != 0x65 else { return nil }
    var mantissa = digitsValue(w1, count: n1) &* exactIntegerPowerOfTen(f1) &+ digitsValue(w2, count: f1)
    if f2 > 0 { mantissa = mantissa &* exactIntegerPowerOfTen(f2) &+ digitsValue(w3, count: f2) }
    return (exactDecimal(mantissa, f1 &+ f2, negative: negative), after)
  }
}

/// ± `mantissa` / 10^`fraction`, correctly rounded, for a mantissa of at most 19 digits
/// and `fraction` ≤ 22; nil where Eisel-Lemire gives no answer (below the normal range).
@inlinable @inline(__always) func exactDecimal(_ mantissa: UInt64, _ fraction: Int, negative: Bool) -> Double? {
  // Up to 2^53 the mantissa is an exact double, and one correctly rounded division
  // (pipelined, so cheaper here) is exact.
  if mantissa <= 1 << 53 {
    let d = Double(mantissa) / exactPowerOfTen(fraction)
    return negative ? -d : d
  }
  guard let d = eiselLemire(mantissa, fraction) else { return nil }
  return negative ? -d : d
}
