#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGraph

/// Reads a GeoJSON FeatureCollection into a column-wise `FeatureTable` in one pass
/// over the raw bytes: no intermediate JSON tree, no Foundation.
///
/// Fatal problems (not JSON, wrong root, truncated) throw `FibrePlanError(.data)` as
/// `path:line: feature N: field: message (byte B)`. Real-data defects (one-point
/// lines, NaN or out-of-range coordinates, swapped lat/lon) become warnings in
/// `FeatureTable.diagnostics`; the affected coordinates are kept as read so that
/// typed layers can skip them.
public enum GeoJSONReader {
  /// Reads and parses the file at `path` with `threads` workers (`--threads`, default
  /// 2 as on the command line; the table is the same for any count). O(file size).
  /// - Throws: `.missingFile` if it does not exist, `.io` if it cannot be read,
  ///   `.data` if it is not a usable GeoJSON FeatureCollection.
  public static func read(path: String, threads: Int = 2) throws -> FeatureTable {
    if let table = try withMappedFile(path: path, { try read(bytes: $0, path: path, threads: threads) }) {
      return table
    }
    let bytes = try FileBytes.read(path: path)
    return try bytes.withUnsafeBytes { try read(bytes: $0, path: path, threads: threads) }
  }

  /// Runs `body` over a read-only mapping of a regular, non-empty file, so the parser
  /// walks the page cache directly: no copy into a zero-filled buffer. Returns nil
  /// when the file cannot be mapped (pipes, empty files); the caller then reads it.
  /// The pages are mapped as the parser's workers first touch them, each its own piece:
  /// `MAP_POPULATE` mapped all 20,000 pages of an 80 MB file on one thread first, 10 to
  /// 20 ms before any parsing, against 5 to 10 ms spread over two workers.
  /// - Throws: as `FileBytes.read(path:)`.
  package static func withMappedFile<T>(path: String, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
    let file = try FileBytes.open(path: path)
    defer { close(file.fd) }
    guard file.regular, file.size > 0 else { return nil }
    let size = file.size
    // Unsafe: the mapping lives until it is unmapped below, after `body` returns; `body`
    // gets a bounded buffer and must not keep it.
    guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.fd, 0), map != MAP_FAILED else { return nil }
    defer { unmapInBackground(map, size: size) }
    return try body(UnsafeRawBufferPointer(start: map, count: size))
  }

  /// Parses GeoJSON bytes; `path` is used in messages only. O(bytes.count).
  public static func read(bytes: [UInt8], path: String) throws -> FeatureTable {
    try bytes.withUnsafeBytes { try read(bytes: $0, path: path) }
  }

  /// Parses GeoJSON bytes that the caller keeps alive for the call. O(bytes.count).
  /// A large `features` array is read by `threads` workers (see `GeoJSONParser+Pieces`).
  public static func read(bytes: UnsafeRawBufferPointer, path: String, threads: Int = 2) throws -> FeatureTable {
    try read(bytes: bytes, path: path, pieceBytes: 1 << 21, threads: threads)
  }

  /// As `read(bytes:path:threads:)`, with pieces of at least `pieceBytes` (tests lower
  /// it to split small documents).
  package static func read(bytes: UnsafeRawBufferPointer, path: String,
                           pieceBytes: Int, threads: Int) throws -> FeatureTable {
    let start = try TextEncoding.utf8PayloadStart(bytes, path: path)
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      throw FibrePlanError(.data, "\(path): empty file")
    }
    var parser = GeoJSONParser(scanner: ByteScanner(base: base, count: bytes.count, path: path),
                               path: path)
    parser.s.pos = start
    parser.s.lineStart = start
    parser.minimumPieceBytes = pieceBytes
    parser.threads = max(threads, 1)
    try parser.parseDocument()
    parser.finish()
    return parser.table
  }
}
