import FibreCore
import FibreGraph

// The planner's typed input layers, derived from FeatureTables by
// `Layers+Reading.swift`. Each keeps `featureIndex` so that every problem and every
// output feature can point back at the input feature it came from.

/// Polylines with attributes: roads (with `highway`, `surface`, `name`) and existing
/// ducts. A MultiLineString feature contributes one line per part.
public struct LineLayer: Sendable {
  public var path: String
  /// Line `i` owns `points[lineStart[i] ..< lineStart[i+1]]`; every line has ≥ 2 points.
  public var lineStart: [Int32] = [0]
  public var points: [LonLat] = []
  public var featureIndex: [Int32] = []
  public var highway: [String?] = []
  public var surface: [String?] = []
  public var name: [String?] = []
  /// Ducts only: free sub-ducts of each line (`properties.free_subducts`, default 1; 0 =
  /// full, not reused). Empty for roads; a line without an entry counts as 1.
  public var freeSubducts: [Int32] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }
  public var count: Int { featureIndex.count }
  public func pointRange(_ line: Int) -> Range<Int> {
    Int(lineStart[line])..<Int(lineStart[line + 1])
  }
}

/// Buildings reduced to one representative point each, with a household count.
public struct BuildingLayer: Sendable {
  public var path: String
  /// Stable id: the feature's `id`, else `properties.id`, else `osm_id`, else the index.
  /// Duplicates are made unique (`id#2`) with a warning.
  public var ids: [String] = []
  public var points: [LonLat] = []
  /// Households in the building (`properties.units`, default 1; 0 for non-residential).
  public var units: [Int32] = []
  /// Best download speed available today (`properties.existing_mbps`), Mbit/s; NaN when
  /// unknown (absent, null or not a number), which eligibility counts as eligible.
  public var existingMbps: [Double] = []
  /// Whether any feature carries `existing_mbps` (even an unusable one): only then do
  /// the address lists get an `eligible` column.
  public var hasExistingMbps = false
  public var featureIndex: [Int32] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }
  public var count: Int { points.count }
}

/// Municipal sites: town halls, schools, fire stations.
public struct SiteLayer: Sendable {
  public var path: String
  public var ids: [String] = []
  public var names: [String] = []
  public var kinds: [String] = []
  public var critical: [Bool] = []
  public var points: [LonLat] = []
  public var featureIndex: [Int32] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }
  public var count: Int { points.count }
}

/// Municipality polygons. Polygon `i` of municipality `m` is stored as rings;
/// `ringStart` indexes `points`, `municipalityRingStart` indexes rings.
public struct BoundaryLayer: Sendable {
  public var path: String
  public var names: [String] = []
  public var municipalityRingStart: [Int32] = [0]
  public var ringStart: [Int32] = [0]
  public var points: [LonLat] = []
  public var featureIndex: [Int32] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }
  public var count: Int { names.count }
}
