import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Reads GeoJSON text as if from `t.geojson`.
func readGeoJSON(_ text: String, path: String = "t.geojson") throws -> FeatureTable {
  try GeoJSONReader.read(bytes: Array(text.utf8), path: path)
}

/// Wraps feature texts in a FeatureCollection.
func collection(_ features: String...) -> String {
  "{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}"
}

func feature(_ geometry: String, _ properties: String = "{}", id: String? = nil) -> String {
  "{\"type\":\"Feature\"" + (id.map { ",\"id\":\($0)" } ?? "")
    + ",\"properties\":\(properties),\"geometry\":\(geometry)}"
}

/// The `.data` error thrown while reading `text`, or nil (recorded as an issue).
func readError(_ text: String) -> FibrePlanError? {
  readError(bytes: Array(text.utf8))
}

func readError(bytes: [UInt8]) -> FibrePlanError? {
  do {
    _ = try GeoJSONReader.read(bytes: bytes, path: "t.geojson")
    Issue.record("expected an error")
    return nil
  } catch let e as FibrePlanError {
    #expect(e.kind == .data)
    return e
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}


/// The real layers in `../shared/maps` beside the package root (a main checkout) or
/// one level further up (a worktree under `wt/`); nil when absent, so tests skip.
enum SharedMaps {
  static let root: String? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // .../Tests/FibrePlanTests/FibreGeo/x.swift
    for up in ["../shared/maps", "../../shared/maps"] {
      let dir = url.appendingPathComponent(up).standardized.path
      if FileManager.default.fileExists(atPath: dir + "/liechtenstein/roads.geojson") { return dir }
    }
    return nil
  }()
  static var available: Bool { root != nil }
  static func path(_ relative: String) -> String { (root ?? "/nonexistent") + "/" + relative }
}

func getpidString() -> String { String(ProcessInfo.processInfo.processIdentifier) }

enum FileManagerShim {
  static func createDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  static func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}
