// swift-tools-version:6.0
import PackageDescription

// fibreplan has no package dependencies: Foundation, Dispatch and the toolchain's
// test frameworks only. Benchmarks live in their own package under Benchmarks/.
//
// The library is layered the way data flows, one target per layer, so that a use
// against the order does not compile:
//
//   FibreCore → FibreGraph → FibreGeo → FibreNetwork → FibreOptimize → FibrePlanning
//     → FibreReport → FibrePlan (subcommand runners) → FibrePlanCLI (argument parsing,
//     the subcommands' declarations) → fibreplan (the executable: main.swift only)
//
// Each layer depends only on the one below it; `package` access opens a layer's
// internals to the layers above without making them public API.
let checks: [SwiftSetting] = [.define("FIBREPLAN_CHECKS", .when(configuration: .debug))]

let layers: [(name: String, below: String?)] = [
  ("FibreCore", nil),
  ("FibreGraph", "FibreCore"),
  ("FibreGeo", "FibreGraph"),
  ("FibreNetwork", "FibreGeo"),
  ("FibreOptimize", "FibreNetwork"),
  ("FibrePlanning", "FibreOptimize"),
  ("FibreReport", "FibrePlanning"),
  ("FibrePlan", "FibreReport"),
  ("FibrePlanCLI", "FibrePlan"),
]

let package = Package(
  name: "fibreplan",
  products: [
    .executable(name: "fibreplan", targets: ["fibreplan"]),
    .library(name: "FibrePlan", targets: ["FibrePlan"]),
  ],
  targets: layers.map { layer in
    .target(
      name: layer.name,
      dependencies: layer.below.map { [.target(name: $0)] } ?? [],
      path: "Sources/\(layer.name)",
      swiftSettings: checks
    )
  } + [
    .executableTarget(
      name: "fibreplan",
      dependencies: ["FibrePlanCLI"],
      path: "Sources/fibreplan"
    ),
    .testTarget(
      name: "FibrePlanTests",
      dependencies: layers.map { .target(name: $0.name) },
      path: "Tests/FibrePlanTests",
      swiftSettings: checks
    ),
  ]
)
