// libFuzzer target: the generic JSON parser (scenario files and properties use it).

func fuzzJSON(_ bytes: [UInt8]) {
  if let value = try? JSONValue.parse(bytes, path: "fuzz.json") {
    _ = value.text
    _ = value["features"]
  }
}
