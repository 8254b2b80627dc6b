// libFuzzer target: scenario files, from bytes through JSON to every checked field.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
  guard let json = try? JSONValue.parse(bytes, path: "fuzz.json") else { return 0 }
  _ = try? Scenario(json: json, path: "fuzz.json", baseDirectory: "base")
  return 0
}
