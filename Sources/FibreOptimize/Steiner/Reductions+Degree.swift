import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork

/// Exact reductions that keep the optimum (Duin 1993; Koch & Martin 1998): degree
/// tests, parallel edges, zero-weight edges and the shortest edge between terminals.
extension ReductionGraph {
  /// Keeps only the cheapest of parallel edges. O(m).
  package mutating func removeParallelEdges() {
    var mark = [Int32](repeating: -1, count: nodeCount)
    for v in 0..<nodeCount where nodeAlive[v] {
      for a32 in arcs(v) {
        let a = Int(a32), w = Int(head[a]), e = a >> 1
        guard edgeAlive[e] else { continue }
        let seen = Int(mark[w])
        if seen >= 0 && edgeAlive[seen] {
          if weight[e] < weight[seen] { deleteEdge(seen); mark[w] = Int32(e) } else { deleteEdge(e) }
        } else {
          mark[w] = Int32(e)
        }
      }
      var a = first[v]
      while a >= 0 { mark[Int(head[Int(a)])] = -1; a = next[Int(a)] }
    }
  }

  /// Degree-0/1/2 tests, zero-weight contraction and the terminal-terminal shortest
  /// edge test, run to a fixed point with a work queue. O(m) plus contractions.
  package mutating func degreeTests() {
    var queue: [Int32] = (0..<Int32(nodeCount)).filter { nodeAlive[Int($0)] }
    var queued = [Bool](repeating: false, count: nodeCount)
    for v in queue { queued[Int(v)] = true }
    func enqueue(_ v: Int, _ q: inout [Int32], _ flags: inout [Bool]) {
      if !flags[v] && nodeAlive[v] { flags[v] = true; q.append(Int32(v)) }
    }
    var index = 0
    while index < queue.count {
      let v = Int(queue[index]); index += 1
      queued[v] = false
      guard nodeAlive[v] else { continue }
      let d = Int(degree[v])
      if !isTerminal[v] {
        if d == 0 { nodeAlive[v] = false; continue }
        if d == 1 {
          let a = Int(first[v]), w = Int(head[a])
          deleteEdge(a >> 1); nodeAlive[v] = false
          enqueue(w, &queue, &queued)
          continue
        }
        if d == 2 {
          let a1 = Int(first[v]), a2 = Int(next[a1])
          let x = Int(head[a1]), y = Int(head[a2])
          let e1 = a1 >> 1, e2 = a2 >> 1
          if x == y {
            deleteEdge(weight[e1] <= weight[e2] ? e2 : e1)
          } else {
            // Merge the path x - v - y into one edge reusing e1's slot.
            weight[e1] += weight[e2]
            origin[e1] = ancestry.join(origin[e1], origin[e2])
            deleteEdge(e2)
            moveTail(of: a1, to: y)
            nodeAlive[v] = false
            if let other = edge(between: x, and: y, except: e1) {
              deleteEdge(weight[other] <= weight[e1] ? e1 : other)
            }
          }
          enqueue(x, &queue, &queued); enqueue(y, &queue, &queued)
          continue
        }
      } else if terminalCount > 1 {
        if d == 0 { continue }
        if d == 1 {
          let a = Int(first[v]), w = Int(head[a])
          contract(a >> 1, keeping: w, removing: v)
          enqueue(w, &queue, &queued)
          continue
        }
        // The cheapest edge at a terminal, if it leads to a terminal, is in some
        // optimum; so is any zero-weight edge at a terminal.
        var best = -1
        var a = first[v]
        while a >= 0 {
          let ai = Int(a)
          if best < 0 || weight[ai >> 1] < weight[best >> 1] { best = ai }
          a = next[ai]
        }
        if best >= 0 {
          let w = Int(head[best])
          if isTerminal[w] || weight[best >> 1] == 0 {
            let (kept, gone) = degree[w] >= degree[v] ? (w, v) : (v, w)
            contract(best >> 1, keeping: kept, removing: gone)
            enqueue(kept, &queue, &queued)
            var b = first[kept]
            while b >= 0 { enqueue(Int(head[Int(b)]), &queue, &queued); b = next[Int(b)] }
            continue
          }
        }
      }
    }
  }
}
