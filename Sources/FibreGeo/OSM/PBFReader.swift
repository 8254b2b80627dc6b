import FibreCore
import FibreGraph

/// Reader of OpenStreetMap PBF files (https://wiki.openstreetmap.org/wiki/PBF_Format):
/// a sequence of (4-byte big-endian length, BlobHeader, Blob) frames; the first blob is
/// an `OSMHeader`, the rest `OSMData` PrimitiveBlocks, each raw or zlib-compressed.
package enum PBFReader {
  /// Largest BlobHeader and Blob the format allows (64 KiB, 32 MiB).
  package static let maxHeaderSize = 64 * 1024
  package static let maxBlobSize = 32 * 1024 * 1024
  /// Features we can read; any other required feature is refused.
  package static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

  /// True when `bytes` start like a PBF file (a BlobHeader of type OSMHeader).
  package static func looksLikePBF(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 15, bytes[0] == 0, bytes[1] == 0 else { return false }
    return bytes[4] == 0x0A && bytes[5] == 9 && Array(bytes[6..<15]) == Array("OSMHeader".utf8)
  }

  /// Reads every frame of `bytes` into `extract`. O(file size + decompressed size).
  package static func read(_ bytes: [UInt8], file: String, into extract: inout OSMExtract) throws {
    var pos = 0
    var sawHeader = false
    while pos < bytes.count {
      let frameStart = pos
      guard bytes.count - pos >= 4 else {
        throw FibrePlanError(.data, "\(file): byte \(pos): truncated blob header length")
      }
      let headerSize = Int(bytes[pos]) << 24 | Int(bytes[pos + 1]) << 16 | Int(bytes[pos + 2]) << 8 | Int(bytes[pos + 3])
      pos += 4
      guard headerSize > 0, headerSize <= maxHeaderSize else {
        throw FibrePlanError(.data, "\(file): byte \(frameStart): blob header size \(headerSize) outside 1...65536 (not a PBF file, or corrupt)")
      }
      guard bytes.count - pos >= headerSize else {
        throw FibrePlanError(.data, "\(file): byte \(pos): truncated blob header (\(headerSize) bytes announced, \(bytes.count - pos) left)")
      }
      let (type, dataSize) = try bytes.withUnsafeBufferPointer { buffer in
        try blobHeader(ProtobufReader(buffer, range: pos..<(pos + headerSize), origin: PBFOrigin(file: file, fileOffset: 0, inflated: false)))
      }
      pos += headerSize
      guard dataSize <= maxBlobSize else {
        throw FibrePlanError(.data, "\(file): byte \(frameStart): blob size \(dataSize) exceeds the format's 32 MiB")
      }
      guard bytes.count - pos >= dataSize else {
        throw FibrePlanError(.data, "\(file): byte \(pos): truncated blob (\(dataSize) bytes announced, \(bytes.count - pos) left)")
      }
      let blobRange = pos..<(pos + dataSize)
      pos += dataSize
      switch type {
      case "OSMHeader":
        guard !sawHeader else { throw FibrePlanError(.data, "\(file): byte \(frameStart): second OSMHeader blob") }
        sawHeader = true
        try withBlobData(bytes, blobRange, file: file) { reader in try checkHeader(reader) }
      case "OSMData":
        guard sawHeader else { throw FibrePlanError(.data, "\(file): byte \(frameStart): OSMData blob before the OSMHeader") }
        try withBlobData(bytes, blobRange, file: file) { reader in
          try PrimitiveBlockDecoder.decode(reader, into: &extract)
        }
      default:
        continue  // Unknown blob types are skipped, as the format asks.
      }
    }
    guard sawHeader else { throw FibrePlanError(.data, "\(file): byte 0: no OSMHeader blob (empty file?)") }
  }

  private static func blobHeader(_ reader: ProtobufReader) throws -> (String, Int) {
    var r = reader
    var type: String?
    var dataSize: Int?
    while let (number, wire) = try r.field() {
      switch number {
      case 1:
        let range = try r.lengthDelimited(wire: wire)
        type = String(decoding: UnsafeBufferPointer(rebasing: r.bytes[range]), as: UTF8.self)
      case 3:
        let v = try r.varintField(wire: wire)
        guard v <= UInt64(Int32.max) else { throw r.failure("blob datasize \(v) out of range") }
        dataSize = Int(v)
      default:
        try r.skip(wire: wire)
      }
    }
    guard let type, let dataSize else { throw r.failure("blob header lacks its type or datasize") }
    return (type, dataSize)
  }

  /// Unpacks a Blob (raw or zlib) and hands the PrimitiveBlock / HeaderBlock to `body`.
  private static func withBlobData(
    _ bytes: [UInt8], _ range: Range<Int>, file: String,
    _ body: (ProtobufReader) throws -> Void
  ) throws {
    let fileOrigin = PBFOrigin(file: file, fileOffset: 0, inflated: false)
    var raw: Range<Int>?
    var zlib: Range<Int>?
    var rawSize: Int?
    try bytes.withUnsafeBufferPointer { buffer in
      var r = ProtobufReader(buffer, range: range, origin: fileOrigin)
      while let (number, wire) = try r.field() {
        switch number {
        case 1: raw = try r.lengthDelimited(wire: wire)
        case 2:
          let v = try r.varintField(wire: wire)
          guard v <= UInt64(maxBlobSize) else { throw r.failure("blob raw_size \(v) exceeds 32 MiB") }
          rawSize = Int(v)
        case 3: zlib = try r.lengthDelimited(wire: wire)
        case 4, 5, 6, 7:
          let name = [4: "lzma", 5: "bzip2", 6: "lz4", 7: "zstd"][number] ?? "unknown"
          throw r.failure("\(name)-compressed blobs are not supported (only raw and zlib)")
        default: try r.skip(wire: wire)
        }
      }
    }
    if let raw {
      try bytes.withUnsafeBufferPointer { buffer in
        try body(ProtobufReader(buffer, range: raw, origin: fileOrigin))
      }
    } else if let zlib {
      let data = try Gzip.decompressZlib(Array(bytes[zlib]), file: "\(file): byte \(zlib.lowerBound): zlib blob")
      if let rawSize, rawSize != data.count {
        throw FibrePlanError(.data, "\(file): byte \(range.lowerBound): blob decompresses to \(data.count) bytes, raw_size says \(rawSize)")
      }
      try data.withUnsafeBufferPointer { buffer in
        try body(ProtobufReader(buffer, range: 0..<buffer.count, origin: PBFOrigin(file: file, fileOffset: range.lowerBound, inflated: true)))
      }
    } else {
      throw FibrePlanError(.data, "\(file): byte \(range.lowerBound): blob holds no raw or zlib data")
    }
  }

  /// Refuses files that need features we cannot honour (history, unknown extensions).
  private static func checkHeader(_ reader: ProtobufReader) throws {
    var r = reader
    while let (number, wire) = try r.field() {
      if number == 4 {
        let range = try r.lengthDelimited(wire: wire)
        let feature = String(decoding: UnsafeBufferPointer(rebasing: r.bytes[range]), as: UTF8.self)
        guard supportedFeatures.contains(feature) else {
          throw r.failure("required feature '\(feature)' is not supported", at: range.lowerBound)
        }
      } else {
        try r.skip(wire: wire)
      }
    }
  }
}
