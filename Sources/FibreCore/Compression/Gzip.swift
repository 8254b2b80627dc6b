/// gzip (RFC 1952) and zlib (RFC 1950) containers around our DEFLATE decoder.
public enum Gzip {
  /// True when `bytes` start with the gzip magic number 1f 8b.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// Decompresses a gzip file: one or more members, each checked against its CRC-32 and
  /// ISIZE trailer. Trailing zero padding is ignored; other trailing bytes are an error.
  /// `file` names the input in error messages. O(input + output).
  public static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
    guard isGzip(bytes) else { throw FibrePlanError(.data, "\(file): byte 0: not a gzip stream") }
    // ISIZE of the last member is a good first guess for single-member files; a
    // corrupt or unusual trailer only costs a regrowth, never an absurd reservation.
    var hint = bytes.count * 4 + 1024
    if bytes.count >= 18 {
      let n = bytes.count
      let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
      if isize <= bytes.count * 64 { hint = isize + 1024 }
    }
    var output = [UInt8](repeating: 0, count: hint)
    var produced = 0
    try bytes.withUnsafeBufferPointer { input in
      var p = 0
      while true {
        p = try decodeMember(input, at: p, into: &output, produced: &produced, file: file)
        // Another member follows, or only zero padding may remain.
        if p + 1 < input.count && input[p] == 0x1F && input[p + 1] == 0x8B { continue }
        var q = p
        while q < input.count && input[q] == 0 { q += 1 }
        guard q == input.count else {
          throw FibrePlanError(.data, "\(file): byte \(q): unexpected data after the end of the gzip stream")
        }
        break
      }
    }
    output.removeLast(output.count - produced)
    return output
  }

  private static func decodeMember(
    _ input: UnsafeBufferPointer<UInt8>, at start: Int,
    into output: inout [UInt8], produced: inout Int, file: String
  ) throws -> Int {
    let n = input.count
    func truncated(_ at: Int) -> FibrePlanError {
      FibrePlanError(.data, "\(file): byte \(at): truncated gzip header")
    }
    guard start + 10 <= n else { throw truncated(n) }
    guard input[start] == 0x1F, input[start + 1] == 0x8B else {
      throw FibrePlanError(.data, "\(file): byte \(start): not a gzip member")
    }
    guard input[start + 2] == 8 else {
      throw FibrePlanError(.data, "\(file): byte \(start + 2): unsupported gzip compression method \(input[start + 2])")
    }
    let flags = input[start + 3]
    guard flags & 0xE0 == 0 else {
      throw FibrePlanError(.data, "\(file): byte \(start + 3): reserved gzip header flags set")
    }
    var p = start + 10
    if flags & 0x04 != 0 {  // FEXTRA
      guard p + 2 <= n else { throw truncated(n) }
      p += 2 + (Int(input[p]) | Int(input[p + 1]) << 8)
      guard p <= n else { throw truncated(n) }
    }
    for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
      while p < n && input[p] != 0 { p += 1 }
      guard p < n else { throw truncated(n) }
      p += 1
    }
    if flags & 0x02 != 0 {  // FHCRC
      p += 2
      guard p <= n else { throw truncated(n) }
    }
    let memberStart = produced
    p = try Inflate.decode(input, from: p, into: &output, produced: &produced, file: file)
    guard p + 8 <= n else { throw FibrePlanError(.data, "\(file): byte \(n): truncated gzip trailer") }
    let storedCRC = UInt32(input[p]) | UInt32(input[p + 1]) << 8 | UInt32(input[p + 2]) << 16 | UInt32(input[p + 3]) << 24
    let storedSize = UInt32(input[p + 4]) | UInt32(input[p + 5]) << 8 | UInt32(input[p + 6]) << 16 | UInt32(input[p + 7]) << 24
    var crc = CRC32()
    output.withUnsafeBufferPointer { crc.update(UnsafeBufferPointer(rebasing: $0[memberStart..<produced])) }
    guard crc.value == storedCRC else {
      throw FibrePlanError(.data, "\(file): byte \(p): gzip CRC-32 mismatch (stored \(hex(storedCRC)), computed \(hex(crc.value)))")
    }
    guard UInt32(truncatingIfNeeded: produced - memberStart) == storedSize else {
      throw FibrePlanError(.data, "\(file): byte \(p + 4): gzip size mismatch (stored \(storedSize), decoded \(produced - memberStart))")
    }
    return p + 8
  }

  /// Decompresses a zlib stream (RFC 1950) and checks its Adler-32. O(input + output).
  public static func decompressZlib(_ bytes: [UInt8], file: String) throws -> [UInt8] {
    guard bytes.count >= 2 else { throw FibrePlanError(.data, "\(file): byte 0: truncated zlib header") }
    let cmf = Int(bytes[0]), flg = Int(bytes[1])
    guard cmf & 0x0F == 8, cmf >> 4 <= 7, (cmf << 8 | flg) % 31 == 0 else {
      throw FibrePlanError(.data, "\(file): byte 0: not a zlib stream")
    }
    guard flg & 0x20 == 0 else {
      throw FibrePlanError(.data, "\(file): byte 1: zlib preset dictionaries are not supported")
    }
    var output = [UInt8](repeating: 0, count: max(bytes.count * 4, 1 << 12))
    var produced = 0
    try bytes.withUnsafeBufferPointer { input in
      let p = try Inflate.decode(input, from: 2, into: &output, produced: &produced, file: file)
      guard p + 4 <= input.count else { throw FibrePlanError(.data, "\(file): byte \(input.count): truncated zlib trailer") }
      let stored = UInt32(input[p]) << 24 | UInt32(input[p + 1]) << 16 | UInt32(input[p + 2]) << 8 | UInt32(input[p + 3])
      let computed = output.withUnsafeBufferPointer { Adler32.checksum(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
      guard stored == computed else {
        throw FibrePlanError(.data, "\(file): byte \(p): zlib Adler-32 mismatch")
      }
    }
    output.removeLast(output.count - produced)
    return output
  }

  private static func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }
}
