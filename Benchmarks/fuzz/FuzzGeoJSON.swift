// libFuzzer target: the byte-level GeoJSON reader and every typed layer built on it.
// Any input must give a FeatureTable or a FibrePlanError, never a crash or a hang.

func fuzzGeoJSON(_ bytes: [UInt8]) {
  guard let table = try? GeoJSONReader.read(bytes: bytes, path: "fuzz.geojson") else { return }
  _ = LineLayer(roads: table)
  _ = LineLayer(ducts: table)
  _ = BuildingLayer(table)
  _ = SiteLayer(table)
  let boundaries = BoundaryLayer(table)
  if boundaries.count > 0 {
    _ = MunicipalityIndex(boundaries).municipality(containing: LonLat(lon: 8.5, lat: 47.3))
  }
}
