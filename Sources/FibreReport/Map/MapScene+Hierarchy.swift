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
      for p in ring {
        let q = projection.project(p)
        popAreas.x.append(q.x)
        popAreas.y.append(q.y)
      }
      popAreas.start.append(Int32(popAreas.x.count))
      popAreas.closed.append(true)
    }
    for link in h.backbone {
      let e = Int(link.edge)
      let before = backbone.x.count
      for i in Int(network.edgeGeometryStart[e])..<Int(network.edgeGeometryStart[e + 1]) where network.geometry[i].isValid {
        let q = projection.project(network.geometry[i])
        backbone.x.append(q.x)
        backbone.y.append(q.y)
      }
      if backbone.x.count - before >= 2 {
        backbone.start.append(Int32(backbone.x.count))
        backbone.closed.append(false)
      } else {
        backbone.x.removeSubrange(before...)
        backbone.y.removeSubrange(before...)
      }
    }
  }
}
