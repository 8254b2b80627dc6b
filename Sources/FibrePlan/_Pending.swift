// TEMPORARY declarations of work-package APIs, so Planning compiles before they merge.
// Deleted at merge.
public struct NetworkOptions: Sendable {
  public var snapTolerance = 1.0
  public var danglingSnap = 3.0
  public var maxDropLength = 250.0
  public var ductSnapDistance = 15.0
  public init() {}
}
extension TrenchCostModel {
  public static let europeanDefaults = TrenchCostModel(
    trenchPerMetreBySurface: [:], trenchPerMetreByHighway: [:], trenchPerMetreDefault: 80,
    ductReusePerMetre: 12, dropPerMetre: 30, dropPerConnection: 600, equipmentPerConnection: 250)
}
extension LocalProjection {
  public func project(_ p: LonLat) -> (x: Double, y: Double) {
    let k = 111_320.0
    return ((p.lon - origin.lon) * k * cos(origin.lat * .pi / 180), (p.lat - origin.lat) * 110_574)
  }
  public func unproject(x: Double, y: Double) -> LonLat {
    LonLat(lon: origin.lon + x / (111_320.0 * cos(origin.lat * .pi / 180)), lat: origin.lat + y / 110_574)
  }
}
import Foundation
public enum GeoJSONReader {
  public static func read(path: String) throws -> FeatureTable { FeatureTable(path: path) }
}
extension LineLayer {
  public init(roads table: FeatureTable) { self.init(path: table.path) }
  public init(ducts table: FeatureTable) { self.init(path: table.path) }
  public static func read(path: String) throws -> LineLayer { LineLayer(path: path) }
}
extension BuildingLayer {
  public static func read(path: String) throws -> BuildingLayer { BuildingLayer(path: path) }
}
extension SiteLayer {
  public static func read(path: String) throws -> SiteLayer { SiteLayer(path: path) }
}
extension BoundaryLayer {
  public static func read(path: String) throws -> BoundaryLayer { BoundaryLayer(path: path) }
}
public struct MunicipalityIndex {
  public init(_ layer: BoundaryLayer) {}
  public func municipality(containing: LonLat) -> Int? { nil }
}
public enum NetworkBuilder {
  public static func build(roads: LineLayer, ducts: LineLayer?, buildings: BuildingLayer, sites: SiteLayer?,
                           pop: LonLat?, costs: TrenchCostModel, options: NetworkOptions) -> RoadNetwork {
    RoadNetwork(projection: LocalProjection(origin: LonLat(lon: 0, lat: 0)))
  }
}
