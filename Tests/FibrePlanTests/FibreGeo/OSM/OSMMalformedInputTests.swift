import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Truncated and corrupt files: always `FibrePlanError(.data)` naming the byte offset
/// (and the line for XML), never a crash.
@Suite struct OSMMalformedInputTests {
  private func dataError(_ bytes: [UInt8], file: String = "bad.osm") -> FibrePlanError? {
    do {
      _ = try OSMLayers.parse(bytes, file: file)
      return nil
    } catch let e as FibrePlanError {
      return e
    } catch {
      return FibrePlanError(.io, "unexpected error \(error)")
    }
  }

  @Test func xmlErrorsNameLineAndByte() throws {
    let cases: [(String, String)] = [
      ("<osm>\n<node id=\"1\" lat=\"50\" lon=\"10\"/>\n", "bad.osm:3: byte 39: truncated: <osm> is not closed at the end of the file"),
      ("<osm>\n<node id=\"1\" lat=\"5x\" lon=\"10\"/>\n</osm>", "bad.osm:2: byte 24: '5x' is not a decimal coordinate"),
      ("<osm>\n<node id=\"1\" lat=\"95\" lon=\"10\"/>\n</osm>", "bad.osm:2: byte 24: coordinate 95 out of range"),
      ("<osm>\n<way id=\"1\">\n<nd ref=\"2\"/>\n</node>\n</osm>", "bad.osm:4: byte 33: </node> closes <way>"),
      ("<osm>\n<nd ref=\"2\"/>\n</osm>", "bad.osm:2: byte 6: <nd> outside a way"),
      ("<osm>\n<node id=\"1\" lon=\"10\"/>\n</osm>", "bad.osm:2: byte 6: <node> lacks the attribute lat"),
      ("<osm>\n<node id=1 lat=\"1\" lon=\"10\"/>\n</osm>", "bad.osm:2: byte 15: attribute id: value is not quoted"),
      ("<gpx>\n</gpx>", "bad.osm:1: byte 0: root element is <gpx>, expected <osm>"),
      ("", "bad.osm:1: byte 0: no <osm> element (empty or not an OSM XML file)"),
      ("<osm>\n<way id=\"1\">\n<tag k=\"name\" v=\"a &bogus; b\"/>\n</way>\n</osm>", "bad.osm:3: byte 38: unknown entity &bogus;"),
      ("<osm></osm>\n<node id=\"1\" lat=\"1\" lon=\"1\"/>", "bad.osm:2: byte 12: content after </osm>"),
      ("<osm>\n<relation id=\"1\"><member type=\"area\" ref=\"1\" role=\"\"/></relation></osm>", "bad.osm:2: byte 23: <member> has unknown type 'area'"),
    ]
    for (text, message) in cases {
      let e = dataError(Array(text.utf8))
      #expect(e?.kind == .data, "\(text)")
      #expect(e?.message == message)
    }
  }

  @Test func xmlTruncatedAnywhereIsADataError() {
    let bytes = Array(OSMFixture.standard.xml.utf8)
    // Every cut that removes the closing </osm> (the last 8 bytes hold it and a newline).
    for cut in stride(from: 0, to: bytes.count - 8, by: 3) {
      let e = dataError(Array(bytes[..<cut]))
      #expect(e?.kind == .data, "cut at \(cut)")
      guard e?.kind == .data else { return }
    }
  }

  @Test(arguments: [true, false]) func pbfTruncatedAnywhereIsADataError(zlib: Bool) throws {
    let bytes = OSMFixture.standard.pbf(zlib: zlib)
    // PBF has no end marker: a cut exactly after a frame is a complete, shorter file.
    let headerEnd = OSMFixture.headerFrame(zlib: zlib).count
    #expect(try OSMLayers.parse(Array(bytes[..<headerEnd]), file: "h.osm.pbf") == OSMLayers())
    for cut in 1..<bytes.count where cut != headerEnd {
      let e = dataError(Array(bytes[..<cut]), file: "cut.osm.pbf")
      #expect(e?.kind == .data, "cut at \(cut)")
      #expect(e?.message.hasPrefix("cut.osm.pbf: byte ") ?? false, "\(e?.message ?? "")")
      guard e?.kind == .data else { return }
    }
  }

  @Test func pbfErrorsNameTheOffset() {
    var bytes = OSMFixture.standard.pbf(zlib: false)
    let e1 = dataError(Array(bytes[..<(bytes.count - 10)]), file: "t.pbf")
    #expect(e1?.message.contains("truncated blob") ?? false)
    bytes[0] = 0x7F  // header length far above 64 KiB
    #expect(dataError(bytes, file: "t.pbf")?.message.hasPrefix("t.pbf: byte 0: blob header size") ?? false)
    let lz4 = [UInt8](OSMFixture.frame("OSMHeader", [], zlib: false).prefix(4)) // just a length
    #expect(dataError(lz4, file: "t.pbf")?.kind == .data)
    // A required feature we cannot honour.
    var header = ProtoWriter()
    header.bytes(4, Array("HistoricalInformation".utf8))
    let history = OSMFixture.frame("OSMHeader", header.data, zlib: false)
    #expect(dataError(history, file: "h.pbf")?.message.contains("required feature 'HistoricalInformation' is not supported") ?? false)
    // Data before the header.
    let noHeader = OSMFixture.frame("OSMData", [], zlib: false)
    #expect(dataError(noHeader, file: "n.pbf")?.message == "n.pbf: byte 0: OSMData blob before the OSMHeader")
  }

  @Test(arguments: [true, false]) func pbfCorruptBytesNeverCrash(zlib: Bool) {
    let clean = OSMFixture.standard.pbf(zlib: zlib)
    var rng = SplitMix64(seed: zlib ? 7 : 8)
    var errors = 0
    for _ in 0..<400 {
      var bytes = clean
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(1 + rng.next() % 255)
      }
      if let e = dataError(bytes, file: "x.pbf") {
        #expect(e.kind == .data, "\(e.message)")
        errors += 1
      }
    }
    #expect(errors > 0)
  }

  @Test func xmlCorruptBytesNeverCrash() {
    let clean = Array(OSMFixture.standard.xml.utf8)
    var rng = SplitMix64(seed: 3)
    for _ in 0..<200 {
      var bytes = clean
      bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(rng.next() % 128)
      if let e = dataError(bytes) { #expect(e.kind == .data, "\(e.message)") }
    }
  }
}
