/// A binary min-heap of values ordered by `<` (Williams 1964), for searches that delete
/// lazily: stale entries stay queued and the caller skips them when popped. Give the
/// element a total order (break ties by id) and pops are deterministic.
/// `IndexedHeap` is the variant with decrease-key over node ids.
public struct BinaryHeap<Element: Comparable> {
  @usableFromInline package var items: [Element] = []

  @inlinable public init() {}

  @inlinable public var isEmpty: Bool { items.isEmpty }
  @inlinable public var count: Int { items.count }

  /// Empties the heap, keeping its storage.
  @inlinable public mutating func removeAll() { items.removeAll(keepingCapacity: true) }

  /// O(log n).
  @inlinable
  public mutating func push(_ element: Element) {
    items.append(element)
    var i = items.count - 1
    while i > 0 {
      let p = (i - 1) >> 1
      guard items[i] < items[p] else { break }
      items.swapAt(i, p)
      i = p
    }
  }

  /// Removes and returns the smallest element, nil when empty. O(log n).
  @inlinable
  public mutating func pop() -> Element? {
    guard let last = items.popLast() else { return nil }
    guard !items.isEmpty else { return last }
    let top = items[0]
    items[0] = last
    var i = 0
    let n = items.count
    while true {
      let l = 2 * i + 1, r = l + 1
      var m = i
      if l < n && items[l] < items[m] { m = l }
      if r < n && items[r] < items[m] { m = r }
      if m == i { break }
      items.swapAt(i, m)
      i = m
    }
    return top
  }
}

extension BinaryHeap: Sendable where Element: Sendable {}
