import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

extension MapScene {
  /// Trench and reused duct of each phase, drawn over the plan in the phase's colour
  /// (drops are left to the building marks). O(tree geometry).
  package mutating func addPhases(_ rollout: Rollout, plan: FibrePlanResult) {
    let network = plan.network
    phaseLines = Array(repeating: MapPolylines(), count: rollout.phases.count)
    for e32 in plan.tree.edges {
      let e = Int(e32)
      let p = Int(rollout.edgePhase[e])
      guard p > 0, network.edgeKind[e] != .drop else { continue }
      phaseLines[p - 1].append(network.geometry[Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])],
                               projection: projection, closed: false)
    }
  }
}

extension PlanMap {
  /// Phase overlays and their key in the map's top-left corner.
  package static func drawPhases(_ out: inout SVGText, _ scene: MapScene, _ frame: MapFrame) {
    guard !scene.phaseLines.isEmpty else { return }
    let n = scene.phaseLines.count
    out.raw("<g id=\"phases\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\" stroke-width=\"2.6\">\n")
    for (k, lines) in scene.phaseLines.enumerated() where lines.start.count > 1 {
      out.raw("<path stroke=\"\(RolloutReport.colour(k + 1, of: n))\" d=\"")
      pathData(&out, lines, frame)
      out.raw("\"/>\n")
    }
    out.raw("</g>\n<g id=\"phase-key\" font-size=\"13\">\n")
    let shown = min(n, 12)
    for k in 0..<shown {
      let y = 40 + 18 * k
      out.raw("<rect x=\"36\" y=\"\(y - 10)\" width=\"22\" height=\"8\" fill=\"\(RolloutReport.colour(k + 1, of: n))\"/>")
      out.raw("<text x=\"64\" y=\"\(y)\">phase \(k + 1)</text>\n")
    }
    if n > shown { out.raw("<text x=\"36\" y=\"\(40 + 18 * shown)\">… to phase \(n)</text>\n") }
    out.raw("</g>\n")
  }
}
