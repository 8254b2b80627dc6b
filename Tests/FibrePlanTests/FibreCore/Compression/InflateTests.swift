import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct InflateTests {
  func inflateRaw(_ stream: [UInt8]) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 16)
    var produced = 0
    let end = try stream.withUnsafeBufferPointer {
      try Inflate.decode($0, from: 0, into: &out, produced: &produced, file: "raw")
    }
    #expect(end == stream.count)
    return Array(out[0..<produced])
  }

  func expectDataError(_ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected an error")
    } catch let e as FibrePlanError {
      #expect(e.kind == .data)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func storedFixedAndDynamicBlocks() throws {
    #expect(try inflateRaw(DeflateVectors.stored) == DeflateVectors.hello)
    #expect(try inflateRaw(DeflateVectors.fixed) == DeflateVectors.hello)
    #expect(try inflateRaw(DeflateVectors.dynamic) == DeflateVectors.edgeLines)
  }

  @Test func gzipZlibAndLongOverlappingMatches() throws {
    #expect(try Gzip.decompress(DeflateVectors.gzip, file: "t.gz") == DeflateVectors.hello)
    #expect(try Gzip.decompressZlib(DeflateVectors.zlib, file: "t.z") == DeflateVectors.hello)
    #expect(try Gzip.decompress(DeflateVectors.thousandA, file: "a.gz") == [UInt8](repeating: 0x61, count: 1000))
  }

  @Test func multiMemberAndPadding() throws {
    let two = DeflateVectors.gzip + DeflateVectors.thousandA
    #expect(try Gzip.decompress(two, file: "t.gz") == DeflateVectors.hello + [UInt8](repeating: 0x61, count: 1000))
    #expect(try Gzip.decompress(DeflateVectors.gzip + [0, 0, 0], file: "t.gz") == DeflateVectors.hello)
    expectDataError { _ = try Gzip.decompress(DeflateVectors.gzip + [0x41], file: "t.gz") }
  }

  @Test func storedRoundTripsAcrossBlocks() throws {
    var text: [UInt8] = []
    var x: UInt64 = 42
    for _ in 0..<150_000 {
      x = x &* 6364136223846793005 &+ 1442695040888963407
      text.append(UInt8(truncatingIfNeeded: x >> 56))
    }
    for size in [0, 1, 65535, 65536, 150_000] {
      let data = Array(text[0..<size])
      #expect(try Gzip.decompress(SteinerFixtures.gzipStored(data), file: "s.gz") == data)
    }
  }

  @Test func crc32KnownValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
  }

  /// Code lengths 1, 2, ..., 15, 15: half the symbols need the slow (> 10 bit) path.
  @Test func huffmanLongCodes() throws {
    let lengths: [UInt8] = Array(1...15) + [15]
    let table = try #require(HuffmanTable(lengths: lengths))
    var code = 0
    for (sym, len) in lengths.enumerated() {
      // Canonical code of `sym`: 0, 10, 110, ..., 111111111111110, 111111111111111.
      let c = sym < 15 ? ((1 << len) - 2) : ((1 << 15) - 1)
      var reversed: UInt64 = 0
      for b in 0..<Int(len) where c & (1 << b) != 0 { reversed |= 1 << UInt64(Int(len) - 1 - b) }
      let fast = table.fast[Int(reversed & HuffmanTable.fastMask)]
      let entry = fast & 15 != 0 ? UInt32(fast) : try #require(table.decodeSlow(reversed))
      #expect(Int(entry >> 4) == sym)
      #expect(Int(entry & 15) == Int(len))
      code += 1
    }
    #expect(code == 16)
    #expect(HuffmanTable(lengths: [1, 1, 1]) == nil)  // over-subscribed
  }

  @Test func corruptHeadersAndTrailers() {
    var badMethod = DeflateVectors.gzip; badMethod[2] = 7
    var badFlags = DeflateVectors.gzip; badFlags[3] = 0x80
    var badCRC = DeflateVectors.gzip; badCRC[badCRC.count - 6] ^= 1
    var badSize = DeflateVectors.gzip; badSize[badSize.count - 2] ^= 1
    var badType = DeflateVectors.gzip; badType[10] |= 0x06  // block type 3
    for bytes in [badMethod, badFlags, badCRC, badSize, badType, [0x1F, 0x8B], [0x1F]] {
      expectDataError { _ = try Gzip.decompress(bytes, file: "t.gz") }
    }
    do {
      _ = try Gzip.decompress(badCRC, file: "t.gz")
    } catch let e as FibrePlanError {
      #expect(e.message.hasPrefix("t.gz: byte 30: gzip CRC-32 mismatch"))
    } catch { Issue.record("\(error)") }
  }

  /// Every truncation fails; every single-bit flip either fails with `.data` or, when
  /// it hits a field that does not affect the data (MTIME, OS), decodes the same text.
  @Test func mutationsFailCleanly() {
    let samples: [([UInt8], [UInt8])] = [
      (DeflateVectors.gzip, DeflateVectors.hello),
      (DeflateVectors.thousandA, [UInt8](repeating: 0x61, count: 1000)),
      (SteinerFixtures.gzipMember(deflated: DeflateVectors.dynamic, of: DeflateVectors.edgeLines), DeflateVectors.edgeLines),
    ]
    for (bytes, text) in samples {
      for cut in 0..<bytes.count {
        expectDataError { _ = try Gzip.decompress(Array(bytes[0..<cut]), file: "t.gz") }
      }
      for i in 0..<bytes.count {
        for bit in 0..<8 {
          var m = bytes
          m[i] ^= 1 << bit
          do {
            let out = try Gzip.decompress(m, file: "t.gz")
            #expect(out == text, "flip at byte \(i) bit \(bit) decoded different text")
          } catch let e as FibrePlanError {
            #expect(e.kind == .data)
          } catch {
            Issue.record("unexpected error \(error)")
          }
        }
      }
    }
  }

  @Test(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func realSteinLibFile() throws {
    let path = try #require(SteinerFixtures.path("spg/b01.stp.gz"))
    let text = try Gzip.decompress(try FileBytes.read(path: path), file: "b01.stp.gz")
    #expect(text.count == 897)
    #expect(text.filter { $0 == 0x0A }.count == 91)
    #expect(text.starts(with: Array("33D32945 STP File".utf8)))
  }
}
