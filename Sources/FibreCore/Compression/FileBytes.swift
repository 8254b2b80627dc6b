#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads with errors that follow the CLI's exit-code conventions.
public enum FileBytes {
  /// Reads the file at `path` completely. A missing or unreadable file throws
  /// `.missingFile`, a directory `.data`, a failing read `.io`. O(file size).
  public static func read(path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      let reason = String(cString: strerror(errno))
      throw FibrePlanError(.missingFile, "\(path): cannot open: \(reason)")
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      throw FibrePlanError(.io, "\(path): cannot stat: \(String(cString: strerror(errno)))")
    }
    guard (st.st_mode & S_IFMT) != S_IFDIR else {
      throw FibrePlanError(.data, "\(path): is a directory, not a file")
    }
    var bytes = [UInt8](repeating: 0, count: max(Int(st.st_size), 0))
    var filled = 0
    // Loop: read(2) may return short counts; the size may also change under us.
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
      let n = bytes.withUnsafeMutableBytes { buf in
        systemRead(fd, buf.baseAddress! + filled, buf.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw FibrePlanError(.io, "\(path): read failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      filled += n
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }

  /// The last path component, used to name files in messages.
  package static func displayName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    let name = path[path.index(after: slash)...]
    return name.isEmpty ? path : String(name)
  }
}

private func systemRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.read(fd, buf, count)
  #else
  return Darwin.read(fd, buf, count)
  #endif
}
