import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan

/// One benchmark instance: its file and, when the folder has `optima.csv`, the
/// published optimum (or best known value).
struct BenchInstance {
  var name: String
  var family: String
  var path: String
  var optimum: Double?
  var optimal: Bool
}

enum InstanceSet {
  /// `shared/benchmarks/steiner/spg` beside the repository root or one of its
  /// ancestors (git worktrees live one level deeper than the main checkout).
  static func defaultDirectory() -> String? {
    var dir = String(#filePath)  // .../Benchmarks/Sources/bench-steiner/Instances.swift
    for _ in 0..<8 {
      guard let slash = dir.lastIndex(of: "/") else { return nil }
      dir = String(dir[..<slash])
      let candidate = dir + "/shared/benchmarks/steiner/spg"
      if (try? FileBytes.read(path: candidate + "/optima.csv")) != nil { return candidate }
    }
    return nil
  }

  /// Instances of `optima.csv` in file order (it is sorted by size), filtered by a
  /// substring of the name or family.
  static func load(directory: String, filter: String?) throws -> [BenchInstance] {
    let csvBytes: [UInt8]
    do {
      csvBytes = try FileBytes.read(path: directory + "/optima.csv")
    } catch {
      throw FibrePlanError(.missingFile, "\(directory)/optima.csv: needed to list the instances and their optima")
    }
    // Split bytes, not Characters: "\r\n" is a single Character in Swift.
    let lines = csvBytes.split(separator: 0x0A).map { String(decoding: $0.filter { $0 != 0x0D }, as: UTF8.self) }
    guard let header = lines.first?.split(separator: ",").map({ String($0).trimmingSpaces() }) else {
      throw FibrePlanError(.data, "\(directory)/optima.csv: empty")
    }
    func column(_ name: String) throws -> Int {
      guard let i = header.firstIndex(of: name) else {
        throw FibrePlanError(.data, "\(directory)/optima.csv: line 1: no column '\(name)'")
      }
      return i
    }
    let (ci, cf, co, cs, cfile) = (try column("instance"), try column("family"), try column("optimum"),
                                   try column("status"), try column("file"))
    var result: [BenchInstance] = []
    for (k, line) in lines.dropFirst().enumerated() {
      let c = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
      guard c.count == header.count else {
        if c.allSatisfy({ $0.isEmpty }) { continue }
        throw FibrePlanError(.data, "\(directory)/optima.csv: line \(k + 2): \(c.count) fields, expected \(header.count)")
      }
      let inst = BenchInstance(name: c[ci], family: c[cf], path: directory + "/" + c[cfile],
                               optimum: Double(c[co]), optimal: c[cs] == "optimal")
      if let filter, !inst.name.contains(filter), !inst.family.contains(filter) { continue }
      result.append(inst)
    }
    return result
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\r" || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\r" || l == "\t" { s = s.dropLast() }
    return String(s)
  }

  func padded(_ width: Int, right: Bool = false) -> String {
    count >= width ? self : (right ? String(repeating: " ", count: width - count) + self
                                   : self + String(repeating: " ", count: width - count))
  }
}

/// Fixed-point formatting without Foundation's `String(format:)`.
func fixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return x.isNaN ? "-" : "inf" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let r = (abs(x) * scale).rounded()
  let whole = Int(r / scale)
  var s = (x < 0 && r != 0 ? "-" : "") + String(whole)
  if digits > 0 {
    let frac = String(Int(r) - whole * Int(scale))
    s += "." + String(repeating: "0", count: digits - frac.count) + frac
  }
  return s
}

func costText(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 9e15 ? String(Int64(x)) : fixed(x, 3)
}

func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

func median(_ xs: [Double]) -> Double {
  guard !xs.isEmpty else { return 0 }
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
