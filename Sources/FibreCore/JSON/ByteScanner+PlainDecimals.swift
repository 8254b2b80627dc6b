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
  @inlinable @inline(__always) package mutating func scanPlainPosition() -> (lon: Double, lat: Double)? {
    var i = pos &+ 1
    var values = (lon: 0.0, lat: 0.0)
    // One loop body for both values: written twice, the second copy was not inlined.
    for k in 0..<2 {
      i = skipSpaces(from: i)
      guard let d = plainDecimal(at: i), let value = d.value else { return nil }
      i = skipSpaces(from: d.end)
      guard i < end, byte(i) == (k == 0 ? 0x2C : 0x5D) else { return nil }
      if k == 0 { values.lon = value } else { values.lat = value }
      i &+= 1
    }
    pos = i
    return values
  }

  /// The first index at or after `i` that is not a space (or `end`).
  @inlinable @inline(__always) package func skipSpaces(from i: Int) -> Int {
    var i = i
    while i < end && byte(i) == 0x20 { i &+= 1 }
    return i
  }

  /// The number at `start` when it has the shape `-?d{1,7}.d{1,7}` or `-?d{1,3}.d{8,15}`,
  /// no exponent, from up to three eight-byte loads; its value (nil only where
  /// `exactDecimal` gives none) and the index after it. Nil for any other text and
  /// within 26 bytes of the end. The fraction's last word is padded with zeros to eight
  /// digits, so the scale is always 10^8 or 10^16 and no power of ten is looked up per
  /// number: the mantissa times 10^p over the scale times 10^p is the same decimal, and
  /// `exactDecimal` rounds it correctly whatever its size (≤ 19 digits here).
  @inlinable @inline(__always) func plainDecimal(at start: Int) -> (value: Double?, end: Int)? {
    guard end &- start >= 26 else { return nil }
    let negative = byte(start) == 0x2D
    let i = negative ? start &+ 1 : start
    let w1 = load8(i)
    let n1 = leadingDigits(w1)
    // A leading zero only alone ("0.5"); "05.5" is an error for `scanNumber`.
    guard n1 > 0, n1 < 8, byte(i &+ n1) == 0x2E, n1 == 1 || byte(i) != 0x30 else { return nil }
    let j = i &+ n1 &+ 1
    let w2 = load8(j)
    let f1 = leadingDigits(w2)
    guard f1 > 0 else { return nil }
    let whole = digitsValue(w1, count: n1)
    let mantissa: UInt64, after: Int, scale: Int
    if f1 < 8 {
      mantissa = whole &* 100_000_000 &+ digitsValue(zeroPadded(w2, digits: f1), count: 8)
      (after, scale) = (j &+ f1, 8)
    } else {
      let w3 = load8(j &+ 8)
      let f2 = leadingDigits(w3)
      guard n1 <= 3, f2 < 8 else { return nil }
      mantissa = (whole &* 100_000_000 &+ digitsValue(w2, count: 8)) &* 100_000_000
        &+ digitsValue(zeroPadded(w3, digits: f2), count: 8)
      (after, scale) = (j &+ 8 &+ f2, 16)
    }
    guard byte(after) | 0x20 != 0x65 else { return nil }
    return (exactDecimal(mantissa, scale, negative: negative), after)
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

/// `word` with its bytes from `digits` (0...7) on replaced by ASCII `0`: the first
/// `digits` digits followed by zeros, eight digits in all.
@inlinable @inline(__always) func zeroPadded(_ word: UInt64, digits: Int) -> UInt64 {
  let keep = (1 &<< UInt64(8 &* digits)) &- 1
  return (word & keep) | (0x3030_3030_3030_3030 & ~keep)
}
