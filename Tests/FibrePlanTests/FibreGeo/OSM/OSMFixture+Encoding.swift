@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

/// Test-side writers: OSM XML text, and PBF bytes through a small protobuf encoder.
extension OSMFixture {
  var xml: String {
    func esc(_ s: String) -> String {
      s.replacingAll("&", "&amp;").replacingAll("\"", "&quot;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }
    func deg(_ v: Int32) -> String {
      let sign = v < 0 ? "-" : ""
      let m = abs(Int(v))
      let f = String(m % 10_000_000)
      return sign + String(m / 10_000_000) + "." + String(repeating: "0", count: 7 - f.count) + f
    }
    func tags(_ t: [(String, String)]) -> String {
      t.map { "    <tag k=\"\(esc($0.0))\" v=\"\(esc($0.1))\"/>\n" }.joined()
    }
    var s = "<?xml version='1.0' encoding='UTF-8'?>\n<!-- hand-made -->\n<osm version=\"0.6\" generator=\"test\">\n"
    s += "  <bounds minlat=\"50\" minlon=\"10\" maxlat=\"51\" maxlon=\"11\"/>\n"
    for n in nodes {
      let head = "  <node id=\"\(n.id)\" visible=\"true\" lat=\"\(deg(n.lat))\" lon='\(deg(n.lon))'"
      s += n.tags.isEmpty ? head + "/>\n" : head + ">\n" + tags(n.tags) + "  </node>\n"
    }
    for w in ways {
      s += "  <way id=\"\(w.id)\">\n" + w.refs.map { "    <nd ref=\"\($0)\"/>\n" }.joined() + tags(w.tags) + "  </way>\n"
    }
    for r in relations {
      s += "  <relation id=\"\(r.id)\">\n"
      s += r.members.map { "    <member type=\"\($0.type)\" ref=\"\($0.ref)\" role=\"\($0.role)\"/>\n" }.joined()
      s += tags(r.tags) + "  </relation>\n"
    }
    return s + "</osm>\n"
  }

  /// A PBF file: OSMHeader, then one OSMData block of dense nodes (with a coarser
  /// granularity and offsets when `granularity` is not 100), plain nodes, ways and
  /// relations; blobs zlib-wrapped (stored DEFLATE blocks) or raw.
  func pbf(zlib: Bool = true, granularity: Int64 = 100, latOffset: Int64 = 0, lonOffset: Int64 = 0, plainNodes: Int = 2) -> [UInt8] {
    var strings: [String] = [""]
    func sid(_ s: String) -> UInt64 {
      if let i = strings.firstIndex(of: s) { return UInt64(i) }
      strings.append(s)
      return UInt64(strings.count - 1)
    }
    func stored(_ lat: Int32, _ offset: Int64) -> Int64 { (Int64(lat) * 100 - offset) / granularity }

    var dense = ProtoWriter(), ids: [UInt64] = [], lats: [UInt64] = [], lons: [UInt64] = [], kv: [UInt64] = []
    var last = (id: Int64(0), lat: Int64(0), lon: Int64(0))
    let denseNodes = nodes.dropLast(plainNodes)
    for n in denseNodes {
      let lat = stored(n.lat, latOffset), lon = stored(n.lon, lonOffset)
      ids.append(ProtoWriter.zigzag(n.id - last.id))
      lats.append(ProtoWriter.zigzag(lat - last.lat))
      lons.append(ProtoWriter.zigzag(lon - last.lon))
      last = (n.id, lat, lon)
      for (k, v) in n.tags { kv.append(sid(k)); kv.append(sid(v)) }
      kv.append(0)
    }
    dense.packed(1, ids); dense.packed(8, lats); dense.packed(9, lons); dense.packed(10, kv)
    var nodeGroup = ProtoWriter()
    nodeGroup.message(2, dense)
    var plainGroup = ProtoWriter()
    for n in nodes.suffix(plainNodes) {
      var m = ProtoWriter()
      m.uint(1, ProtoWriter.zigzag(n.id))
      m.packed(2, n.tags.map { sid($0.0) })
      m.packed(3, n.tags.map { sid($0.1) })
      m.uint(8, ProtoWriter.zigzag(stored(n.lat, latOffset)))
      m.uint(9, ProtoWriter.zigzag(stored(n.lon, lonOffset)))
      plainGroup.message(1, m)
    }
    var wayGroup = ProtoWriter()
    for w in ways {
      var m = ProtoWriter()
      m.uint(1, UInt64(w.id))
      m.packed(2, w.tags.map { sid($0.0) })
      m.packed(3, w.tags.map { sid($0.1) })
      var prev: Int64 = 0
      m.packed(8, w.refs.map { r in defer { prev = r }; return ProtoWriter.zigzag(r - prev) })
      wayGroup.message(3, m)
    }
    var relationGroup = ProtoWriter()
    for r in relations {
      var m = ProtoWriter()
      m.uint(1, UInt64(r.id))
      m.packed(2, r.tags.map { sid($0.0) })
      m.packed(3, r.tags.map { sid($0.1) })
      m.packed(8, r.members.map { sid($0.role) })
      var prev: Int64 = 0
      m.packed(9, r.members.map { mem in defer { prev = mem.ref }; return ProtoWriter.zigzag(mem.ref - prev) })
      m.packed(10, r.members.map { ["node": 0, "way": 1, "relation": 2][$0.type]! })
      relationGroup.message(4, m)
    }
    var table = ProtoWriter()
    for s in strings { table.bytes(1, Array(s.utf8)) }
    var block = ProtoWriter()
    block.message(1, table)
    for g in [nodeGroup, plainGroup, wayGroup, relationGroup] { block.message(2, g) }
    if granularity != 100 { block.uint(17, UInt64(granularity)) }
    if latOffset != 0 { block.uint(19, UInt64(bitPattern: latOffset)) }
    if lonOffset != 0 { block.uint(20, UInt64(bitPattern: lonOffset)) }

    return Self.headerFrame(zlib: zlib) + Self.frame("OSMData", block.data, zlib: zlib)
  }

  /// The OSMHeader frame: required features, writing program.
  static func headerFrame(zlib: Bool) -> [UInt8] {
    var header = ProtoWriter()
    header.bytes(4, Array("OsmSchema-V0.6".utf8))
    header.bytes(4, Array("DenseNodes".utf8))
    header.bytes(16, Array("fibreplan-tests".utf8))
    return frame("OSMHeader", header.data, zlib: zlib)
  }

  static func frame(_ type: String, _ payload: [UInt8], zlib: Bool) -> [UInt8] {
    var blob = ProtoWriter()
    if zlib {
      blob.uint(2, UInt64(payload.count))
      blob.bytes(3, storedZlib(payload))
    } else {
      blob.bytes(1, payload)
    }
    var header = ProtoWriter()
    header.bytes(1, Array(type.utf8))
    header.uint(3, UInt64(blob.data.count))
    let n = header.data.count
    return [UInt8(n >> 24 & 255), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)] + header.data + blob.data
  }

  /// A zlib stream of stored (uncompressed) DEFLATE blocks, with its Adler-32.
  static func storedZlib(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var i = 0
    repeat {
      let n = min(65535, data.count - i)
      out.append(i + n == data.count ? 1 : 0)
      out += [UInt8(n & 255), UInt8(n >> 8), UInt8(~n & 255), UInt8((~n >> 8) & 255)]
      out += data[i..<(i + n)]
      i += n
    } while i < data.count
    var a: UInt32 = 1, b: UInt32 = 0
    for c in data { a = (a + UInt32(c)) % 65521; b = (b + a) % 65521 }
    let sum = b << 16 | a
    return out + [UInt8(sum >> 24), UInt8(sum >> 16 & 255), UInt8(sum >> 8 & 255), UInt8(sum & 255)]
  }
}

/// Protocol-buffers wire format, the writing side (tests only).
struct ProtoWriter {
  var data: [UInt8] = []

  static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

  mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 { data.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
    data.append(UInt8(v))
  }
  mutating func key(_ field: Int, _ wire: Int) { varint(UInt64(field << 3 | wire)) }
  mutating func uint(_ field: Int, _ v: UInt64) { key(field, 0); varint(v) }
  mutating func bytes(_ field: Int, _ b: [UInt8]) { key(field, 2); varint(UInt64(b.count)); data += b }
  mutating func message(_ field: Int, _ m: ProtoWriter) { bytes(field, m.data) }
  mutating func packed(_ field: Int, _ values: [UInt64]) {
    guard !values.isEmpty else { return }
    var p = ProtoWriter()
    for v in values { p.varint(v) }
    bytes(field, p.data)
  }
}

extension String {
  func replacingAll(_ a: String, _ b: String) -> String { split(separator: a, omittingEmptySubsequences: false).joined(separator: b) }
}
