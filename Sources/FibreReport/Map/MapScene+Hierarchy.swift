import FibreCore
import FibreGeo
import FibreNetwork
import FibrePlanning

extension MapScene {
  /// Every POP by name and the backbone; the one-POP mark then stands for the data centre.
  package mutating func addHierarchy(_ h: RegionalHierarchy, plan: FibrePlanResult) {
    let network = plan.network
    pops = h.pops.map { p in
      let q = projection.project(p.position)
      return (q.x, q.y, p.name)
    }
    pop = projection.project(h.dataCentre.position)
    for ring in PlanGeoJSON.popAreas(h, plan: plan) where ring.count >= 3 {
      popAreas.append(ring, projection: projection, closed: true)
    }
    for link in h.backbone {
      let e = Int(link.edge)
      backbone.append(network.geometry[Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1])],
                      projection: projection, closed: false)
    }
  }
}
