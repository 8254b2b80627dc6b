import FibreCore
import FibreGraph

/// Parallel reading of a large `features` array: the bytes after the array's first
/// element are cut at guessed feature boundaries (`}, {`), and every piece, the first
/// one included, is parsed on its own worker (`orderedParallelMap`, exactly `threads`
/// of them). The in-order walk then takes a piece over only when it arrives exactly at
/// that piece's start between two features, which proves the guess. A guess inside a
/// string or a nested object is never reached that way, and a piece that failed is
/// re-read in order, so results, warnings and error messages are the sequential ones
/// at any thread count.
extension GeoJSONParser {
  /// One speculative piece: where it starts, and what parsing from there gave.
  /// Unchecked: the parser holds a pointer into the caller's bytes, which outlive the
  /// parallel map; each piece is written by one worker and read after the map returns.
  struct ParsedPiece: @unchecked Sendable {
    let start: Int
    /// Nil when parsing from `start` threw (the in-order walk re-reads it).
    var parser: GeoJSONParser?
    /// The index of the later piece this one stopped at, or nil when it read the
    /// array's closing `]`.
    var stoppedAt: Int?
  }

  /// Guessed feature starts after `from`, about evenly spaced, one per extra worker;
  /// none for one thread or less than two pieces' worth of bytes.
  func pieceStarts(from: Int) -> [Int] {
    let length = s.end - from
    guard threads > 1, length >= 2 * minimumPieceBytes else { return [] }
    let count = min(threads, length / minimumPieceBytes)
    var starts: [Int] = []
    for k in 1..<count {
      if let start = s.featureStartGuess(after: from + length * k / count),
         start > (starts.last ?? from) { starts.append(start) }
    }
    return starts
  }

  /// Parses every piece at once: piece 0 continues this walk from `s.pos` (it is
  /// exact) and is sized for all features, as the later pieces are appended to it;
  /// later pieces start from a guess with fresh line and feature counts.
  func parsePieces(_ starts: [Int]) -> [ParsedPiece] {
    nonisolated(unsafe) let walk = self
    return orderedParallelMap(starts.count, threads: starts.count) { i in
      var worker = walk
      if i > 0 {
        worker = GeoJSONParser(scanner: walk.s, path: walk.table.path)
        worker.s.pos = starts[i]
        worker.s.line = 1
        worker.s.lineStart = starts[i]
        worker.s.feature = -1
      }
      worker.reserve(forBytes: (i == 0 || i + 1 == starts.count ? walk.s.end : starts[i + 1]) - starts[i])
      var piece = ParsedPiece(start: starts[i])
      do {
        piece.stoppedAt = try worker.parsePiece(stoppingAt: Array(starts[(i + 1)...])).map { $0 + i + 1 }
        piece.parser = worker
      } catch {
        // Re-read in order by the main walk, which reports the error in file terms.
      }
      return piece
    }
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

  /// Appends a piece parsed from `s.pos` on, taking its columns (`other.table` is left
  /// empty), and moves to where it stopped.
  mutating func append(_ other: inout GeoJSONParser) {
    let lineOffset = s.line - 1
    let featureOffset = table.count
    let keyMap = other.table.propertyKeys.map { internName($0) }
    var columns = FeatureTable(path: table.path)
    swap(&columns, &other.table)
    // Warnings: the first `listedPerCode` of each code over both parts, in file order.
    var seen: [String: Int] = [:]
    for var d in columns.diagnostics {
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
    appendColumns(&columns, lineOffset: Int32(truncatingIfNeeded: lineOffset), keyMap: keyMap)
    s.pos = other.s.pos
    s.line = other.s.line + lineOffset
    s.lineStart = other.s.lineStart
  }

  /// Extends the columns by `o`'s, which are used up (`o` is left empty): the geometry
  /// columns on one worker and the property columns on another (copying and faulting
  /// in tens of MB was a tenth of `validate`, all on one core). Each group, of both
  /// tables, is moved into a table of its own, which holds the only reference to its
  /// columns (so they grow in place and are read by one worker), and moved back. Freeing
  /// `o`'s columns (tens of MB) is left off the critical path.
  private mutating func appendColumns(_ o: inout FeatureTable, lineOffset: Int32, keyMap: [Int32]) {
    let geometry = TableBox(FeatureTable(path: table.path))
    let properties = TableBox(FeatureTable(path: table.path))
    swap(&geometry.table, &table)
    properties.table.swapPropertyColumns(&geometry.table)
    let otherGeometry = TableBox(FeatureTable(path: table.path))
    let otherProperties = TableBox(FeatureTable(path: table.path))
    swap(&otherGeometry.table, &o)
    otherProperties.table.swapPropertyColumns(&otherGeometry.table)
    _ = orderedParallelMap(2, threads: 2) { job in
      if job == 0 {
        geometry.table.appendGeometry(of: otherGeometry.table, lineOffset: lineOffset)
      } else {
        properties.table.appendProperties(moving: &otherProperties.table, keyMap: keyMap)
      }
    }
    swap(&table, &geometry.table)
    table.swapPropertyColumns(&properties.table)
    releaseInBackground((otherGeometry.table, otherProperties.table))
  }
}

/// One group of columns for one worker of `appendColumns`. Unchecked: each box is
/// used by one worker only, and by the caller after the workers have finished.
private final class TableBox: @unchecked Sendable {
  var table: FeatureTable
  init(_ table: FeatureTable) { self.table = table }
}

extension FeatureTable {
  fileprivate mutating func swapPropertyColumns(_ other: inout FeatureTable) {
    swap(&featurePropertyStart, &other.featurePropertyStart)
    swap(&propertyKey, &other.propertyKey)
    swap(&propertyValue, &other.propertyValue)
    swap(&featureIDs, &other.featureIDs)
  }

  /// Appends `o`'s features' types, lines, parts and points, offsets shifted.
  fileprivate mutating func appendGeometry(of o: FeatureTable, lineOffset: Int32) {
    let partOffset = Int32(partStartsPolygon.count), pointOffset = Int32(points.count)
    geometryTypes += o.geometryTypes
    featureLines += o.featureLines.lazy.map { $0 + lineOffset }
    featurePartStart += o.featurePartStart.dropFirst().lazy.map { $0 + partOffset }
    partPointStart += o.partPointStart.dropFirst().lazy.map { $0 + pointOffset }
    partStartsPolygon += o.partStartsPolygon
    points += o.points
    validBounds.add(o.validBounds)
    invalidPositionCount += o.invalidPositionCount
  }

  /// Appends `o`'s property slots (keys renumbered by `keyMap`) and feature ids, the
  /// values moved rather than copied (`o`'s are left as nulls): copying 300,000 values
  /// one by one, each retained here and released with `o`, was most of a join.
  fileprivate mutating func appendProperties(moving o: inout FeatureTable, keyMap: [Int32]) {
    let propertyOffset = Int32(propertyKey.count)
    featurePropertyStart += o.featurePropertyStart.dropFirst().lazy.map { $0 + propertyOffset }
    propertyKey += o.propertyKey.lazy.map { keyMap[Int($0)] }
    propertyValue.appendMoving(&o.propertyValue, leaving: .null)
    featureIDs.appendMoving(&o.featureIDs, leaving: nil)
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

extension Array {
  /// Appends `other`'s elements by moving them, leaving `filler` in each of `other`'s
  /// slots: the new slots are first filled with `filler`, then each is swapped with its
  /// source (a bitwise exchange). For values with references, such as JSON values, this
  /// saves one retain here and one release when `other` is freed, per element, which
  /// for 300,000 values was most of joining two pieces of a table. O(n).
  fileprivate mutating func appendMoving(_ other: inout [Element], leaving filler: Element) {
    let old = count, n = other.count
    guard n > 0 else { return }
    append(contentsOf: repeatElement(filler, count: n))
    withUnsafeMutableBufferPointer { target in
      other.withUnsafeMutableBufferPointer { source in
        for i in 0..<n { swap(&target[old + i], &source[i]) }
      }
    }
  }
}
