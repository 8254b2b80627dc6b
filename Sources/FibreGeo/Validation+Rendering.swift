import FibreCore
import FibreGraph

extension ValidationReport {
  /// Human-readable report: one block per file, diagnostics in compiler form, then a
  /// summary line. Deterministic.
  public var text: String {
    var out = ""
    for file in files {
      if let failure = file.failure {
        out += Self.errorLine(failure.message, file.path) + "\n"
        continue
      }
      out += "\(file.path): \(file.featureCount) feature\(file.featureCount == 1 ? "" : "s")"
      if !file.geometryCounts.isEmpty {
        out += " (" + file.geometryCounts.map { "\($0.type) \($0.count)" }.joined(separator: ", ") + ")"
      }
      out += ", \(file.pointCount) positions"
      if !file.boundingBox.isEmpty {
        let b = file.boundingBox
        out += ", bbox [\(Self.fixed(b.minLon)), \(Self.fixed(b.minLat)), \(Self.fixed(b.maxLon)), \(Self.fixed(b.maxLat))]"
      }
      out += "\n"
      if let kind = file.kind, let summary = file.layerSummary {
        out += "  \(kind.rawValue) layer: \(summary)\n"
      }
      for d in file.diagnostics { out += "  \(d)\n" }
    }
    let errors = files.filter { !$0.isUsable }.count
    let warnings = files.reduce(0) { $0 + $1.warningCount }
    out += "validate: \(files.count) file\(files.count == 1 ? "" : "s"), "
    out += "\(errors) with errors, \(warnings) warning\(warnings == 1 ? "" : "s"): "
    out += isUsable ? "usable\n" : "NOT usable\n"
    return out
  }

  /// Machine-readable report (one JSON object). Deterministic member order.
  public var json: String {
    var out = "{\"usable\":\(isUsable),\"exitCode\":\(exitCode),\"files\":["
    for (i, file) in files.enumerated() {
      if i > 0 { out += "," }
      out += "{\"path\":\(Self.quoted(file.path)),\"usable\":\(file.isUsable)"
      if let kind = file.kind { out += ",\"layer\":\(Self.quoted(kind.rawValue))" }
      if let failure = file.failure {
        out += ",\"error\":\(Self.quoted(failure.message))}"
        continue
      }
      out += ",\"features\":\(file.featureCount),\"positions\":\(file.pointCount),\"geometryTypes\":{"
      out += file.geometryCounts.map { "\(Self.quoted($0.type.description)):\($0.count)" }.joined(separator: ",")
      out += "}"
      if !file.boundingBox.isEmpty {
        let b = file.boundingBox
        out += ",\"bbox\":[\(Self.fixed(b.minLon)),\(Self.fixed(b.minLat)),\(Self.fixed(b.maxLon)),\(Self.fixed(b.maxLat))]"
      }
      if let s = file.layerSummary { out += ",\"layerSummary\":\(Self.quoted(s))" }
      out += ",\"diagnostics\":["
      for (j, d) in file.diagnostics.enumerated() {
        if j > 0 { out += "," }
        out += "{\"severity\":\(Self.quoted(d.severity.rawValue)),\"code\":\(Self.quoted(d.code))"
        if let line = d.line { out += ",\"line\":\(line)" }
        if let f = d.feature { out += ",\"feature\":\(f)" }
        if let field = d.field { out += ",\"field\":\(Self.quoted(field))" }
        out += ",\"message\":\(Self.quoted(d.message))}"
      }
      out += "]}"
    }
    return out + "]}\n"
  }

  /// `path:line: error: message`, like the warnings: reader messages already start
  /// with `path:line:`, so the severity goes after the location.
  package static func errorLine(_ message: String, _ path: String) -> String {
    guard message.hasPrefix(path + ":") else { return "\(path): error: \(message)" }
    var rest = message.dropFirst(path.count + 1)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    var location = path
    if !digits.isEmpty && rest.dropFirst(digits.count).first == ":" {
      location += ":" + digits
      rest = rest.dropFirst(digits.count + 1)
    }
    while rest.first == " " { rest = rest.dropFirst() }
    return "\(location): error: \(rest)"
  }

  /// Degrees with 7 decimals (~1 cm), in fixed columns.
  package static func fixed(_ x: Double) -> String {
    x.isFinite ? JSONText.fixed(x, decimals: 7, padded: true) : "null"
  }

  package static func quoted(_ s: String) -> String { JSONText.quoted(s) }
}
