import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning

/// Options of `fibreplan render`.
public struct RenderCommandOptions: Sendable {
  public var input: String
  public var output: String
  public var map = PlanMapOptions()
  /// Overrides the title read from the file (its `name` member).
  public var title: String?
  /// Overrides the attribution read from the file (its `attribution` member).
  public var attribution: String?
  public init(input: String, output: String) {
    self.input = input
    self.output = output
  }
}

extension PlanMap {
  /// `fibreplan render`: reads a plan.geojson, draws it and writes the SVG atomically;
  /// an output ending in `.qgs` or `.kml` gets the QGIS project or the KML instead, one
  /// ending in `.html` the report's interactive map as a page of its own.
  /// Returns the scene drawn (for counts). O(file size).
  /// - Throws: `.missingFile`, `.io`, `.data` as `GeoJSONReader` does; `.io` when the
  ///   output cannot be written.
  @discardableResult
  public static func render(_ options: RenderCommandOptions) throws -> MapScene {
    // Mapped like the layer readers do; read into memory only when it cannot be mapped.
    let mapped = try GeoJSONReader.withMappedFile(path: options.input) { buffer in
      (try GeoJSONReader.read(bytes: buffer, path: options.input),
       collectionMembers(Array(buffer.prefix(1 << 20))))
    }
    let table: FeatureTable
    let header: (name: String?, attribution: String?)
    if let mapped {
      (table, header) = mapped
    } else {
      let bytes = try FileBytes.read(path: options.input)
      (table, header) = (try GeoJSONReader.read(bytes: bytes, path: options.input), collectionMembers(bytes))
    }
    var title = options.title ?? header.name ?? fileStem(options.input)
    if options.title == nil, title.hasPrefix("fibreplan ") { title = String(title.dropFirst(10)) }
    let scene = MapScene(features: table, title: title, attribution: options.attribution ?? header.attribution)
    let output = options.output
    let slash = output.lastIndex(of: "/")
    let directory = slash.map { String(output[..<$0]) } ?? "."
    let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
    guard !name.isEmpty else { throw FibrePlanError(.usage, "\(output): the output must name a file") }
    var files = try OutputFiles(directory: directory.isEmpty ? "/" : directory)
    do {
      switch PlanFieldFiles.format(of: name) {
      case .svg: try files.stage(name, svg(scene, options: options.map))
      case .qgs: try files.stage(name, QGISProject.xml(PlanLayers(table), title: title, geojsonFile: relativePath(from: directory, to: options.input)))
      case .kml: try files.stage(name, PlanKML.kml(PlanLayers(table), title: title))
      case .html: try files.stage(name, InteractiveMap.page(PlanLayers(table), scene: scene, title: title))
      }
      try files.commit()
    } catch {
      files.discard()
      throw error
    }
    return scene
  }

  /// The collection's `name` and `attribution` members, which the plan writer puts
  /// before `features`: the text up to `"features"` is closed with an empty array and
  /// parsed. Anything unexpected gives nils; the map is drawn all the same.
  package static func collectionMembers(_ bytes: [UInt8]) -> (name: String?, attribution: String?) {
    let key = Array("\"features\"".utf8)
    let limit = min(bytes.count, 1 << 20)
    guard limit >= key.count else { return (nil, nil) }
    var i = 0
    while i + key.count <= limit {
      if bytes[i] == key[0] && bytes[i..<(i + key.count)].elementsEqual(key) { break }
      i += 1
    }
    guard i + key.count <= limit else { return (nil, nil) }
    let candidate = Array(bytes[..<i]) + key + Array(":[]}".utf8)
    guard let value = try? JSONValue.parse(candidate, path: "header") else { return (nil, nil) }
    return (value["name"]?.stringValue, value["attribution"]?.stringValue)
  }

  package static func fileStem(_ path: String) -> String {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    return base.hasSuffix(".geojson") ? String(base.dropLast(8)) : base
  }
}
