import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct JSONValueParseTests {
  @Test func parsesAllValueKindsInOrder() throws {
    let v = try JSONValue.parse(#"""
      {"b": [1, -2.5, 3e2, true, false, null], "a": {"x": "y\t\u00e9\ud83d\ude00\/"}, "e": [], "o": {}}
      """#, path: "s.json")
    #expect(v.objectValue?.map(\.key) == ["b", "a", "e", "o"])
    #expect(v["b"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
    #expect(v["a"]?["x"]?.stringValue == "y\té😀/")
    #expect(v["e"] == .array([]))
    #expect(v["o"] == .object([]))
  }

  /// Python's `repr` writes 16-17 significant digits; the exact 128-bit check must give
  /// the same double as the standard library's correctly rounded parser, including
  /// near-ties, zeros after the point, 19-digit mantissas and binade edges.
  @Test func longDecimalsRoundLikeTheStandardParser() throws {
    var rng = SplitMix64(seed: 16)
    var texts = ["9.5", "0.30000000000000004", "47.000000000000001", "8.000000000000000444",
                 "1.0000000000000002220446049250313", "0.0010000000000000000208", "4503599627370495.5",
                 "9007199254740993.0", "2.2250738585072014", "0.1234567890123456789", "-47.12345678901234"]
    for _ in 0..<20_000 {
      let intDigits = Int(rng.next() % 4)
      let fracDigits = 1 + Int(rng.next() % 19)
      var t = intDigits == 0 ? "0" : String(1 + rng.next() % 9)
      for _ in 1..<max(intDigits, 1) { t += String(rng.next() % 10) }
      t += "."
      for _ in 0..<fracDigits { t += String(rng.next() % 10) }
      texts.append(t)
    }
    for value in [9.512345678901234, 47.16, 0.1 + 0.2, 123.456789012345678] { texts.append("\(value)") }
    // Padded, a number is ≥ 26 bytes from the end and takes the word-wise path.
    let padding = String(repeating: " ", count: 30)
    for t in texts {
      let parsed = try JSONValue.parse(t, path: "n.json")
      #expect(parsed == .number(Double(t)!), "\(t)")
      #expect(try JSONValue.parse(t + padding, path: "n.json") == parsed, "\(t)")
      let negated = t.hasPrefix("-") ? String(t.dropFirst()) : "-" + t
      #expect(try JSONValue.parse(negated + padding, path: "n.json") == .number(Double(negated)!), "\(negated)")
    }
  }

  /// Near the word-wise path's limits (7 integer digits before up to 7 fraction digits,
  /// 3 before 8 to 15, an exponent after the digits) and on malformed numbers, a padded number
  /// reads as the unpadded one, which takes the byte-wise path: same value or same error.
  @Test func paddedNumbersReadLikeUnpadded() throws {
    let texts = ["1234567.123456789012", "12345678.5", "0.123456789012345", "0.1234567890123456",
                 "1.12345678", "1.123456789", "12.1234567890123456", "1.5e3", "1.5E-3", "2.25e+1",
                 "05.5", "-05.5", "1.", "-.5", "1.x", "0.0", "-0.0", "00.1", "1.5.5", "9.9999999999999999",
                 "999.123456789012345", "1000.12345678", "-123.00000001", "0.00000001", "9.5e1"]
    let padding = String(repeating: " ", count: 30)
    for t in texts {
      let plain = Result { try JSONValue.parse(t, path: "n.json") }
      let padded = Result { try JSONValue.parse(t + padding, path: "n.json") }
      switch (plain, padded) {
      case (.success(let a), .success(let b)):
        #expect(a == b, "\(t)")
        if case .number(let x) = a, case .number(let y) = b { #expect(x.sign == y.sign, "\(t)") }
      case (.failure(let a), .failure(let b)):
        #expect("\(a)" == "\(b)", "\(t)")
      default:
        Issue.record("\(t): \(plain) against \(padded)")
      }
    }
  }

  /// Exact midpoints between two doubles above 2^53 (Eisel-Lemire's tie rule, scales
  /// up to 10^4) and the largest 19-digit mantissas at every scale.
  @Test func halfwayDecimalsRoundToEven() throws {
    var texts = ["9007199254740993", "9007199254740995", "900719925474099.3", "90071992547409.95",
                 "18014398509481990", "1801439850948.1990", "4503599627370496.5", "9223372036854775807"]
    for k in 0...19 {
      var t = String(repeating: "9", count: 19)
      if k > 0 { t.insert(".", at: t.index(t.startIndex, offsetBy: 19 - k)) }
      texts.append(t.hasPrefix(".") ? "0" + t : t)
    }
    for t in texts {
      #expect(try JSONValue.parse(t, path: "n.json") == .number(Double(t)!), "\(t)")
    }
  }

  @Test func scalarsAndBOM() throws {
    #expect(try JSONValue.parse(" 42 ", path: "s.json") == .number(42))
    #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("\"x\"".utf8), path: "s.json") == .string("x"))
    // A lone surrogate escape is replaced, not rejected.
    #expect(try JSONValue.parse(#""\ud800""#, path: "s.json") == .string("\u{FFFD}"))
  }

  @Test func errorsNameLineAndColumn() {
    let cases: [(String, String)] = [
      ("{\n  \"a\": 1,\n  \"b\": tru\n}", "s.json:3:8: "),
      ("[1, 2,]", "s.json:1:7: "),
      ("{\"a\" 1}", "s.json:1:6: "),
      ("[1] [2]", "s.json:1:5: "),
      ("", "empty file"),
      ("\"abc", "unterminated string"),
      ("[1.]", "expected a digit after '.'"),
      ("-", "expected a digit"),
      ("[NaN]", "expected a JSON value"),
    ]
    for (text, fragment) in cases {
      do {
        _ = try JSONValue.parse(text, path: "s.json")
        Issue.record("expected an error for \(text)")
      } catch let e as FibrePlanError {
        #expect(e.kind == .data)
        #expect(e.message.contains(fragment), "\(text) -> \(e.message)")
      } catch {
        Issue.record("\(error)")
      }
    }
  }

  @Test func depthLimit() throws {
    let limit = JSONValue.maxParseDepth
    let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    _ = try JSONValue.parse(ok, path: "d.json")
    let deep = "[" + ok + "]"
    do {
      _ = try JSONValue.parse(deep, path: "d.json")
      Issue.record("expected a depth error")
    } catch let e as FibrePlanError {
      #expect(e.message.contains("nesting deeper than \(limit)"))
    }
  }
}
