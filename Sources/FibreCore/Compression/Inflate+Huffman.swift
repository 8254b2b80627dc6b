/// A canonical Huffman code for DEFLATE decoding: a 10-bit direct lookup table for the
/// short (frequent) codes and a canonical bit-by-bit walk for the rare longer ones
/// (the walk follows Mark Adler's "puff" reference decoder).
package struct HuffmanTable: Sendable {
  package static let fastBits = 10
  package static let fastMask: UInt64 = (1 << 10) - 1

  /// Indexed by the next 10 input bits (LSB first): `symbol << 4 | length`, or 0 when
  /// the code is longer than 10 bits or unassigned.
  package var fast: [UInt16]
  /// `counts[len]`: number of codes of each length, 1...15.
  package var counts: [UInt16]
  /// Symbols ordered by (code length, symbol value), as canonical codes are assigned.
  package var symbols: [UInt16]

  /// Builds the code from per-symbol code lengths (0 = unused). Incomplete codes are
  /// accepted (their unassigned codes fail at decode time); over-subscribed ones are not.
  /// Returns nil for an over-subscribed set of lengths. O(symbols + 2^10).
  package init?(lengths: UnsafeBufferPointer<UInt8>) {
    var counts = [UInt16](repeating: 0, count: 16)
    for l in lengths { counts[Int(l)] += 1 }
    counts[0] = 0
    var left = 1
    for len in 1...15 {
      left <<= 1
      left -= Int(counts[len])
      if left < 0 { return nil }
    }
    var offsets = [Int](repeating: 0, count: 16)
    for len in 1..<15 { offsets[len + 1] = offsets[len] + Int(counts[len]) }
    var symbols = [UInt16](repeating: 0, count: max(1, offsets[15] + Int(counts[15])))
    for (sym, l) in lengths.enumerated() where l != 0 {
      symbols[offsets[Int(l)]] = UInt16(sym)
      offsets[Int(l)] += 1
    }
    var fast = [UInt16](repeating: 0, count: 1 << HuffmanTable.fastBits)
    var nextCode = [Int](repeating: 0, count: 16)
    // Canonical first code of each length (RFC 1951 3.2.2); counts[0] is 0.
    var code = 0
    for len in 1...15 {
      code = (code + Int(counts[len - 1])) << 1
      nextCode[len] = code
    }
    for (sym, l8) in lengths.enumerated() where l8 != 0 {
      let len = Int(l8)
      let c = nextCode[len]
      nextCode[len] += 1
      guard len <= HuffmanTable.fastBits else { continue }
      var reversed = 0
      for b in 0..<len where c & (1 << b) != 0 { reversed |= 1 << (len - 1 - b) }
      let entry = UInt16(sym << 4 | len)
      var i = reversed
      while i < fast.count { fast[i] = entry; i += 1 << len }
    }
    self.fast = fast
    self.counts = counts
    self.symbols = symbols
  }

  package init?(lengths: [UInt8]) {
    guard let t = lengths.withUnsafeBufferPointer({ HuffmanTable(lengths: $0) }) else { return nil }
    self = t
  }

  /// The fixed literal/length code of RFC 1951 3.2.6.
  package static let fixedLiteral: HuffmanTable = {
    var l = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { l[i] = 9 }
    for i in 256..<280 { l[i] = 7 }
    return HuffmanTable(lengths: l)!
  }()

  /// The fixed distance code: 30 five-bit codes (codes 30 and 31 are invalid in data).
  package static let fixedDistance: HuffmanTable = HuffmanTable(lengths: [UInt8](repeating: 5, count: 30))!

  /// Decodes a code longer than the fast table from `bits` (LSB first). Returns
  /// `symbol << 4 | length`, or nil when no code matches.
  @inline(never)
  package func decodeSlow(_ bits: UInt64) -> UInt32? {
    var code = 0, first = 0, index = 0
    var b = bits
    for len in 1...15 {
      code |= Int(b & 1)
      b >>= 1
      let count = Int(counts[len])
      if code - first < count {
        return UInt32(symbols[index + code - first]) << 4 | UInt32(len)
      }
      index += count
      first += count
      first <<= 1
      code <<= 1
    }
    return nil
  }
}
