import FibrePlan

// SKELETON: replaced by the planning work package.
enum PlanCommand: Subcommand {
  static let spec = CommandSpec(name: "plan", abstract: "Plan a fibre network for a scenario and write a GeoJSON plan.")
  static func run(_ arguments: ParsedArguments) throws -> Int32 {
    throw FibrePlanError(.usage, "'plan' is not available yet")
  }
}
