// swift-tools-version:6.0
import PackageDescription

// fibreplan has no package dependencies: Foundation, Dispatch and the toolchain's
// test frameworks only. Benchmarks live in their own package under Benchmarks/.
let package = Package(
  name: "fibreplan",
  products: [
    .executable(name: "fibreplan", targets: ["fibreplan"]),
    .library(name: "FibrePlan", targets: ["FibrePlan"]),
  ],
  targets: [
    .target(
      name: "FibrePlan",
      path: "Sources/FibrePlan",
      swiftSettings: [
        .define("FIBREPLAN_CHECKS", .when(configuration: .debug)),
      ]
    ),
    .executableTarget(
      name: "fibreplan",
      dependencies: ["FibrePlan"],
      path: "Sources/fibreplan"
    ),
    .testTarget(
      name: "FibrePlanTests",
      dependencies: ["FibrePlan"],
      path: "Tests/FibrePlanTests"
    ),
  ]
)
