/// The one error type that crosses the library boundary. Each case maps to a
/// sysexits(3) code, so the CLI can exit with the conventional status.
public struct FibrePlanError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Wrong arguments or options (EX_USAGE, 64).
    case usage
    /// Input that is present but cannot be used (EX_DATAERR, 65).
    case data
    /// An input file that does not exist or cannot be opened (EX_NOINPUT, 66).
    case missingFile
    /// Reading or writing failed underneath us (EX_IOERR, 74).
    case io
    /// Interrupted by SIGINT (130) or SIGTERM (143).
    case interrupted(signal: Int32)
  }

  public var kind: Kind
  /// A complete message that names the file, and where possible the line or byte
  /// offset, the feature index and the field: `roads.geojson:412: feature 17: coordinates: ...`.
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var exitCode: Int32 {
    switch kind {
    case .usage: return 64
    case .data: return 65
    case .missingFile: return 66
    case .io: return 74
    case .interrupted(let signal): return 128 + signal
    }
  }

  public var description: String { message }
}
