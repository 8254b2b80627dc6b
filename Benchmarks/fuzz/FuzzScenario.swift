// libFuzzer target: scenario files, from bytes through JSON to every checked field.

func fuzzScenario(_ bytes: [UInt8]) {
  guard let json = try? JSONValue.parse(bytes, path: "fuzz.json") else { return }
  _ = try? Scenario(json: json, path: "fuzz.json", baseDirectory: "base")
}
