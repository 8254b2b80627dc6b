/// CRC-32 as used by gzip (ISO 3309, reflected polynomial 0xEDB88320), computed
/// eight bytes per step ("slicing-by-8", Kounavis & Berry 2005).
public struct CRC32: Sendable {
  public private(set) var value: UInt32 = 0

  public init() {}

  /// Feeds `bytes`. O(n).
  public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    var crc = ~value
    let table = CRC32.table
    var i = 0
    let n = bytes.count
    table.withUnsafeBufferPointer { t in
      while i + 8 <= n {
        let lo = crc ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8
          | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        let hi = UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8
          | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 24
        crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
          ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
          ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
        i += 8
      }
      while i < n {
        crc = t[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
        i += 1
      }
    }
    value = ~crc
  }

  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update($0) }
  }

  /// CRC-32 of `bytes`. O(n).
  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    var c = CRC32()
    c.update(bytes)
    return c.value
  }

  /// 8 tables of 256 entries; table k advances the CRC over k further zero bytes.
  package static let table: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for n in 0..<256 {
      var c = UInt32(n)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      t[n] = c
    }
    for n in 0..<256 {
      var c = t[n]
      for k in 1..<8 {
        c = t[Int(c & 0xFF)] ^ (c >> 8)
        t[k * 256 + n] = c
      }
    }
    return t
  }()
}

/// Adler-32 (RFC 1950), the zlib trailer checksum.
package struct Adler32 {
  package static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var a: UInt32 = 1, b: UInt32 = 0
    var i = 0
    let n = bytes.count
    // 5552 is the largest block for which b cannot overflow 32 bits before the modulo.
    while i < n {
      let end = min(n, i + 5552)
      while i < end { a &+= UInt32(bytes[i]); b &+= a; i += 1 }
      a %= 65521
      b %= 65521
    }
    return b << 16 | a
  }
}
