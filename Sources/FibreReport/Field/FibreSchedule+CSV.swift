import FibreCore
import FibreGeo
import FibrePlanning

extension FibreSchedule {
  /// The splitter a home is on and its port there: `cabinet/3/S2` for a single split,
  /// `cabinet/3/S1.4` for the second-stage splitter on port 4 of first-stage splitter 1.
  package func splitter(_ r: Row) -> (id: String, port: Int) {
    ratios.second > 0 ? ("cabinet/\(r.cabinet)/S\(r.splitter).\(r.splitterPort)", r.secondPort)
      : ("cabinet/\(r.cabinet)/S\(r.splitter)", r.splitterPort)
  }

  private func text(_ route: [Hop]) -> String {
    route.map { "\(cables[Int($0.cable)].id):\($0.fibre)" }.joined(separator: ";")
  }

  /// fibres.csv: one row per served home. `feeder_cable`/`feeder_fibre` are the fibre
  /// leaving the POP, `distribution_cable`/`distribution_fibre` (and the colours) the
  /// fibre reaching the home's drop; the route columns list every cable:fibre between.
  package func fibresCSV(_ plan: FibrePlanResult, popName: String) -> [UInt8] {
    var out = "building_id,pop,olt_port,feeder_cable,feeder_fibre,cabinet,splitter,splitter_port,"
      + "distribution_cable,distribution_fibre,tube_colour,fibre_colour,feeder_route,distribution_route\n"
    out.reserveCapacity(180 * rows.count + 256)
    for r in rows {
      let id = r.demand >= 0 ? plan.buildings.ids[Int(r.demand)] : "site/" + plan.sites.ids[Int(-1 - r.demand)]
      let f = r.feeder.first, d = r.distribution.last
      let colours = d.map { Self.colours($0.fibre) }
      let s = splitter(r)
      let feederCable: String = f.map { cables[Int($0.cable)].id } ?? ""
      let feederFibre: String = f.map { String($0.fibre) } ?? ""
      let distributionCable: String = d.map { cables[Int($0.cable)].id } ?? ""
      let distributionFibre: String = d.map { String($0.fibre) } ?? ""
      var fields: [String] = [CostStatementReport.csvField(id), CostStatementReport.csvField(popName), String(r.oltPort)]
      fields += [feederCable, feederFibre, "cabinet/\(r.cabinet)", s.id, String(s.port)]
      fields += [distributionCable, distributionFibre, colours?.tube ?? "", colours?.fibre ?? ""]
      fields += [text(r.feeder), text(r.distribution)]
      out += fields.joined(separator: ",") + "\n"
    }
    return Array(out.utf8)
  }

  /// splices.csv: one row per splice closure: the cables that meet there, the fibres
  /// spliced through from one cable to the next (each as `in:fibre>out:fibre`) and the
  /// home fibres dropped there.
  package func splicesCSV(_ plan: FibrePlanResult) -> [UInt8] {
    guard let arch = plan.architecture else { return Array("closure_id,lon,lat,cables,fibres_spliced,fibres_dropped,splices\n".utf8) }
    var closureAt = [Int32](repeating: -1, count: plan.network.nodeCount)
    for (i, c) in arch.closures.enumerated() { closureAt[Int(c.node)] = Int32(i) }
    var splices = [[String]](repeating: [], count: arch.closures.count)
    var dropped = [Int](repeating: 0, count: arch.closures.count)
    var meeting = [[Int32]](repeating: [], count: arch.closures.count)
    for (k, c) in cables.enumerated() {
      for v in [c.from, c.to] where closureAt[Int(v)] >= 0 { meeting[Int(closureAt[Int(v)])].append(Int32(k)) }
    }
    func through(_ route: [Hop]) {
      for (a, b) in zip(route, route.dropFirst()) {
        let node = cables[Int(a.cable)].to
        let i = closureAt[Int(node)]
        if i >= 0 { splices[Int(i)].append("\(cables[Int(a.cable)].id):\(a.fibre)>\(cables[Int(b.cable)].id):\(b.fibre)") }
      }
    }
    for routes in feederRoutes { for r in routes { through(r) } }
    for r in rows {
      through(r.distribution)
      if r.dropNode >= 0, closureAt[Int(r.dropNode)] >= 0 { dropped[Int(closureAt[Int(r.dropNode)])] += 1 }
    }
    var out = "closure_id,lon,lat,cables,fibres_spliced,fibres_dropped,splices\n"
    for (i, c) in arch.closures.enumerated() {
      let fields = ["splice_closure/\(c.node)", JSONText.fixed(c.position.lon, decimals: 7), JSONText.fixed(c.position.lat, decimals: 7),
                    meeting[i].map { cables[Int($0)].id }.joined(separator: ";"), String(splices[i].count), String(dropped[i]),
                    splices[i].joined(separator: ";")]
      out += fields.joined(separator: ",") + "\n"
    }
    return Array(out.utf8)
  }
}
