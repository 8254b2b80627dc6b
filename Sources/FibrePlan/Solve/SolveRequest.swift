import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// What `fibreplan solve` asks for.
public struct SolveRequest: Sendable {
  public var path: String
  /// Seconds for the solver; 0 = reductions, construction and one local-search pass.
  public var timeLimit: Double
  public var threads: Int
  public var seed: UInt64
  /// Select `SolveReport.jsonText` instead of the PACE text as `output`.
  public var json: Bool
  /// Prize-collecting files: stop on counted work (`SteinerOptions.Pacing.countedWork`),
  /// so the tree is the same on every run, instead of searching until the time limit.
  public var deterministic: Bool

  public init(path: String, timeLimit: Double = 10, threads: Int = 2, seed: UInt64 = 1, json: Bool = false,
              deterministic: Bool = false) {
    self.path = path
    self.timeLimit = timeLimit
    self.threads = threads
    self.seed = seed
    self.json = json
    self.deterministic = deterministic
  }
}

/// A verified solution of a Steiner file, in the file's own (1-based) node ids.
public struct SolveReport: Sendable {
  /// "SPG", or "PCSPG" for prize-collecting files.
  public var problem: String
  public var name: String
  /// Objective: edge cost, plus the prizes of unspanned nodes for PCSPG.
  public var cost: Double
  /// Sum of the tree's edge weights.
  public var edgeCost: Double
  /// Certified lower bound on the optimal objective; 0 when none is known.
  public var lowerBound: Double
  /// Solver wall-clock seconds; `readSeconds` covers reading and checking the file.
  public var seconds: Double
  public var readSeconds: Double
  /// Tree edges as (u, v) file ids with u ≤ v, sorted; deterministic for a given tree.
  public var edges: [FileEdge]
  /// Indices of the tree edges in the instance's edge arrays, ascending.
  public var edgeIndices: [Int32]
  public var json: Bool

  public struct FileEdge: Sendable, Equatable, Comparable {
    public var u: Int
    public var v: Int
    public init(u: Int, v: Int) { self.u = u; self.v = v }
    public static func < (a: FileEdge, b: FileEdge) -> Bool { (a.u, a.v) < (b.u, b.v) }
  }

  public init(problem: String, name: String, cost: Double, edgeCost: Double, lowerBound: Double,
              seconds: Double, readSeconds: Double, edges: [FileEdge], edgeIndices: [Int32], json: Bool) {
    self.problem = problem
    self.name = name
    self.cost = cost
    self.edgeCost = edgeCost
    self.lowerBound = lowerBound
    self.seconds = seconds
    self.readSeconds = readSeconds
    self.edges = edges
    self.edgeIndices = edgeIndices
    self.json = json
  }

  /// Gap between cost and lower bound in percent of the bound; nil without a bound.
  public var gapPercent: Double? {
    if lowerBound > 0 { return max(0, (cost - lowerBound) / lowerBound * 100) }
    return cost == 0 ? 0 : nil
  }

  /// What the CLI prints: `jsonText` or `paceText`.
  public var output: String { json ? jsonText : paceText }
}

/// A solver result that failed verification: a bug, not bad input (the CLI exits 1).
public struct SteinerVerificationError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
