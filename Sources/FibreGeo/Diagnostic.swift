import FibreCore

/// One problem found in the input. Warnings are real-data defects that the plan
/// works around (and counts); errors make the input unusable.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable, Comparable {
    case warning, error
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
  }

  public var severity: Severity
  /// The file as the user named it.
  public var file: String
  /// 1-based line in the file, when known.
  public var line: Int?
  /// 0-based index of the feature in its FeatureCollection, when the problem belongs to one.
  public var feature: Int?
  /// The JSON field (`geometry.coordinates`, `properties.units`, ...) when known.
  public var field: String?
  /// A short machine-readable code (`nan_coordinate`, `swapped_lat_lon`, ...) used for
  /// counting and for flags in the output.
  public var code: String
  public var message: String

  public init(_ severity: Severity, file: String, line: Int? = nil, feature: Int? = nil,
              field: String? = nil, code: String, _ message: String) {
    self.severity = severity
    self.file = file
    self.line = line
    self.feature = feature
    self.field = field
    self.code = code
    self.message = message
  }

  /// `file:line: feature N: field: message`, the form compilers and GDAL use.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    s += ": "
    if severity == .warning { s += "warning: " } else { s += "error: " }
    if let feature { s += "feature \(feature): " }
    if let field { s += "\(field): " }
    return s + message
  }
}
