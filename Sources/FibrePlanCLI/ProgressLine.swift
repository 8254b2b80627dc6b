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

/// With `FIBREPLAN_PHASES=1` in the environment, `plan` prints each stage's wall time to
/// stderr as `phase<TAB>stage<TAB>seconds<TAB>cpu seconds` when the next stage starts, so
/// benchmark scripts can show where the time goes without a profiler. The CPU time (user
/// and system, all threads) is the figure to compare on a shared machine, where wall
/// time also counts waiting for a core.
final class PhaseClock: @unchecked Sendable {
  // Stages are reported one after another from the planning thread only.
  private var stage: String?
  private var started: UInt64 = 0
  private var startedCPU: Double = 0

  static func fromEnvironment() -> PhaseClock? {
    guard let v = getenv("FIBREPLAN_PHASES"), String(cString: v) == "1" else { return nil }
    return PhaseClock()
  }

  func show(_ next: String?) {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let t = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    let cpu = Self.processCPUSeconds()
    if let stage {
      let ms = Double(t - started) / 1e6
      writeStderr("phase\t\(stage)\t\(JSONText.fixed(ms / 1000, decimals: 3))\t\(JSONText.fixed(cpu - startedCPU, decimals: 3))\n")
    }
    stage = next
    started = t
    startedCPU = cpu
  }

  /// User and system time of every thread of the process so far.
  private static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
