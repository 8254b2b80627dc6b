import FibreCore
import FibreGraph
import FibreNetwork
import FibreOptimize

/// A routed full-coverage tree with the Steiner instance it solves, so that a re-plan
/// that poses the same instance takes the tree instead of solving again. The engine is
/// deterministic for an instance, seed and time limit (its work is counted, and its
/// result does not depend on the thread count), so the tree taken is the tree a solve
/// would return. The optical fixes' class C+ and 1:16 re-plans pose the plan's own
/// instance whenever the fix moves no home into or out of optical reach.
package struct RoutedTree: Sendable {
  // The instance: the network's topology and costs (arrays shared with the network,
  // not copied), the POP's component, the terminals and the solver's settings.
  var nodeComponent: [Int32]
  var edgeU: [Int32]
  var edgeV: [Int32]
  var edgeCost: [Double]
  var component: Int32
  /// The edges the tree may use (nil: all of them).
  var routable: [Bool]?
  var terminals: [Int32]
  var timeLimit: Double
  var seed: UInt64
  /// The tree (network edge ids, ascending) and the engine's view of it.
  var edges: [Int32]
  var solution: SteinerSolution

  init(network: RoadNetwork, component: Int32, terminals: [Int32], options: SteinerOptions, routable: [Bool]?,
       edges: [Int32], solution: SteinerSolution) {
    self.routable = routable
    nodeComponent = network.nodeComponent
    edgeU = network.edgeU
    edgeV = network.edgeV
    edgeCost = network.edgeCost
    self.component = component
    self.terminals = terminals
    timeLimit = options.timeLimit
    seed = options.seed
    self.edges = edges
    self.solution = solution
  }

  /// Whether routing `terminals` on `network` with `options` poses this instance.
  /// O(1) when the network's arrays are the ones routed on, else O(nodes + edges).
  func answers(network: RoadNetwork, component: Int32, terminals: [Int32], options: SteinerOptions,
               routable: [Bool]?) -> Bool {
    self.component == component && timeLimit == options.timeLimit && seed == options.seed
      && self.routable == routable && self.terminals == terminals && nodeComponent == network.nodeComponent
      && edgeU == network.edgeU && edgeV == network.edgeV && edgeCost == network.edgeCost
  }
}
