import FibreCore

/// A growing UTF-8 XML document: escaped text and attributes, numbers without locale.
package struct XMLText {
  package var bytes: [UInt8] = []

  package init(reserving n: Int = 1 << 16) { bytes.reserveCapacity(n) }

  package mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  /// Escapes &, <, > and both quotes, so the same call serves text and attributes.
  package mutating func text(_ s: String) {
    let plain = s.utf8.allSatisfy { $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }
    if plain { bytes.append(contentsOf: s.utf8); return }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "&"): raw("&amp;")
      case UInt8(ascii: "<"): raw("&lt;")
      case UInt8(ascii: ">"): raw("&gt;")
      case UInt8(ascii: "\""): raw("&quot;")
      case UInt8(ascii: "'"): raw("&apos;")
      default: bytes.append(b)
      }
    }
  }

  package static func escaped(_ s: String) -> String {
    var x = XMLText(reserving: s.utf8.count + 16)
    x.text(s)
    return String(decoding: x.bytes, as: UTF8.self)
  }

  /// `<name>escaped text</name>`.
  package mutating func element(_ name: String, _ value: String) {
    raw("<\(name)>"); text(value); raw("</\(name)>")
  }

  /// Digits straight into the buffer (JSONText's writer); empty when not finite.
  package mutating func number(_ x: Double, decimals: Int) {
    guard x.isFinite else { return }
    var j = JSONText(reserving: 0)
    swap(&j.bytes, &bytes)
    j.number(x, decimals: decimals)
    swap(&j.bytes, &bytes)
  }

  package mutating func integer(_ i: Int) {
    var j = JSONText(reserving: 0)
    swap(&j.bytes, &bytes)
    j.integer(i)
    swap(&j.bytes, &bytes)
  }
}
