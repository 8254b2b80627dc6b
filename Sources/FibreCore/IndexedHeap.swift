/// A binary min-heap of node ids `0..<capacity` keyed by `Double`, with decrease-key.
/// Positions live in a flat array, so no node ever allocates; clearing costs only the
/// entries still queued.
public struct IndexedHeap: Sendable {
  @usableFromInline package var items: [Int32] = []
  @usableFromInline package var keys: [Double] = []
  /// Heap slot of each node, -1 when not queued.
  @usableFromInline package var slot: [Int32]

  public init(capacity: Int) {
    slot = [Int32](repeating: -1, count: capacity)
    items.reserveCapacity(min(capacity, 1 << 16))
    keys.reserveCapacity(min(capacity, 1 << 16))
  }

  public var isEmpty: Bool { items.isEmpty }
  public var count: Int { items.count }
  public var capacity: Int { slot.count }

  @inline(__always)
  public func contains(_ v: Int) -> Bool { slot[v] >= 0 }

  /// Smallest key, or +infinity when empty. O(1).
  public var minKey: Double { keys.isEmpty ? .infinity : keys[0] }

  /// Inserts `v` or lowers its key; a larger key is ignored. O(log n).
  @inline(__always)
  public mutating func push(_ v: Int, _ key: Double) {
    let s = Int(slot[v])
    if s >= 0 {
      if key < keys[s] { keys[s] = key; siftUp(s) }
      return
    }
    items.append(Int32(v)); keys.append(key)
    slot[v] = Int32(items.count - 1)
    siftUp(items.count - 1)
  }

  /// Removes and returns the node with the smallest key. O(log n).
  @inline(__always)
  public mutating func pop() -> (node: Int, key: Double) {
    let v = Int(items[0]), k = keys[0]
    slot[v] = -1
    let lastItem = items.removeLast(), lastKey = keys.removeLast()
    if !items.isEmpty {
      items[0] = lastItem; keys[0] = lastKey; slot[Int(lastItem)] = 0
      siftDown(0)
    }
    return (v, k)
  }

  /// Empties the heap in O(entries queued).
  public mutating func removeAll() {
    for v in items { slot[Int(v)] = -1 }
    items.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
  }

  @inline(__always)
  package mutating func siftUp(_ start: Int) {
    var i = start
    let item = items[i], key = keys[i]
    while i > 0 {
      let p = (i - 1) >> 1
      if keys[p] <= key { break }
      items[i] = items[p]; keys[i] = keys[p]; slot[Int(items[i])] = Int32(i)
      i = p
    }
    items[i] = item; keys[i] = key; slot[Int(item)] = Int32(i)
  }

  @inline(__always)
  package mutating func siftDown(_ start: Int) {
    var i = start
    let n = items.count
    let item = items[i], key = keys[i]
    while true {
      let l = 2 * i + 1
      if l >= n { break }
      var c = l
      if l + 1 < n && keys[l + 1] < keys[l] { c = l + 1 }
      if keys[c] >= key { break }
      items[i] = items[c]; keys[i] = keys[c]; slot[Int(items[i])] = Int32(i)
      i = c
    }
    items[i] = item; keys[i] = key; slot[Int(item)] = Int32(i)
  }
}
