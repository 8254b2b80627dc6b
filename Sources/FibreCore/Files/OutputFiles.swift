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
  /// Files opened and not yet finished.
  private var opened: [StagedFile] = []
  /// Names of the files staged so far, in staging order.
  public private(set) var staged: [String] = []
  /// Finished files being synced and closed on another thread (`commit` waits).
  private let closing = ClosingFiles()

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
  /// A large file is written on the thread that syncs the files, so that the caller
  /// goes on at once; a failure there throws from `commit()`.
  public mutating func stage(_ name: String, _ bytes: [UInt8]) throws {
    let file = try open(name)
    if bytes.count >= Self.backgroundBytes {
      opened.removeAll { $0 === file }
      closing.writeAndClose(file, bytes)
      pending.append((file.temporary, file.final))
      staged.append(file.name)
      return
    }
    file.write(bytes)
    try finish(file)
  }

  /// Files from this size up are written by `stage` on the closing thread.
  static let backgroundBytes = 1 << 24

  /// A file staged piece by piece: `open` it, `write` its pieces (from one thread at a
  /// time, which may be another thread), then `finish` it, so that a file of hundreds of
  /// megabytes (plan.kml at a million homes) is never whole in memory.
  public final class StagedFile: @unchecked Sendable {
    // Written by one thread at a time; `finish` runs after the writer is done.
    fileprivate let name: String, temporary: String, final: String
    fileprivate var descriptor: Int32
    fileprivate var failure: Int32 = 0
    /// Bytes written so far, and how many of them the kernel was asked to start writing
    /// to disk (`startWriteback`).
    private var written = 0, writebackStarted = 0

    fileprivate init(name: String, temporary: String, final: String, descriptor: Int32) {
      self.name = name; self.temporary = temporary; self.final = final; self.descriptor = descriptor
    }

    /// Appends `bytes`; a failure is kept and reported by `finish`.
    public func write(_ bytes: [UInt8]) {
      guard failure == 0, descriptor >= 0 else { return }
      bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          // Pieces of at most a writeback step, each handed to the disk as it is written.
          let n = systemWrite(descriptor, buffer.baseAddress! + offset, min(buffer.count - offset, Self.writebackStep))
          if n <= 0 { failure = n < 0 ? errno : EIO; return }
          offset += n
          written += n
          if written - writebackStarted >= Self.writebackStep { startWriteback() }
        }
      }
    }

    static let writebackStep = 1 << 23

    /// Asks the kernel to start writing what was written since the last call, without
    /// waiting for it (sync_file_range(2), Linux): the disk writes the file while the
    /// next pieces are made, and the `fsync` at `close` finds little left to do. Without
    /// it, a million homes' 1.5 GB wait for the disk after the last byte is made.
    private func startWriteback() {
      if let start = startWritebackCall {
        _ = start(descriptor, Int64(writebackStarted), Int64(written - writebackStarted), 2 /* SYNC_FILE_RANGE_WRITE */)
      }
      writebackStarted = written
    }

    /// Syncs and closes; the error number of the first failure, 0 for none.
    fileprivate func close() -> Int32 {
      guard descriptor >= 0 else { return failure == 0 ? EBADF : failure }
      if failure == 0 && fsync(descriptor) != 0 { failure = errno }
      systemClose(descriptor)
      descriptor = -1
      return failure
    }
  }

  /// Creates `name`'s temporary file, to be written and then `finish`ed.
  public mutating func open(_ name: String) throws -> StagedFile {
    let final = (directory as NSString).appendingPathComponent(name)
    let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
    TemporaryFiles.register(temporary)
    let fd = systemOpen(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FibrePlanError(.io, "\(temporary): cannot create (\(String(cString: strerror(errno))))") }
    let file = StagedFile(name: name, temporary: temporary, final: final, descriptor: fd)
    opened.append(file)
    return file
  }

  /// `finish` of the file opened as `name`.
  public mutating func finishOpened(_ name: String) throws {
    guard let file = opened.first(where: { $0.name == name }) else {
      throw FibrePlanError(.io, "\(name): not opened for writing")
    }
    try finish(file)
  }

  /// Closes a file from `open`; nothing is visible under its name until `commit()`.
  /// A failed write throws here; the sync to disk runs on another thread while the
  /// caller goes on, and a failure there throws from `commit()`.
  public mutating func finish(_ file: StagedFile) throws {
    opened.removeAll { $0 === file }
    guard file.failure == 0 else {
      let failure = file.close()
      unlink(file.temporary)
      throw FibrePlanError(.io, "\(file.temporary): write failed (\(String(cString: strerror(failure))))")
    }
    closing.close(file)
    pending.append((file.temporary, file.final))
    staged.append(file.name)
  }

  /// Syncs and closes finished files one after another on a serial queue, so that the
  /// disk writes of one file overlap the making of the next.
  private final class ClosingFiles: @unchecked Sendable {
    private let queue = DispatchQueue(label: "fibreplan.output-files.close")
    private let group = DispatchGroup()
    // Written on `queue` only, read after `group.wait()`.
    private var failures: [(temporary: String, error: Int32)] = []

    func close(_ file: StagedFile) {
      queue.async(group: group) {
        let failure = file.close()
        if failure != 0 { self.failures.append((file.temporary, failure)) }
      }
    }

    /// Writes `bytes` into `file`, then syncs and closes it, on the queue.
    func writeAndClose(_ file: StagedFile, _ bytes: [UInt8]) {
      queue.async(group: group) {
        file.write(bytes)
        let failure = file.close()
        if failure != 0 { self.failures.append((file.temporary, failure)) }
      }
    }

    /// Waits for every close; the first failure, if any.
    func wait() -> (temporary: String, error: Int32)? {
      group.wait()
      return failures.first
    }
  }

  public mutating func stage(_ name: String, text: String) throws {
    try stage(name, Array(text.utf8))
  }

  /// Renames every staged file into place, with SIGINT and SIGTERM held back until the
  /// last rename so that an interruption cannot leave half of the new set in place.
  public mutating func commit() throws {
    if let failed = closing.wait() {
      throw FibrePlanError(.io, "\(failed.temporary): write failed (\(String(cString: strerror(failed.error))))")
    }
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

  /// Removes staged files that were never committed, and files opened and not
  /// finished (their writers must be done).
  public mutating func discard() {
    _ = closing.wait()
    for file in opened {
      _ = file.close()
      pending.append((file.temporary, file.final))
    }
    opened.removeAll()
    for (temporary, _) in pending {
      unlink(temporary)
      TemporaryFiles.unregister(temporary)
    }
    pending.removeAll()
  }
}

/// sync_file_range(2) of the C library, looked up once (Swift's Glibc module leaves the
/// GNU extension out); nil where there is none, and writeback is then the kernel's own.
private let startWritebackCall: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
  #if os(Linux)
  guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
  return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
  #else
  return nil
  #endif
}()

// The system calls under names that `OutputFiles`' own methods do not shadow.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
private func systemClose(_ fd: Int32) { close(fd) }

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
