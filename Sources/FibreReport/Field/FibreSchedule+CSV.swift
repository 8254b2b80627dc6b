import FibreCore
import FibreGeo
import FibrePlanning

extension FibreSchedule {
  /// The splitter a home is on and its port there: `cabinet/3/S2` for a single split,
  /// `cabinet/3/S1.4` for the second-stage splitter on port 4 of first-stage splitter 1.
  package func splitter(_ r: Row) -> (id: String, port: Int) {
    let cabinet = PlanGeoJSON.cabinetID(cabinetNodes[Int(r.cabinet)])
    return ratios.second > 0 ? ("\(cabinet)/S\(r.splitter).\(r.splitterPort)", r.secondPort)
      : ("\(cabinet)/S\(r.splitter)", r.splitterPort)
  }

  private func route(_ out: inout JSONText, _ route: [Hop]) {
    for (i, h) in route.enumerated() {
      if i > 0 { out.raw(UInt8(ascii: ";")) }
      out.raw(cables[Int(h.cable)].id); out.raw(UInt8(ascii: ":")); out.integer(h.fibre)
    }
  }

  /// fibres.csv: one row per served home. `feeder_cable`/`feeder_fibre` are the fibre
  /// leaving the POP, `distribution_cable`/`distribution_fibre` (and the colours) the
  /// fibre reaching the home's drop; the route columns list every cable:fibre between.
  /// Written byte by byte: a Liechtenstein schedule has 10,000 rows.
  package func fibresCSV(_ plan: FibrePlanResult, popName: String) -> [UInt8] {
    var out = JSONText(reserving: 160 * rows.count + 256)
    out.raw("building_id,pop,olt_port,feeder_cable,feeder_fibre,cabinet,splitter,splitter_port,"
      + "distribution_cable,distribution_fibre,tube_colour,fibre_colour,feeder_route,distribution_route\n")
    let pop = CostStatementReport.csvField(popName)
    let cabinetIDs = cabinetNodes.map(PlanGeoJSON.cabinetID)
    let comma = UInt8(ascii: ",")
    for r in rows {
      let id = r.demand >= 0 ? plan.demand.buildings.ids[Int(r.demand)] : "site/" + plan.demand.sites.ids[Int(-1 - r.demand)]
      out.raw(CostStatementReport.csvField(id)); out.raw(comma); out.raw(pop); out.raw(comma)
      out.integer(r.oltPort); out.raw(comma)
      if let f = r.feeder.first { out.raw(cables[Int(f.cable)].id); out.raw(comma); out.integer(f.fibre) } else { out.raw(comma) }
      out.raw(comma); out.raw(cabinetIDs[Int(r.cabinet)]); out.raw(comma)
      let s = splitter(r)
      out.raw(s.id); out.raw(comma); out.integer(s.port); out.raw(comma)
      if let d = r.distribution.last {
        let c = Self.colours(d.fibre)
        out.raw(cables[Int(d.cable)].id); out.raw(comma); out.integer(d.fibre); out.raw(comma)
        out.raw(c.tube); out.raw(comma); out.raw(c.fibre)
      } else {
        out.raw(",,,")
      }
      out.raw(comma); route(&out, r.feeder); out.raw(comma); route(&out, r.distribution)
      out.raw(UInt8(ascii: "\n"))
    }
    return out.bytes
  }

  /// splices.csv: one row per splice closure: the cables that meet there, the fibres
  /// spliced through from one cable to the next (each as `in:fibre>out:fibre`) and the
  /// home fibres dropped there.
  package func splicesCSV(_ plan: FibrePlanResult) -> [UInt8] {
    guard let arch = plan.architecture else { return Array("closure_id,lon,lat,cables,fibres_spliced,fibres_dropped,splices\n".utf8) }
    var closureAt = [Int32](repeating: -1, count: plan.network.nodeCount)
    for (i, c) in arch.closures.enumerated() { closureAt[Int(c.node)] = Int32(i) }
    var splices = [[(Hop, Hop)]](repeating: [], count: arch.closures.count)
    var dropped = [Int](repeating: 0, count: arch.closures.count)
    var meeting = [[Int32]](repeating: [], count: arch.closures.count)
    for (k, c) in cables.enumerated() {
      for v in [c.from, c.to] where closureAt[Int(v)] >= 0 { meeting[Int(closureAt[Int(v)])].append(Int32(k)) }
    }
    func through(_ route: [Hop]) {
      for (a, b) in zip(route, route.dropFirst()) {
        let node = cables[Int(a.cable)].to
        let i = closureAt[Int(node)]
        if i >= 0 { splices[Int(i)].append((a, b)) }
      }
    }
    for routes in feederRoutes { for r in routes { through(r) } }
    for r in rows {
      through(r.distribution)
      if r.dropNode >= 0, closureAt[Int(r.dropNode)] >= 0 { dropped[Int(closureAt[Int(r.dropNode)])] += 1 }
    }
    var out = JSONText(reserving: 64 * arch.closures.count + 24 * (rows.count + 64))
    out.raw("closure_id,lon,lat,cables,fibres_spliced,fibres_dropped,splices\n")
    for (i, c) in arch.closures.enumerated() {
      out.raw("splice_closure/\(c.node),"); out.number(c.position.lon, decimals: 7); out.raw(",")
      out.number(c.position.lat, decimals: 7); out.raw(",")
      out.raw(meeting[i].map { cables[Int($0)].id }.joined(separator: ";")); out.raw(",")
      out.integer(splices[i].count); out.raw(","); out.integer(dropped[i]); out.raw(",")
      for (n, (a, b)) in splices[i].enumerated() {
        if n > 0 { out.raw(";") }
        out.raw(cables[Int(a.cable)].id); out.raw(":"); out.integer(a.fibre); out.raw(">")
        out.raw(cables[Int(b.cable)].id); out.raw(":"); out.integer(b.fibre)
      }
      out.raw("\n")
    }
    return out.bytes
  }
}
