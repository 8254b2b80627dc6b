#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads, and the one mapping of file errors to the CLI's exit codes:
/// a missing file is `.missingFile` (66); a folder, or content that cannot be used,
/// `.data` (65); permission denied or a failing read `.io` (74).
public enum FileBytes {
  /// Reads the file at `path` completely. O(file size).
  /// - Throws: `.missingFile`, `.data` for a folder, `.io` for permission or read errors.
  public static func read(path: String) throws -> [UInt8] {
    let file = try open(path: path)
    defer { close(file.fd) }
    var bytes = [UInt8](repeating: 0, count: max(file.size, 0))
    var filled = 0
    // Loop: read(2) may return short counts; the size may also change under us.
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
      let n = bytes.withUnsafeMutableBytes { buf in
        systemRead(file.fd, buf.baseAddress! + filled, buf.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw failure(path: path, errno: errno, doing: "read failed")
      }
      if n == 0 { break }
      filled += n
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }

  /// Opens `path` for reading and checks that it is not a folder. The caller closes
  /// `fd`. `regular` is false for pipes and devices, whose `size` means nothing.
  /// - Throws: as `read(path:)`.
  package static func open(path: String) throws -> (fd: Int32, size: Int, regular: Bool) {
    let fd = systemOpen(path)
    guard fd >= 0 else { throw failure(path: path, errno: errno, doing: "cannot open") }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      let e = errno
      close(fd)
      throw failure(path: path, errno: e, doing: "cannot stat")
    }
    guard (st.st_mode & S_IFMT) != S_IFDIR else {
      close(fd)
      throw FibrePlanError(.data, "\(path): is a folder, not a file")
    }
    return (fd, Int(st.st_size), (st.st_mode & S_IFMT) == S_IFREG)
  }

  /// The error for a failed system call on `path`, by its errno.
  package static func failure(path: String, errno e: Int32, doing what: String) -> FibrePlanError {
    switch e {
    case ENOENT, ENOTDIR: return FibrePlanError(.missingFile, "\(path): no such file")
    case EISDIR: return FibrePlanError(.data, "\(path): is a folder, not a file")
    case EACCES, EPERM: return FibrePlanError(.io, "\(path): \(what): permission denied")
    default: return FibrePlanError(.io, "\(path): \(what): \(String(cString: strerror(e)))")
    }
  }

  /// The last path component, used to name files in messages.
  package static func displayName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    let name = path[path.index(after: slash)...]
    return name.isEmpty ? path : String(name)
  }
}

private func systemOpen(_ path: String) -> Int32 {
  #if canImport(Glibc)
  return Glibc.open(path, O_RDONLY)
  #else
  return Darwin.open(path, O_RDONLY)
  #endif
}

private func systemRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.read(fd, buf, count)
  #else
  return Darwin.read(fd, buf, count)
  #endif
}
