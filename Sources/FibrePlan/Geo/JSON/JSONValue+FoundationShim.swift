import Foundation

// TEMPORARY: replaced by the byte-level parser of the Geo package at merge.
extension JSONValue {
  public static func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
    let obj: Any
    do { obj = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
      throw FibrePlanError(.data, "\(path): not valid JSON")
    }
    func conv(_ o: Any) -> JSONValue {
      if o is NSNull { return .null }
      if let n = o as? NSNumber {
        if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
        return .number(n.doubleValue)
      }
      if let s = o as? String { return .string(s) }
      if let a = o as? [Any] { return .array(a.map(conv)) }
      if let d = o as? [String: Any] { return .object(d.keys.sorted().map { Member($0, conv(d[$0]!)) }) }
      return .null
    }
    return conv(obj)
  }
}
