import Testing
@testable import FibreCore
@testable import FibreGraph
@testable import FibreGeo
@testable import FibreNetwork
@testable import FibreOptimize
@testable import FibrePlanning
@testable import FibreReport
@testable import FibrePlan

@Suite struct SteinLibReaderTests {
  static let small = """
    33D32945 STP File, STP Format Version 1.0

    SECTION Comment
    Name    "tiny"
    Creator "hand"
    Problem "Classical Steiner tree problem in graphs"
    END

    section GRAPH
    Optimal 5
    Nodes 4
    edges 4
    E 1 2 1
    e 2 3 2.5
    E 3 4 1
    E 1 4 7
    End

    SECTION Coordinates
    DD 1 0 0
    DD 2 1 0
    END

    SECTION Terminals
    Terminals 2
    T 1
    t 3
    END

    EOF
    """

  func parse(_ text: String, _ name: String = "x.stp") throws -> SteinerFile {
    try SteinLibReader.parse(bytes: Array(text.utf8), path: "/some/dir/" + name)
  }

  /// Expects a `.data` error whose message starts with `prefix` (file and line).
  func expectError(_ text: String, _ prefix: String, _ name: String = "x.stp",
                   sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try parse(text, name)
      Issue.record("expected an error starting with '\(prefix)'", sourceLocation: sourceLocation)
    } catch let e as FibrePlanError {
      #expect(e.kind == .data, sourceLocation: sourceLocation)
      #expect(e.message.hasPrefix(prefix), "got: \(e.message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func steinLibWithMixedCaseAndUnknownSections() throws {
    let f = try parse(Self.small)
    #expect(f.format == .steinLib)
    #expect(f.name == "tiny")
    #expect(f.problem == "Classical Steiner tree problem in graphs")
    #expect(f.fileName == "x.stp")
    #expect(f.declaredNodes == 4 && f.declaredEdges == 4 && f.declaredTerminals == 2)
    #expect(f.instance.nodeCount == 4)
    #expect(f.instance.edgeU == [0, 1, 2, 0])
    #expect(f.instance.edgeV == [1, 2, 3, 3])
    #expect(f.instance.edgeWeight == [1, 2.5, 1, 7])
    #expect(f.instance.terminals == [0, 2])
    #expect(f.terminalLines == [26, 27])
    #expect(!f.instance.isPrizeCollecting)
    #expect(f.root == nil)
  }

  @Test func paceWithTreeDecompositionAndCRLF() throws {
    let text = "SECTION Graph\r\nNodes 3\r\nEdges 2\r\nE 1 2 4\r\nE 2 3 5\r\nEND\r\n\r\n"
      + "SECTION Terminals\r\nTerminals 2\r\nT 1\r\nT 3\r\nEND\r\n\r\n"
      + "SECTION Tree Decomposition\r\ns td 2 2 3\r\nb 1 1 2\r\nb 2 2 3\r\n1 2\r\nEND\r\n\r\nEOF\r\n"
    let f = try parse(text, "p.gr")
    #expect(f.format == .pace)
    #expect(f.name == "p")
    #expect(f.instance.edgeWeight == [4, 5])
    #expect(f.instance.terminals == [0, 2])
  }

  @Test func prizeCollectingWithRoot() throws {
    let text = """
      33D32945 STP File, STP Format Version 1.0
      SECTION Graph
      Nodes 4
      Edges 3
      E 1 2 3
      E 2 3 3
      E 3 4 3
      END
      SECTION Terminals
      Terminals 3
      RootP 2
      TP 1 10
      TP 3 0
      TP 4 2.5
      END
      EOF
      """
    let f = try parse(text)
    #expect(f.instance.isPrizeCollecting)
    #expect(f.instance.prizes == [10, 0, 0, 2.5])
    #expect(f.instance.terminals == [0, 3])
    #expect(f.terminalLines == [12, 14])
    #expect(f.zeroPrizeNodes == 1)
    #expect(f.root == 1)
  }

  @Test func duplicateTerminalsMergeAndEOFIsOptional() throws {
    let text = "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTerminals 3\nT 1\nT 2\nT 1\nEND\n"
    let f = try parse(text)
    #expect(f.instance.terminals == [0, 1])
  }

  @Test func gzippedTextIsDetectedByMagicNotName() throws {
    let gz = SteinerFixtures.gzipStored(Array(Self.small.utf8))
    let f = try SteinLibReader.parse(bytes: gz, path: "tiny.stp")
    #expect(f.wasGzipped)
    #expect(f.instance.edgeCount == 4)
    let plain = try SteinLibReader.parse(bytes: Array(Self.small.utf8), path: "tiny.stp.gz")
    #expect(!plain.wasGzipped)
  }

  @Test func errorsNameFileAndLine() {
    let header = "SECTION Graph\nNodes 3\nEdges 1\n"
    let terms = "SECTION Terminals\nTerminals 1\nT 1\nEND\n"
    expectError("", "x.stp: line 1: empty file")
    expectError("\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{e}\u{f}\u{10}garbage", "x.stp: line 1: binary data")
    expectError(header + "E 1 4 1\nEND\n" + terms, "x.stp: line 4: node 4 is out of range 1...3")
    expectError(header + "E 0 2 1\nEND\n" + terms, "x.stp: line 4: node 0 is out of range")
    expectError(header + "E 1 2 -1\nEND\n" + terms, "x.stp: line 4: edge weight -1 is negative")
    expectError(header + "E 1 2 inf\nEND\n" + terms, "x.stp: line 4: edge weight 'inf' is not finite")
    expectError(header + "E 1 2 nan\nEND\n" + terms, "x.stp: line 4: edge weight 'nan' is not finite")
    expectError(header + "E 1 2 abc\nEND\n" + terms, "x.stp: line 4: edge weight 'abc' is not a number")
    expectError(header + "E 1 x 2\nEND\n" + terms, "x.stp: line 4: node 'x' is not a non-negative integer")
    expectError(header + "E 1 2\nEND\n" + terms, "x.stp: line 4: missing edge weight")
    expectError(header + "E 1 2 3 4\nEND\n" + terms, "x.stp: line 4: unexpected '4' at end of line")
    expectError(header + "E 1 2 3\nE 2 3 1\nEND\n" + terms, "x.stp: line 3: 'Edges 1' but the Graph section has 2 E lines")
    expectError(header + "END\n" + terms, "x.stp: line 3: 'Edges 1' but the Graph section has 0 E lines")
    expectError(header + "E 1 2 3\nEND\nSECTION Terminals\nTerminals 2\nT 1\nEND\n",
                "x.stp: line 7: 'Terminals 2' but the Terminals section has 1 T/TP lines")
    expectError(header + "E 1 2 3\nEND\n", "x.stp: line 5: missing SECTION Terminals")
    expectError(terms, "x.stp: line 3: terminal before 'Nodes'")
    expectError("SECTION Comment\nEND\nEOF\n", "x.stp: line 3: missing SECTION Graph")
    expectError("SECTION Graph\nEdges 0\nEND\n" + terms, "x.stp: line 6: terminal before 'Nodes'")
    expectError("SECTION Graph\nEND\nSECTION Terminals\nEND\n", "x.stp: line 4: missing 'Nodes'")
    expectError(header + "E 1 2 3\n", "x.stp: line 4: file ends inside SECTION Graph opened at line 1 (missing END)")
    expectError(header + "E 1 2 3\nSECTION Terminals\n", "x.stp: line 5: SECTION inside SECTION Graph")
    expectError("Nodes 3\n", "x.stp: line 1: not a SteinLib .stp or PACE .gr file")
    expectError("SECTION Graph\nNodes 1\nEND\nNodes 3\n", "x.stp: line 4: unexpected 'Nodes' outside a section")
    expectError(header + "A 1 2 3\nEND\n" + terms, "x.stp: line 4: directed instances ('A' lines) are not supported")
    expectError("SECTION Graph\nNodes 99999999999\n", "x.stp: line 2: node count '99999999999' is too large")
    expectError("SECTION Graph\nNodes 2000000000\n", "x.stp: line 2: 'Nodes 2000000000' is implausibly large")
    expectError("SECTION Graph\nNodes 2\nEdges 2000000000\nE 1 2 1\nEND\n" + terms,
                "x.stp: line 3: 'Edges 2000000000' but the Graph section has 1 E lines")
    expectError(header + "E 1 2 3\nEND\nSECTION Terminals\nTerminals 2\nT 1\nTP 2 5\nEND\n",
                "x.stp: line 7: mixing T and TP lines")
    expectError(header + "E 1 2 3\nEND\nSECTION Terminals\nTP 2 5\nTP 2 5\nEND\n",
                "x.stp: line 8: terminal 2 listed twice (first at line 7)")
    expectError(header + "E 1 2 3\nEND\nSECTION Terminals\nTP 2 -5\nEND\n", "x.stp: line 7: prize -5 is negative")
  }

  /// The branch-free digit parser against plain conversion, all lengths and borders.
  @Test func shortNumbers() {
    for text in ["0 ", "7\n", "42 1", "999\r\n", "1234567 ", "1000000x", "12345678", "x1", " 1", "9/", "5:"] {
      let padded = Array((text + "        ").utf8)
      let got = padded.withUnsafeBufferPointer { SteinLibLexer.shortNumber($0.baseAddress!) }
      let digits = text.prefix { $0.isASCII && $0.isNumber }
      if digits.isEmpty || digits.count >= 8 {
        #expect(got == nil, "\(text)")
      } else {
        #expect(got?.0 == Int(digits) && got?.1 == digits.count, "\(text)")
      }
    }
  }

  @Test func missingFilesAndDirectories() {
    #expect(throws: FibrePlanError.self) { _ = try SteinLibReader.read(path: "/nonexistent/x.stp") }
    do {
      _ = try SteinLibReader.read(path: "/nonexistent/x.stp")
    } catch let e as FibrePlanError {
      #expect(e.kind == .missingFile && e.exitCode == 66)
    } catch { Issue.record("\(error)") }
    do {
      _ = try SteinLibReader.read(path: "/")
    } catch let e as FibrePlanError {
      #expect(e.kind == .data)
    } catch { Issue.record("\(error)") }
  }

  @Test(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func realB01() throws {
    let path = try #require(SteinerFixtures.path("spg/b01.stp.gz"))
    let f = try SteinLibReader.read(path: path)
    #expect(f.name == "B01")
    #expect(f.fileName == "b01.stp.gz")
    #expect(f.wasGzipped && f.format == .steinLib)
    #expect(f.instance.nodeCount == 50 && f.instance.edgeCount == 63 && f.instance.terminals.count == 9)
    #expect(f.instance.edgeU[0] == 1 && f.instance.edgeV[0] == 7 && f.instance.edgeWeight[0] == 8)
    #expect(f.instance.terminals.first == 47 && f.terminalLines.first == 80)
  }

  @Test(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func realPaceAndPrizeFiles() throws {
    let lin = try #require(SteinerFixtures.path("spg/lin01.gr.gz"))
    let hc = try #require(SteinerFixtures.path("pcspg/hc6p.stp.gz"))
    let f = try SteinLibReader.read(path: lin)
    #expect(f.format == .pace)
    #expect(f.instance.nodeCount == 53 && f.instance.edgeCount == 80)
    #expect(f.instance.terminals == [0, 8, 39, 46])
    let p = try SteinLibReader.read(path: hc)
    #expect(p.instance.isPrizeCollecting)
    #expect(p.declaredTerminals == 64)
    #expect(p.instance.terminals.count == 32)  // prize > 0, as in optima.csv
    #expect(p.instance.prizes[0] == 131)
  }

  /// Cross-check of the byte-level fast paths: a naive String-splitting read of the
  /// same text yields exactly the same edges.
  func expectSameEdgesAsNaiveParse(_ f: SteinerFile, path: String) throws {
    let text = String(decoding: try Gzip.decompress(try FileBytes.read(path: path), file: path), as: UTF8.self)
    var u: [Int32] = [], v: [Int32] = [], w: [Double] = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      let t = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      guard t.count == 4, t[0] == "E" || t[0] == "e" else { continue }
      u.append(Int32(t[1])! - 1)
      v.append(Int32(t[2])! - 1)
      w.append(Double(t[3])!)
    }
    #expect(u == f.instance.edgeU && v == f.instance.edgeV && w == f.instance.edgeWeight, "\(path)")
  }

  /// Every shared instance parses with the counts optima.csv lists.
  @Test(.enabled(if: SteinerFixtures.available, "needs ../shared/benchmarks/steiner")) func allSharedInstancesMatchOptimaTable() throws {
    let dir = try #require(SteinerFixtures.directory)
    for set in ["spg", "pcspg"] {
      // optima.csv has CRLF line ends, and "\r\n" is one Character: split the bytes.
      let rows = try FileBytes.read(path: "\(dir)/\(set)/optima.csv").split(separator: 0x0A)
        .map { String(decoding: $0.filter { $0 != 0x0D }, as: UTF8.self) }
      var checked = 0
      defer { #expect(checked >= 9, "\(set): only \(checked) instances checked") }
      for row in rows.dropFirst() {
        let c = row.split(separator: ",").map(String.init)
        guard c.count >= 8, let edges = Int(c[3]), edges <= 20_000 else { continue }  // keep debug tests quick
        let f = try SteinLibReader.read(path: "\(dir)/\(set)/\(c[7])")
        #expect(f.instance.nodeCount == Int(c[2]), "\(c[0])")
        #expect(f.instance.edgeCount == edges, "\(c[0])")
        #expect(f.instance.terminals.count == Int(c[4]), "\(c[0])")
        if edges <= 3000 { try expectSameEdgesAsNaiveParse(f, path: "\(dir)/\(set)/\(c[7])") }
        checked += 1
      }
    }
  }
}
