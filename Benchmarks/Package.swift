// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so that the product keeps zero dependencies.
// Run with `swift run -c release --package-path Benchmarks <target> ...`.
let package = Package(
  name: "fibreplan-benchmarks",
  dependencies: [.package(name: "fibreplan", path: "..")],
  targets: [
    .executableTarget(
      name: "bench-ingest",
      dependencies: [.product(name: "FibrePlan", package: "fibreplan")],
      path: "Sources/bench-ingest"),
    .executableTarget(
      name: "bench-ftth",
      dependencies: [.product(name: "FibrePlan", package: "fibreplan")],
      path: "Sources/bench-ftth"),
    .executableTarget(
      name: "bench-plan",
      dependencies: [.product(name: "FibrePlan", package: "fibreplan")],
      path: "Sources/bench-plan"),
    .executableTarget(
      name: "bench-steiner",
      dependencies: [.product(name: "FibrePlan", package: "fibreplan")],
      path: "Sources/bench-steiner"),
  ]
)
