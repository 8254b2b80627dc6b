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
