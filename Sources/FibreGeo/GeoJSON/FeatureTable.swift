import FibreCore
import FibreGraph

/// The geometry type of one GeoJSON feature.
public enum GeometryType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  case null, point, multiPoint, lineString, multiLineString, polygon, multiPolygon, geometryCollection
  public var description: String {
    switch self {
    case .null: return "null"
    case .point: return "Point"
    case .multiPoint: return "MultiPoint"
    case .lineString: return "LineString"
    case .multiLineString: return "MultiLineString"
    case .polygon: return "Polygon"
    case .multiPolygon: return "MultiPolygon"
    case .geometryCollection: return "GeometryCollection"
    }
  }
}

/// One GeoJSON FeatureCollection held column-wise: flat coordinate and offset
/// arrays, no per-feature objects. Read with `GeoJSONReader`.
///
/// Geometry layout: feature `f` owns parts `featurePartStart[f] ..< featurePartStart[f+1]`;
/// part `p` owns points `partPointStart[p] ..< partPointStart[p+1]` of `points`. A part is
/// one line of a (Multi)LineString, one ring of a (Multi)Polygon, or the single position
/// of a Point. `partStartsPolygon[p]` is true for the exterior ring of each polygon, so
/// a MultiPolygon's polygons can be told apart.
public struct FeatureTable: Sendable {
  /// The path as the user named it, for messages.
  public var path: String
  public var geometryTypes: [GeometryType] = []
  /// 1-based line on which each feature starts.
  public var featureLines: [Int32] = []
  public var featurePartStart: [Int32] = [0]
  public var partPointStart: [Int32] = [0]
  public var partStartsPolygon: [Bool] = []
  public var points: [LonLat] = []

  /// Interned property keys; feature `f` owns property slots
  /// `featurePropertyStart[f] ..< featurePropertyStart[f+1]`.
  public var propertyKeys: [String] = []
  public var featurePropertyStart: [Int32] = [0]
  public var propertyKey: [Int32] = []
  public var propertyValue: [JSONValue] = []
  /// The feature-level `id` member, when present.
  public var featureIDs: [JSONValue?] = []

  /// Problems found while reading (non-fatal). Fatal problems throw instead.
  public var diagnostics: [Diagnostic] = []
  /// The box of the valid positions (`LonLat.isValid`) and the count of the others,
  /// kept by the reader as it appends them (no second pass over `points`).
  public var validBounds = BoundingBox()
  public var invalidPositionCount = 0

  public init(path: String) { self.path = path }

  public var count: Int { geometryTypes.count }

  /// Index of `key` in `propertyKeys`, to look properties up without string compares.
  public func keyIndex(_ key: String) -> Int32? {
    propertyKeys.firstIndex(of: key).map { Int32($0) }
  }

  /// The value of property `key` on feature `f`, or nil when absent.
  public func property(_ f: Int, _ key: Int32?) -> JSONValue? {
    guard let key else { return nil }
    var i = Int(featurePropertyStart[f])
    let end = Int(featurePropertyStart[f + 1])
    while i < end {
      if propertyKey[i] == key { return propertyValue[i] }
      i += 1
    }
    return nil
  }

  public func parts(of f: Int) -> Range<Int> {
    Int(featurePartStart[f])..<Int(featurePartStart[f + 1])
  }
  public func pointRange(ofPart p: Int) -> Range<Int> {
    Int(partPointStart[p])..<Int(partPointStart[p + 1])
  }
}
