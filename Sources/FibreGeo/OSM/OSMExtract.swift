import FibreCore
import FibreGraph

/// A position in OSM's own fixed point: 1e-7 degrees (100 nanodegrees), the precision
/// of the OSM database and of the 7-decimal GeoJSON output, so coordinates pass through
/// the importer without any rounding.
public struct OSMPoint: Hashable, Sendable {
  public var lon: Int32
  public var lat: Int32
  public init(lon: Int32, lat: Int32) {
    self.lon = lon
    self.lat = lat
  }
  public var lonLat: LonLat { LonLat(lon: Double(lon) * 1e-7, lat: Double(lat) * 1e-7) }
}

/// Role of a relation member way in a multipolygon. GDAL's driver uses every way
/// member except `subarea`; only `outer` ways lend their tags to an untagged relation
/// and stop being areas of their own.
package enum OSMMemberRole: UInt8 {
  case outer, inner, other, subarea

  package init(_ role: String) {
    switch role {
    case "outer": self = .outer
    case "inner": self = .inner
    case "subarea": self = .subarea
    default: self = .other
    }
  }
}

/// Everything the readers keep from an OSM file, column-wise.
///
/// Memory: 16 bytes per node (id, lat, lon), 8 bytes per way node reference (way refs
/// are kept for every way, because relation members come after the ways and are often
/// untagged), and tags only for the elements that may become a feature.
package struct OSMExtract {
  // All nodes, sorted by id after `finish()`.
  package var nodeIds: [Int64] = []
  package var nodeLat: [Int32] = []
  package var nodeLon: [Int32] = []
  private var nodesSorted = true

  // Nodes that are buildings or sites.
  package var taggedNodeIds: [Int64] = []
  package var taggedNodeTags: [OSMTags] = []

  // All ways (CSR): refs of way w are wayRefs[wayRefStart[w] ..< wayRefStart[w + 1]].
  package var wayIds: [Int64] = []
  package var wayRefStart: [Int] = [0]
  package var wayRefs: [Int64] = []
  /// Index into `wayTags`, or -1 when the way's tags are not needed.
  package var wayTagIndex: [Int32] = []
  package var wayTags: [OSMTags] = []
  private var waysSorted = true

  // Multipolygon / boundary relations that may become a feature.
  package var relationIds: [Int64] = []
  package var relationTags: [OSMTags] = []
  package var relationMemberStart: [Int] = [0]
  package var memberWayIds: [Int64] = []
  package var memberRoles: [OSMMemberRole] = []
  /// Relations that also list node or relation members (ignored for geometry).
  package var relationHasOtherMembers: [Bool] = []

  init() {}

  package mutating func addNode(id: Int64, lat: Int32, lon: Int32) {
    if let last = nodeIds.last, id <= last { nodesSorted = false }
    nodeIds.append(id)
    nodeLat.append(lat)
    nodeLon.append(lon)
  }

  package mutating func addTaggedNode(id: Int64, tags: OSMTags) {
    guard OSMSelection.keepsNode(tags) else { return }
    taggedNodeIds.append(id)
    taggedNodeTags.append(tags)
  }

  package mutating func beginWay(id: Int64, tags: OSMTags) {
    if let last = wayIds.last, id <= last { waysSorted = false }
    wayIds.append(id)
    if OSMSelection.keepsWayTags(tags) {
      wayTagIndex.append(Int32(wayTags.count))
      wayTags.append(tags)
    } else {
      wayTagIndex.append(-1)
    }
  }

  /// Appends one node reference to the way begun last.
  @inline(__always) package mutating func addWayRef(_ ref: Int64) { wayRefs.append(ref) }

  package mutating func endWay() { wayRefStart.append(wayRefs.count) }

  /// Adds a relation; `members` are (way id, role) pairs of its way members.
  package mutating func addRelation(id: Int64, tags: OSMTags, wayMembers: [(Int64, OSMMemberRole)], hasOtherMembers: Bool) {
    guard OSMSelection.keepsRelation(tags) else { return }
    relationIds.append(id)
    relationTags.append(tags)
    for (ref, role) in wayMembers {
      memberWayIds.append(ref)
      memberRoles.append(role)
    }
    relationMemberStart.append(memberWayIds.count)
    relationHasOtherMembers.append(hasOtherMembers)
  }

  /// Sorts nodes and ways by id if the file was not sorted (files from osmium, osmconvert
  /// and the planet dumps are). Duplicate ids keep the first occurrence. O(n log n) when
  /// unsorted, O(1) otherwise.
  package mutating func finish() {
    if !nodesSorted {
      let order = stableOrder(nodeIds)
      nodeIds = order.map { nodeIds[$0] }
      nodeLat = order.map { nodeLat[$0] }
      nodeLon = order.map { nodeLon[$0] }
      nodesSorted = true
    }
    if !waysSorted {
      let order = stableOrder(wayIds)
      var ids: [Int64] = [], start: [Int] = [0], refs: [Int64] = [], tagIndex: [Int32] = []
      ids.reserveCapacity(wayIds.count)
      refs.reserveCapacity(wayRefs.count)
      for w in order {
        ids.append(wayIds[w])
        refs.append(contentsOf: wayRefs[wayRefStart[w]..<wayRefStart[w + 1]])
        start.append(refs.count)
        tagIndex.append(wayTagIndex[w])
      }
      wayIds = ids; wayRefStart = start; wayRefs = refs; wayTagIndex = tagIndex
      waysSorted = true
    }
  }

  private func stableOrder(_ ids: [Int64]) -> [Int] {
    Array(ids.indices).sorted { ids[$0] != ids[$1] ? ids[$0] < ids[$1] : $0 < $1 }
  }

  /// The position of node `id`, or nil if the extract does not hold it. O(log n).
  package func node(_ id: Int64) -> OSMPoint? {
    guard let i = Self.search(nodeIds, id) else { return nil }
    return OSMPoint(lon: nodeLon[i], lat: nodeLat[i])
  }

  /// The index of way `id`, or nil. O(log n).
  package func way(_ id: Int64) -> Int? { Self.search(wayIds, id) }

  package func refs(ofWay w: Int) -> ArraySlice<Int64> { wayRefs[wayRefStart[w]..<wayRefStart[w + 1]] }

  /// First index of `id` in the sorted `ids` (binary search).
  package static func search(_ ids: [Int64], _ id: Int64) -> Int? {
    var lo = 0, hi = ids.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if ids[mid] < id { lo = mid + 1 } else { hi = mid }
    }
    return lo < ids.count && ids[lo] == id ? lo : nil
  }
}
