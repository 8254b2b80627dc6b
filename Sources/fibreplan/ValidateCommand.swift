import FibrePlan

// SKELETON: replaced by the work package that owns `fibreplan validate`.
enum ValidateCommand: Subcommand {
  static let spec = CommandSpec(name: "validate", abstract: "(not yet available)")
  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    throw FibrePlanError(.usage, "'validate' is not available yet")
  }
}
