/// 10^k for 0 ≤ k ≤ 22, each exactly representable; a switch on literals compiles
/// to a constant table with no lazy-global check on the hot path.
@inlinable @inline(__always) func exactPowerOfTen(_ k: Int) -> Double {
  switch k {
  case 0: return 1e0
  case 1: return 1e1
  case 2: return 1e2
  case 3: return 1e3
  case 4: return 1e4
  case 5: return 1e5
  case 6: return 1e6
  case 7: return 1e7
  case 8: return 1e8
  case 9: return 1e9
  case 10: return 1e10
  case 11: return 1e11
  case 12: return 1e12
  case 13: return 1e13
  case 14: return 1e14
  case 15: return 1e15
  case 16: return 1e16
  case 17: return 1e17
  case 18: return 1e18
  case 19: return 1e19
  case 20: return 1e20
  case 21: return 1e21
  default: return 1e22
  }
}

/// 10^n for 1 ≤ n ≤ 8, read from a vector constant by index: a `switch` here compiled
/// to a jump table, whose indirect branch mispredicts because the digit count of a
/// number's second eight-byte word changes from one number to the next.
@inlinable @inline(__always) func exactIntegerPowerOfTen(_ n: Int) -> UInt64 {
  let powers = SIMD8<UInt32>(10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000)
  return UInt64(powers[(n &- 1) & 7])
}

/// How many of the eight bytes in `word` (little-endian, first byte lowest) are ASCII
/// digits before the first non-digit, by testing all bytes at once: a byte is a digit
/// when its high nibble is 3 and its low nibble + 6 does not reach 16.
@inlinable @inline(__always) func leadingDigits(_ word: UInt64) -> Int {
  let t = word ^ 0x3030_3030_3030_3030
  let high = t & 0xF0F0_F0F0_F0F0_F0F0
  let lowTooBig = ((t & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010
  let bad = (high >> 4) | (lowTooBig >> 4)
  return bad.trailingZeroBitCount >> 3
}

/// The value of the first `count` (1...8) digits in `word`: shift them to the top so the
/// missing digits become leading zeros, then combine pairs, quads and halves with three
/// multiplications (Lemire, "Fast number parsing", SWAR eight-digit conversion).
@inlinable @inline(__always) func digitsValue(_ word: UInt64, count: Int) -> UInt64 {
  var v = (word ^ 0x3030_3030_3030_3030) << UInt64(64 - 8 * count)
  v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
  v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
  return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
}

extension ByteScanner {
  // MARK: Numbers

  /// Parses a strict JSON number at `pos`.
  ///
  /// Decimals without an exponent: when the digits form an integer of at most 2^53
  /// and the scale is an exact power of ten (≤ 10^22), one IEEE division is correctly
  /// rounded (Clinger 1990); other decimals of up to 19 digits (Python's `json.dump`
  /// writes 17) go through `eiselLemire`. Anything else goes to the standard library's
  /// correctly rounded (locale-free) parser. Overflow (`1e400`) gives ±infinity, which
  /// callers flag.
  @inlinable @inline(__always) package mutating func scanNumber() throws -> Double {
    let start = pos
    if let d = plainDecimal(at: pos), let value = d.value {
      pos = d.end
      return value
    }
    var i = pos
    var negative = false
    if i < end && byte(i) == 0x2D { negative = true; i += 1 }
    guard i < end, byte(i) &- 0x30 < 10 else {
      throw missingDigitError(at: i)
    }
    var mantissa: UInt64 = 0
    var digits = 0
    if byte(i) == 0x30 {
      i += 1
      if i < end && byte(i) &- 0x30 < 10 { throw numberError("leading zero", at: start) }
    } else {
      while i < end {
        let d = byte(i) &- 0x30
        if d >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        digits += 1
        i += 1
      }
    }
    var fraction = 0
    if i < end && byte(i) == 0x2E {
      i += 1
      let fracStart = i
      // Eight digits per step: two steps cover Python's 17-digit `repr`.
      while i + 8 <= end {
        let word = load8(i)
        let n = leadingDigits(word)
        if n == 0 { break }
        mantissa = mantissa &* exactIntegerPowerOfTen(n) &+ digitsValue(word, count: n)
        i += n
        if n < 8 { break }
      }
      while i < end {
        let d = byte(i) &- 0x30
        if d >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        i += 1
      }
      fraction = i - fracStart
      guard fraction > 0 else { throw numberError("expected a digit after '.'", at: i) }
      digits += fraction
    }
    var hasExponent = false
    if i < end && byte(i) | 0x20 == 0x65 {
      hasExponent = true
      i += 1
      if i < end && (byte(i) == 0x2B || byte(i) == 0x2D) { i += 1 }
      let expStart = i
      while i < end && byte(i) &- 0x30 < 10 { i += 1 }
      guard i > expStart else { throw numberError("expected a digit in exponent", at: i) }
    }
    pos = i
    // Up to 19 digits the mantissa did not wrap.
    if !hasExponent && digits <= 19 && fraction <= 22,
       let d = exactDecimal(mantissa, fraction, negative: negative) { return d }
    return Double(string(start, i - start)) ?? .nan
  }

  /// Kept out of line so the number fast path stays small (and inlines).
  @usableFromInline @inline(never) package func missingDigitError(at i: Int) -> FibrePlanError {
    numberError("expected a digit, found \(i < end ? describe(byte(i)) : "end of file")", at: i)
  }

  /// Kept out of line so the number fast path stays small.
  @usableFromInline @inline(never) package func numberError(_ message: String, at offset: Int) -> FibrePlanError {
    error("invalid number: " + message, at: offset)
  }

  @usableFromInline package func describe(_ b: UInt8) -> String {
    if b >= 0x21 && b < 0x7f { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x" + String(b, radix: 16)
  }

  /// Scans an object key and the `:` after it.
  @inlinable package mutating func scanKey() throws -> (start: Int, count: Int, escaped: Bool) {
    skipWhitespace()
    guard peek == 0x22 else { throw error("expected a member name in quotes, found \(found)") }
    let k = try scanString()
    // Nearly always right after the name; `expect` skips whitespace first.
    if pos < end && base[pos] == 0x3A { pos += 1 } else { try expect(0x3A, "':' after member name") }
    return k
  }

  // MARK: Skipping

  /// Skips one complete value without building it. Iterative with a heap stack, so
  /// arbitrarily deep nesting cannot overflow the call stack. O(bytes skipped).
  package mutating func skipValue() throws {
    var inObject: [Bool] = []
    outer: while true {
      skipWhitespace()
      switch peek {
      case 0x7B:
        pos += 1
        if hasFirstElement(close: 0x7D) {
          inObject.append(true)
          _ = try scanKey()
          continue outer
        }
      case 0x5B:
        pos += 1
        if hasFirstElement(close: 0x5D) {
          inObject.append(false)
          continue outer
        }
      case 0x22: _ = try scanString()
      case 0x74: try literal("true")
      case 0x66: try literal("false")
      case 0x6E: try literal("null")
      case 0x2D, 0x30...0x39: _ = try scanNumber()
      default: throw error("expected a JSON value, found \(found)")
      }
      while let object = inObject.last {
        if try hasNextElement(close: object ? 0x7D : 0x5D) {
          if object { _ = try scanKey() }
          continue outer
        }
        inObject.removeLast()
      }
      return
    }
  }

  package mutating func literal(_ word: StaticString) throws {
    guard consume(word) else { throw error("expected a JSON value, found \(found)") }
  }

  // MARK: Values

  /// Parses one value into a JSONValue tree. Iterative: nesting beyond `maxDepth`
  /// containers throws instead of recursing. O(bytes).
  package mutating func parseValue(maxDepth: Int) throws -> JSONValue {
    enum Frame {
      case array([JSONValue])
      case object([JSONValue.Member], key: String)
    }
    var stack: [Frame] = []
    outer: while true {
      skipWhitespace()
      var value: JSONValue
      switch peek {
      case 0x7B:
        guard stack.count < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        pos += 1
        if hasFirstElement(close: 0x7D) {
          let key = makeString(try scanKey())
          stack.append(.object([], key: key))
          continue outer
        }
        value = .object([])
      case 0x5B:
        guard stack.count < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        pos += 1
        if hasFirstElement(close: 0x5D) {
          stack.append(.array([]))
          continue outer
        }
        value = .array([])
      case 0x22: value = .string(makeString(try scanString()))
      case 0x74: try literal("true"); value = .bool(true)
      case 0x66: try literal("false"); value = .bool(false)
      case 0x6E: try literal("null"); value = .null
      case 0x2D, 0x30...0x39: value = .number(try scanNumber())
      default: throw error("expected a JSON value, found \(found)")
      }
      while let top = stack.popLast() {
        switch top {
        case .array(var items):
          items.append(value)
          if try hasNextElement(close: 0x5D) {
            stack.append(.array(items))
            continue outer
          }
          value = .array(items)
        case .object(var members, let key):
          members.append(JSONValue.Member(key, value))
          if try hasNextElement(close: 0x7D) {
            let next = makeString(try scanKey())
            stack.append(.object(members, key: next))
            continue outer
          }
          value = .object(members)
        }
      }
      return value
    }
  }
}
