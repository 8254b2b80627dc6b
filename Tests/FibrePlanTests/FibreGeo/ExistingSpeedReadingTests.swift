import Testing
@testable import FibreCore
@testable import FibreGeo

/// `existing_mbps` on buildings: read like `units`, a non-numeric value warns (naming
/// file, feature and field) and counts as unknown.
@Suite struct ExistingSpeedReadingTests {
  @Test("existing_mbps: numbers and numeric strings as given; null, absent and nonsense are unknown (NaN)")
  func readsSpeeds() throws {
    let t = try readGeoJSON(collection(
      feature(#"{"type":"Point","coordinates":[9.5,47.1]}"#, #"{"existing_mbps":30}"#),
      feature(#"{"type":"Point","coordinates":[9.5,47.2]}"#, #"{"existing_mbps":" 250 "}"#),
      feature(#"{"type":"Point","coordinates":[9.5,47.3]}"#, #"{"existing_mbps":"fast"}"#),
      feature(#"{"type":"Point","coordinates":[9.5,47.4]}"#, #"{"existing_mbps":null}"#),
      feature(#"{"type":"Point","coordinates":[9.5,47.5]}"#, #"{"units":2}"#),
      feature(#"{"type":"Point","coordinates":[9.5,47.6]}"#, #"{"existing_mbps":-4}"#)
    ), path: "b.geojson")
    let b = BuildingLayer(t)
    #expect(b.hasExistingMbps)
    #expect(b.existingMbps.count == 6)
    #expect(b.existingMbps[0] == 30 && b.existingMbps[1] == 250)
    #expect(b.existingMbps[2].isNaN && b.existingMbps[3].isNaN && b.existingMbps[4].isNaN && b.existingMbps[5].isNaN)
    let warnings = b.diagnostics.filter { $0.code == "invalid_existing_mbps" }
    #expect(warnings.count == 2)
    let text = warnings.first?.description ?? ""
    #expect(text.contains("b.geojson") && text.contains("feature 2") && text.contains("properties.existing_mbps"), "\(text)")
  }

  @Test("A layer without existing_mbps says so, and every speed is unknown")
  func absentField() throws {
    let b = BuildingLayer(try readGeoJSON(collection(feature(#"{"type":"Point","coordinates":[9.5,47.1]}"#))))
    #expect(!b.hasExistingMbps)
    #expect(b.existingMbps.count == 1 && b.existingMbps[0].isNaN)
  }
}
