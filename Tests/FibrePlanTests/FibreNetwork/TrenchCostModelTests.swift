import Foundation
import Testing
@testable import FibreCore
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize

@Suite struct TrenchCostModelTests {
  let model = TrenchCostModel.europeanDefaults

  @Test func surfaceWinsOverHighway() {
    let r = model.trenchCostPerMetre(highway: "motorway", surface: "grass")
    #expect(r.surfaceClass == "surface=grass")
    #expect(r.cost == model.trenchPerMetreBySurface["grass"])
    #expect(r.cost < model.trenchPerMetreByHighway["motorway"]!)
  }

  @Test func highwayWhenSurfaceUnknownOrMissing() {
    let untagged = model.trenchCostPerMetre(highway: "residential", surface: nil)
    #expect(untagged.surfaceClass == "highway=residential")
    let odd = model.trenchCostPerMetre(highway: "track", surface: "moon_dust")
    #expect(odd.surfaceClass == "highway=track")
    #expect(odd.cost < untagged.cost)
    let primary = model.trenchCostPerMetre(highway: "primary", surface: nil)
    #expect(primary.cost > untagged.cost)
  }

  @Test func defaultWhenNothingKnown() {
    let r = model.trenchCostPerMetre(highway: "bus_guideway", surface: nil)
    #expect(r.surfaceClass == "default")
    #expect(r.cost == model.trenchPerMetreDefault)
    #expect(model.trenchCostPerMetre(highway: nil, surface: nil).surfaceClass == "default")
  }

  @Test func multiValuesAndCaseAreNormalised() {
    #expect(model.trenchCostPerMetre(highway: nil, surface: " Asphalt;gravel").surfaceClass == "surface=asphalt")
  }

  @Test func defaultsLieInTheDocumentedRanges() {
    #expect((80...120).contains(model.trenchPerMetreBySurface["asphalt"]!))
    #expect((30...50).contains(model.trenchPerMetreBySurface["gravel"]!))
    #expect((25...35).contains(model.trenchPerMetreBySurface["grass"]!))
    #expect((8...15).contains(model.ductReusePerMetre))
    #expect((25...40).contains(model.dropPerMetre))
    #expect((400...800).contains(model.dropPerConnection))
    #expect((150...300).contains(model.equipmentPerConnection))
  }
}

/// `osmKey` against the plain definition (first `;` value, trimmed, lowercased).
@Suite struct OSMKeyTests {
  @Test("Tag values become the keys the plain definition gives", arguments: [
    "residential", "Residential", " track", "track ", "\ttrack", "primary;secondary", "Primary ; secondary",
    "", ";", "straße", "STRASSE", "unclassified\u{00A0}", "a b", "service;", "x-y_z",
  ])
  func osmKeyMatchesDefinition(_ value: String) {
    var v = Substring(value)
    if let semicolon = v.firstIndex(of: ";") { v = v[..<semicolon] }
    #expect(osmKey(value) == v.trimmingCharacters(in: .whitespaces).lowercased())
  }
}
