import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport

extension SyntheticRegion {
  /// Writes roads, buildings, sites and boundaries (`*.geojson`) and `scenario.json`
  /// into `directory` (created if needed), atomically: all files appear together or
  /// none does, and an interrupted write leaves earlier files intact. O(size).
  public func write(to directory: String) throws {
    var files = try OutputFiles(directory: directory)
    do {
      for (name, bytes) in encodedFiles() { try files.stage(name, bytes) }
      try files.commit()
    } catch {
      files.discard()
      throw error
    }
  }
}
