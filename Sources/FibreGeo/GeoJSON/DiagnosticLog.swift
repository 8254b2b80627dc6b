import FibreCore
import FibreGraph

/// Collects a layer's warnings: the first `listed` per code are kept in full, the rest
/// are counted and summarised, so a broken million-feature file cannot flood memory.
package struct DiagnosticLog: Sendable {
  package let table: FeatureTable
  package var diagnostics: [Diagnostic]
  private var counts: [String: Int] = [:]
  private var order: [String] = []
  private let listed = 100
  /// Features skipped by the layer, by reason, in first-seen order.
  private var skipped: [(reason: String, count: Int)] = []

  /// A log that starts with the reader's warnings (`readerWarnings`), or empty for one
  /// range of features that `append(_:)` will join to it.
  package init(_ table: FeatureTable, readerWarnings: Bool = true) {
    self.table = table
    diagnostics = readerWarnings ? table.diagnostics : []
  }

  /// Adds the log of the next range of features, as if its warnings had been logged
  /// here: listing stays capped at `listed` per code over both, counts and skip
  /// reasons add up, and codes and reasons keep their first-seen order.
  package mutating func append(_ other: DiagnosticLog) {
    var seen: [String: Int] = [:]
    for d in other.diagnostics {
      let k = (counts[d.code] ?? 0) + seen[d.code, default: 0]
      seen[d.code, default: 0] += 1
      if k < listed { diagnostics.append(d) }
    }
    for code in other.order {
      if counts[code] == nil { order.append(code) }
      counts[code, default: 0] += other.counts[code] ?? 0
    }
    for (reason, n) in other.skipped {
      if let i = skipped.firstIndex(where: { $0.reason == reason }) {
        skipped[i].count += n
      } else {
        skipped.append((reason, n))
      }
    }
  }

  package mutating func warn(_ f: Int?, field: String?, code: String, _ message: String) {
    let n = (counts[code] ?? 0) + 1
    counts[code] = n
    if n == 1 { order.append(code) }
    guard n <= listed else { return }
    let line = f.flatMap { table.featureLines.indices.contains($0) ? Int(table.featureLines[$0]) : nil }
    diagnostics.append(Diagnostic(.warning, file: table.path, line: line, feature: f,
                                  field: field, code: code, message))
  }

  package mutating func skip(_ f: Int, field: String?, code: String, reason: String) {
    warn(f, field: field, code: code, "skipped: \(reason)")
    if let i = skipped.firstIndex(where: { $0.reason == reason }) {
      skipped[i].count += 1
    } else {
      skipped.append((reason, 1))
    }
  }

  /// The final list: kept warnings, one line per truncated code, a skip summary, and
  /// an `empty_layer` warning when nothing usable was read.
  package mutating func finish(kept: Int, what: String) -> [Diagnostic] {
    for code in order where (counts[code] ?? 0) > listed {
      let n = counts[code] ?? 0
      diagnostics.append(Diagnostic(.warning, file: table.path, code: code,
                                    "\(n - listed) more '\(code)' warnings not listed (\(n) in all)"))
    }
    let total = skipped.reduce(0) { $0 + $1.count }
    if total > 0 {
      let reasons = skipped.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")
      diagnostics.append(Diagnostic(.warning, file: table.path, code: "skipped_features",
                                    "skipped \(total) of \(table.count) features (\(reasons))"))
    }
    if kept == 0 {
      diagnostics.append(Diagnostic(.warning, file: table.path, code: "empty_layer",
                                    "no usable \(what) in \(table.count) features"))
    }
    return diagnostics
  }
}

extension JSONValue {
  /// A property as text: strings as is, integral numbers without a fraction, booleans
  /// as `true`/`false`; nil for null, arrays and objects.
  package var text: String? {
    switch self {
    case .string(let s): return s
    case .number(let d):
      if d.isFinite && d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
      return "\(d)"
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }

  /// Whether `text` is non-nil, without building the text.
  package var hasText: Bool {
    switch self {
    case .string, .number, .bool: return true
    default: return false
    }
  }
}
