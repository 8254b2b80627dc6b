#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan

/// A one-line progress display on stderr, only when stderr is a terminal (quiet in
/// pipes and CI).
final class ProgressLine: Sendable {
  static func forStandardError() -> ProgressLine? {
    isatty(2) != 0 ? ProgressLine() : nil
  }

  func show(_ stage: String) {
    writeStderr("\r\u{1B}[2K… \(stage)")
  }

  func finish() {
    writeStderr("\r\u{1B}[2K")
  }
}
