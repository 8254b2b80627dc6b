import FibreCore
import FibreGraph
import FibreGeo
import FibreNetwork
import FibreOptimize

/// How the trench tree becomes a GPON/XGS-PON fibre network: POP (OLT) → feeder cable →
/// street cabinet with passive splitters → distribution cable → drop → ONT. Read from
/// the scenario's `"architecture"` object (schema in README, "Architecture"). Defaults
/// are typical European FTTH figures (FTTH Council Europe handbook, ITU-T G.984.2 for
/// the optical classes, G.652.D fibre attenuation).
public struct FTTHArchitecture: Sendable, Equatable {
  /// Passive optical split between the OLT port and the homes.
  public enum SplitRatio: Sendable, Equatable, CustomStringConvertible {
    case single(Int)
    /// A first stage in the cabinet feeding second-stage splitters (e.g. 1:4 + 1:8).
    case cascaded(Int, Int)

    /// Homes (ports) behind one feeder fibre.
    public var ports: Int {
      switch self {
      case .single(let n): return n
      case .cascaded(let a, let b): return a * b
      }
    }

    public var description: String {
      switch self {
      case .single(let n): return "1:\(n)"
      case .cascaded(let a, let b): return "1:\(a)+1:\(b)"
      }
    }
  }

  /// One cable size of the catalogue.
  public struct CableType: Sendable, Equatable {
    public var fibres: Int
    public var costPerMetre: Double
    public init(fibres: Int, costPerMetre: Double) {
      self.fibres = fibres
      self.costPerMetre = costPerMetre
    }
  }

  /// Optical parameters for the loss budget (worst wavelength is used).
  public struct Optics: Sendable, Equatable {
    /// G.652.D attenuation, dB/km, at 1310 nm (upstream) and 1550/1490 nm (downstream).
    public var attenuation1310: Double = 0.35
    public var attenuation1550: Double = 0.25
    /// Insertion loss per splitter ratio (1:n), dB; typical PLC figures.
    public var splitterLoss: [Int: Double] = [2: 3.7, 4: 7.3, 8: 10.5, 16: 13.8, 32: 17.5, 64: 21.0]
    public var connectorLoss: Double = 0.5
    /// Mated connectors on the path: OLT patch, ODF, cabinet in and out, ONT.
    public var connectors: Int = 4
    public var spliceLoss: Double = 0.1
    /// Fusion splices every link has: POP pigtail, feeder to splitter, splitter to
    /// distribution, drop point, ONT pigtail.
    public var splicesPerLink: Int = 5
    /// Cable drum length, metres: one more splice per drum joint on the path.
    public var drumLength: Double = 4000
    /// GPON class B+ optical budget (ITU-T G.984.2), dB.
    public var budget: Double = 28
    /// Kept in reserve for repairs and ageing, dB.
    public var margin: Double = 1
    public init() {}

    /// Loss of a 1:n splitter, interpolated at 3.3 dB per doubling when not tabled.
    public func loss(ofSplitter n: Int) -> Double {
      if let l = splitterLoss[n] { return l }
      return 3.3 * log2(Double(max(n, 1))) + 1
    }

    private func log2(_ x: Double) -> Double {
      var v = x, r = 0.0
      while v >= 2 { v /= 2; r += 1 }
      return r + (v - 1)
    }
  }

  public var split: SplitRatio = .single(32)
  /// Ports (fibres) one cabinet can terminate.
  public var cabinetCapacity: Int = 256
  /// A home farther than this from the street (its drop) is a gap `drop_too_long`.
  public var maxDropLength: Double = 200
  /// Farthest a home may be from its cabinet along the trench, metres.
  public var maxCabinetDistance: Double = 2000
  public var fibresPerHousehold: Int = 1
  /// Schools, town halls, fire stations: dedicated fibres each.
  public var fibresPerSite: Int = 2
  /// Spare fibres on every cable, percent of the demand.
  public var sparePercent: Double = 20
  /// Sizes ascending; EUR per metre installed in existing trench (cable and blowing).
  public var cables: [CableType] = [
    .init(fibres: 12, costPerMetre: 1.6), .init(fibres: 24, costPerMetre: 2.0),
    .init(fibres: 48, costPerMetre: 2.8), .init(fibres: 96, costPerMetre: 4.2),
    .init(fibres: 144, costPerMetre: 5.6), .init(fibres: 288, costPerMetre: 9.5),
  ]
  /// Street cabinet installed with its foundation and patch panel.
  public var cabinetCost: Double = 6500
  /// Price per splitter by ratio (1:n).
  public var splitterCost: [Int: Double] = [4: 45, 8: 60, 16: 90, 32: 140, 64: 260]
  public var spliceClosureCost: Double = 450
  public var optics = Optics()
  /// Share of homes passed that take a connection, for capex per home connected.
  public var takeRate: Double = 0.6
  /// Candidate cabinets each home is offered to (nearest along the tree).
  public var candidatesPerHome: Int = 8
  /// Facility-location moves tried at most (open, close, swap).
  public var localSearchMoves: Int = 40

  public init() {}

  public static let defaults = FTTHArchitecture()

  /// Price of a 1:n splitter (interpolated linearly in n when not tabled).
  public func cost(ofSplitter n: Int) -> Double {
    if let c = splitterCost[n] { return c }
    return 4.0 * Double(n) + 20
  }

  /// EUR per fibre-metre of distribution cable: the catalogue's marginal price, used
  /// to compare cabinet sites before cables are sized.
  public var fibreMetreCost: Double {
    guard let a = cables.first, let b = cables.last, b.fibres > a.fibres else {
      return (cables.first?.costPerMetre ?? 1) / Double(max(cables.first?.fibres ?? 1, 1))
    }
    return (b.costPerMetre - a.costPerMetre) / Double(b.fibres - a.fibres)
  }
}

extension FTTHArchitecture {
  /// Loss OLT → ONT over `metres` of fibre, on the worse wavelength: attenuation,
  /// every splitter stage, the mated connectors, and a splice at each fixed point
  /// (POP, cabinet, drop point, ONT) and drum joint. Express fibres pass closures uncut.
  public func opticalLoss(metres: Double) -> Double {
    opticalLoss(metres: metres, splitLoss: splitLoss)
  }

  /// Loss of every splitter stage, dB.
  package var splitLoss: Double {
    switch split {
    case .single(let n): optics.loss(ofSplitter: n)
    case .cascaded(let x, let y): optics.loss(ofSplitter: x) + optics.loss(ofSplitter: y)
    }
  }

  /// `opticalLoss(metres:)` with the splitters' loss (`splitLoss`) looked up once, for
  /// loops over every home.
  package func opticalLoss(metres: Double, splitLoss: Double) -> Double {
    let o = optics
    let splices = o.splicesPerLink + Int(metres / max(o.drumLength, 1))
    return metres / 1000 * max(o.attenuation1310, o.attenuation1550) + splitLoss
      + Double(o.connectors) * o.connectorLoss + Double(splices) * o.spliceLoss
  }

  /// Whether a loss fits the class budget less the margin.
  public func withinBudget(_ loss: Double) -> Bool { loss <= optics.budget - optics.margin }

  /// A run length (metres) whose loss is over the budget, and so is every longer run's
  /// (the loss never falls with length when attenuation and splice loss are ≥ 0); nil
  /// when there is none up to 200 km or the loss could fall. Bisection on the loss.
  package var metresBeyondBudget: Double? {
    let o = optics
    guard o.attenuation1310 >= 0, o.attenuation1550 >= 0, o.spliceLoss >= 0 else { return nil }
    var low = 0.0, high = 200_000.0
    guard !withinBudget(opticalLoss(metres: high)) else { return nil }
    if !withinBudget(opticalLoss(metres: low)) { return low }
    for _ in 0..<60 {
      let mid = (low + high) / 2
      if withinBudget(opticalLoss(metres: mid)) { low = mid } else { high = mid }
    }
    return high
  }
}
