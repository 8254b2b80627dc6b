@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Locates `shared/benchmarks/steiner` beside the package root (or beside one of its
/// ancestors, for git worktrees); tests that need it skip when it is absent.
enum SteinerFixtures {
  static let directory: String? = {
    var dir = String(#filePath)
    for _ in 0..<8 {
      guard let slash = dir.lastIndex(of: "/") else { return nil }
      dir = String(dir[..<slash])
      let candidate = dir + "/shared/benchmarks/steiner"
      if (try? FileBytes.read(path: candidate + "/spg/optima.csv")) != nil { return candidate }
    }
    return nil
  }()

  /// Whether the shared instances are there; tests that need them are skipped visibly
  /// with `.enabled(if: SteinerFixtures.available)`.
  static var available: Bool { directory != nil }

  static func path(_ relative: String) -> String? {
    directory.map { $0 + "/" + relative }
  }

  /// Wraps `data` in a gzip member made of stored blocks (what `gzip -1` would do for
  /// incompressible data), with a correct CRC-32 and ISIZE trailer.
  static func gzipStored(_ data: [UInt8], blockSize: Int = 65535) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
    var start = 0
    repeat {
      let end = min(data.count, start + blockSize)
      let len = end - start
      out.append(end == data.count ? 1 : 0)
      out += [UInt8(len & 0xFF), UInt8(len >> 8), UInt8(~len & 0xFF), UInt8((~len >> 8) & 0xFF)]
      out += data[start..<end]
      start = end
    } while start < data.count
    let crc = CRC32.checksum(data)
    for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
    for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: data.count >> (8 * k))) }
    return out
  }

  /// Wraps a raw DEFLATE stream in a gzip member for `data`.
  static func gzipMember(deflated: [UInt8], of data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflated
    let crc = CRC32.checksum(data)
    for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
    for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: data.count >> (8 * k))) }
    return out
  }
}
