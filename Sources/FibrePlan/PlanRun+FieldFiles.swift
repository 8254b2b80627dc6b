import Foundation
import FibreCore
import FibreGeo
import FibrePlanning
import FibreReport

extension PlanRun {
  /// The files for QGIS, Google Earth and the crews, made beside plan.geojson:
  /// plan.qgs and plan.kml (from the GeoJSON as written), buildings.csv, and with an
  /// architecture fibres.csv and splices.csv. Pure: name and bytes of each file.
  /// `layers` is plan.geojson as written, read once for these files and the report.
  /// With `kml`, plan.kml is written into that staged file as it is made (its entry
  /// then has no bytes), so that it is never whole in memory.
  /// `schedule` is the plan's `FibreSchedule` when already made.
  static func fieldFiles(layers: PlanLayers, plan: FibrePlanResult, kml: OutputFiles.StagedFile? = nil,
                         schedule: FibreSchedule? = nil) -> [(name: String, bytes: [UInt8]?)] {
    let title = plan.scenario.name
    var kmlBytes: [UInt8]? = nil
    if let kml { PlanKML.write(layers, title: title) { kml.write($0) } } else { kmlBytes = PlanKML.kml(layers, title: title) }
    var files: [(name: String, bytes: [UInt8]?)] = [
      ("plan.qgs", QGISProject.xml(layers, title: title)),
      ("plan.kml", kmlBytes),
      ("buildings.csv", BuildingsCSV.csv(plan, layers: layers)),
    ]
    if plan.architecture != nil {
      let schedule = schedule ?? FibreSchedule(plan)
      files.append(("fibres.csv", schedule.fibresCSV(plan, popName: layers.popName)))
      files.append(("splices.csv", schedule.splicesCSV(plan)))
    }
    return files
  }

  /// The field files of a plan from its plan.geojson bytes (as `PlanGeoJSON.encode`
  /// wrote them). O(bytes).
  public static func fieldFiles(geojson: [UInt8], plan: FibrePlanResult) throws -> [(name: String, bytes: [UInt8])] {
    fieldFiles(layers: try PlanFieldFiles.layers(geojson: geojson), plan: plan).map { ($0.name, $0.bytes ?? []) }
  }
}
