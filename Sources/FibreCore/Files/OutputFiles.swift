import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a set of output files so that none is ever seen half-written: each goes to a
/// temporary file in the destination folder first, and only when all are complete are
/// they renamed into place (rename(2) is atomic within one file system). SIGINT and
/// SIGTERM are held back while the renames run, so an interrupted run leaves either the
/// previous set or the new one; only a crash or power loss during the renames can mix
/// them. Files of the previous set that this run does not write are left as they are.
public struct OutputFiles {
  public let directory: String
  private var pending: [(temporary: String, final: String)] = []
  /// Names of the files staged so far, in staging order.
  public private(set) var staged: [String] = []

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
    try stage(name, chunks: [bytes])
  }

  /// Stages the concatenation of `chunks` as `name`, written one after another, so
  /// that a file of hundreds of megabytes never needs one buffer of its whole size.
  public mutating func stage(_ name: String, chunks: [[UInt8]]) throws {
    let final = (directory as NSString).appendingPathComponent(name)
    let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
    TemporaryFiles.register(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FibrePlanError(.io, "\(temporary): cannot create (\(String(cString: strerror(errno))))") }
    let ok = chunks.allSatisfy { bytes in
      bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
          if n <= 0 { return false }
          offset += n
        }
        return true
      }
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard ok, synced else {
      unlink(temporary)
      throw FibrePlanError(.io, "\(temporary): write failed (\(String(cString: strerror(errno))))")
    }
    pending.append((temporary, final))
    staged.append(name)
  }

  public mutating func stage(_ name: String, text: String) throws {
    try stage(name, Array(text.utf8))
  }

  /// Renames every staged file into place, with SIGINT and SIGTERM held back until the
  /// last rename so that an interruption cannot leave half of the new set in place.
  public mutating func commit() throws {
    var all = sigset_t(), previous = sigset_t()
    sigemptyset(&all)
    sigaddset(&all, SIGINT)
    sigaddset(&all, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &all, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
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
///
/// The handler may only do async-signal-safe work: no lock, no allocation. So the paths
/// live as C strings in a fixed table made before any handler is installed; a slot is
/// a word-sized pointer that the handler reads and passes to unlink(2). A path string
/// is never freed (a few hundred bytes a run), so the handler cannot meet freed memory
/// even when it runs on another thread while a slot is cleared.
public enum TemporaryFiles {
  private static let capacity = 4096
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    table.initialize(repeating: nil, count: capacity)
    return table
  }()
  private static let lock = NSLock()

  /// Makes the table; call before installing the handler so it never runs a lazy initialiser.
  public static func prepare() { _ = slots }

  package static func register(_ path: String) {
    guard let copy = strdup(path) else { return }
    lock.lock()
    defer { lock.unlock() }
    for i in 0..<capacity where slots[i] == nil {
      slots[i] = copy
      return
    }
  }

  package static func unregister(_ path: String) {
    lock.lock()
    defer { lock.unlock() }
    for i in 0..<capacity {
      if let p = slots[i], strcmp(p, path) == 0 { slots[i] = nil }
    }
  }

  /// Removes all registered temporary files. Async-signal-safe: reads the table and
  /// calls unlink(2) only (for the SIGINT/SIGTERM handler).
  public static func removeAllFromSignalHandler() {
    for i in 0..<capacity {
      if let p = slots[i] { unlink(p) }
    }
  }
}
