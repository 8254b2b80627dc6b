/// Appends the UTF-8 of a literal to `bytes`. The text writers append millions of
/// punctuation literals ("," "]" "</td>"): taken as `String` each costs a trip through
/// the string's storage (copied out first when it is a small string) and a generic
/// `append(contentsOf:)`; a `StaticString` is bytes in the binary already, and the
/// shortest ones go in byte by byte, which skips the generic copy's set-up.
@inline(__always)
package func appendLiteral(_ s: StaticString, to bytes: inout [UInt8]) {
  // `withUTF8Buffer` also covers a literal stored as one scalar (no pointer).
  s.withUTF8Buffer { utf8 in
    if utf8.count <= 4 {
      for c in utf8 { bytes.append(c) }
    } else {
      bytes.append(contentsOf: utf8)
    }
  }
}
