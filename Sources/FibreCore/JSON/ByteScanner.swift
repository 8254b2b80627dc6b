#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON member a scanner is inside, so that errors name the field without
/// building strings on the hot path.
package enum JSONField: UInt8, Sendable {
  case none, root, type, features, feature, id, properties, geometry, geometryType,
       coordinates, geometries, value
  package var name: String? {
    switch self {
    case .none, .root, .feature: return nil
    case .type: return "type"
    case .features: return "features"
    case .id: return "id"
    case .properties: return "properties"
    case .geometry: return "geometry"
    case .geometryType: return "geometry.type"
    case .coordinates: return "geometry.coordinates"
    case .geometries: return "geometry.geometries"
    case .value: return nil
    }
  }
}

/// A forward-only cursor over the bytes of one JSON document: whitespace, literals,
/// strings and structural characters, with line tracking for messages.
/// Complexity: every operation is O(bytes consumed).
///
/// The hot paths are `@inlinable` so that they inline into the GeoJSON parser in FibreGeo
/// (a call per byte otherwise); Swift 6.3 inlines a `package` member across modules
/// only when it and what it touches are also `@usableFromInline`.
@usableFromInline package struct ByteScanner {
  // Unsafe: `base` points into a buffer that the caller (GeoJSONReader.read,
  // JSONValue.parse) keeps alive for the scanner's whole life via withUnsafeBytes.
  // Every read goes through `byte(_:)`/`peek`, and callers check `pos < end` first,
  // so no access leaves `base[0 ..< end]`. The pointer never leaves this type
  // (`@usableFromInline` only for the inlined hot paths).
  @usableFromInline let base: UnsafePointer<UInt8>
  @usableFromInline package let end: Int
  @usableFromInline package var pos: Int = 0
  /// 1-based line of `pos`; JSON strings cannot hold raw newlines, so lines only
  /// advance in whitespace.
  @usableFromInline package var line: Int = 1
  @usableFromInline package var lineStart: Int = 0
  package let path: String
  /// Context for messages.
  package var feature: Int = -1
  package var field: JSONField = .none
  /// Report `line:column` rather than `line` (used for small documents like scenarios).
  package var reportsColumn = false
  /// Reused for strings with escapes.
  private var scratch: [UInt8] = []

  package init(base: UnsafePointer<UInt8>, count: Int, path: String) {
    self.base = base
    self.end = count
    self.path = path
  }

  // MARK: Bytes

  @inlinable @inline(__always) package func byte(_ i: Int) -> UInt8 { base[i] }
  /// Eight bytes from `i` as one little-endian word, for SWAR digit scanning.
  /// The caller guarantees `i + 8 <= end`.
  @inlinable @inline(__always) package func load8(_ i: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
  }

  /// The byte at `pos`, or 0 at the end (0 is never valid JSON outside strings).
  @inlinable @inline(__always) package var peek: UInt8 { pos < end ? base[pos] : 0 }
  @inlinable package var atEnd: Bool { pos >= end }

  @inlinable package func bytesEqual(_ start: Int, _ count: Int, _ other: UnsafeRawBufferPointer) -> Bool {
    guard count == other.count else { return false }
    guard count > 0, let o = other.baseAddress else { return count == 0 }
    return memcmp(base + start, o, count) == 0
  }

  @inlinable package func bytesEqual(_ start: Int, _ count: Int, _ literal: StaticString) -> Bool {
    guard count == literal.utf8CodeUnitCount else { return false }
    return memcmp(base + start, literal.utf8Start, count) == 0
  }

  package func copyBytes(_ start: Int, _ count: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: base + start, count: count))
  }

  @usableFromInline package func string(_ start: Int, _ count: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
  }

  // MARK: Errors

  @usableFromInline package func error(_ message: String, at offset: Int? = nil) -> FibrePlanError {
    let at = min(offset ?? pos, end)
    var s = path + ":\(line)"
    if reportsColumn { s += ":\(at - lineStart + 1)" }
    s += ": "
    if feature >= 0 { s += "feature \(feature): " }
    if let f = field.name { s += f + ": " }
    s += message
    s += " (byte \(at))"
    return FibrePlanError(.data, s)
  }

  /// Describes the byte at `pos` for "expected X, found Y" messages.
  @usableFromInline package var found: String {
    guard pos < end else { return "end of file" }
    let b = base[pos]
    if b >= 0x21 && b < 0x7f { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x" + String(b, radix: 16)
  }

  // MARK: Whitespace and structure

  @inlinable @inline(__always) package mutating func skipWhitespace() {
    while pos < end {
      let b = base[pos]
      if b == 0x20 || b == 0x09 || b == 0x0D {
        pos += 1
      } else if b == 0x0A {
        pos += 1
        line += 1
        lineStart = pos
      } else {
        return
      }
    }
  }

  @inlinable package mutating func expect(_ c: UInt8, _ what: String) throws {
    skipWhitespace()
    guard pos < end, base[pos] == c else { throw error("expected \(what), found \(found)") }
    pos += 1
  }

  /// After `open` has been consumed: true if a first element follows, false if the
  /// container is empty (the closing byte is consumed).
  @inlinable @inline(__always) package mutating func hasFirstElement(close: UInt8) -> Bool {
    skipWhitespace()
    if pos < end && base[pos] == close { pos += 1; return false }
    return true
  }

  /// After an element: true after `,`, false after `close` (consumed).
  @inlinable @inline(__always) package mutating func hasNextElement(close: UInt8) throws -> Bool {
    skipWhitespace()
    guard pos < end else { throw error("unexpected end of file, expected ',' or '\(Character(Unicode.Scalar(close)))'") }
    let b = base[pos]
    pos += 1
    if b == 0x2C { return true }
    if b == close { return false }
    pos -= 1
    throw error("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(found)")
  }

  /// Consumes `literal` (`true`, `null`, ...) if it is next.
  @inlinable package mutating func consume(_ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard end - pos >= n, memcmp(base + pos, literal.utf8Start, n) == 0 else { return false }
    pos += n
    return true
  }

  /// Consumes `"text"`, and the `:` right after it when `colon`, when they are next
  /// exactly so: a whole member name or value compared in place instead of scanned as
  /// a string. False, with `pos` unchanged, otherwise (then the caller scans). `text`
  /// must hold no `"`, `\` or control byte, so that a match is the string `text`.
  @inlinable @inline(__always) package mutating func consumeQuoted(_ text: UnsafeRawBufferPointer, colon: Bool) -> Bool {
    let n = text.count, tail = colon ? 2 : 1
    guard n > 0, end &- pos >= n &+ 1 &+ tail, base[pos] == 0x22, base[pos &+ n &+ 1] == 0x22,
          !colon || base[pos &+ n &+ 2] == 0x3A, memcmp(base + pos + 1, text.baseAddress!, n) == 0 else {
      return false
    }
    pos &+= n &+ 1 &+ tail
    return true
  }

  /// `consumeQuoted` for a literal.
  @inlinable @inline(__always) package mutating func consumeQuoted(_ literal: StaticString, colon: Bool) -> Bool {
    consumeQuoted(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), colon: colon)
  }

  // MARK: Strings

  /// Scans a string at `pos` (which must be `"`), validating escapes and rejecting raw
  /// control characters. Returns the content's byte range and whether it has escapes.
  @inlinable package mutating func scanString() throws -> (start: Int, count: Int, escaped: Bool) {
    guard pos < end, base[pos] == 0x22 else { throw error("expected a string, found \(found)") }
    pos += 1
    let start = pos
    var escaped = false
    while pos < end {
      pos = firstSpecialByte(from: pos)
      guard pos < end else { break }
      let b = base[pos]
      if b == 0x22 {
        pos += 1
        return (start, pos - 1 - start, escaped)
      }
      if b == 0x5C {
        escaped = true
        guard pos + 1 < end else { break }
        switch base[pos + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: pos += 2
        case 0x75:
          guard pos + 5 < end, (2...5).allSatisfy({ Self.hexValue(base[pos + $0]) != nil }) else {
            throw error("invalid \\u escape in string")
          }
          pos += 6
        default:
          pos += 1
          throw error("invalid escape '\\\(found.trimmingQuotes)' in string")
        }
      } else if b < 0x20 {
        throw error(b == 0x0A ? "unterminated string (newline inside string)"
                              : "raw control character 0x\(String(b, radix: 16)) in string")
      } else {
        pos += 1
      }
    }
    throw error("unterminated string at end of file", at: start - 1)
  }

  /// Skips plain string bytes eight at a time: the index of the first `"`, `\` or
  /// control byte at or after `i`, or a position < 8 bytes from the end, from which
  /// the byte loop continues. Uses the "has zero byte" test (the lowest flagged byte
  /// is exact; borrows only disturb bytes above it). Bytes ≥ 0x80 are never flagged.
  @inlinable @inline(__always) package func firstSpecialByte(from i: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    var i = i
    while i + 8 <= end {
      let w = load8(i)
      let quote = w ^ (0x22 &* ones), backslash = w ^ (0x5C &* ones)
      let hit = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                 | ((w &- 0x20 &* ones) & ~w)) & highs
      if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
      i += 8
    }
    return i
  }

  /// The text of a scanned string, decoding escapes; invalid UTF-8 and lone
  /// surrogates become U+FFFD rather than failing.
  package mutating func makeString(_ r: (start: Int, count: Int, escaped: Bool)) -> String {
    if !r.escaped { return string(r.start, r.count) }
    scratch.removeAll(keepingCapacity: true)
    var i = r.start
    let stop = r.start + r.count
    while i < stop {
      let b = base[i]
      guard b == 0x5C else { scratch.append(b); i += 1; continue }
      let e = base[i + 1]
      i += 2
      switch e {
      case 0x62: scratch.append(0x08)
      case 0x66: scratch.append(0x0C)
      case 0x6E: scratch.append(0x0A)
      case 0x72: scratch.append(0x0D)
      case 0x74: scratch.append(0x09)
      case 0x75:
        var u = hex4(i)
        i += 4
        if (0xD800..<0xDC00).contains(u), i + 6 <= stop,
           base[i] == 0x5C, base[i + 1] == 0x75 {
          let lo = hex4(i + 2)
          if (0xDC00..<0xE000).contains(lo) {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
            i += 6
          }
        }
        let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
        scratch.append(contentsOf: String(Character(scalar)).utf8)
      default: scratch.append(e)
      }
    }
    return String(decoding: scratch, as: UTF8.self)
  }

  private func hex4(_ i: Int) -> UInt32 {
    var v: UInt32 = 0
    for k in 0..<4 { v = v << 4 | UInt32(Self.hexValue(base[i + k]) ?? 0) }
    return v
  }

  @usableFromInline package static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x41...0x46: return b - 0x41 + 10
    case 0x61...0x66: return b - 0x61 + 10
    default: return nil
    }
  }
}

extension String {
  @usableFromInline var trimmingQuotes: String {
    hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
  }
}
