extension JSONValue {
  /// Containers nested deeper than this are rejected with an error, not recursed into.
  public static let maxParseDepth = 512

  /// Parses a whole JSON document (scenario files and other small inputs).
  ///
  /// Strict RFC 8259 grammar; a UTF-8 byte-order mark is skipped; UTF-16/32 is
  /// rejected with a clear message. Errors are `FibrePlanError(.data)` naming
  /// `path:line:column` and the byte offset. Iterative, so hostile nesting cannot
  /// overflow the stack. O(bytes).
  public static func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
    try bytes.withUnsafeBufferPointer { buffer in
      let skip = try TextEncoding.utf8PayloadStart(UnsafeRawBufferPointer(buffer), path: path)
      guard let base = buffer.baseAddress else { throw FibrePlanError(.data, "\(path): empty file") }
      var s = ByteScanner(base: base, count: buffer.count, path: path)
      s.reportsColumn = true
      s.pos = skip
      s.lineStart = skip
      s.skipWhitespace()
      guard !s.atEnd else { throw FibrePlanError(.data, "\(path): empty file (no JSON value)") }
      let value = try s.parseValue(maxDepth: maxParseDepth)
      s.skipWhitespace()
      guard s.atEnd else { throw s.error("unexpected \(s.found) after the JSON value") }
      return value
    }
  }

  /// Parses a JSON document held in a string.
  public static func parse(_ text: String, path: String) throws -> JSONValue {
    try parse(Array(text.utf8), path: path)
  }
}

/// Byte-order-mark and encoding checks shared by the JSON and GeoJSON readers.
package enum TextEncoding {
  /// Returns the offset where UTF-8 text starts (3 after a UTF-8 BOM, else 0), or
  /// throws for empty, UTF-16 and UTF-32 input, which JSON files must not use (RFC 8259 §8.1).
  package static func utf8PayloadStart(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Int {
    let n = bytes.count
    guard n > 0 else { throw FibrePlanError(.data, "\(path): empty file") }
    let b0 = bytes[0], b1 = n > 1 ? bytes[1] : 0xFF
    if n >= 3 && b0 == 0xEF && b1 == 0xBB && bytes[2] == 0xBF { return 3 }
    if n >= 4 && ((b0 == 0 && b1 == 0) || (b0 == 0xFF && b1 == 0xFE && bytes[2] == 0 && bytes[3] == 0)) {
      throw FibrePlanError(.data, "\(path): the file is UTF-32 encoded; save it as UTF-8")
    }
    if (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || (n > 1 && (b0 == 0) != (b1 == 0)) {
      throw FibrePlanError(.data, "\(path): the file is UTF-16 encoded; save it as UTF-8")
    }
    return 0
  }
}
