import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Number formats for people: thousands separators, fixed decimals, no locale.
package enum HumanNumber {
  /// `1234567.8` → `1,234,568` (decimals 0) or `1,234,567.8` (decimals 1).
  package static func grouped(_ x: Double, decimals: Int = 0) -> String {
    guard x.isFinite else { return "–" }
    let text = JSONText.fixed(x, decimals: decimals)
    var sign = ""
    var body = Substring(text)
    if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1)
    let whole = Array(parts[0])
    var grouped = ""
    for (i, c) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
      grouped.append(c)
    }
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    if decimals > 0 { fraction += String(repeating: "0", count: max(0, decimals - fraction.count)) }
    return sign + grouped + (decimals > 0 ? "." + fraction : "")
  }

  package static func grouped(_ i: Int) -> String { grouped(Double(i)) }

  package static func percent(_ x: Double) -> String { grouped(x, decimals: 1) + " %" }
}

/// A table with aligned columns: the first column left-aligned, the others right.
package struct TextTable {
  package var header: [String]
  package var rows: [[String]] = []
  /// Rows after which a rule is drawn (for a totals row).
  package var ruleBeforeLast = false

  package init(_ header: [String]) { self.header = header }

  package mutating func add(_ row: [String]) { rows.append(row) }

  package func render(indent: Int = 2) -> String {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    let pad = String(repeating: " ", count: indent)
    func line(_ cells: [String]) -> String {
      var s = pad
      for (i, c) in cells.enumerated() {
        let fill = String(repeating: " ", count: max(0, widths[i] - c.count))
        s += i == 0 ? c + fill : "  " + fill + c
      }
      while s.hasSuffix(" ") { s.removeLast() }
      return s + "\n"
    }
    var out = line(header)
    out += pad + String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n"
    for (i, r) in rows.enumerated() {
      if ruleBeforeLast && i == rows.count - 1 && rows.count > 1 {
        out += pad + String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n"
      }
      out += line(r)
    }
    return out
  }
}
