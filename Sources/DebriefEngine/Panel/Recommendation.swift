/// An interviewer's overall recommendation, on the six-level scale.
public enum Recommendation: String, Sendable, Codable, CaseIterable, Comparable {
    case strongNoHire = "strong-no-hire"
    case noHire = "no-hire"
    case leanNoHire = "lean-no-hire"
    case leanHire = "lean-hire"
    case hire
    case strongHire = "strong-hire"

    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    public var label: String {
        switch self {
        case .strongNoHire: "strong no hire"
        case .noHire: "no hire"
        case .leanNoHire: "lean no hire"
        case .leanHire: "lean hire"
        case .hire: "hire"
        case .strongHire: "strong hire"
        }
    }

    /// Lean hire or better.
    public var isHire: Bool { self >= .leanHire }

    /// The level a mean 1–4 rating earns before red flags are considered.
    public static func from(score: Double) -> Recommendation {
        switch score {
        case 3.5...: .strongHire
        case 3.0..<3.5: .hire
        case 2.5..<3.0: .leanHire
        case 2.0..<2.5: .leanNoHire
        case 1.5..<2.0: .noHire
        default: .strongNoHire
        }
    }
}
