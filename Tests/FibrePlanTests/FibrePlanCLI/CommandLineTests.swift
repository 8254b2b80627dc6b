import Foundation
import Testing
@testable import FibreCore
@testable import FibrePlanning
@testable import FibrePlan
@testable import FibrePlanCLI

/// The argument parser, in-process: values, flags, and the usage errors (exit 64).
struct ArgumentParserTests {
  let spec = CommandSpec(
    name: "demo", abstract: "",
    positionals: [PositionalSpec(name: "file", help: "", optional: true)],
    options: [OptionSpec(name: "out", value: "dir", help: "", short: "o"),
              OptionSpec(name: "pop", value: "lon,lat", help: ""),
              OptionSpec(name: "quiet", value: nil, help: "")])

  @Test("values, short aliases, --name=value, flags and positionals")
  func parses() throws {
    let a = try spec.parse(["in.json", "-o", "x", "--pop=9.5,47.1", "--quiet"])
    #expect(a.positionals == ["in.json"])
    #expect(a.value("out") == "x" && a.value("pop") == "9.5,47.1" && a.flag("quiet"))
  }

  @Test("a value that starts with a minus sign is a value, not an option")
  func negativeValue() throws {
    #expect(try spec.parse(["--pop", "-0.12,51.5"]).value("pop") == "-0.12,51.5")
  }

  @Test("usage errors", arguments: [
    (["--out", "--quiet"], "'--quiet' is an option"),
    (["-o", "--quiet"], "'--quiet' is an option"),
    (["--out", "-o"], "'-o' is an option"),
    (["--out", "a", "--out", "b"], "more than once"),
    (["--quiet", "--quiet"], "more than once"),
    (["--out"], "missing value"),
    (["--nosuch"], "unknown option"),
    (["--quiet=yes"], "takes no value"),
    (["a", "b"], "unexpected argument 'b'"),
  ])
  func usageErrors(arguments: [String], message: String) {
    #expect {
      try spec.parse(arguments[...])
    } throws: { error in
      guard let e = error as? FibrePlanError else { return false }
      return e.kind == .usage && e.message.contains(message)
    }
  }
}

/// Every subcommand's exit codes, through the same entry point as the executable.
@Suite(.serialized)
struct CommandExitCodeTests {
  let folder = NSTemporaryDirectory() + "fibreplan-cli-\(getpid())"

  func run(_ arguments: String...) -> Int32 { runCommandLine(["fibreplan"] + arguments) }

  @Test("usage: no subcommand, an unknown one, help for an unknown one, bad options")
  func usage() {
    #expect(run() == 64)
    #expect(run("nosuch") == 64)
    #expect(run("help", "NOSUCH") == 64)
    #expect(run("plan", "--out", "--quiet") == 64)
    #expect(run("plan", "--threads", "1", "--threads", "2", "--roads", "r.geojson") == 64)
    #expect(run("plan") == 64)
    #expect(run("solve") == 64)
    #expect(run("compare", "only-one.json") == 64)
    #expect(run("generate", "--households", "ten") == 64)
    #expect(run("render") == 64)
    #expect(run("validate") == 64)
    #expect(run("validate", "--threads", "0", "roads.geojson") == 64)
    #expect(run("validate", "--threads", "two", "roads.geojson") == 64)
    #expect(run("import") == 64)
  }

  @Test("help and version exit 0")
  func help() {
    #expect(run("--version") == 0)
    #expect(run("help") == 0)
    #expect(run("help", "plan") == 0)
    #expect(run("solve", "--help") == 0)
  }

  @Test("a missing input file exits 66 from every subcommand that reads one")
  func missingFile() {
    let missing = folder + "/nosuch"
    #expect(run("plan", missing + ".json") == 66)
    #expect(run("plan", "--roads", missing + ".geojson", "--buildings", missing + ".geojson") == 66)
    #expect(run("solve", missing + ".stp") == 66)
    #expect(run("validate", missing + ".geojson") == 66)
    #expect(run("render", missing + ".geojson") == 66)
    #expect(run("import", missing + ".osm", "-o", missing + "-out") == 66)
    #expect(run("compare", missing + "-a.json", missing + "-b.json") == 66)
  }

  @Test("a folder where a file is expected exits 65 from every subcommand")
  func folderInsteadOfFile() throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(run("plan", folder) == 65)
    #expect(run("solve", folder) == 65)
    #expect(run("validate", folder) == 65)
    #expect(run("render", folder) == 65)
    #expect(run("import", folder, "-o", folder + "/out") == 65)
  }

  @Test("a scenario without layers.roads is a data error that names the scenario file")
  func scenarioWithoutRoads() throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/no-roads.json"
    try Data(#"{"name": "x", "layers": {}}"#.utf8).write(to: URL(fileURLWithPath: path))
    #expect(run("plan", path, "--quiet") == 65)
    #expect {
      try PlanRun.run({ var o = PlanCommandOptions(); o.scenarioPath = path; return o }())
    } throws: { error in
      (error as? FibrePlanError)?.message.hasPrefix(path + ": layers.roads") == true
    }
  }
}

/// The one mapping of file errors to exit codes (FileBytes), including the cases a
/// test running as root cannot provoke on disk.
struct FileErrorTests {
  @Test("missing 66, folder 65, permission denied and other I/O errors 74")
  func mapping() {
    #expect(FileBytes.failure(path: "f", errno: ENOENT, doing: "open").exitCode == 66)
    #expect(FileBytes.failure(path: "f", errno: ENOTDIR, doing: "open").exitCode == 66)
    #expect(FileBytes.failure(path: "f", errno: EISDIR, doing: "read").exitCode == 65)
    let denied = FileBytes.failure(path: "f", errno: EACCES, doing: "cannot open")
    #expect(denied.exitCode == 74 && denied.message == "f: cannot open: permission denied")
    #expect(FileBytes.failure(path: "f", errno: EIO, doing: "read failed").exitCode == 74)
  }

  @Test("a folder read as a file is a data error")
  func folder() {
    #expect(throws: FibrePlanError.self) { try FileBytes.read(path: NSTemporaryDirectory()) }
    #expect((try? FileBytes.read(path: NSTemporaryDirectory())) == nil)
    do { _ = try FileBytes.read(path: NSTemporaryDirectory()) } catch let e as FibrePlanError {
      #expect(e.exitCode == 65)
    } catch { Issue.record("unexpected \(error)") }
  }
}
