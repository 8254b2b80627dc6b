/// DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Table-driven: one 64-bit refill per symbol, a 10-bit lookup table for frequent codes
/// (see `HuffmanTable`), output written through an unsafe pointer into a `[UInt8]` that
/// grows by doubling. Every malformed or truncated stream throws `FibrePlanError(.data)`
/// with the file name and the byte offset of the problem; nothing traps on bad input.
package enum Inflate {
  /// Decodes the raw DEFLATE stream that starts at `input[start]`, appending to
  /// `output[produced...]` (growing `output` as needed). Returns the offset of the first
  /// byte after the stream. O(input + output).
  package static func decode(
    _ input: UnsafeBufferPointer<UInt8>, from start: Int,
    into output: inout [UInt8], produced: inout Int, file: String
  ) throws -> Int {
    var reader = BitReader(input: input, pos: start)
    while true {
      let header = try reader.take(3, file: file)
      let isFinal = header & 1 != 0
      switch header >> 1 {
      case 0:
        try copyStored(&reader, into: &output, produced: &produced, file: file)
      case 1:
        try decodeBlock(&reader, HuffmanTable.fixedLiteral, HuffmanTable.fixedDistance,
                        into: &output, produced: &produced, file: file)
      case 2:
        let (literal, distance) = try readDynamicTables(&reader, file: file)
        try decodeBlock(&reader, literal, distance, into: &output, produced: &produced, file: file)
      default:
        throw reader.failure("invalid block type 3", file: file)
      }
      if isFinal { break }
    }
    try reader.checkOverrun(file: file)
    reader.alignToByte()
    return reader.pos
  }

  package static let lengthBase: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ]
  package static let lengthExtra: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  package static let distanceBase: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  package static let distanceExtra: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]
  /// Order in which code-length code lengths are sent (RFC 1951 3.2.7).
  package static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  package static func grow(_ output: inout [UInt8], toHold needed: Int) {
    guard needed > output.count else { return }
    // A fresh zeroed array plus one bulk copy: memset + memcpy, fast even in debug builds.
    var bigger = [UInt8](repeating: 0, count: max(needed, output.count * 2))
    bigger.withUnsafeMutableBufferPointer { dst in
      output.withUnsafeBufferPointer { src in
        if let s = src.baseAddress, src.count > 0 { dst.baseAddress!.update(from: s, count: src.count) }
      }
    }
    output = bigger
  }

  private static func copyStored(
    _ reader: inout BitReader, into output: inout [UInt8], produced: inout Int, file: String
  ) throws {
    try reader.checkOverrun(file: file)
    reader.alignToByte()
    let input = reader.input
    var p = reader.pos
    guard p + 4 <= input.count else { throw reader.failure("truncated stored block header", file: file, at: p) }
    let len = Int(input[p]) | Int(input[p + 1]) << 8
    let nlen = Int(input[p + 2]) | Int(input[p + 3]) << 8
    guard len == nlen ^ 0xFFFF else {
      throw reader.failure("stored block length \(len) does not match its complement", file: file, at: p)
    }
    p += 4
    guard p + len <= input.count else { throw reader.failure("truncated stored block", file: file, at: input.count) }
    grow(&output, toHold: produced + len)
    if len > 0 {
      output.withUnsafeMutableBufferPointer { out in
        (out.baseAddress! + produced).update(from: input.baseAddress! + p, count: len)
      }
    }
    produced += len
    reader.pos = p + len
  }

  private static func readDynamicTables(
    _ reader: inout BitReader, file: String
  ) throws -> (HuffmanTable, HuffmanTable) {
    let literalCount = Int(try reader.take(5, file: file)) + 257
    let distanceCount = Int(try reader.take(5, file: file)) + 1
    let codeLengthCount = Int(try reader.take(4, file: file)) + 4
    guard literalCount <= 286, distanceCount <= 30 else {
      throw reader.failure("too many length or distance codes (\(literalCount), \(distanceCount))", file: file)
    }
    var codeLengthLengths = [UInt8](repeating: 0, count: 19)
    for i in 0..<codeLengthCount {
      codeLengthLengths[codeLengthOrder[i]] = UInt8(try reader.take(3, file: file))
    }
    guard let codeLengthCode = HuffmanTable(lengths: codeLengthLengths) else {
      throw reader.failure("over-subscribed code-length code", file: file)
    }
    var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
    var i = 0
    while i < lengths.count {
      let sym = try reader.decode(codeLengthCode, file: file)
      if sym < 16 {
        lengths[i] = UInt8(sym)
        i += 1
        continue
      }
      var value: UInt8 = 0
      let repeatCount: Int
      switch sym {
      case 16:
        guard i > 0 else { throw reader.failure("length repeat with no previous length", file: file) }
        value = lengths[i - 1]
        repeatCount = 3 + Int(try reader.take(2, file: file))
      case 17:
        repeatCount = 3 + Int(try reader.take(3, file: file))
      default:
        repeatCount = 11 + Int(try reader.take(7, file: file))
      }
      guard i + repeatCount <= lengths.count else {
        throw reader.failure("code lengths overflow the table", file: file)
      }
      for k in i..<(i + repeatCount) { lengths[k] = value }
      i += repeatCount
    }
    guard lengths[256] != 0 else { throw reader.failure("no end-of-block code", file: file) }
    guard let literal = HuffmanTable(lengths: Array(lengths[0..<literalCount])) else {
      throw reader.failure("over-subscribed literal/length code", file: file)
    }
    guard let distance = HuffmanTable(lengths: Array(lengths[literalCount...])) else {
      throw reader.failure("over-subscribed distance code", file: file)
    }
    return (literal, distance)
  }

  /// Decodes one Huffman-coded block up to and including its end-of-block symbol.
  private static func decodeBlock(
    _ outerReader: inout BitReader, _ literal: HuffmanTable, _ distance: HuffmanTable,
    into output: inout [UInt8], produced: inout Int, file: String
  ) throws {
    let lengthBase = Self.lengthBase, lengthExtra = Self.lengthExtra
    let distanceBase = Self.distanceBase, distanceExtra = Self.distanceExtra
    let inputCount = outerReader.input.count
    while true {
      grow(&output, toHold: produced + 2048)
      // Runs until end of block (true) or until the buffer may be too small for a match.
      let finished: Bool = try literal.fast.withUnsafeBufferPointer { litFast in
        try distance.fast.withUnsafeBufferPointer { distFast in
          try output.withUnsafeMutableBufferPointer { out in
            // Locals, written back on exit: state captured from outside the closure would
            // live in memory, not registers.
            var o = produced
            var reader = outerReader
            defer { produced = o; outerReader = reader }
            let limit = out.count - 258 - 8
            while o <= limit {
              reader.refill()
              if reader.pos > inputCount { try reader.checkOverrun(file: file) }
              var entry = Int(litFast[Int(reader.bits & HuffmanTable.fastMask)])
              if entry & 15 == 0 {
                guard let slow = literal.decodeSlow(reader.bits) else {
                  throw reader.failure("invalid literal/length code", file: file)
                }
                entry = Int(slow)
              }
              reader.drop(entry & 15)
              let sym = entry >> 4
              if sym < 256 {
                out[o] = UInt8(truncatingIfNeeded: sym)
                o += 1
                continue
              }
              if sym == 256 { return true }
              let li = sym - 257
              guard li < 29 else { throw reader.failure("invalid length symbol \(sym)", file: file) }
              let length = lengthBase[li] + reader.takeBuffered(lengthExtra[li])
              var dentry = Int(distFast[Int(reader.bits & HuffmanTable.fastMask)])
              if dentry & 15 == 0 {
                guard let slow = distance.decodeSlow(reader.bits) else {
                  throw reader.failure("invalid distance code", file: file)
                }
                dentry = Int(slow)
              }
              reader.drop(dentry & 15)
              let dsym = dentry >> 4
              guard dsym < 30 else { throw reader.failure("invalid distance symbol \(dsym)", file: file) }
              let dist = distanceBase[dsym] + reader.takeBuffered(distanceExtra[dsym])
              guard dist <= o else {
                throw reader.failure("distance \(dist) reaches before the start of the output", file: file)
              }
              let base = out.baseAddress!
              var src = o - dist
              let end = o + length
              if dist >= 8 {
                // 8 bytes at a time: each load reads only bytes already written (dist ≥ 8);
                // the last store may run ≤ 7 bytes past `end`, into the slack below `limit`.
                let raw = UnsafeMutableRawPointer(base)
                while o < end {
                  raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: src, as: UInt64.self), toByteOffset: o, as: UInt64.self)
                  o += 8
                  src += 8
                }
                o = end
              } else {
                // Overlapping copy (a run of the last `dist` bytes): byte by byte.
                while o < end { base[o] = base[src]; o += 1; src += 1 }
              }
            }
            return false
          }
        }
      }
      if finished { return }
    }
  }
}

/// LSB-first bit reader over the input. Reads past the end yield zero bits and are
/// caught by `checkOverrun`, so a truncated stream fails with an error, never a trap.
package struct BitReader {
  package let input: UnsafeBufferPointer<UInt8>
  /// Next byte to load; may run past `input.count` by virtual zero bytes.
  package var pos: Int
  /// Valid bits are the low `count`; higher bits hold copies of the next input bytes.
  package var bits: UInt64 = 0
  package var count = 0

  package init(input: UnsafeBufferPointer<UInt8>, pos: Int) {
    self.input = input
    self.pos = pos
  }

  /// Ensures at least 56 buffered bits (branch-light refill, Giesen 2018, variant 4).
  @inline(__always) package mutating func refill() {
    if pos + 8 <= input.count {
      // Unaligned 8-byte load; bounds checked just above.
      let word = UInt64(littleEndian: UnsafeRawPointer(input.baseAddress! + pos).loadUnaligned(as: UInt64.self))
      bits |= word << UInt64(count)
      let advance = (63 - count) >> 3
      pos += advance
      count += advance << 3
    } else {
      while count <= 56 {
        let b: UInt64 = pos < input.count ? UInt64(input[pos]) : 0
        bits |= b << UInt64(count)
        pos += 1
        count += 8
      }
    }
  }

  @inline(__always) package mutating func drop(_ n: Int) {
    bits >>= UInt64(n)
    count -= n
  }

  /// Takes `n` (≤ 16) bits already known to be buffered.
  @inline(__always) package mutating func takeBuffered(_ n: Int) -> Int {
    let v = Int(bits & ((1 << UInt64(n)) - 1))
    drop(n)
    return v
  }

  package mutating func take(_ n: Int, file: String) throws -> UInt32 {
    if count < n { refill() }
    let v = UInt32(truncatingIfNeeded: bits & ((1 << UInt64(n)) - 1))
    drop(n)
    try checkOverrun(file: file)
    return v
  }

  package mutating func decode(_ table: HuffmanTable, file: String) throws -> Int {
    refill()
    var entry = Int(table.fast[Int(bits & HuffmanTable.fastMask)])
    if entry & 15 == 0 {
      guard let slow = table.decodeSlow(bits) else { throw failure("invalid Huffman code", file: file) }
      entry = Int(slow)
    }
    drop(entry & 15)
    try checkOverrun(file: file)
    return entry >> 4
  }

  /// Byte offset of the next unread bit.
  package var byteOffset: Int { (pos * 8 - count) / 8 }

  package func checkOverrun(file: String) throws {
    if pos * 8 - count > input.count * 8 {
      throw FibrePlanError(.data, "\(file): byte \(input.count): truncated DEFLATE stream")
    }
  }

  /// Drops the bits up to the next byte boundary and returns unread whole bytes to the input.
  package mutating func alignToByte() {
    drop(count & 7)
    pos -= count >> 3
    bits = 0
    count = 0
  }

  package func failure(_ what: String, file: String, at offset: Int? = nil) -> FibrePlanError {
    FibrePlanError(.data, "\(file): byte \(offset ?? byteOffset): corrupt DEFLATE data: \(what)")
  }
}
