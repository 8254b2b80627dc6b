import FibreCore
import FibreGeo
import FibrePlanning
import FibreReport

extension PlanRun {
  /// The files for QGIS, Google Earth and the crews, staged beside plan.geojson:
  /// plan.qgs and plan.kml (made from the GeoJSON as written) and buildings.csv.
  static func stageFieldFiles(_ files: inout OutputFiles, geojson: [UInt8], plan: FibrePlanResult) throws {
    let layers = try PlanFieldFiles.layers(geojson: geojson)
    let title = plan.scenario.name
    try files.stage("plan.qgs", QGISProject.xml(layers, title: title))
    try files.stage("plan.kml", PlanKML.kml(layers, title: title))
    try files.stage("buildings.csv", BuildingsCSV.csv(plan, layers: layers))
  }
}
