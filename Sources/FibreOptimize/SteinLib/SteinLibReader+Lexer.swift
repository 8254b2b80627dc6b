#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Line and token scanner over raw bytes: no per-line Strings, no splitting of the
/// whole file. Whitespace is space, tab, CR, vertical tab and form feed.
package struct SteinLibLexer {
  package let bytes: UnsafeBufferPointer<UInt8>
  package let file: String
  /// Start of the next line.
  package var next = 0
  /// Current line, 1-based, and its cursor and end (exclusive, before the newline).
  package var line = 0
  package var cursor = 0
  package var end = 0

  package init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// Moves to the next line; false at end of input.
  @inline(__always) package mutating func nextLine() -> Bool {
    guard next < bytes.count else { return false }
    line += 1
    cursor = next
    let n = bytes.count
    if let nl = memchr(bytes.baseAddress! + next, 0x0A, n - next) {
      end = bytes.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
    } else {
      end = n
    }
    next = end + 1
    return true
  }

  /// Consumes a run of well-formed `E u v w` lines (integers, ids in 1...nodes, ending
  /// in LF or CRLF) starting at the next line, appending 0-based edges. Stops before the
  /// first line that is anything else, which the caller then reads with full checks.
  /// One pass over the bytes: no line search first, no tokens.
  package mutating func fastEdgeRun(nodes: Int, _ us: inout [Int32], _ vs: inout [Int32], _ ws: inout [Double]) {
    let p = bytes.baseAddress!
    let n = bytes.count
    var i = next
    var lines = 0
    runs: while i + 1 < n && (p[i] | 0x20) == 0x65 && (p[i + 1] == 0x20 || p[i + 1] == 0x09) {
      var j = i + 1
      var values = (0, 0, 0)
      for k in 0..<3 {
        while j < n && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
        var v = 0
        let start = j
        if j + 8 <= n, let (value, length) = Self.shortNumber(p + j) {
          v = value
          j += length
        } else {
          while j < n {
            let d = Int(p[j]) &- 0x30
            if d < 0 || d > 9 { break }
            v = v &* 10 &+ d
            j += 1
          }
        }
        guard j > start && j - start <= 15 else { break runs }
        switch k {
        case 0: values.0 = v
        case 1: values.1 = v
        default: values.2 = v
        }
      }
      while j < n && (p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0D) { j += 1 }
      guard j == n || p[j] == 0x0A else { break }
      guard values.0 >= 1 && values.0 <= nodes && values.1 >= 1 && values.1 <= nodes else { break }
      us.append(Int32(values.0 - 1))
      vs.append(Int32(values.1 - 1))
      ws.append(Double(values.2))
      lines += 1
      i = j + 1
    }
    next = i
    line += lines
  }

  /// A run of 1...7 decimal digits at `p` (8 readable bytes) as (value, length), without
  /// a branch per digit: SWAR digit test and the 8-digit multiply-shift conversion
  /// (Lemire, "Parsing integers quickly", as in simdjson). nil for 0 or ≥ 8 digits.
  @inline(__always) package static func shortNumber(_ p: UnsafePointer<UInt8>) -> (Int, Int)? {
    let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    let digits = word &- 0x3030_3030_3030_3030
    // High bit set in the first byte that is not a digit (borrows and carries only
    // disturb bytes after it).
    let nonDigit = (digits | (digits &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
    let length = nonDigit.trailingZeroBitCount >> 3
    guard length > 0 && length < 8 else { return nil }
    // Move the digits to the top bytes: the zero bytes below act as leading zeros.
    var v = digits << UInt64((8 - length) * 8)
    v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    return (Int(v), length)
  }

  /// Parses the rest of a well-formed `E u v w` line (integers, ids in 1...nodes) in
  /// one pass; nil for anything else, which the caller re-parses with full checks.
  @inline(__always) package mutating func fastEdge(nodes: Int) -> (Int32, Int32, Double)? {
    var i = cursor
    let e = end
    let p = bytes.baseAddress!
    @inline(__always) func number(_ i: inout Int) -> Int? {
      while i < e && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      var v = 0
      let start = i
      while i < e {
        let d = Int(p[i]) &- 0x30
        if d < 0 || d > 9 { break }
        v = v &* 10 &+ d
        i += 1
      }
      let digits = i - start
      return digits > 0 && digits <= 15 ? v : nil
    }
    guard let u = number(&i), u >= 1, u <= nodes, let v = number(&i), v >= 1, v <= nodes,
          let w = number(&i) else { return nil }
    while i < e && SteinLibLexer.isSpace(p[i]) { i += 1 }
    guard i == e else { return nil }
    cursor = e
    return (Int32(u - 1), Int32(v - 1), Double(w))
  }

  @inline(__always) package static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
  }

  @inline(__always) package mutating func skipSpace() {
    while cursor < end && Self.isSpace(bytes[cursor]) { cursor += 1 }
  }

  package var atEndOfLine: Bool {
    mutating get { skipSpace(); return cursor >= end }
  }

  /// The next whitespace-delimited token, or nil at end of line.
  @inline(__always) package mutating func token() -> Range<Int>? {
    skipSpace()
    guard cursor < end else { return nil }
    let start = cursor
    while cursor < end && !Self.isSpace(bytes[cursor]) { cursor += 1 }
    return start..<cursor
  }

  /// Case-insensitive comparison of a token with a lowercase ASCII keyword.
  package func matches(_ token: Range<Int>, _ keyword: StaticString) -> Bool {
    guard token.count == keyword.utf8CodeUnitCount else { return false }
    let k = keyword.utf8Start
    var j = 0
    for i in token {
      var b = bytes[i]
      if b >= 0x41 && b <= 0x5A { b |= 0x20 }
      if b != k[j] { return false }
      j += 1
    }
    return true
  }

  package func text(_ token: Range<Int>) -> String {
    let shown = token.count > 40 ? token.lowerBound..<(token.lowerBound + 40) : token
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
      + (token.count > 40 ? "…" : "")
  }

  /// The rest of the line, trimmed.
  package mutating func rest() -> String {
    skipSpace()
    var e = end
    while e > cursor && Self.isSpace(bytes[e - 1]) { e -= 1 }
    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<e]), as: UTF8.self)
    cursor = end
    return s
  }

  package func failure(_ message: String) -> FibrePlanError {
    FibrePlanError(.data, "\(file): line \(line): \(message)")
  }

  /// A non-negative decimal integer token (what: "node id", "node count", ...).
  package mutating func integer(_ what: String) throws -> Int {
    guard let t = token() else { throw failure("missing \(what)") }
    var v = 0
    for i in t {
      let d = Int(bytes[i]) &- 0x30
      guard d >= 0 && d <= 9 else {
        throw failure("\(what) '\(text(t))' is not a non-negative integer")
      }
      v = v &* 10 &+ d
      guard v <= Int(Int32.max) else { throw failure("\(what) '\(text(t))' is too large") }
    }
    return v
  }

  /// A finite, non-negative number: integer fast path, `Double` parsing otherwise.
  package mutating func weight(_ what: String) throws -> Double {
    guard let t = token() else { throw failure("missing \(what)") }
    var v = 0
    var digits = 0
    for i in t {
      let d = Int(bytes[i]) &- 0x30
      guard d >= 0 && d <= 9 && digits < 18 else { return try slowWeight(t, what) }
      v = v * 10 + d
      digits += 1
    }
    return Double(v)
  }

  private func slowWeight(_ t: Range<Int>, _ what: String) throws -> Double {
    let s = text(t)
    guard let d = Double(s) else { throw failure("\(what) '\(s)' is not a number") }
    guard d.isFinite else { throw failure("\(what) '\(s)' is not finite") }
    guard d >= 0 else { throw failure("\(what) \(s) is negative") }
    return d == 0 ? 0 : d  // no negative zero
  }
}
