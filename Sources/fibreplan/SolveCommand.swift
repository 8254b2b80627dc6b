import FibrePlan

// SKELETON: replaced by the work package that owns `fibreplan solve`.
enum SolveCommand: Subcommand {
  static let spec = CommandSpec(name: "solve", abstract: "(not yet available)")
  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    throw FibrePlanError(.usage, "'solve' is not available yet")
  }
}
