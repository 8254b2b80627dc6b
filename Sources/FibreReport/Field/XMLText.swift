import FibreCore

/// KML and QGIS project text is the same markup writer as the maps and the report.
package typealias XMLText = SVGText

extension SVGText {
  /// `<name>escaped text</name>`.
  package mutating func element(_ name: String, _ value: String) {
    raw("<"); raw(name); raw(">"); text(value); raw("</"); raw(name); raw(">")
  }

  /// Digits straight into the buffer, trailing zeros trimmed (JSONText's writer);
  /// empty when not finite.
  package mutating func number(_ x: Double, decimals: Int) {
    guard x.isFinite else { return }
    JSONText.appendNumber(x, decimals: decimals, padded: false, to: &bytes)
  }

  package mutating func integer(_ i: Int) {
    if i < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDecimalDigits(UInt64(i.magnitude), to: &bytes)
  }
}
