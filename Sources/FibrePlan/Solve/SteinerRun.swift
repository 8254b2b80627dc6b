#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

/// Reads a Steiner file, checks it can be solved, runs `SteinerSolver`, verifies the
/// tree independently and reports it in the file's ids. The library side of
/// `fibreplan solve`; also used in-process by the benchmarks.
public func runSolve(_ request: SolveRequest) throws -> SolveReport {
  try SteinerRun.run(request)
}

public enum SteinerRun {
  /// Read + check + solve + verify. Throws `FibrePlanError` for bad input and
  /// `SteinerVerificationError` when the solver's tree fails verification.
  public static func run(_ request: SolveRequest) throws -> SolveReport {
    guard request.timeLimit >= 0, request.timeLimit.isFinite else {
      throw FibrePlanError(.usage, "time limit must be a non-negative number of seconds")
    }
    guard request.threads >= 1 else { throw FibrePlanError(.usage, "threads must be at least 1") }
    let start = monotonicSeconds()
    let file = try SteinLibReader.read(path: request.path)
    try checkTerminalsConnected(file)
    let readSeconds = monotonicSeconds() - start
    var report = try solve(file, options: options(for: request))
    report.readSeconds = readSeconds
    report.json = request.json
    return report
  }

  /// The solver's options for a request: prize-collecting searches run to the clock
  /// unless the request asks for a deterministic answer.
  package static func options(for request: SolveRequest) -> SteinerOptions {
    var options = SteinerOptions(timeLimit: request.timeLimit, threads: request.threads, seed: request.seed)
    options.pacing = request.deterministic ? .countedWork : .clock
    return options
  }

  /// Solves an already-read file whose terminals are connected, and verifies the tree.
  /// For prize-collecting files the solver's bound is kept only when its cost is the
  /// prize-collecting objective (a solver that treats prize nodes as required bounds a
  /// different problem), including trees that span every prize node.
  public static func solve(_ file: SteinerFile, options: SteinerOptions) throws -> SolveReport {
    let instance = file.instance
    let start = monotonicSeconds()
    // Prize-collecting files go to the PCSTP engine, which optimises the DIMACS
    // objective itself; plain Steiner files to the Steiner engine.
    let solution = instance.isPrizeCollecting
      ? PrizeCollectingSolver.solve(instance, root: file.root, options: options)
      : SteinerSolver.solve(solvable(file), options: options)
    let seconds = monotonicSeconds() - start
    let checked = try verify(solution, file: file)

    var lowerBound = solution.lowerBound
    if instance.isPrizeCollecting {
      // A tree spanning every prize node has edge cost = objective: that alone says nothing.
      if !close(solution.cost, checked.objective) { lowerBound = 0 }
    }
    var edges: [SolveReport.FileEdge] = []
    edges.reserveCapacity(solution.edges.count)
    for e in solution.edges {
      let a = Int(instance.edgeU[Int(e)]) + 1, b = Int(instance.edgeV[Int(e)]) + 1
      edges.append(SolveReport.FileEdge(u: min(a, b), v: max(a, b)))
    }
    edges.sort()
    return SolveReport(
      problem: instance.isPrizeCollecting ? "PCSPG" : "SPG", name: file.name,
      cost: checked.objective, edgeCost: checked.edgeCost, lowerBound: lowerBound,
      seconds: seconds, readSeconds: 0, edges: edges, edgeIndices: solution.edges.sorted(), json: false)
  }

  /// The instance handed to the solver. Prize-collecting files may have prize nodes in
  /// several components; a solver that treats them as required could not connect them,
  /// so only the component holding the root (else the largest total prize) keeps its
  /// terminals. Prizes stay, so the objective still counts the others as unspanned.
  package static func solvable(_ file: SteinerFile) -> SteinerInstance {
    var instance = file.instance
    guard instance.isPrizeCollecting, instance.terminals.count > 1 else { return instance }
    var sets = DisjointSets(count: instance.nodeCount)
    for e in 0..<instance.edgeCount { sets.union(instance.edgeU[e], instance.edgeV[e]) }
    var prizeOfComponent = [Double](repeating: 0, count: instance.nodeCount)
    for t in instance.terminals { prizeOfComponent[Int(sets.find(t))] += instance.prizes[Int(t)] }
    var best: Int32
    if let r = file.root {
      best = sets.find(r)
    } else {
      best = sets.find(instance.terminals[0])
      for t in instance.terminals where prizeOfComponent[Int(sets.find(t))] > prizeOfComponent[Int(best)] {
        best = sets.find(t)
      }
    }
    instance.terminals = instance.terminals.filter { sets.find($0) == best }
    return instance
  }

  /// For SPG files: every terminal must be in the component of the first one.
  /// Throws `.data` naming the first unreachable terminal and its line. O(n + m).
  public static func checkTerminalsConnected(_ file: SteinerFile) throws {
    let instance = file.instance
    guard !instance.isPrizeCollecting, let first = instance.terminals.first else { return }
    var sets = DisjointSets(count: instance.nodeCount)
    for e in 0..<instance.edgeCount { sets.union(instance.edgeU[e], instance.edgeV[e]) }
    let root = sets.find(first)
    for (i, t) in instance.terminals.enumerated() where sets.find(t) != root {
      throw FibrePlanError(.data, "\(file.fileName): line \(file.terminalLines[i]): terminal \(t + 1) is not connected to terminal \(first + 1)")
    }
  }

  /// Costs recomputed from the instance by `verify`.
  public struct CheckedTree: Sendable {
    public var edgeCost: Double
    /// Edge cost, plus unspanned prizes for PCSPG.
    public var objective: Double
  }

  /// Checks that `solution` is a tree of valid, distinct edges; for SPG that it spans
  /// every terminal; for PCSPG that it is connected (and holds the root, if any); that
  /// the solver's cost matches the recomputed one (either objective for PCSPG) and that
  /// its lower bound does not exceed it. O(n + m).
  public static func verify(_ solution: SteinerSolution, file: SteinerFile) throws -> CheckedTree {
    let instance = file.instance
    let n = instance.nodeCount
    func fail(_ what: String) -> SteinerVerificationError {
      SteinerVerificationError("\(file.fileName): solver returned an invalid tree: \(what)")
    }
    var used = [Bool](repeating: false, count: instance.edgeCount)
    var touched = [Bool](repeating: false, count: n)
    var sets = DisjointSets(count: n)
    var edgeCost = 0.0
    var touchedCount = 0
    for e32 in solution.edges {
      let e = Int(e32)
      guard e >= 0 && e < instance.edgeCount else { throw fail("edge index \(e) out of range") }
      guard !used[e] else { throw fail("edge index \(e) listed twice") }
      used[e] = true
      let u = instance.edgeU[e], v = instance.edgeV[e]
      guard sets.union(u, v) else { throw fail("edge \(u + 1)-\(v + 1) closes a cycle") }
      for x in [u, v] where !touched[Int(x)] { touched[Int(x)] = true; touchedCount += 1 }
      edgeCost += instance.edgeWeight[e]
    }
    // A forest with k edges on `touchedCount` nodes is connected iff k = touched - 1.
    if !solution.edges.isEmpty && solution.edges.count != touchedCount - 1 {
      throw fail("the edges form \(touchedCount - solution.edges.count) components, not one tree")
    }
    var objective = edgeCost
    if instance.isPrizeCollecting {
      if let r = file.root, !solution.edges.isEmpty, !touched[Int(r)] {
        throw fail("the tree does not contain the root \(r + 1)")
      }
      // With no edges the tree is one node: the root, else the node with the largest prize.
      var kept = -1
      if solution.edges.isEmpty {
        if let r = file.root { kept = Int(r) } else {
          var best = -1.0
          for v in 0..<n where instance.prizes[v] > best { best = instance.prizes[v]; kept = v }
        }
      }
      for v in 0..<n where !touched[v] && v != kept { objective += instance.prizes[v] }
    } else if instance.terminals.count > 1 {
      for t in instance.terminals where !touched[Int(t)] {
        throw fail("terminal \(t + 1) is not spanned")
      }
    }
    let costMatches = close(solution.cost, edgeCost) || (instance.isPrizeCollecting && close(solution.cost, objective))
    guard costMatches else {
      throw fail("reported cost \(solution.cost) but the edges cost \(edgeCost)" + (instance.isPrizeCollecting ? " (objective \(objective))" : ""))
    }
    guard solution.lowerBound.isFinite, solution.lowerBound <= max(edgeCost, objective) * (1 + 1e-9) + 1e-9 else {
      throw fail("lower bound \(solution.lowerBound) exceeds the tree's cost \(objective)")
    }
    return CheckedTree(edgeCost: edgeCost, objective: objective)
  }

  package static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  /// Monotonic wall clock in seconds.
  public static func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}

extension SteinerRun {
/// Union-find with path halving and union by size (Tarjan 1975).
package struct DisjointSets {
  private var parent: [Int32]
  private var size: [Int32]

  package init(count: Int) {
    parent = (0..<Int32(count)).map { $0 }
    size = [Int32](repeating: 1, count: count)
  }

  package mutating func find(_ x: Int32) -> Int32 {
    var x = x
    while parent[Int(x)] != x {
      parent[Int(x)] = parent[Int(parent[Int(x)])]
      x = parent[Int(x)]
    }
    return x
  }

  /// Joins the sets of `a` and `b`; false when they were already one set.
  @discardableResult
  package mutating func union(_ a: Int32, _ b: Int32) -> Bool {
    var ra = find(a), rb = find(b)
    if ra == rb { return false }
    if size[Int(ra)] < size[Int(rb)] { swap(&ra, &rb) }
    parent[Int(rb)] = ra
    size[Int(ra)] += size[Int(rb)]
    return true
  }
}
}
