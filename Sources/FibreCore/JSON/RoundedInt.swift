/// `Int(v.rounded())`: to the nearest integer, halves away from zero, trapping where
/// that does outside `Int`. `rounded()` is a call into libm on the x86-64 baseline
/// (no SSE4.1 `roundsd`), and the writers round some fifty million coordinates and
/// lengths; truncation is one instruction and the fraction left is exact.
@inline(__always)
package func roundedInt(_ v: Double) -> Int {
  let t = Int(v)
  // Exact: below 2^53 both are representable and the difference is v's fraction;
  // above, v is a whole number and t equals it.
  let fraction = v - Double(t)
  if fraction >= 0.5 { return t + 1 }
  if fraction <= -0.5 { return t - 1 }
  return t
}
