// libFuzzer target: the byte-level GeoJSON reader and every typed layer built on it.
// Any input must give a FeatureTable or a FibrePlanError, never a crash or a hang.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
  guard let table = try? GeoJSONReader.read(bytes: bytes, path: "fuzz.geojson") else { return 0 }
  _ = LineLayer(roads: table)
  _ = LineLayer(ducts: table)
  _ = BuildingLayer(table)
  _ = SiteLayer(table)
  let boundaries = BoundaryLayer(table)
  if boundaries.count > 0 {
    _ = MunicipalityIndex(boundaries).municipality(containing: LonLat(lon: 8.5, lat: 47.3))
  }
  return 0
}
