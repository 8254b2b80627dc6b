import FibreCore
import FibreGraph

/// A byte-level scanner for OSM XML (`<osm>` with `node`, `way`, `relation`, `tag`,
/// `nd`, `member`), strict about structure: tags must nest and close properly, the file
/// must end with `</osm>`, and the attributes a feature needs must be present and
/// numeric. Errors name the line and byte offset. No DOM, no Foundation XMLParser.
package struct OSMXMLReader {
  private let b: UnsafeBufferPointer<UInt8>
  private let file: String
  private var pos = 0
  /// Open elements, as byte ranges of their names.
  private var stack: [Range<Int>] = []

  private enum Current { case none, node(Int64, Int32, Int32), way(Int64), relation(Int64) }
  private var current = Current.none
  private var tags = OSMTags()
  private var refs: [Int64] = []
  private var members: [(Int64, OSMMemberRole)] = []
  private var hasOtherMembers = false

  private init(_ b: UnsafeBufferPointer<UInt8>, file: String) {
    self.b = b
    self.file = file
  }

  /// Reads the whole document into `extract`. O(file size).
  package static func read(_ bytes: [UInt8], file: String, into extract: inout OSMExtract) throws {
    try bytes.withUnsafeBufferPointer { buffer in
      var reader = OSMXMLReader(buffer, file: file)
      try reader.run(&extract)
    }
  }

  private func failure(_ what: String, at offset: Int? = nil) -> FibrePlanError {
    let at = min(offset ?? pos, b.count)
    var line = 1
    for i in 0..<at where b[i] == 0x0A { line += 1 }
    return FibrePlanError(.data, "\(file):\(line): byte \(at): \(what)")
  }

  private mutating func run(_ extract: inout OSMExtract) throws {
    var sawRoot = false, closedRoot = false
    while true {
      // Text between tags: only whitespace is meaningful in OSM XML, and it is skipped.
      while pos < b.count && b[pos] != UInt8(ascii: "<") { pos += 1 }
      guard pos < b.count else { break }
      let start = pos
      if try skipMarkup() { continue }
      guard !closedRoot else { throw failure("content after </osm>", at: start) }
      if pos + 1 < b.count && b[pos + 1] == UInt8(ascii: "/") {
        try closeElement(start, &extract)
        if stack.isEmpty { closedRoot = true }
        continue
      }
      pos += 1
      let name = scanName()
      guard !name.isEmpty else { throw failure("expected an element name after '<'", at: start) }
      let (attributes, selfClosing) = try scanAttributes()
      if !sawRoot {
        guard equals(name, "osm") else {
          throw failure("root element is <\(text(name))>, expected <osm>", at: start)
        }
        sawRoot = true
      } else if stack.isEmpty {
        throw failure("element <\(text(name))> outside <osm>", at: start)
      }
      try openElement(name, attributes, at: start, &extract)
      if selfClosing {
        try finishElement(name, &extract)
      } else {
        stack.append(name)
      }
    }
    guard sawRoot else { throw failure("no <osm> element (empty or not an OSM XML file)") }
    guard stack.isEmpty else {
      throw failure("truncated: <\(text(stack[stack.count - 1]))> is not closed at the end of the file")
    }
  }

  /// Skips `<?...?>`, `<!--...-->` and `<!...>`; false if `pos` starts an element tag.
  private mutating func skipMarkup() throws -> Bool {
    guard pos + 1 < b.count else { throw failure("truncated tag at the end of the file") }
    let next = b[pos + 1]
    if next == UInt8(ascii: "?") {
      try skip(past: "?>")
    } else if next == UInt8(ascii: "!") {
      if pos + 3 < b.count && b[pos + 2] == UInt8(ascii: "-") && b[pos + 3] == UInt8(ascii: "-") {
        try skip(past: "-->")
      } else {
        try skip(past: ">")
      }
    } else {
      return false
    }
    return true
  }

  private mutating func skip(past terminator: StaticString) throws {
    let start = pos
    let t = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
    outer: while pos + t.count <= b.count {
      for i in 0..<t.count where b[pos + i] != t[i] { pos += 1; continue outer }
      pos += t.count
      return
    }
    throw failure("unterminated markup", at: start)
  }

  private mutating func scanName() -> Range<Int> {
    let start = pos
    while pos < b.count {
      let c = b[pos]
      if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: "/")
        || c == UInt8(ascii: ">") || c == UInt8(ascii: "=") || c == UInt8(ascii: "<") { break }
      pos += 1
    }
    return start..<pos
  }

  private mutating func skipSpace() {
    while pos < b.count, b[pos] == 0x20 || b[pos] == 0x09 || b[pos] == 0x0A || b[pos] == 0x0D { pos += 1 }
  }

  /// Attributes up to `>` or `/>`, as (name, raw value) byte ranges.
  private mutating func scanAttributes() throws -> ([(Range<Int>, Range<Int>)], Bool) {
    var attributes: [(Range<Int>, Range<Int>)] = []
    while true {
      skipSpace()
      guard pos < b.count else { throw failure("truncated tag at the end of the file") }
      let c = b[pos]
      if c == UInt8(ascii: ">") { pos += 1; return (attributes, false) }
      if c == UInt8(ascii: "/") {
        guard pos + 1 < b.count, b[pos + 1] == UInt8(ascii: ">") else { throw failure("expected '/>'") }
        pos += 2
        return (attributes, true)
      }
      let name = scanName()
      guard !name.isEmpty else { throw failure("unexpected character in tag") }
      skipSpace()
      guard pos < b.count, b[pos] == UInt8(ascii: "=") else { throw failure("attribute \(text(name)) has no '='") }
      pos += 1
      skipSpace()
      guard pos < b.count, b[pos] == UInt8(ascii: "\"") || b[pos] == UInt8(ascii: "'") else {
        throw failure("attribute \(text(name)): value is not quoted")
      }
      let quote = b[pos]
      pos += 1
      let start = pos
      while pos < b.count && b[pos] != quote {
        guard b[pos] != UInt8(ascii: "<") else { throw failure("attribute \(text(name)): '<' in value") }
        pos += 1
      }
      guard pos < b.count else { throw failure("attribute \(text(name)): unterminated value", at: start) }
      attributes.append((name, start..<pos))
      pos += 1
    }
  }

  private mutating func closeElement(_ start: Int, _ extract: inout OSMExtract) throws {
    pos += 2
    let name = scanName()
    skipSpace()
    guard pos < b.count, b[pos] == UInt8(ascii: ">") else { throw failure("malformed closing tag", at: start) }
    pos += 1
    guard let open = stack.popLast() else { throw failure("closing </\(text(name))> without an open element", at: start) }
    guard b[open].elementsEqual(b[name]) else {
      throw failure("</\(text(name))> closes <\(text(open))>", at: start)
    }
    try finishElement(name, &extract)
  }

  private mutating func openElement(
    _ name: Range<Int>, _ attributes: [(Range<Int>, Range<Int>)], at start: Int, _ extract: inout OSMExtract
  ) throws {
    func attribute(_ key: StaticString) -> Range<Int>? {
      attributes.first { equals($0.0, key) }?.1
    }
    func required(_ key: StaticString) throws -> Range<Int> {
      guard let v = attribute(key) else { throw failure("<\(text(name))> lacks the attribute \(key)", at: start) }
      return v
    }
    let inFeature: Bool
    if case .none = current { inFeature = false } else { inFeature = true }
    if equals(name, "node") || equals(name, "way") || equals(name, "relation") {
      guard !inFeature else { throw failure("<\(text(name))> inside another node, way or relation", at: start) }
      let id = try integer(try required("id"))
      tags = OSMTags()
      if equals(name, "node") {
        current = .node(id, try degrees(try required("lat"), limit: 900_000_000),
                        try degrees(try required("lon"), limit: 1_800_000_000))
      } else if equals(name, "way") {
        current = .way(id)
        refs.removeAll(keepingCapacity: true)
      } else {
        current = .relation(id)
        members.removeAll(keepingCapacity: true)
        hasOtherMembers = false
      }
    } else if equals(name, "tag") {
      guard inFeature else { return }  // changeset tags and the like
      let key = try required("k")
      let value = try required("v")
      let code = OSMTagKey.classify(UnsafeBufferPointer(rebasing: b[key]))
      tags.set(code, OSMTags.wantsValue(code) ? try unescaped(value) : "")
    } else if equals(name, "nd") {
      guard case .way = current else { throw failure("<nd> outside a way", at: start) }
      refs.append(try integer(try required("ref")))
    } else if equals(name, "member") {
      guard case .relation = current else { throw failure("<member> outside a relation", at: start) }
      let ref = try integer(try required("ref"))
      let type = try unescaped(try required("type"))
      let role = try attribute("role").map(unescaped) ?? ""
      switch type {
      case "way": members.append((ref, OSMMemberRole(role)))
      case "node", "relation": hasOtherMembers = true
      default: throw failure("<member> has unknown type '\(type)'", at: start)
      }
    } else if equals(name, "osmChange") || equals(name, "create") || equals(name, "modify") || equals(name, "delete") {
      throw failure("OSM change files are not supported", at: start)
    }
  }

  private mutating func finishElement(_ name: Range<Int>, _ extract: inout OSMExtract) throws {
    switch current {
    case .node(let id, let lat, let lon) where equals(name, "node"):
      extract.addNode(id: id, lat: lat, lon: lon)
      if !tags.isEmpty { extract.addTaggedNode(id: id, tags: tags) }
    case .way(let id) where equals(name, "way"):
      extract.beginWay(id: id, tags: tags)
      for r in refs { extract.addWayRef(r) }
      extract.endWay()
    case .relation(let id) where equals(name, "relation"):
      extract.addRelation(id: id, tags: tags, wayMembers: members, hasOtherMembers: hasOtherMembers)
    default:
      return
    }
    current = .none
  }

  private func equals(_ range: Range<Int>, _ s: StaticString) -> Bool {
    guard range.count == s.utf8CodeUnitCount else { return false }
    let p = s.utf8Start
    for i in 0..<range.count where b[range.lowerBound + i] != p[i] { return false }
    return true
  }

  private func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[range.prefix(64)]), as: UTF8.self)
  }

  /// A decimal integer id (OSM ids may be negative in unsaved JOSM data).
  private func integer(_ range: Range<Int>) throws -> Int64 {
    var i = range.lowerBound
    let negative = i < range.upperBound && b[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    guard i < range.upperBound, range.upperBound - i <= 18 else {
      throw failure("'\(text(range))' is not an integer id", at: range.lowerBound)
    }
    var v: Int64 = 0
    while i < range.upperBound {
      let c = b[i]
      guard c >= 0x30 && c <= 0x39 else { throw failure("'\(text(range))' is not an integer id", at: range.lowerBound) }
      v = v * 10 + Int64(c - 0x30)
      i += 1
    }
    return negative ? -v : v
  }

  /// A decimal coordinate in 1e-7 degrees, rounded half away from zero beyond 7 decimals.
  private func degrees(_ range: Range<Int>, limit: Int64) throws -> Int32 {
    var i = range.lowerBound
    let negative = i < range.upperBound && b[i] == UInt8(ascii: "-")
    if negative || (i < range.upperBound && b[i] == UInt8(ascii: "+")) { i += 1 }
    var whole: Int64 = 0, fraction: Int64 = 0, digits = 0, sawDigit = false, roundUp = false
    while i < range.upperBound, b[i] >= 0x30, b[i] <= 0x39, whole < 1_000 {
      whole = whole * 10 + Int64(b[i] - 0x30); sawDigit = true; i += 1
    }
    if i < range.upperBound, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < range.upperBound, b[i] >= 0x30, b[i] <= 0x39 {
        if digits < 7 { fraction = fraction * 10 + Int64(b[i] - 0x30); digits += 1 }
        else if digits == 7 { roundUp = b[i] >= 0x35; digits += 1 }
        sawDigit = true; i += 1
      }
    }
    guard sawDigit, i == range.upperBound else {
      throw failure("'\(text(range))' is not a decimal coordinate", at: range.lowerBound)
    }
    for _ in min(digits, 7)..<7 { fraction *= 10 }
    var v = whole * 10_000_000 + fraction + (roundUp ? 1 : 0)
    guard v <= limit else { throw failure("coordinate \(text(range)) out of range", at: range.lowerBound) }
    if negative { v = -v }
    return Int32(v)
  }

  /// An attribute value with XML's five entities and character references replaced.
  private func unescaped(_ range: Range<Int>) throws -> String {
    guard b[range].contains(UInt8(ascii: "&")) else {
      return String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }
    var out: [UInt8] = []
    var i = range.lowerBound
    while i < range.upperBound {
      guard b[i] == UInt8(ascii: "&") else { out.append(b[i]); i += 1; continue }
      guard let semi = b[i..<range.upperBound].firstIndex(of: UInt8(ascii: ";")), semi - i <= 10 else {
        throw failure("unterminated entity", at: i)
      }
      let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<semi]), as: UTF8.self)
      switch name {
      case "amp": out.append(UInt8(ascii: "&"))
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      default:
        let hex = name.hasPrefix("#x") || name.hasPrefix("#X")
        guard name.hasPrefix("#"), let code = UInt32(name.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
              let scalar = Unicode.Scalar(code) else { throw failure("unknown entity &\(name);", at: i) }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      }
      i = semi + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
