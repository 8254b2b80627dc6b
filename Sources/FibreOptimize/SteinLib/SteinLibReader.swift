import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Reads Steiner tree instances in SteinLib `.stp` format (Koch, Martin & Voß 2001) and
/// the PACE 2018 `.gr` variant (same sections, no header), plain or gzipped (detected
/// by the magic bytes 1f 8b, not by the name).
///
/// Keywords and section names are case-insensitive; unknown sections and unknown
/// keywords are skipped. `TP v prize` lines make the instance prize-collecting.
///
/// Strictness, on purpose: counts are the only integrity check a plain file has, so a
/// declared `Edges m` or `Terminals k` that disagrees with the lines that follow is an
/// error, as is a section without `END` (a truncated file). A missing final `EOF` is
/// accepted. Repeated `T v` lines are merged.
public enum SteinLibReader {
  /// Reads and parses the file at `path`. O(file size).
  public static func read(path: String) throws -> SteinerFile {
    let bytes = try FileBytes.read(path: path)
    return try parse(bytes: bytes, path: path)
  }

  /// Parses file contents; `path` names the file in messages. O(bytes).
  public static func parse(bytes: [UInt8], path: String) throws -> SteinerFile {
    let fileName = FileBytes.displayName(path)
    if Gzip.isGzip(bytes) {
      let text = try Gzip.decompress(bytes, file: fileName)
      var f = try text.withUnsafeBufferPointer { try parseText($0, fileName: fileName) }
      f.wasGzipped = true
      return f
    }
    return try bytes.withUnsafeBufferPointer { try parseText($0, fileName: fileName) }
  }

  private enum Section { case none, comment, graph, terminals, skipped }

  private static func parseText(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String) throws -> SteinerFile {
    guard !bytes.isEmpty else { throw FibrePlanError(.data, "\(fileName): line 1: empty file") }
    // Text files have no NUL bytes and few control bytes; say "binary" rather than
    // reporting a confusing keyword error on line 1.
    var control = 0
    for b in bytes.prefix(4096) {
      if b == 0 { control += 1000; break }
      if b < 0x09 || (b > 0x0D && b < 0x20) { control += 1 }
    }
    if control > 8 {
      throw FibrePlanError(.data, "\(fileName): line 1: binary data, not a SteinLib .stp or PACE .gr file")
    }
    var lex = SteinLibLexer(bytes: bytes, file: fileName)
    var state = ParseState(fileName: fileName, byteCount: bytes.count)
    while true {
      if state.section == .graph && state.nodes >= 0 {
        lex.fastEdgeRun(nodes: state.nodes, &state.edgeU, &state.edgeV, &state.edgeWeight)
      }
      guard lex.nextLine() else { break }
      // Fast path: edge lines are nearly the whole file.
      if state.section == .graph && state.fastEdge(&lex) { continue }
      guard let key = lex.token() else { continue }
      if try !state.line(key, &lex) { break }
    }
    return try state.finish(endLine: lex.line)
  }

  /// What one parse has seen so far: the open section, the declared counts and the
  /// edges and terminals read.
  private struct ParseState {
    let fileName: String
    let byteCount: Int
    var format: SteinerFile.Format?
    var section = Section.none
    var sectionLine = 0
    var sectionName = ""
    var seenGraph = false, seenTerminals = false
    var name: String?
    var problem: String?
    var nodes = -1
    var declaredEdges = -1, edgesLine = 0
    var declaredTerminals = -1, terminalsLine = 0
    var edgeU: [Int32] = [], edgeV: [Int32] = [], edgeWeight: [Double] = []
    var terminalMark: [Int32] = []  // 0 = not listed, else the file line of its T/TP line
    var terminals: [Int32] = [], terminalLines: [Int32] = []
    var prizes: [Double] = []
    var terminalLineCount = 0, plainTerminalLines = 0, prizeLines = 0, zeroPrizeNodes = 0
    var root: Int32?

    init(fileName: String, byteCount: Int) {
      self.fileName = fileName
      self.byteCount = byteCount
    }

    func node(_ lex: inout SteinLibLexer, _ what: String) throws -> Int32 {
      guard nodes >= 0 else { throw lex.failure("\(what) before 'Nodes' in the Graph section") }
      let v = try lex.integer(what)
      guard v >= 1 && v <= nodes else {
        throw lex.failure("\(what) \(v) is out of range 1...\(nodes)")
      }
      return Int32(v - 1)
    }

    func noMoreTokens(_ lex: inout SteinLibLexer) throws {
      if let t = lex.token() { throw lex.failure("unexpected '\(lex.text(t))' at end of line") }
    }

    /// An `E u v w` line of plain digits, read without tokens; false (and the cursor
    /// unmoved) for anything else.
    mutating func fastEdge(_ lex: inout SteinLibLexer) -> Bool {
      guard lex.cursor + 1 < lex.end && (lex.bytes[lex.cursor] | 0x20) == 0x65
        && (lex.bytes[lex.cursor + 1] == 0x20 || lex.bytes[lex.cursor + 1] == 0x09) else { return false }
      lex.cursor += 1
      if let (u, v, w) = lex.fastEdge(nodes: nodes) {
        edgeU.append(u)
        edgeV.append(v)
        edgeWeight.append(w)
        return true
      }
      lex.cursor -= 1
      return false
    }

    /// One line starting with `key`; false at `EOF` (the end of the input).
    mutating func line(_ key: Range<Int>, _ lex: inout SteinLibLexer) throws -> Bool {
      if format == nil {
        if lex.matches(key, "33d32945") {
          format = .steinLib
          return true
        }
        guard lex.matches(key, "section") else {
          throw lex.failure("not a SteinLib .stp or PACE .gr file: expected '33D32945 STP File' or 'SECTION' first, found '\(lex.text(key))'")
        }
        format = .pace
      }
      if section == .graph && key.count == 1 && (lex.bytes[key.lowerBound] | 0x20) == 0x65 {
        let u = try node(&lex, "node")
        let v = try node(&lex, "node")
        let w = try lex.weight("edge weight")
        try noMoreTokens(&lex)
        edgeU.append(u)
        edgeV.append(v)
        edgeWeight.append(w)
        return true
      }
      if lex.matches(key, "section") {
        try open(&lex)
        return true
      }
      if lex.matches(key, "end") {
        guard section != .none else { throw lex.failure("END outside a section") }
        section = .none
        return true
      }
      if lex.matches(key, "eof") && section == .none { return false }
      switch section {
      case .none:
        throw lex.failure("unexpected '\(lex.text(key))' outside a section")
      case .skipped:
        break
      case .comment:
        if lex.matches(key, "name") {
          name = SteinLibReader.unquoted(lex.rest())
        } else if lex.matches(key, "problem") {
          problem = SteinLibReader.unquoted(lex.rest())
        }
      case .graph:
        try graphKeyword(key, &lex)
      case .terminals:
        try terminalKeyword(key, &lex)
      }
      return true
    }

    /// `SECTION name`: opens the section, once each for Graph and Terminals.
    mutating func open(_ lex: inout SteinLibLexer) throws {
      guard section == .none else {
        throw lex.failure("SECTION inside SECTION \(sectionName) opened at line \(sectionLine) (missing END)")
      }
      guard let s = lex.token() else { throw lex.failure("SECTION without a name") }
      sectionName = lex.text(s)
      sectionLine = lex.line
      if lex.matches(s, "graph") {
        guard !seenGraph else { throw lex.failure("second SECTION Graph") }
        seenGraph = true
        section = .graph
      } else if lex.matches(s, "terminals") {
        guard !seenTerminals else { throw lex.failure("second SECTION Terminals") }
        seenTerminals = true
        section = .terminals
      } else if lex.matches(s, "comment") || lex.matches(s, "comments") {
        section = .comment
      } else {
        section = .skipped
      }
    }

    /// `Nodes n`, `Edges m` and the refused directed `A` lines of the Graph section.
    mutating func graphKeyword(_ key: Range<Int>, _ lex: inout SteinLibLexer) throws {
      if lex.matches(key, "nodes") {
        guard nodes < 0 else { throw lex.failure("second 'Nodes' line") }
        nodes = try lex.integer("node count")
        try noMoreTokens(&lex)
        // Per-node arrays are allocated now; a corrupt count must not exhaust memory.
        guard nodes <= 1_000_000 + 16 * byteCount else {
          throw lex.failure("'Nodes \(nodes)' is implausibly large for a file of \(byteCount) bytes")
        }
        terminalMark = [Int32](repeating: 0, count: nodes)
      } else if lex.matches(key, "edges") {
        guard declaredEdges < 0 else { throw lex.failure("second 'Edges' line") }
        declaredEdges = try lex.integer("edge count")
        edgesLine = lex.line
        try noMoreTokens(&lex)
        // An edge line takes at least 8 bytes: reserve no more than the file can hold.
        let expected = min(declaredEdges, byteCount / 8 + 16)
        edgeU.reserveCapacity(expected)
        edgeV.reserveCapacity(expected)
        edgeWeight.reserveCapacity(expected)
      } else if lex.matches(key, "a") || lex.matches(key, "arcs") {
        throw lex.failure("directed instances ('\(lex.text(key))' lines) are not supported")
      }
    }

    /// `T v`, `TP v prize`, `Terminals k` and `Root v` lines.
    mutating func terminalKeyword(_ key: Range<Int>, _ lex: inout SteinLibLexer) throws {
      if lex.matches(key, "t") {
        let v = try node(&lex, "terminal")
        try noMoreTokens(&lex)
        terminalLineCount += 1
        plainTerminalLines += 1
        if terminalMark[Int(v)] == 0 {
          terminalMark[Int(v)] = Int32(clamping: lex.line)
          terminals.append(v)
          terminalLines.append(Int32(clamping: lex.line))
        }
      } else if lex.matches(key, "tp") {
        try prizeTerminal(&lex)
      } else if lex.matches(key, "terminals") {
        guard declaredTerminals < 0 else { throw lex.failure("second 'Terminals' line") }
        declaredTerminals = try lex.integer("terminal count")
        terminalsLine = lex.line
        try noMoreTokens(&lex)
      } else if lex.matches(key, "root") || lex.matches(key, "rootp") {
        root = try node(&lex, "root")
      }
    }

    /// `TP v prize`: a terminal only when the prize is positive.
    mutating func prizeTerminal(_ lex: inout SteinLibLexer) throws {
      let v = try node(&lex, "terminal")
      let p = try lex.weight("prize")
      try noMoreTokens(&lex)
      terminalLineCount += 1
      prizeLines += 1
      if prizes.isEmpty { prizes = [Double](repeating: 0, count: nodes) }
      if terminalMark[Int(v)] != 0 {
        throw lex.failure("terminal \(v + 1) listed twice (first at line \(terminalMark[Int(v)]))")
      }
      terminalMark[Int(v)] = Int32(clamping: lex.line)
      prizes[Int(v)] = p
      if p > 0 {
        terminals.append(v)
        terminalLines.append(Int32(clamping: lex.line))
      } else {
        zeroPrizeNodes += 1
      }
    }

    /// Checks the declared counts and sections against what was read.
    func finish(endLine: Int) throws -> SteinerFile {
      func failure(_ line: Int, _ message: String) -> FibrePlanError {
        FibrePlanError(.data, "\(fileName): line \(line): \(message)")
      }
      if section != .none {
        throw failure(endLine, "file ends inside SECTION \(sectionName) opened at line \(sectionLine) (missing END)")
      }
      guard seenGraph else { throw failure(endLine, "missing SECTION Graph") }
      guard nodes >= 0 else { throw failure(endLine, "missing 'Nodes' in the Graph section") }
      if declaredEdges >= 0 && declaredEdges != edgeU.count {
        throw failure(edgesLine, "'Edges \(declaredEdges)' but the Graph section has \(edgeU.count) E lines")
      }
      guard seenTerminals else { throw failure(endLine, "missing SECTION Terminals") }
      if declaredTerminals >= 0 && declaredTerminals != terminalLineCount {
        throw failure(terminalsLine, "'Terminals \(declaredTerminals)' but the Terminals section has \(terminalLineCount) T/TP lines")
      }
      if prizeLines > 0 && plainTerminalLines > 0 {
        throw failure(terminalsLine, "mixing T and TP lines (required terminals with prizes) is not supported")
      }
      let instance = SteinerInstance(nodeCount: nodes, edgeU: edgeU, edgeV: edgeV, edgeWeight: edgeWeight,
                                     terminals: terminals, prizes: prizes)
      return SteinerFile(
        instance: instance, name: name ?? SteinLibReader.stem(fileName), fileName: fileName, format: format ?? .pace,
        wasGzipped: false, problem: problem, declaredNodes: nodes,
        declaredEdges: declaredEdges >= 0 ? declaredEdges : edgeU.count,
        declaredTerminals: declaredTerminals >= 0 ? declaredTerminals : terminalLineCount,
        root: root, terminalLines: terminalLines, zeroPrizeNodes: zeroPrizeNodes)
    }
  }

  private static func unquoted(_ s: String) -> String {
    var t = Substring(s)
    for (open, close) in [("\"", "\""), ("“", "”")] where t.hasPrefix(open) && t.hasSuffix(close) && t.count >= 2 {
      t = t.dropFirst().dropLast()
    }
    return String(t)
  }

  private static func stem(_ fileName: String) -> String {
    var s = Substring(fileName)
    for suffix in [".gz", ".stp", ".gr"] where s.lowercased().hasSuffix(suffix) {
      s = s.dropLast(suffix.count)
    }
    return String(s)
  }
}
