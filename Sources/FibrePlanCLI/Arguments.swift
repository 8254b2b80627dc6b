import FibrePlan
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// A small hand-written argument parser in the spirit of swift-argument-parser:
/// a command declares its options with help text beside them, and `--help` is
/// generated from those declarations.
struct OptionSpec {
  /// Long name without dashes: `time-limit`.
  var name: String
  /// Placeholder for the value, lower case (`seconds`, `dir`, `n`); nil for a flag.
  var value: String?
  var help: String
  /// One-letter alias without the dash (`o` for `-o`), as swift-argument-parser's `.shortAndLong`.
  var short: Character? = nil
  /// May be given several times (`--pop A --pop B`); read with `values(_:)`.
  var repeatable = false
}

struct PositionalSpec {
  var name: String
  var help: String
  var optional = false
  var repeating = false
}

struct CommandSpec {
  var name: String
  var abstract: String
  var discussion: String = ""
  var positionals: [PositionalSpec] = []
  var options: [OptionSpec] = []

  var usage: String {
    var parts = ["fibreplan", name]
    for p in positionals {
      var s = "<\(p.name)>"
      if p.repeating { s += " ..." }
      if p.optional { s = "[\(s)]" }
      parts.append(s)
    }
    if !options.isEmpty { parts.append("[<options>]") }
    return parts.joined(separator: " ")
  }

  var helpText: String {
    var out = "OVERVIEW: \(abstract)\n"
    if !discussion.isEmpty { out += "\n\(discussion)\n" }
    out += "\nUSAGE: \(usage)\n"
    if !positionals.isEmpty {
      out += "\nARGUMENTS:\n"
      for p in positionals { out += Self.row("<\(p.name)>", p.help) }
    }
    out += "\nOPTIONS:\n"
    for o in options {
      let names = (o.short.map { "-\($0), " } ?? "") + "--\(o.name)"
      out += Self.row(names + (o.value.map { " <\($0)>" } ?? ""), o.help)
    }
    out += Self.row("--help, -h", "Show help information.")
    return out
  }

  static func row(_ left: String, _ help: String) -> String {
    let pad = 26
    if left.count + 2 < pad {
      return "  " + left + String(repeating: " ", count: pad - left.count - 2) + help + "\n"
    }
    return "  " + left + "\n" + String(repeating: " ", count: pad) + help + "\n"
  }
}

struct ParsedArguments {
  var positionals: [String] = []
  var values: [String: String] = [:]
  var repeated: [String: [String]] = [:]
  var flags: Set<String> = []
  var wantsHelp = false

  func value(_ name: String) -> String? { values[name] }
  /// Every value of a repeatable option, in order.
  func values(_ name: String) -> [String] { repeated[name] ?? [] }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  func double(_ name: String) throws -> Double? {
    guard let s = values[name] else { return nil }
    guard let d = Double(s), d.isFinite else {
      throw FibrePlanError(.usage, "invalid value '\(s)' for --\(name): expected a number")
    }
    return d
  }

  func int(_ name: String) throws -> Int? {
    guard let s = values[name] else { return nil }
    guard let i = Int(s) else {
      throw FibrePlanError(.usage, "invalid value '\(s)' for --\(name): expected an integer")
    }
    return i
  }
}

extension CommandSpec {
  /// Parses `--name value`, `--name=value`, flags, `--` and positionals.
  func parse(_ args: ArraySlice<String>) throws -> ParsedArguments {
    var result = ParsedArguments()
    var i = args.startIndex
    var onlyPositionals = false
    while i < args.endIndex {
      let a = args[i]
      i += 1
      if onlyPositionals || !a.hasPrefix("-") || a == "-" {
        result.positionals.append(a)
        continue
      }
      if a == "--" { onlyPositionals = true; continue }
      if a == "--help" || a == "-h" { result.wantsHelp = true; continue }
      var name: String
      if a.hasPrefix("--") {
        name = String(a.dropFirst(2))
      } else if a.count == 2, let spec = options.first(where: { $0.short == a.last }) {
        name = spec.name
      } else {
        throw FibrePlanError(.usage, "unknown option '\(a)'")
      }
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        throw FibrePlanError(.usage, "unknown option '--\(name)'")
      }
      guard spec.repeatable || (result.values[name] == nil && !result.flags.contains(name)) else {
        throw FibrePlanError(.usage, "option '--\(name)' given more than once")
      }
      if let placeholder = spec.value {
        if let inlineValue {
          result.values[name] = inlineValue
          if spec.repeatable { result.repeated[name, default: []].append(inlineValue) }
        } else {
          guard i < args.endIndex, !isOption(args[i]) else {
            throw FibrePlanError(.usage, "missing value for '--\(name) <\(placeholder)>'"
              + (i < args.endIndex ? ": '\(args[i])' is an option (write --\(name)=\(args[i]) if it is the value)" : ""))
          }
          result.values[name] = args[i]
          if spec.repeatable { result.repeated[name, default: []].append(args[i]) }
          i += 1
        }
      } else {
        if inlineValue != nil {
          throw FibrePlanError(.usage, "option '--\(name)' takes no value")
        }
        result.flags.insert(name)
      }
    }
    if result.wantsHelp { return result }
    let required = positionals.filter { !$0.optional }.count
    let repeating = positionals.contains { $0.repeating }
    if result.positionals.count < required {
      let missing = positionals[result.positionals.count]
      throw FibrePlanError(.usage, "missing expected argument '<\(missing.name)>'")
    }
    if !repeating && result.positionals.count > positionals.count {
      throw FibrePlanError(.usage, "unexpected argument '\(result.positionals[positionals.count])'")
    }
    return result
  }
}

/// Whether `argument` reads as an option (`--out`, `-o`) rather than a value; a lone `-`
/// and values that start with a minus sign (`-3.5`, `-0.12,51.5`) are values.
func isOption(_ argument: String) -> Bool {
  if argument.hasPrefix("--") { return argument.count > 2 }
  return argument.count == 2 && argument.hasPrefix("-") && argument.last!.isLetter
}

/// One subcommand: its declaration and the single library call it makes.
protocol Subcommand {
  static var spec: CommandSpec { get }
  /// Runs with parsed arguments and returns the exit status.
  static func run(_ arguments: ParsedArguments) throws -> Int32
}
