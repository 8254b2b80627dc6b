import FibrePlan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

nonisolated(unsafe) let commands: [any Subcommand.Type] = [
  PlanCommand.self,
  ValidateCommand.self,
  SolveCommand.self,
  RenderCommand.self,
  GenerateCommand.self,
  CompareCommand.self,
  ImportCommand.self,
]

func writeStderr(_ s: String) {
  var s = s
  s.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
}

func topLevelHelp() -> String {
  var out = """
    OVERVIEW: Plan fibre networks for regions of small municipalities: shared-trench
    Steiner trees over real street maps, coverage under a budget, and GeoJSON plans.

    USAGE: fibreplan <subcommand> [<options>]

    OPTIONS:
      --version               Show the version.
      --help, -h              Show help information.

    SUBCOMMANDS:

    """
  for c in commands {
    out += CommandSpec.row(c.spec.name, c.spec.abstract)
  }
  out += "\n  See 'fibreplan help <subcommand>' for detailed help.\n"
  return out
}

func runMain() -> Int32 {
  let argv = CommandLine.arguments
  guard argv.count > 1 else {
    writeStderr(topLevelHelp())
    return 64
  }
  let first = argv[1]
  if first == "--version" {
    print(FibrePlanVersion.string)
    return 0
  }
  if first == "--help" || first == "-h" {
    print(topLevelHelp(), terminator: "")
    return 0
  }
  if first == "help" {
    if argv.count > 2, let c = commands.first(where: { $0.spec.name == argv[2] }) {
      print(c.spec.helpText, terminator: "")
    } else {
      print(topLevelHelp(), terminator: "")
    }
    return 0
  }
  guard let command = commands.first(where: { $0.spec.name == first }) else {
    writeStderr("Error: unknown subcommand '\(first)'\n\(topLevelHelp())")
    return 64
  }
  do {
    let parsed = try command.spec.parse(argv.dropFirst(2))
    if parsed.wantsHelp {
      print(command.spec.helpText, terminator: "")
      return 0
    }
    return try command.run(parsed)
  } catch let error as FibrePlanError {
    writeStderr("Error: \(error.message)\n")
    if error.kind == .usage { writeStderr("Usage: \(command.spec.usage)\n  See 'fibreplan \(first) --help'.\n") }
    return error.exitCode
  } catch {
    writeStderr("Error: \(error)\n")
    return 74
  }
}

// An interrupted run removes its temporary files, so the previous outputs stay intact
// and nothing half-written is left behind; exit status 128 + signal (130, 143).
// The handler does async-signal-safe work only: unlink(2) over a prepared table, _exit.
TemporaryFiles.prepare()
for sig in [SIGINT, SIGTERM] {
  signal(sig) { received in
    TemporaryFiles.removeAllFromSignalHandler()
    _exit(128 + received)
  }
}

exit(runMain())
