import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize
import FibrePlanning
import FibreReport
import FibrePlan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a large, deterministic LineString FeatureCollection for the ingest
/// benchmark: the source's lines repeated `times` over, copy k shifted by
/// (0.2° × (k mod 10), 0.25° × (k / 10)), with 7-decimal coordinates as GDAL writes.
func writeTiled(source: String, times: Int, to out: String) throws {
  let table = try GeoJSONReader.read(path: source)
  let keys = table.propertyKeys
  var text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
  var first = true
  var id = 0
  guard let file = fopen(out, "w") else { throw FibrePlanError(.io, "\(out): cannot create") }
  defer { fclose(file) }
  func flush() {
    text.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, file) }
    text.removeAll(keepingCapacity: true)
  }
  for k in 0..<times {
    let dx = 0.2 * Double(k % 10), dy = 0.25 * Double(k / 10)
    for f in 0..<table.count where table.geometryTypes[f] == .lineString {
      id += 1
      text += first ? "" : ",\n"
      first = false
      text += "{\"type\":\"Feature\",\"properties\":{"
      var props: [String] = []
      for i in Int(table.featurePropertyStart[f])..<Int(table.featurePropertyStart[f + 1]) {
        let key = keys[Int(table.propertyKey[i])]
        if key == "osm_id" { props.append("\"osm_id\":\"\(id)\""); continue }
        if case .string(let s) = table.propertyValue[i] { props.append("\(quote(key)):\(quote(s))") }
      }
      text += props.joined(separator: ",")
      text += "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":["
      for (j, p) in table.points[table.pointRange(ofPart: table.parts(of: f).lowerBound)].enumerated() {
        if j > 0 { text += "," }
        text += "[" + fixed7(p.lon + dx) + "," + fixed7(p.lat + dy) + "]"
      }
      text += "]}}"
      if text.utf8.count > 1 << 20 { flush() }
    }
  }
  text += "\n]}\n"
  flush()
}

func fixed7(_ x: Double) -> String {
  let n = Int64((abs(x) * 1e7).rounded())
  var frac = String(n % 10_000_000)
  frac = String(repeating: "0", count: 7 - frac.count) + frac
  while frac.count > 1 && frac.hasSuffix("0") { frac.removeLast() }
  return (x < 0 ? "-" : "") + "\(n / 10_000_000).\(frac)"
}

func quote(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    default:
      if u.value < 0x20 { out += "\\u00" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16) }
      else { out.unicodeScalars.append(u) }
    }
  }
  return out + "\""
}
