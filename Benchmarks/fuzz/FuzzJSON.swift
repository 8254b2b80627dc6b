// libFuzzer target: the generic JSON parser (scenario files and properties use it).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
  if let value = try? JSONValue.parse(bytes, path: "fuzz.json") {
    _ = value.text
    _ = value["features"]
  }
  return 0
}
