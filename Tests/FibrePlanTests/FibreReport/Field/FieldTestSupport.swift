import Foundation

/// Outside programs the field-file tests check against: GDAL's ogrinfo, PyQGIS on
/// Debian's python3, headless Chromium. Each test that needs one is skipped visibly
/// when it is missing.
enum FieldTools {
  /// Runs a program, returns its exit status and standard output (stderr dropped).
  static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    // Standard output goes to a file, not a pipe: Foundation's pipe reader traps on
    // EINTR, which a busy test process (many threads, children exiting) does see.
    let path = NSTemporaryDirectory() + "fibreplan-fieldtool-\(UUID().uuidString).out"
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let out = FileHandle(forWritingAtPath: path) else { return (-1, "") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { try? out.close(); return (-1, "") }
    p.waitUntilExit()
    try? out.close()
    let data = FileManager.default.contents(atPath: path) ?? Data()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func which(_ name: String) -> String? {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
      return dir + "/" + name
    }
    return nil
  }

  static let ogrinfo = which("ogrinfo")
  static let chromium = which("chromium")

  /// Runs a program with standard output and standard error each into a file (no
  /// pipes, see `run`); returns the status and both texts.
  static func runCapturing(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let base = NSTemporaryDirectory() + "fibreplan-tool-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: base + ".out", contents: nil),
          FileManager.default.createFile(atPath: base + ".err", contents: nil),
          let out = FileHandle(forWritingAtPath: base + ".out"),
          let err = FileHandle(forWritingAtPath: base + ".err") else { return (-1, "", "") }
    defer {
      try? FileManager.default.removeItem(atPath: base + ".out")
      try? FileManager.default.removeItem(atPath: base + ".err")
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch { try? out.close(); try? err.close(); return (-1, "", "") }
    p.waitUntilExit()
    try? out.close(); try? err.close()
    func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return (p.terminationStatus, text(base + ".out"), text(base + ".err"))
  }
  /// Debian's python3 with the qgis module (apt-get install qgis python3-qgis).
  static let pyqgis: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return false }
    return run("/usr/bin/python3", ["-c", "import qgis.core"]).status == 0
  }()
}
