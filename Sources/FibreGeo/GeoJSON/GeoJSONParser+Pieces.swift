#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FibreCore
import FibreGraph

/// Parallel reading of a large `features` array: the bytes after the array's first
/// element are cut at guessed feature boundaries (`}, {`), each later piece is parsed
/// on its own core, and the main walk takes a piece over only when it arrives exactly at
/// that piece's start between two features, which proves the guess. A guess inside a
/// string or a nested object is never reached that way, and a piece that failed is
/// re-read in order, so results, warnings and error messages are the sequential ones.
extension GeoJSONParser {
  /// One speculative piece: where it starts, and what parsing from there gave.
  final class Piece: @unchecked Sendable {
    let start: Int
    /// Set by the worker before `done` is signalled; read only after waiting on it.
    var parser: GeoJSONParser?
    /// The index of the later piece this one stopped at, or nil when it read the
    /// array's closing `]`.
    var stoppedAt: Int?
    let done = DispatchSemaphore(value: 0)
    init(start: Int) { self.start = start }
  }

  /// Guessed feature starts after `from`, about evenly spaced, one per extra core.
  func pieceStarts(from: Int) -> [Int] {
    let cores = max(1, min(pieceCores ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8))
    let length = s.end - from
    guard cores > 1, length >= 2 * minimumPieceBytes else { return [] }
    let count = min(cores, length / minimumPieceBytes)
    var starts: [Int] = []
    for k in 1..<count {
      if let start = s.featureStartGuess(after: from + length * k / count),
         start > (starts.last ?? from) { starts.append(start) }
    }
    return starts
  }

  /// Starts a worker per piece; each stops at the next piece it lands on exactly.
  func launch(_ starts: [Int]) -> [Piece] {
    let pieces = starts.map(Piece.init(start:))
    for (i, piece) in pieces.enumerated() {
      var worker = GeoJSONParser(scanner: s, path: table.path)
      worker.s.pos = piece.start
      worker.s.line = 1
      worker.s.lineStart = piece.start
      worker.s.feature = -1
      piece.parser = worker
      let later = Array(starts[(i + 1)...])
      let laterBase = i + 1
      let bytes = (later.first ?? s.end) - piece.start
      DispatchQueue.global().async {
        var worker = piece.parser!
        piece.parser = nil
        worker.reserve(forBytes: bytes)
        do {
          let stop = try worker.parsePiece(stoppingAt: later)
          piece.stoppedAt = stop.map { $0 + laterBase }
          piece.parser = worker
        } catch {
          // Re-read in order by the main walk, which reports the error in file terms.
        }
        piece.done.signal()
      }
    }
    return pieces
  }

  /// Parses features from `s.pos` until the array closes (nil) or the walk stands
  /// exactly at one of `stops` between features (its index).
  mutating func parsePiece(stoppingAt stops: [Int]) throws -> Int? {
    s.field = .features
    var next = 0
    repeat {
      s.skipWhitespace()
      while next < stops.count && s.pos >= stops[next] {
        if s.pos == stops[next] { return next }
        next += 1
      }
      s.feature = table.geometryTypes.count
      try parseFeature()
      s.field = .features
    } while try s.hasNextElement(close: 0x5D)
    s.feature = -1
    return nil
  }

  /// Appends a piece parsed from `s.pos` on, and moves to where it stopped.
  mutating func append(_ other: GeoJSONParser) {
    let lineOffset = s.line - 1
    let featureOffset = table.count
    let o = other.table
    var keyMap: [Int32] = []
    for name in o.propertyKeys { keyMap.append(internName(name)) }
    let pointOffset = Int32(table.points.count), partOffset = Int32(table.partStartsPolygon.count)
    let propertyOffset = Int32(table.propertyKey.count)
    table.geometryTypes += o.geometryTypes
    table.featureLines += o.featureLines.lazy.map { $0 + Int32(truncatingIfNeeded: lineOffset) }
    table.featurePartStart += o.featurePartStart.dropFirst().lazy.map { $0 + partOffset }
    table.partPointStart += o.partPointStart.dropFirst().lazy.map { $0 + pointOffset }
    table.partStartsPolygon += o.partStartsPolygon
    table.points += o.points
    table.featurePropertyStart += o.featurePropertyStart.dropFirst().lazy.map { $0 + propertyOffset }
    table.propertyKey += o.propertyKey.lazy.map { keyMap[Int($0)] }
    table.propertyValue += o.propertyValue
    table.featureIDs += o.featureIDs
    // Warnings: the first `listedPerCode` of each code over both parts, in file order.
    var seen: [String: Int] = [:]
    for var d in o.diagnostics {
      let k = (warningCounts[d.code] ?? 0) + seen[d.code, default: 0]
      seen[d.code, default: 0] += 1
      guard k < Self.listedPerCode else { continue }
      d.line = d.line.map { $0 + lineOffset }
      d.feature = d.feature.map { $0 + featureOffset }
      table.diagnostics.append(d)
    }
    for code in other.warningCodeOrder {
      if warningCounts[code] == nil { warningCodeOrder.append(code) }
      warningCounts[code, default: 0] += other.warningCounts[code] ?? 0
    }
    s.pos = other.s.pos
    s.line = other.s.line + lineOffset
    s.lineStart = other.s.lineStart
  }
}

extension ByteScanner {
  /// The first `{` after `offset` that follows `}` and `,` (whitespace allowed between),
  /// within 1 MB; a guess only, checked by the main walk.
  func featureStartGuess(after offset: Int) -> Int? {
    var i = offset
    let limit = min(end, offset + (1 << 20))
    while i < limit {
      if byte(i) == 0x2C {
        var a = i - 1
        while a > offset && isSpace(byte(a)) { a -= 1 }
        var b = i + 1
        while b < end && isSpace(byte(b)) { b += 1 }
        if byte(a) == 0x7D && b < end && byte(b) == 0x7B { return b }
      }
      i += 1
    }
    return nil
  }

  private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
