import FibreCore
import FibreGraph

/// Decodes one PBF PrimitiveBlock: its string table, then each PrimitiveGroup's nodes,
/// dense nodes, ways and relations (osmformat.proto field numbers), into `OSMExtract`.
package struct PrimitiveBlockDecoder {
  package let reader: ProtobufReader
  /// Byte ranges of the string table's entries; entry 0 is the empty string.
  package var strings: [Range<Int>] = []
  /// Each entry classified once as a tag key, so tags are matched without building strings.
  package var keyCodes: [OSMTagKey] = []
  package var granularity: Int64 = 100
  package var latOffset: Int64 = 0
  package var lonOffset: Int64 = 0

  /// O(block size); builds Swift strings only for the tag values the layers use.
  package static func decode(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var decoder = PrimitiveBlockDecoder(reader: reader)
    var r = reader
    var groups: [Range<Int>] = []
    var table: Range<Int>?
    while let (number, wire) = try r.field() {
      switch number {
      case 1: table = try r.lengthDelimited(wire: wire)
      case 2: groups.append(try r.lengthDelimited(wire: wire))
      case 17:
        decoder.granularity = Int64(truncatingIfNeeded: try r.varintField(wire: wire))
        guard decoder.granularity > 0 else { throw r.failure("granularity must be positive") }
      case 19: decoder.latOffset = Int64(bitPattern: try r.varintField(wire: wire))
      case 20: decoder.lonOffset = Int64(bitPattern: try r.varintField(wire: wire))
      default: try r.skip(wire: wire)
      }
    }
    guard let table else { throw r.failure("primitive block has no string table", at: reader.pos) }
    var t = reader.sub(table)
    while let (number, wire) = try t.field() {
      guard number == 1 else { try t.skip(wire: wire); continue }
      let range = try t.lengthDelimited(wire: wire)
      decoder.strings.append(range)
      decoder.keyCodes.append(OSMTagKey.classify(UnsafeBufferPointer(rebasing: reader.bytes[range])))
    }
    for group in groups {
      try decoder.decodeGroup(reader.sub(group), into: &extract)
    }
  }

  private func decodeGroup(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var r = reader
    while let (number, wire) = try r.field() {
      switch number {
      case 1: try decodeNode(r.sub(try r.lengthDelimited(wire: wire)), into: &extract)
      case 2: try decodeDense(r.sub(try r.lengthDelimited(wire: wire)), into: &extract)
      case 3: try decodeWay(r.sub(try r.lengthDelimited(wire: wire)), into: &extract)
      case 4: try decodeRelation(r.sub(try r.lengthDelimited(wire: wire)), into: &extract)
      default: try r.skip(wire: wire)  // changesets
      }
    }
  }

  package func string(_ index: UInt64, _ r: ProtobufReader) throws -> String {
    guard index < UInt64(strings.count) else { throw r.failure("string index \(index) outside the table of \(strings.count)") }
    return String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[strings[Int(index)]]), as: UTF8.self)
  }

  @inline(__always) package func addTag(_ tags: inout OSMTags, key: UInt64, value: UInt64, _ r: ProtobufReader) throws {
    guard key < UInt64(keyCodes.count), value < UInt64(strings.count) else {
      throw r.failure("tag string index (\(key), \(value)) outside the table of \(strings.count)")
    }
    let code = keyCodes[Int(key)]
    tags.set(code, OSMTags.wantsValue(code) ? try string(value, r) : "")
  }

  /// Converts a stored coordinate to 1e-7 degrees: offset + granularity × value nanodegrees.
  @inline(__always) package func fixed(_ value: Int64, offset: Int64, limit: Int64, _ r: ProtobufReader) throws -> Int32 {
    let (scaled, o1) = granularity.multipliedReportingOverflow(by: value)
    let (nano, o2) = scaled.addingReportingOverflow(offset)
    let q = nano >= 0 ? (nano + 50) / 100 : (nano - 50) / 100
    guard !o1, !o2, q >= -limit, q <= limit else { throw r.failure("coordinate out of range") }
    return Int32(q)
  }

  private func decodeNode(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var r = reader
    var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
    var keys: Range<Int>?, vals: Range<Int>?
    while let (number, wire) = try r.field() {
      switch number {
      case 1: let v = try r.varintField(wire: wire); id = Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
      case 2: keys = try r.lengthDelimited(wire: wire)
      case 3: vals = try r.lengthDelimited(wire: wire)
      case 8: let v = try r.varintField(wire: wire); lat = Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
      case 9: let v = try r.varintField(wire: wire); lon = Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
      default: try r.skip(wire: wire)
      }
    }
    let tags = try keyValueTags(keys, vals, r)
    extract.addNode(id: id, lat: try fixed(lat, offset: latOffset, limit: 900_000_000, r),
                    lon: try fixed(lon, offset: lonOffset, limit: 1_800_000_000, r))
    if !tags.isEmpty { extract.addTaggedNode(id: id, tags: tags) }
  }

  /// Tags from parallel packed `keys` and `vals` string indices (nodes, ways, relations).
  private func keyValueTags(_ keys: Range<Int>?, _ vals: Range<Int>?, _ r: ProtobufReader) throws -> OSMTags {
    var tags = OSMTags()
    guard let keys else {
      if vals.map({ !$0.isEmpty }) ?? false { throw r.failure("tag values without keys") }
      return tags
    }
    var k = r.sub(keys)
    var v = r.sub(vals ?? keys.lowerBound..<keys.lowerBound)
    while !k.atEnd {
      guard !v.atEnd else { throw k.failure("more tag keys than values") }
      try addTag(&tags, key: try k.varint(), value: try v.varint(), k)
    }
    guard v.atEnd else { throw v.failure("more tag values than keys") }
    return tags
  }

  private func decodeDense(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var r = reader
    var idRange = 0..<0, latRange = 0..<0, lonRange = 0..<0
    var kvRange: Range<Int>?
    while let (number, wire) = try r.field() {
      switch number {
      case 1: idRange = try r.lengthDelimited(wire: wire)
      case 8: latRange = try r.lengthDelimited(wire: wire)
      case 9: lonRange = try r.lengthDelimited(wire: wire)
      case 10: kvRange = try r.lengthDelimited(wire: wire)
      default: try r.skip(wire: wire)  // denseinfo
      }
    }
    var ids = r.sub(idRange), lats = r.sub(latRange), lons = r.sub(lonRange)
    var kv = r.sub(kvRange ?? 0..<0)
    var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
    while !ids.atEnd {
      guard !lats.atEnd, !lons.atEnd else { throw ids.failure("dense nodes: fewer lat/lon values than ids") }
      // Deltas wrap like the writers' arithmetic; garbage ends up as a range error.
      id = id &+ (try ids.sint64())
      lat = lat &+ (try lats.sint64())
      lon = lon &+ (try lons.sint64())
      extract.addNode(id: id, lat: try fixed(lat, offset: latOffset, limit: 900_000_000, lats),
                      lon: try fixed(lon, offset: lonOffset, limit: 1_800_000_000, lons))
      if kvRange != nil {
        var tags = OSMTags()
        while true {
          guard !kv.atEnd else { throw kv.failure("dense nodes: keys_vals ends inside node \(id)") }
          let key = try kv.varint()
          if key == 0 { break }
          guard !kv.atEnd else { throw kv.failure("dense nodes: key without value") }
          try addTag(&tags, key: key, value: try kv.varint(), kv)
        }
        if !tags.isEmpty { extract.addTaggedNode(id: id, tags: tags) }
      }
    }
    guard lats.atEnd, lons.atEnd else { throw lats.failure("dense nodes: more lat/lon values than ids") }
  }

  private func decodeWay(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var r = reader
    var id: Int64?
    var keys: Range<Int>?, vals: Range<Int>?, refs = 0..<0
    while let (number, wire) = try r.field() {
      switch number {
      case 1: id = try r.int64()
      case 2: keys = try r.lengthDelimited(wire: wire)
      case 3: vals = try r.lengthDelimited(wire: wire)
      case 8: refs = try r.lengthDelimited(wire: wire)
      default: try r.skip(wire: wire)
      }
    }
    guard let id else { throw r.failure("way without id", at: reader.pos) }
    extract.beginWay(id: id, tags: try keyValueTags(keys, vals, r))
    var refReader = r.sub(refs)
    var ref: Int64 = 0
    while !refReader.atEnd {
      ref = ref &+ (try refReader.sint64())
      extract.addWayRef(ref)
    }
    extract.endWay()
  }

  private func decodeRelation(_ reader: ProtobufReader, into extract: inout OSMExtract) throws {
    var r = reader
    var id: Int64?
    var keys: Range<Int>?, vals: Range<Int>?, roles = 0..<0, memids = 0..<0, types = 0..<0
    while let (number, wire) = try r.field() {
      switch number {
      case 1: id = try r.int64()
      case 2: keys = try r.lengthDelimited(wire: wire)
      case 3: vals = try r.lengthDelimited(wire: wire)
      case 8: roles = try r.lengthDelimited(wire: wire)
      case 9: memids = try r.lengthDelimited(wire: wire)
      case 10: types = try r.lengthDelimited(wire: wire)
      default: try r.skip(wire: wire)
      }
    }
    guard let id else { throw r.failure("relation without id", at: reader.pos) }
    let tags = try keyValueTags(keys, vals, r)
    guard OSMSelection.keepsRelation(tags) else { return }
    var roleReader = r.sub(roles), idReader = r.sub(memids), typeReader = r.sub(types)
    var members: [(Int64, OSMMemberRole)] = []
    var hasOther = false
    var ref: Int64 = 0
    while !idReader.atEnd {
      guard !roleReader.atEnd, !typeReader.atEnd else { throw idReader.failure("relation \(id): members lack roles or types") }
      ref = ref &+ (try idReader.sint64())
      let role = try string(try roleReader.varint(), roleReader)
      let type = try typeReader.varint()
      switch type {
      case 1: members.append((ref, OSMMemberRole(role)))
      case 0, 2: hasOther = true
      default: throw typeReader.failure("relation \(id): unknown member type \(type)")
      }
    }
    guard roleReader.atEnd, typeReader.atEnd else { throw roleReader.failure("relation \(id): more roles or types than members") }
    extract.addRelation(id: id, tags: tags, wayMembers: members, hasOtherMembers: hasOther)
  }
}
