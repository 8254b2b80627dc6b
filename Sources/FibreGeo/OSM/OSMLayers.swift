import FibreCore
import FibreGraph

/// A road line: a way whose `highway` is a class a trench can follow.
public struct OSMRoad: Sendable, Equatable {
  public var osmId: Int64
  public var highway: String
  public var name: String?
  public var surface: String?
  public var bridge: String?
  public var tunnel: String?
  /// At least two points, in way order (nodes missing from the extract are left out).
  public var points: [OSMPoint]
}

/// A building as one representative point.
public struct OSMBuilding: Sendable, Equatable {
  /// Node id for building nodes, way id for closed ways, relation id for multipolygons.
  public var osmId: Int64
  public var building: String
  /// Estimated households (see `OSMSelection.units`).
  public var units: Int
  public var point: OSMPoint
}

/// A public or municipal site (an `amenity` from the site list) as one point.
public struct OSMSite: Sendable, Equatable {
  public var osmId: Int64
  public var name: String?
  public var kind: String
  public var critical: Bool
  public var point: OSMPoint
}

/// An administrative boundary relation assembled into polygons: each polygon is an outer
/// ring (counter-clockwise) followed by its holes (clockwise), rings closed, as RFC 7946.
public struct OSMBoundary: Sendable, Equatable {
  public var osmId: Int64
  public var name: String?
  public var adminLevel: String
  public var polygons: [[[OSMPoint]]]
}

/// The four planner layers made from one OSM extract, each ordered by OSM id (ties:
/// way, relation, node, as GDAL's output of derive-layers.sh).
public struct OSMLayers: Sendable, Equatable {
  public var roads: [OSMRoad] = []
  public var buildings: [OSMBuilding] = []
  public var sites: [OSMSite] = []
  public var boundaries: [OSMBoundary] = []
  /// Areas and relations that could not be given a geometry (ways or nodes missing
  /// from the extract, rings that do not close), by layer.
  public var skipped = OSMSkipCounts()
  /// Elements read from the file: all nodes and ways, multipolygon/boundary relations.
  public var nodesRead = 0
  public var waysRead = 0
  public var relationsRead = 0

  public init() {}
}

/// Features left out because the extract does not hold all of their geometry.
public struct OSMSkipCounts: Sendable, Equatable {
  public var roads = 0
  public var buildings = 0
  public var sites = 0
  public var boundaries = 0
  public init() {}
}

extension OSMLayers {
  /// Reads an `.osm` (XML), `.osm.gz` or `.osm.pbf` file and derives the layers.
  /// The format is told by content (PBF frame, gzip magic) or a `.pbf` name.
  /// - Throws: `.missingFile` when absent, `.data` (naming the byte offset, and the line
  ///   for XML) when malformed or truncated, `.io` when unreadable.
  /// - Complexity: O(file size + N log N) for N nodes; memory about 16 bytes per node
  ///   plus 8 per way node reference.
  public static func read(path: String, adminLevel: Int = 8) throws -> OSMLayers {
    let bytes = try FileBytes.read(path: path)
    return try parse(bytes, file: FileBytes.displayName(path), adminLevel: adminLevel)
  }

  /// Derives the layers from the bytes of an OSM file (see `read(path:adminLevel:)`).
  public static func parse(_ bytes: [UInt8], file: String, adminLevel: Int = 8) throws -> OSMLayers {
    var extract = OSMExtract()
    if PBFReader.looksLikePBF(bytes) || bytes.first == 0 || file.hasSuffix(".pbf") {
      // XML never starts with a NUL byte: anything else starting so is a damaged PBF.
      try PBFReader.read(bytes, file: file, into: &extract)
    } else if Gzip.isGzip(bytes) {
      try OSMXMLReader.read(try Gzip.decompress(bytes, file: file), file: file, into: &extract)
    } else {
      try OSMXMLReader.read(bytes, file: file, into: &extract)
    }
    extract.finish()
    return OSMLayers(extract, adminLevel: adminLevel)
  }
}
