import Foundation
import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct SolveRunTests {
  func file(_ text: String, name: String = "t.stp") throws -> SteinerFile {
    try SteinLibReader.parse(bytes: Array(text.utf8), path: name)
  }

  static let square = """
    SECTION Graph
    Nodes 5
    Edges 6
    E 1 2 3
    E 2 3 3
    E 3 4 3
    E 4 1 3
    E 1 5 2
    E 3 5 2
    END
    SECTION Terminals
    Terminals 2
    T 1
    T 3
    END
    EOF
    """

  @Test func paceAndJSONGoldenText() {
    let r = SolveReport(problem: "SPG", name: "x", cost: 82, edgeCost: 82, lowerBound: 80, seconds: 0.01234,
                        readSeconds: 0, edges: [.init(u: 1, v: 5), .init(u: 3, v: 5)], edgeIndices: [4, 5], json: false)
    #expect(r.paceText == "VALUE 82\n1 5\n3 5\n")
    #expect(r.jsonText == #"{"problem":"SPG","cost":82,"lower_bound":80,"gap_percent":2.5,"seconds":0.012,"edges":[[1,5],[3,5]]}"# + "\n")
    #expect(r.output == r.paceText)
    let none = SolveReport(problem: "PCSPG", name: "x", cost: 2.5, edgeCost: 0, lowerBound: 0, seconds: 0,
                           readSeconds: 0, edges: [], edgeIndices: [], json: true)
    #expect(none.output == #"{"problem":"PCSPG","cost":2.5,"lower_bound":0,"gap_percent":null,"seconds":0,"edges":[]}"# + "\n")
    #expect(none.paceText == "VALUE 2.5\n")
  }

  /// `solve` paces prize-collecting files by the clock unless asked to be
  /// deterministic (then it stops on counted work, as planning does).
  @Test func solvePacesByTheClockUnlessDeterministic() throws {
    #expect(SteinerRun.options(for: SolveRequest(path: "x.stp")).pacing == .clock)
    #expect(SteinerRun.options(for: SolveRequest(path: "x.stp", deterministic: true)).pacing == .countedWork)
    let cube = PrizeCollectingPacingTests.unitCube()
    var text = "SECTION Graph\nNodes \(cube.nodeCount)\nEdges \(cube.edgeCount)\n"
    for e in 0..<cube.edgeCount { text += "E \(cube.edgeU[e] + 1) \(cube.edgeV[e] + 1) 1\n" }
    text += "END\nSECTION Terminals\nTerminals \(cube.nodeCount)\n"
    for v in 0..<cube.nodeCount { text += "TP \(v + 1) \(Int(cube.prizes[v]))\n" }
    text += "END\nEOF\n"
    let path = NSTemporaryDirectory() + "fibreplan-pacing-\(getpid()).stp"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let paced = try runSolve(SolveRequest(path: path, timeLimit: 0.3, threads: 2))
    #expect(paced.lowerBound < paced.cost)
    #expect(paced.seconds >= 0.25, "stopped after \(paced.seconds) s of 0.3 s with the gap open")
  }

  @Test func solvesAndReportsInFileIds() throws {
    let f = try file(Self.square)
    try SteinerRun.checkTerminalsConnected(f)
    let r = try SteinerRun.solve(f, options: .init(timeLimit: 0))
    #expect(r.problem == "SPG")
    #expect(r.cost == 4)
    #expect(r.edges == [.init(u: 1, v: 5), .init(u: 3, v: 5)])
    #expect(r.paceText == "VALUE 4\n1 5\n3 5\n")
  }

  @Test func disconnectedTerminalNamesItsLine() throws {
    let text = "SECTION Graph\nNodes 4\nEdges 2\nE 1 2 1\nE 3 4 1\nEND\nSECTION Terminals\nTerminals 3\nT 1\nT 2\nT 4\nEND\n"
    let f = try file(text, name: "dir/b01.stp")
    #expect(throws: FibrePlanError(.data, "b01.stp: line 11: terminal 4 is not connected to terminal 1")) {
      try SteinerRun.checkTerminalsConnected(f)
    }
  }

  @Test func verificationCatchesBadTrees() throws {
    let f = try file(Self.square)
    func rejects(_ s: SteinerSolution) -> Bool {
      (try? SteinerRun.verify(s, file: f)) == nil
    }
    #expect(!rejects(SteinerSolution(edges: [4, 5], cost: 4, lowerBound: 4, seconds: 0)))
    #expect(rejects(SteinerSolution(edges: [4], cost: 2, lowerBound: 0, seconds: 0)))          // terminal 3 unspanned
    #expect(rejects(SteinerSolution(edges: [4, 5], cost: 5, lowerBound: 0, seconds: 0)))       // wrong cost
    #expect(rejects(SteinerSolution(edges: [0, 1, 2, 3], cost: 12, lowerBound: 0, seconds: 0))) // cycle
    #expect(rejects(SteinerSolution(edges: [4, 4], cost: 4, lowerBound: 0, seconds: 0)))       // repeated edge
    #expect(rejects(SteinerSolution(edges: [9], cost: 0, lowerBound: 0, seconds: 0)))          // out of range
    #expect(rejects(SteinerSolution(edges: [4, 5], cost: 4, lowerBound: 5, seconds: 0)))       // bound above cost
    #expect(rejects(SteinerSolution(edges: [0, 2], cost: 6, lowerBound: 0, seconds: 0)))       // two components
  }

  @Test func prizeCollectingObjective() throws {
    let text = """
      SECTION Graph
      Nodes 3
      Edges 2
      E 1 2 1
      E 2 3 10
      END
      SECTION Terminals
      Terminals 2
      TP 1 5
      TP 3 4
      END
      """
    let f = try file(text)
    // Spanning 1-2 only: edge cost 1, node 3's prize 4 is lost.
    let part = try SteinerRun.verify(SteinerSolution(edges: [0], cost: 1, lowerBound: 0, seconds: 0), file: f)
    #expect(part.edgeCost == 1 && part.objective == 5)
    // No edges: the largest prize (node 1) is kept, node 3's is lost.
    let single = try SteinerRun.verify(SteinerSolution(edges: [], cost: 0, lowerBound: 0, seconds: 0), file: f)
    #expect(single.objective == 4)
    let r = try SteinerRun.solve(f, options: .init(timeLimit: 0))
    #expect(r.problem == "PCSPG")
    #expect(r.cost == r.edgeCost + (r.edges.isEmpty ? 4 : 0) || r.cost == 11)
  }

  /// The best tree spans every prize node (path 1-2-3, prizes 5, 5: cost 2 = edge cost):
  /// the certified bound is still reported (it used to be replaced by 0).
  @Test func prizeCollectingBoundWhenAllPrizesSpanned() throws {
    let text = """
      SECTION Graph
      Nodes 3
      Edges 2
      E 1 2 1
      E 2 3 1
      END
      SECTION Terminals
      Terminals 2
      TP 1 5
      TP 3 5
      END
      """
    let r = try SteinerRun.solve(try file(text), options: .init(timeLimit: 0))
    #expect(r.cost == 2 && r.edgeCost == 2)
    #expect(r.lowerBound > 0 && r.lowerBound <= 2)
  }

  /// Prize nodes in two components: the solver gets the richer one; the other's prize
  /// counts as unspanned.
  @Test func prizeCollectingAcrossComponents() throws {
    let text = """
      SECTION Graph
      Nodes 5
      Edges 3
      E 1 2 1
      E 2 3 1
      E 4 5 1
      END
      SECTION Terminals
      Terminals 4
      TP 1 5
      TP 3 5
      TP 4 2
      TP 5 2
      END
      """
    let f = try file(text)
    #expect(SteinerRun.solvable(f).terminals == [0, 2])
    let r = try SteinerRun.solve(f, options: .init(timeLimit: 0))
    #expect(r.edges == [.init(u: 1, v: 2), .init(u: 2, v: 3)])
    #expect(r.cost == 2 + 4)
  }

  @Test(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func runSolveOnB01GivesVerifiedTree() throws {
    let path = try #require(SteinerFixtures.path("spg/b01.stp.gz"))
    let r = try runSolve(SolveRequest(path: path, timeLimit: 0, json: true))
    #expect(r.problem == "SPG")
    #expect(r.cost >= 82)  // the optimum
    #expect(r.output.hasPrefix("{\"problem\":\"SPG\",\"cost\":"))
    // Independent re-check against the file: the edges exist and span all terminals.
    let f = try SteinLibReader.read(path: path)
    var sets = SteinerRun.DisjointSets(count: 50)
    var sum = 0.0
    for e in r.edgeIndices {
      let joined = sets.union(f.instance.edgeU[Int(e)], f.instance.edgeV[Int(e)])
      #expect(joined)
      sum += f.instance.edgeWeight[Int(e)]
    }
    #expect(sum == r.cost)
    let root = sets.find(f.instance.terminals[0])
    for t in f.instance.terminals {
      let r = sets.find(t)
      #expect(r == root)
    }
    #expect(r.paceText.split(separator: "\n").count == r.edges.count + 1)
  }
}
