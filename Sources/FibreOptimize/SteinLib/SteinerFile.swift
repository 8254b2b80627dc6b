import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// A Steiner instance read from a SteinLib `.stp` or PACE 2018 `.gr` file, with what
/// the file declared and where things were, for messages and output in file ids.
public struct SteinerFile: Sendable {
  public enum Format: String, Sendable {
    /// SteinLib: first line `33D32945 STP File, STP Format Version 1.0`.
    case steinLib
    /// PACE 2018: the same sections without the header line.
    case pace
  }

  /// Nodes are 0-based here; file id = index + 1.
  public var instance: SteinerInstance
  /// `Name` from the comment section, else the file name without `.gz`/`.stp`/`.gr`.
  public var name: String
  /// File name used in messages (last path component).
  public var fileName: String
  public var format: Format
  public var wasGzipped: Bool
  /// `Problem` from the comment section, if any.
  public var problem: String?
  public var declaredNodes: Int
  public var declaredEdges: Int
  public var declaredTerminals: Int
  /// 0-based root from `Root r` / `RootP r`, if the file names one.
  public var root: Int32?
  /// 1-based file line of each entry of `instance.terminals`.
  public var terminalLines: [Int32]
  /// For prize-collecting files: `TP` lines whose prize is 0 (not terminals, since
  /// leaving them out costs nothing).
  public var zeroPrizeNodes: Int

  public init(instance: SteinerInstance, name: String, fileName: String, format: Format,
              wasGzipped: Bool, problem: String?, declaredNodes: Int, declaredEdges: Int,
              declaredTerminals: Int, root: Int32?, terminalLines: [Int32], zeroPrizeNodes: Int) {
    self.instance = instance
    self.name = name
    self.fileName = fileName
    self.format = format
    self.wasGzipped = wasGzipped
    self.problem = problem
    self.declaredNodes = declaredNodes
    self.declaredEdges = declaredEdges
    self.declaredTerminals = declaredTerminals
    self.root = root
    self.terminalLines = terminalLines
    self.zeroPrizeNodes = zeroPrizeNodes
  }
}
