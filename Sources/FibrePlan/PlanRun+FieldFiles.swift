import FibreCore
import FibreGeo
import FibrePlanning
import FibreReport

extension PlanRun {
  /// The files for QGIS, Google Earth and the crews, staged beside plan.geojson:
  /// plan.qgs and plan.kml (made from the GeoJSON as written) buildings.csv, and the fibre and splice schedules.
  static func stageFieldFiles(_ files: inout OutputFiles, geojson: [UInt8], plan: FibrePlanResult) throws {
    let layers = try PlanFieldFiles.layers(geojson: geojson)
    let title = plan.scenario.name
    try files.stage("plan.qgs", QGISProject.xml(layers, title: title))
    try files.stage("plan.kml", PlanKML.kml(layers, title: title))
    try files.stage("buildings.csv", BuildingsCSV.csv(plan, layers: layers))
    if plan.architecture != nil {
      let schedule = FibreSchedule(plan)
      try files.stage("fibres.csv", schedule.fibresCSV(plan, popName: layers.popName))
      try files.stage("splices.csv", schedule.splicesCSV(plan))
    }
  }
}
