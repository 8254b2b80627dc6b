/// Builds JSON text by appending to one byte buffer: no intermediate tree, stable key
/// order, and numbers printed the same way on every platform and run.
private extension UInt {
  var toUInt64: UInt64 { UInt64(self) }
}

package struct JSONText {
  package var bytes: [UInt8] = []

  package init(reserving capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  /// Literals come here (`appendLiteral`); the `String` overload is disfavoured so that
  /// the compiler picks this one for them, and text built at run time goes there.
  package mutating func raw(_ s: StaticString) { appendLiteral(s, to: &bytes) }
  @_disfavoredOverload
  package mutating func raw(_ s: String) { Self.append(s, to: &bytes) }
  package mutating func raw(_ c: UInt8) { bytes.append(c) }

  /// Appends the UTF-8 of `s` as one copy of its storage: the generic
  /// `append(contentsOf: s.utf8)` costs more than the copy for the short strings that
  /// make up most of a plan's files.
  @inline(__always)
  package static func append(_ s: String, to bytes: inout [UInt8]) {
    if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
      bytes.append(contentsOf: s.utf8)
    }
  }

  /// `s` without its first `count` UTF-8 bytes (a prefix written once elsewhere), as
  /// `string` writes it, without making that shorter String.
  package mutating func string(_ s: String, droppingFirstBytes count: Int) {
    let copied = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      let rest = UnsafeBufferPointer(rebasing: utf8[min(count, utf8.count)...])
      for c in rest where c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c >= 0x80 { return false }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: rest)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    if copied != true { string(String(s.utf8.dropFirst(count))!) }
  }

  package mutating func string(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    stringContent(s)
    bytes.append(UInt8(ascii: "\""))
  }

  /// `prefix` and `s` as one JSON string, without making the joined String (ids such
  /// as `building/…`, a million of them); `prefix` must need no escape.
  package mutating func string(prefix: String, _ s: String) {
    bytes.append(UInt8(ascii: "\""))
    raw(prefix)
    stringContent(s)
    bytes.append(UInt8(ascii: "\""))
  }

  /// `s` escaped, without the quotes.
  private mutating func stringContent(_ s: String) {
    // Most strings (ids, names, reasons) need no escape: copy them whole rather than
    // appending byte by byte, which checks the buffer once per byte.
    let copied = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      for c in utf8 where c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return false }
      bytes.append(contentsOf: utf8)
      return true
    }
    if copied == true { return }
    for c in s.utf8 {
      switch c {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        raw("\\u00"); bytes.append(hex[Int(c >> 4)]); bytes.append(hex[Int(c & 15)])
      default: bytes.append(c)
      }
    }
  }

  /// A number with at most `decimals` decimals, trailing zeros trimmed; null if not finite.
  package mutating func number(_ x: Double, decimals: Int) {
    Self.appendNumber(x, decimals: decimals, padded: false, to: &bytes)
  }

  /// Appends `x` with `decimals` decimals to `bytes`: trailing zeros trimmed, or with
  /// `padded` exactly `decimals` of them (fixed columns); `null` if not finite.
  /// Rounds half away from zero. The hot path for coordinates and lengths: the text is
  /// made right to left in a buffer on the stack and appended with one copy, no String
  /// (a million homes print some fifty million numbers).
  package static func appendNumber(_ x: Double, decimals: Int, padded: Bool, to bytes: inout [UInt8]) {
    guard x.isFinite else { bytes.append(contentsOf: "null".utf8); return }
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale &*= 10 }
    // Below 9e18 before rounding exactly when below after: under 2^53 rounding stays
    // under 2^53, and above it every double is whole.
    let scaled = abs(x) * Double(scale)
    guard scaled < 9.0e18, decimals <= 19 else {
      bytes.append(contentsOf: fixed(x, decimals: decimals, padded: padded).utf8)
      return
    }
    var r = UInt64(roundedInt(scaled))
    let negative = x < 0 && r != 0
    // At most 20 whole digits, a point, 19 decimals and a sign: 41 bytes (on the stack).
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { b in
      let end = b.count
      var p = end
      // The last `decimals` digits of r are the fraction, the others the whole part.
      for _ in 0..<decimals {
        p -= 1; b[p] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: r % 10); r /= 10
      }
      var kept = end
      if !padded { while kept > p && b[kept - 1] == UInt8(ascii: "0") { kept -= 1 } }
      if kept > p {
        p -= 1; b[p] = UInt8(ascii: ".")
      } else {
        // No fraction to print: the whole part ends the number.
        p = end; kept = end
      }
      repeat {
        p -= 1; b[p] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: r % 10); r /= 10
      } while r > 0
      if negative { p -= 1; b[p] = UInt8(ascii: "-") }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[p..<kept]))
    }
  }

  package mutating func integer(_ i: Int) {
    if i < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(i.magnitude.toUInt64)
  }

  private mutating func appendDigits(_ value: UInt64) { appendDecimalDigits(value, to: &bytes) }

  package mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }

  package mutating func key(_ k: String) {
    string(k)
    bytes.append(UInt8(ascii: ":"))
  }

  /// Fixed-point text without Foundation's locale or platform differences: trailing
  /// zeros trimmed, or with `padded` exactly `decimals` decimals.
  package static func fixed(_ x: Double, decimals: Int, padded: Bool = false) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    guard scaled < 9.0e18 else { return String(x) }
    let r = UInt64(scaled)
    let s = UInt64(scale)
    let whole = r / s
    var fraction = r % s
    var text = (x < 0 && r != 0 ? "-" : "") + String(whole)
    guard fraction != 0 || (padded && decimals > 0) else { return text }
    var digits = decimals
    while !padded && fraction % 10 == 0 { fraction /= 10; digits -= 1 }
    let f = String(fraction)
    text += "." + String(repeating: "0", count: digits - f.count) + f
    return text
  }

  /// `s` as a quoted JSON string.
  package static func quoted(_ s: String) -> String {
    var text = JSONText(reserving: s.utf8.count + 2)
    text.string(s)
    return String(decoding: text.bytes, as: UTF8.self)
  }
}
