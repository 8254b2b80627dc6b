import FibreCore
import FibreGraph

/// A minimal protocol-buffers wire-format reader (varint, zigzag, length-delimited,
/// fixed32/64 skipping) over bytes that stay owned by the caller. Every read is bounds
/// checked and throws `FibrePlanError(.data)` naming the byte offset; nothing traps.
package struct ProtobufReader {
  package let bytes: UnsafeBufferPointer<UInt8>
  package var pos: Int
  package let end: Int
  package let origin: PBFOrigin

  package init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, origin: PBFOrigin) {
    self.bytes = bytes
    pos = range.lowerBound
    end = range.upperBound
    self.origin = origin
  }

  package var atEnd: Bool { pos >= end }

  package func failure(_ what: String, at offset: Int? = nil) -> FibrePlanError {
    FibrePlanError(.data, origin.describe(offset ?? pos) + what)
  }

  /// One base-128 varint (at most 10 bytes). O(1).
  @inline(__always) package mutating func varint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    let start = pos
    while pos < end {
      let b = bytes[pos]
      pos += 1
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
      if shift >= 70 { throw failure("varint longer than 10 bytes", at: start) }
    }
    throw failure("truncated varint", at: start)
  }

  @inline(__always) package mutating func sint64() throws -> Int64 {
    let v = try varint()
    return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
  }

  @inline(__always) package mutating func int64() throws -> Int64 { Int64(bitPattern: try varint()) }

  /// The next field's number and wire type, or nil at the end of the message.
  package mutating func field() throws -> (number: Int, wire: Int)? {
    guard pos < end else { return nil }
    let start = pos
    let key = try varint()
    let number = Int(truncatingIfNeeded: key >> 3)
    guard number > 0, key >> 3 < 1 << 29 else { throw failure("invalid field number", at: start) }
    return (number, Int(key & 7))
  }

  /// The byte range of a length-delimited field's payload (wire type 2).
  package mutating func lengthDelimited(wire: Int) throws -> Range<Int> {
    guard wire == 2 else { throw failure("expected a length-delimited field, got wire type \(wire)") }
    let start = pos
    let length = try varint()
    guard length <= UInt64(end - pos) else {
      throw failure("field length \(length) runs past the end of its message", at: start)
    }
    let range = pos..<(pos + Int(length))
    pos = range.upperBound
    return range
  }

  /// A varint field's value (wire type 0).
  package mutating func varintField(wire: Int) throws -> UInt64 {
    guard wire == 0 else { throw failure("expected a varint field, got wire type \(wire)") }
    return try varint()
  }

  package mutating func skip(wire: Int) throws {
    switch wire {
    case 0: _ = try varint()
    case 1: try advance(8)
    case 2: _ = try lengthDelimited(wire: 2)
    case 5: try advance(4)
    default: throw failure("unsupported wire type \(wire)")
    }
  }

  private mutating func advance(_ n: Int) throws {
    guard end - pos >= n else { throw failure("truncated fixed-width field") }
    pos += n
  }

  /// A reader over a sub-message or packed field.
  package func sub(_ range: Range<Int>) -> ProtobufReader {
    ProtobufReader(bytes, range: range, origin: origin)
  }
}

/// Where a protobuf buffer came from, to name positions in error messages: bytes of the
/// file itself, or a decompressed blob that started at a file offset.
package struct PBFOrigin {
  package var file: String
  /// File offset of the blob's payload (raw) or of the blob (compressed).
  package var fileOffset: Int
  package var inflated: Bool

  package func describe(_ offset: Int) -> String {
    inflated
      ? "\(file): byte \(fileOffset): blob, offset \(offset) of its decompressed data: "
      : "\(file): byte \(fileOffset + offset): "
  }
}
