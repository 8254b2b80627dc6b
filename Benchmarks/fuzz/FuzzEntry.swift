#if canImport(Glibc)
import Glibc
#endif

// The one libFuzzer entry point: FIBREPLAN_FUZZ picks the parser (geojson, json,
// scenario), so one instrumented build of the library serves every target.
nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  if target == nil {
    let name = getenv("FIBREPLAN_FUZZ").map { String(cString: $0) } ?? "geojson"
    switch name {
    case "json": target = fuzzJSON
    case "scenario": target = fuzzScenario
    default: target = fuzzGeoJSON
    }
  }
  let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
  target!(bytes)
  return 0
}
