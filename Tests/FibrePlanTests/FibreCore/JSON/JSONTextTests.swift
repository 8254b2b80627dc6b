import Testing
@testable import FibreCore

/// The byte writers behind every output file: numbers made on a stack buffer must read
/// as `JSONText.fixed` (the String-based formatter) prints them, and strings written in
/// pieces as the joined string would be.
struct JSONTextTests {
  @Test("appendNumber prints what fixed prints, trimmed and padded, at 0 to 9 decimals")
  func numbersMatchFixed() {
    var random = SplitMix64(seed: 16)
    var values: [Double] = [0, -0.0, 0.5, -0.5, 1.005, -1e-9, 123_456.789_012_345, 9.99999999, -47.000_000_05, 1e17, -3e18]
    for _ in 0..<1500 {
      let magnitude = Double(random.next() % 1_000_000) / 1000 * (random.next() % 2 == 0 ? 1 : 1e-3)
      values.append(random.next() % 3 == 0 ? -magnitude : magnitude)
    }
    for x in values {
      for decimals in 0...9 {
        for padded in [false, true] {
          var bytes: [UInt8] = []
          JSONText.appendNumber(x, decimals: decimals, padded: padded, to: &bytes)
          #expect(String(decoding: bytes, as: UTF8.self) == JSONText.fixed(x, decimals: decimals, padded: padded),
                  "\(x) at \(decimals) decimals, padded \(padded)")
        }
      }
    }
    var nan: [UInt8] = []
    JSONText.appendNumber(.nan, decimals: 2, padded: false, to: &nan)
    #expect(nan == Array("null".utf8))
  }

  @Test func integersAndDigits() {
    var text = JSONText()
    for i in [0, 7, -7, 10, 1_000_000, Int.min + 1, Int.max] {
      text.integer(i)
      text.raw(" ")
    }
    appendDecimalDigits(UInt64.max, to: &text.bytes)
    #expect(String(decoding: text.bytes, as: UTF8.self)
            == "0 7 -7 10 1000000 \(Int.min + 1) \(Int.max) \(UInt64.max)")
  }

  @Test("a literal appends as its String's UTF-8 would, short or long, one scalar or many")
  func literalsMatchStrings() {
    // Up to 4 bytes go in byte by byte ("null", "<td>" at the edge), longer ones with one
    // copy; "é" and "€" are single scalars, which a StaticString may hold without a pointer.
    let cases: [(StaticString, String)] = [
      ("", ""), (",", ","), ("é", "é"), ("€", "€"), ("ab", "ab"), ("],\"", "],\""), ("null", "null"),
      ("<td>", "<td>"), ("</td></tr>", "</td></tr>"), (",\"properties\":{\"layer\":", ",\"properties\":{\"layer\":"),
    ]
    var viaLiteral: [UInt8] = [1, 2], viaString: [UInt8] = [1, 2]
    for (literal, string) in cases {
      appendLiteral(literal, to: &viaLiteral)
      viaString.append(contentsOf: string.utf8)
      #expect(viaLiteral == viaString, "\(string)")
    }
    // Literals and run-time text through JSONText's two `raw`s land the same way.
    var text = JSONText()
    let made = String(repeating: "x", count: 3)
    text.raw("["); text.raw(made); text.raw(made.isEmpty ? "" : ",\n"); text.raw("]")
    #expect(String(decoding: text.bytes, as: UTF8.self) == "[xxx,\n]")
  }

  @Test("roundedInt is Int(rounded()): halves away from zero, near-halves, whole and large values")
  func roundedIntMatchesRounded() {
    var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.499_999_999_999_999_94, -0.499_999_999_999_999_94,
                            4_503_599_627_370_495.5, -4_503_599_627_370_495.5, 9_007_199_254_740_993, 1e18, -1e18, 8.999e18]
    var random = SplitMix64(seed: 17)
    for _ in 0..<2000 {
      let v = Double(random.next() % 10_000_000) / 64 - 70_000
      values += [v, v.nextUp, v.nextDown]
    }
    for v in values { #expect(roundedInt(v) == Int(v.rounded()), "\(v)") }
  }

  @Test("one-digit and longer numbers through appendDecimalDigits")
  func decimalDigits() {
    for v: UInt64 in [0, 1, 9, 10, 11, 99, 100, 12_345, UInt64.max] {
      var bytes: [UInt8] = [7]
      appendDecimalDigits(v, to: &bytes)
      #expect(bytes == [7] + Array(String(v).utf8))
    }
  }

  @Test("a string in two pieces is the joined string, escapes included")
  func stringPieces() {
    for s in ["12", "a\"b\\c", "tab\there", "ä/ö", ""] {
      var joined = JSONText(), pieces = JSONText(), dropped = JSONText(), plain = JSONText()
      joined.string("building/" + s)
      pieces.string(prefix: "building/", s)
      #expect(pieces.bytes == joined.bytes)
      dropped.string("building/" + s, droppingFirstBytes: 9)
      plain.string(s)
      #expect(dropped.bytes == plain.bytes)
    }
  }
}
