import FibreCore

/// Union-find with path halving and union by size, over `0..<count`.
public struct DisjointSets: Sendable {
  @usableFromInline package var parent: [Int32]
  @usableFromInline package var size: [Int32]

  public init(count: Int) {
    parent = (0..<Int32(count)).map { $0 }
    size = [Int32](repeating: 1, count: count)
  }

  /// Representative of `x`. Amortised O(α(n)).
  @inline(__always)
  public mutating func find(_ x: Int) -> Int { Self.root(x, in: &parent) }

  /// Root of `x` by path halving over a bare parent array (`parent[r] == r` at roots),
  /// for searches that keep their own union rule, such as summing a weight per root
  /// without balancing, where a set rebuilt per evaluation gains nothing from it.
  @inlinable @inline(__always)
  public static func root(_ x: Int, in parent: inout [Int32]) -> Int {
    var x = x
    while Int(parent[x]) != x {
      let p = Int(parent[x])
      parent[x] = parent[p]
      x = p
    }
    return x
  }

  /// Joins the sets of `a` and `b`; false when they were already one. Amortised O(α(n)).
  @discardableResult
  public mutating func union(_ a: Int, _ b: Int) -> Bool {
    var ra = find(a), rb = find(b)
    if ra == rb { return false }
    if size[ra] < size[rb] { swap(&ra, &rb) }
    parent[rb] = Int32(ra)
    size[ra] += size[rb]
    return true
  }

  /// Resets the elements listed in `elements` to singletons. O(|elements|).
  public mutating func reset(_ elements: some Sequence<Int32>) {
    for x in elements { parent[Int(x)] = x; size[Int(x)] = 1 }
  }
}
