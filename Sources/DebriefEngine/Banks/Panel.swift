/// An interviewer's part in the loop and the debrief.
public enum InterviewerRole: String, Sendable, Codable, CaseIterable {
    case hiringManager = "hiring-manager"
    case interviewer
    case barRaiser = "bar-raiser"

    public var title: String {
        switch self {
        case .hiringManager: "hiring manager"
        case .interviewer: "interviewer"
        case .barRaiser: "bar raiser"
        }
    }
}

/// A simulated interviewer (`panels.yaml`).
public struct Persona: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var role: InterviewerRole
    /// What they are known for, shown when they ask a question.
    public var title: String
    public var competencies: [String]
    /// How much lower than the engine this interviewer rates (+0.5 is strict, −0.3 generous).
    public var strictness: Double
}

/// One round of a loop: who runs it and what they ask.
public struct LoopRound: Sendable, Codable, Equatable {
    public var interviewer: String
    public var track: Track
    public var questions: Int
    /// Bank areas to draw from; empty means any area of the track.
    public var areas: [String]
}

/// How the debrief turns scorecards into a decision.
public enum DecisionModelKind: String, Sendable, Codable, CaseIterable {
    /// The hiring manager decides, with enough of the panel aligned.
    case standard
    /// As standard, but the bar raiser can veto a hire.
    case amazon
    /// A hiring committee decides by consensus: hire, no hire, or hold.
    case google
}

/// A named interview loop.
public struct Loop: Sendable, Codable, Equatable {
    public var id: String
    public var description: String
    public var decisionModel: DecisionModelKind
    public var rounds: [LoopRound]
}

/// A synthetic distribution of composite scores of past candidates for the role.
public struct Pool: Sendable, Codable, Equatable {
    public var id: String
    public var description: String
    public var mean: Double
    public var standardDeviation: Double

    /// The share of the pool (0–100) that scored below `composite`, from a normal model.
    public func percentile(of composite: Double) -> Double {
        let z = (composite - mean) / max(standardDeviation, 0.01)
        let p = 0.5 * (1 + erf(z / 2.0.squareRoot()))
        return (p * 1000).rounded() / 10
    }
}

/// Decision-model settings (`panels.yaml`, `decision:`).
public struct DecisionSettings: Sendable, Codable, Equatable {
    /// Share of the panel that must lean hire for the hiring manager's hire to stand.
    public var alignment: Double
    /// Percentile of the pool a candidate must reach for an offer.
    public var barPercentile: Double
    /// Pool used when none is chosen.
    public var defaultPool: String

    public init(alignment: Double = 0.75, barPercentile: Double = 50, defaultPool: String = "typical") {
        self.alignment = alignment
        self.barPercentile = barPercentile
        self.defaultPool = defaultPool
    }
}

import Foundation
