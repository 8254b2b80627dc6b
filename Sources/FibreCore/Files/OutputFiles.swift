import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a set of output files so that none is ever seen half-written: each goes to a
/// temporary file in the destination folder first, and only when all are complete are
/// they renamed into place (rename(2) is atomic within one file system).
public struct OutputFiles {
  public let directory: String
  private var pending: [(temporary: String, final: String)] = []

  public init(directory: String) throws {
    self.directory = directory
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw FibrePlanError(.io, "\(directory): exists and is not a folder")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw FibrePlanError(.io, "\(directory): cannot create the output folder")
      }
    }
  }

  /// Stages `bytes` as `name`; nothing is visible under that name until `commit()`.
  public mutating func stage(_ name: String, _ bytes: [UInt8]) throws {
    let final = (directory as NSString).appendingPathComponent(name)
    let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
    TemporaryFiles.register(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FibrePlanError(.io, "\(temporary): cannot create (\(String(cString: strerror(errno))))") }
    var offset = 0
    let ok: Bool = bytes.withUnsafeBytes { buffer in
      while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard ok, synced else {
      unlink(temporary)
      throw FibrePlanError(.io, "\(temporary): write failed (\(String(cString: strerror(errno))))")
    }
    pending.append((temporary, final))
  }

  public mutating func stage(_ name: String, text: String) throws {
    try stage(name, Array(text.utf8))
  }

  /// Renames every staged file into place.
  public mutating func commit() throws {
    for (temporary, final) in pending {
      guard rename(temporary, final) == 0 else {
        throw FibrePlanError(.io, "\(final): cannot replace (\(String(cString: strerror(errno))))")
      }
      TemporaryFiles.unregister(temporary)
    }
    pending.removeAll()
  }

  /// Removes staged files that were never committed.
  public mutating func discard() {
    for (temporary, _) in pending {
      unlink(temporary)
      TemporaryFiles.unregister(temporary)
    }
    pending.removeAll()
  }
}

/// Temporary files currently on disk, so that a signal handler can remove them.
public enum TemporaryFiles {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var paths: Set<String> = []

  package static func register(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
  package static func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

  /// Removes all registered temporary files (called on SIGINT/SIGTERM).
  public static func removeAll() {
    lock.lock()
    for p in paths { unlink(p) }
    paths.removeAll()
    lock.unlock()
  }
}
