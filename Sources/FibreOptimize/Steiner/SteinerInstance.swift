import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// An undirected Steiner tree problem in graphs: nodes `0..<nodeCount`, edge `e`
/// joins `edgeU[e]` and `edgeV[e]` at cost `edgeWeight[e]` (≥ 0). Parallel edges and
/// self-loops may occur in real data; solvers must tolerate them.
///
/// For prize-collecting instances `prizes` is non-empty (one prize per node, 0 for
/// ordinary nodes) and the objective is edge cost plus the prizes of unspanned nodes.
public struct SteinerInstance: Sendable {
  public var nodeCount: Int
  public var edgeU: [Int32]
  public var edgeV: [Int32]
  public var edgeWeight: [Double]
  public var terminals: [Int32]
  public var prizes: [Double]

  public init(nodeCount: Int, edgeU: [Int32], edgeV: [Int32], edgeWeight: [Double],
              terminals: [Int32], prizes: [Double] = []) {
    self.nodeCount = nodeCount
    self.edgeU = edgeU
    self.edgeV = edgeV
    self.edgeWeight = edgeWeight
    self.terminals = terminals
    self.prizes = prizes
  }

  public var edgeCount: Int { edgeU.count }
  public var isPrizeCollecting: Bool { !prizes.isEmpty }
}

/// A solution: a tree given as indices into the instance's edge arrays, its cost and a
/// certified lower bound on the optimum (0 when no bound was computed).
public struct SteinerSolution: Sendable {
  public var edges: [Int32]
  public var cost: Double
  public var lowerBound: Double
  public var seconds: Double

  public init(edges: [Int32], cost: Double, lowerBound: Double, seconds: Double) {
    self.edges = edges
    self.cost = cost
    self.lowerBound = lowerBound
    self.seconds = seconds
  }

  /// Gap between the tree's cost and the lower bound, in percent of the bound.
  public var gapPercent: Double {
    lowerBound > 0 ? max(0, (cost - lowerBound) / lowerBound * 100) : (cost == 0 ? 0 : .infinity)
  }
}

public struct SteinerOptions: Sendable {
  /// The time limit of the solve, in seconds. It is turned into counted work (work
  /// units per second), so the result does not depend on the clock; the clock is only a
  /// safety net at 90 % of the limit. 0 means: reductions, construction and one pass of
  /// local search, then return.
  public var timeLimit: Double = 10
  /// Worker threads; results do not depend on it.
  public var threads: Int = 2
  public var seed: UInt64 = 1
  /// Upper limit on multi-start rounds (two work units each), e.g. for reproducible
  /// runs independent of the clock; nil: as many as the time limit allows.
  public var maxRounds: Int? = nil
  /// Prize-collecting descent with vertex moves only (insertion, elimination, path
  /// grafts), without key-path and key-vertex exchanges: several times quicker on graphs
  /// of thousands of nodes, for callers that solve many instances at time limit 0.
  public var vertexMovesOnly = false
  /// Share of the time limit given to the vertex-set annealing that follows the
  /// restarts (0 turns it off). Its work is counted, not timed, so results stay
  /// deterministic; the share is calibrated on a 2-core machine.
  public var annealingShare = 0.25
  /// Share of the time limit given to the swap search over Steiner-vertex sets on
  /// instances whose edges all cost the same (0 turns it off); counted work, like the
  /// annealing. The earlier phases leave it that share of the clock too.
  public var swapShare = 0.3
  /// Seconds from the start at which the clock's safety nets sit; nil: the time limit.
  /// A caller that runs the Steiner engine as one counted-work stage of a longer search
  /// (the prize-collecting Steiner polish) sets it to the time it has left: a stage of a
  /// tenth of a second can spend longer than that on reductions alone, and the net would
  /// then cut it at a point that depends on the machine.
  public var clockLimit: Double? = nil
  /// What the clock's safety nets are fractions of: `clockLimit`, else the time limit.
  package var clockSpan: Double { clockLimit ?? timeLimit }
  /// How the prize-collecting search spends its time limit (the Steiner engine always
  /// stops on counted work). Planning keeps `.countedWork`, so each of its solves is
  /// reproducible.
  public var pacing = Pacing.countedWork

  /// See `pacing`.
  public enum Pacing: Sendable {
    /// Stop when the counted work of the limit is spent: the same tree on any machine
    /// and with any number of threads, though a fast machine may stop before the clock.
    case countedWork
    /// After the counted work, search on until the clock reaches the limit or the tree
    /// meets its certified bound, with one independent search per thread. Uses the
    /// whole limit; the tree may differ between runs.
    case clock
  }

  public init(timeLimit: Double = 10, threads: Int = 2, seed: UInt64 = 1, maxRounds: Int? = nil) {
    self.timeLimit = timeLimit
    self.threads = threads
    self.seed = seed
    self.maxRounds = maxRounds
  }
}
