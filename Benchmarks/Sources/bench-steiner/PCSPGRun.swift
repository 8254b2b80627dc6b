import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan

/// The PCSPG quality table: the shared DIMACS 2014 instances (gap to the published
/// optimum) and generated unit-cost hypercubes: gap to the optimum where one is known
/// (`Hypercube.reference`), to the best known value where only bounds are published, and
/// always to the solver's own certified lower bound; to the best value of a longer run
/// when one is asked for.
enum PCSPGRun {
  struct Row {
    var name: String
    var family: String
    var file: SteinerFile
    var reference: OptimumReference?
    var generated: Bool
    var optimum: Double? { reference?.optimum }
  }

  struct Outcome {
    var gap: Double          // to the optimum, else to the certified bound
    var certified: Double    // (cost − bound) / bound
    var toKnown: Double?     // to the best known value, where one is published
    var toProven: Double     // to the larger of the certified bound and a published lower bound
    var toBest: Double?      // generated only: to the best value of both runs
    var seconds: Double
  }

  static func run(shared: [BenchInstance], cubes: [Hypercube], options: SteinerOptions,
                  referenceLimit: Double, writeDirectory: String?) throws -> Bool {
    var rows: [Row] = []
    var out = try writeDirectory.map { try OutputFiles(directory: $0) }
    for inst in shared {
      rows.append(Row(name: inst.name, family: inst.family, file: try SteinLibReader.read(path: inst.path),
                      reference: inst.optimum.map { OptimumReference(lower: $0, upper: $0, source: "published") },
                      generated: false))
    }
    for cube in cubes {
      let text = Array(cube.steinLibText().utf8)
      let path = (writeDirectory ?? "generated") + "/" + cube.name + ".stp"
      try out?.stage(cube.name + ".stp", text)
      let family = cube.seed == nil ? "unit hypercube, p=\(cube.uniformPrize)" : "unit hypercube, p~U{1..3}"
      rows.append(Row(name: cube.name, family: family, file: try SteinLibReader.parse(bytes: text, path: path),
                      reference: cube.reference, generated: true))
    }
    try out?.commit()
    print(["instance".padded(12), "family".padded(26), "n".padded(6, right: true), "m".padded(6, right: true),
           "|T|".padded(5, right: true), "reference".padded(12, right: true), "cost".padded(10, right: true),
           "gap %".padded(7, right: true), "bound".padded(12, right: true), "cert gap %".padded(10, right: true),
           "to best %".padded(9, right: true), "s".padded(6, right: true), "source"].joined(separator: " "))
    var outcomes: [(Row, Outcome)] = []
    var failures: [String] = []
    for row in rows {
      do {
        outcomes.append((row, try solveRow(row, options: options, referenceLimit: referenceLimit)))
      } catch {
        failures.append("\(row.name): \(error)")
        print(row.name.padded(12) + " FAILED: \(error)")
      }
    }
    summarize(outcomes, referenceLimit: referenceLimit)
    for f in failures { print("FAILED \(f)") }
    return failures.isEmpty
  }

  /// Solves one row (and its longer reference run), prints its line.
  static func solveRow(_ row: Row, options: SteinerOptions, referenceLimit: Double) throws -> Outcome {
    let report = try SteinerRun.solve(row.file, options: options)
    if let known = row.reference,
       report.cost < known.lower - 1e-7 * max(1, known.lower) || report.lowerBound > known.upper * (1 + 1e-9) {
      throw FibrePlanError(.data, "cost \(report.cost) or bound \(report.lowerBound) contradicts the \(known.source) "
                           + "range \(costText(known.lower))..\(costText(known.upper))")
    }
    let certified = report.lowerBound > 0 ? (report.cost - report.lowerBound) / report.lowerBound * 100 : .infinity
    var referenceText = row.reference.map { known in
      known.optimum.map { "opt " + costText($0) } ?? costText(known.lower) + ".." + costText(known.upper)
    } ?? "-"
    var toBest: Double?
    if row.optimum == nil && referenceLimit > 0 {
      var long = options
      long.timeLimit = referenceLimit
      long.seed = options.seed &+ 1
      let best = min(report.cost, try SteinerRun.solve(row.file, options: long).cost)
      if row.reference == nil { referenceText = "best " + costText(best) }
      toBest = best > 0 ? (report.cost - best) / best * 100 : 0
    }
    let toKnown = row.reference.map { ($0.upper > 0 ? (report.cost - $0.upper) / $0.upper : 0) * 100 }
    let gap = row.optimum != nil ? toKnown! : certified
    let proven = max(report.lowerBound, row.reference?.lower ?? 0)
    let toProven = proven > 0 ? (report.cost - proven) / proven * 100 : .infinity
    let inst = row.file.instance
    print([row.name.padded(12), row.family.padded(26), String(inst.nodeCount).padded(6, right: true),
           String(inst.edgeCount).padded(6, right: true), String(inst.terminals.count).padded(5, right: true),
           referenceText.padded(12, right: true), costText(report.cost).padded(10, right: true),
           fixed(gap, 3).padded(7, right: true), fixed(report.lowerBound, 2).padded(12, right: true),
           fixed(certified, 3).padded(10, right: true), (toBest.map { fixed($0, 3) } ?? "-").padded(9, right: true),
           fixed(report.seconds, 2).padded(6, right: true), row.reference?.source ?? ""]
            .joined(separator: " "))
    return Outcome(gap: gap, certified: certified, toKnown: toKnown, toProven: toProven, toBest: toBest,
                   seconds: report.seconds)
  }

  static func summarize(_ outcomes: [(Row, Outcome)], referenceLimit: Double) {
    func line(_ label: String, _ values: [(String, Double)]) {
      guard let worst = values.max(by: { $0.1 < $1.1 }) else { return }
      print("\(label): n=\(values.count), mean \(fixed(mean(values.map(\.1)), 3)) %, "
            + "max \(fixed(worst.1, 3)) % (\(worst.0))")
    }
    let shared = outcomes.filter { !$0.0.generated }
    let generated = outcomes.filter { $0.0.generated }
    line("pcspg gap to optimum", shared.map { ($0.0.name, $0.1.gap) })
    line("pcspg certified gap (to own bound)", shared.map { ($0.0.name, $0.1.certified) })
    line("hypercubes gap to the known optimum", generated.filter { $0.0.optimum != nil }.map { ($0.0.name, $0.1.gap) })
    line("hypercubes gap to the best known value (optimum unknown)",
         generated.filter { $0.0.optimum == nil }.compactMap { o in o.1.toKnown.map { (o.0.name, $0) } })
    line("hypercubes certified gap (to own bound), optimum unknown",
         generated.filter { $0.0.optimum == nil }.map { ($0.0.name, $0.1.certified) })
    line("hypercubes certified gap (to own bound), all", generated.map { ($0.0.name, $0.1.certified) })
    if referenceLimit > 0 {
      line("hypercubes gap to best of this run and a \(fixed(referenceLimit, 0)) s run (seed+1), optimum unknown",
           generated.compactMap { o in o.1.toBest.map { (o.0.name, $0) } })
    }
    line("all, gap (optimum, else certified)", outcomes.map { ($0.0.name, $0.1.gap) })
    line("all, gap to the best proven lower bound (own, published or offline exact)",
         outcomes.map { ($0.0.name, $0.1.toProven) })
    print("mean time \(fixed(mean(outcomes.map(\.1.seconds)), 2)) s")
  }
}
