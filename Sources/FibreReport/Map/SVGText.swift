import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Bytes of an SVG or HTML document under construction, with the escaping and the
/// locale-free number formats that keep output byte-identical from run to run.
package struct SVGText {
  package var bytes: [UInt8] = []

  package init(reserving capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  /// Literals (`appendLiteral`); text made at run time takes the disfavoured `String` one.
  package mutating func raw(_ s: StaticString) { appendLiteral(s, to: &bytes) }
  @_disfavoredOverload
  package mutating func raw(_ s: String) { JSONText.append(s, to: &bytes) }
  package mutating func raw(_ c: UInt8) { bytes.append(c) }

  /// Text content or attribute value with `& < > " '` escaped.
  package mutating func text(_ s: String) {
    // Most names need no escaping: copy them whole.
    let copied = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      for c in utf8 where c < 32 || c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 { return false }
      bytes.append(contentsOf: utf8)
      return true
    }
    if copied == true { return }
    for c in s.utf8 {
      switch c {
      case UInt8(ascii: "&"): raw("&amp;")
      case UInt8(ascii: "<"): raw("&lt;")
      case UInt8(ascii: ">"): raw("&gt;")
      case UInt8(ascii: "\""): raw("&quot;")
      case UInt8(ascii: "'"): raw("&#39;")
      // Control characters other than tab and newline are not allowed in XML.
      case 0..<9, 11, 12, 14..<32: raw(UInt8(ascii: " "))
      default: bytes.append(c)
      }
    }
  }

  package static func escaped(_ s: String) -> String {
    var t = SVGText(reserving: s.utf8.count + 8)
    t.text(s)
    return String(decoding: t.bytes, as: UTF8.self)
  }


  /// A value given in tenths: 1234 → "123.4", -5 → "-0.5", 20 → "2".
  package mutating func tenths(_ t: Int) {
    if t < 0 { raw(UInt8(ascii: "-")) }
    let m = t.magnitude
    appendDecimalDigits(UInt64(m / 10), to: &bytes)
    if m % 10 != 0 {
      raw(UInt8(ascii: "."))
      raw(UInt8(ascii: "0") + UInt8(m % 10))
    }
  }

  /// `x` rounded to one decimal.
  package mutating func number(_ x: Double) { tenths(Self.toTenths(x)) }

  package static func toTenths(_ x: Double) -> Int {
    guard x.isFinite else { return 0 }
    return roundedInt(x * 10)
  }
}
