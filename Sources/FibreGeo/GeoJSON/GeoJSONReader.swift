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
  /// Reads and parses the file at `path`. O(file size).
  /// - Throws: `.missingFile` if it does not exist, `.io` if it cannot be read,
  ///   `.data` if it is not a usable GeoJSON FeatureCollection.
  public static func read(path: String) throws -> FeatureTable {
    if let table = try withMappedFile(path: path, { try read(bytes: $0, path: path) }) {
      return table
    }
    let bytes = try readFile(path: path)
    return try read(bytes: bytes, path: path)
  }

  /// Runs `body` over a read-only mapping of a regular, non-empty file, so the parser
  /// walks the page cache directly: no copy into a zero-filled buffer. Returns nil
  /// when the file cannot be mapped (pipes, empty files); the caller then reads it.
  /// - Throws: `.missingFile` when absent, `.io` when it cannot be opened.
  package static func withMappedFile<T>(path: String, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
      let e = errno
      if e == ENOENT || e == ENOTDIR { throw FibrePlanError(.missingFile, "\(path): no such file") }
      throw FibrePlanError(.io, "\(path): cannot open: \(String(cString: strerror(e)))")
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
    let size = Int(st.st_size)
    #if os(Linux)
    let flags = MAP_PRIVATE | MAP_POPULATE
    #else
    let flags = MAP_PRIVATE
    #endif
    // Unsafe: the mapping lives until munmap below, after `body` returns; `body` gets a
    // bounded buffer and must not keep it.
    guard let map = mmap(nil, size, PROT_READ, flags, fd, 0), map != MAP_FAILED else { return nil }
    defer { munmap(map, size) }
    return try body(UnsafeRawBufferPointer(start: map, count: size))
  }

  /// Parses GeoJSON bytes; `path` is used in messages only. O(bytes.count).
  public static func read(bytes: [UInt8], path: String) throws -> FeatureTable {
    try bytes.withUnsafeBytes { try read(bytes: $0, path: path) }
  }

  /// Parses GeoJSON bytes that the caller keeps alive for the call. O(bytes.count).
  /// Large arrays are read on all cores (see `GeoJSONParser+Pieces`).
  public static func read(bytes: UnsafeRawBufferPointer, path: String) throws -> FeatureTable {
    try read(bytes: bytes, path: path, pieceBytes: 1 << 21, cores: nil)
  }

  /// As `read(bytes:path:)`, with pieces of at least `pieceBytes` on at most `cores`
  /// cores (nil: all online cores).
  package static func read(bytes: UnsafeRawBufferPointer, path: String,
                           pieceBytes: Int, cores: Int?) throws -> FeatureTable {
    let start = try TextEncoding.utf8PayloadStart(bytes, path: path)
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      throw FibrePlanError(.data, "\(path): empty file")
    }
    var parser = GeoJSONParser(scanner: ByteScanner(base: base, count: bytes.count, path: path),
                               path: path)
    parser.s.pos = start
    parser.s.lineStart = start
    parser.minimumPieceBytes = pieceBytes
    parser.pieceCores = cores
    parser.reserve(forBytes: bytes.count)
    try parser.parseDocument()
    parser.finish()
    return parser.table
  }

  /// Reads a whole file with POSIX calls (one allocation, no Foundation).
  /// - Throws: `.missingFile` when absent, `.io` when unreadable.
  public static func readFile(path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
      let e = errno
      if e == ENOENT || e == ENOTDIR {
        throw FibrePlanError(.missingFile, "\(path): no such file")
      }
      throw FibrePlanError(.io, "\(path): cannot open: \(String(cString: strerror(e)))")
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      throw FibrePlanError(.io, "\(path): cannot stat: \(String(cString: strerror(errno)))")
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      throw FibrePlanError(.io, "\(path): is a directory, not a file")
    }
    var bytes: [UInt8] = []
    var capacity = max(Int(st.st_size), 0) + 1
    var count = 0
    // Files may grow or be pipes, so read until EOF rather than trusting st_size.
    while true {
      if count == capacity || bytes.isEmpty { capacity = max(capacity, count * 2, 4096) }
      if bytes.count < capacity { bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count)) }
      let n = bytes.withUnsafeMutableBytes { buf -> Int in
        guard let p = buf.baseAddress else { return 0 }
        return posixRead(fd, p + count, capacity - count)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw FibrePlanError(.io, "\(path): read failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      count += n
    }
    bytes.removeLast(bytes.count - count)
    return bytes
  }
}

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.read(fd, buffer, count)
  #else
  return Darwin.read(fd, buffer, count)
  #endif
}
