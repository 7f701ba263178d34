/// What the engine found in an answer (and any responses to pushback on it).
public struct AnswerAnalysis: Sendable, Codable, Equatable {
    public var questionID: String
    public var track: Track
    public var wordCount: Int
    /// Signals found, in the order they occur (answer first, then responses).
    public var evidence: [Evidence]
    /// Matches cancelled by a negation ("we never set up monitoring"), kept to explain misses.
    public var negated: [Evidence]
    public var ratings: [CompetencyRating]
    /// Rubric signals the answer lacks, in rubric order.
    public var gaps: [Gap]
    /// Weighted mean of the ratings' scores, 1.0–4.0.
    public var score: Double

    public var redFlags: [Evidence] { evidence.filter { $0.polarity == .negative } }
    public var positives: [Evidence] { evidence.filter { $0.polarity == .positive } }

    public func has(_ signal: String) -> Bool { evidence.contains { $0.signal == signal } }
    public func first(_ signal: String) -> Evidence? { evidence.first { $0.signal == signal } }
    public func rating(of competency: String) -> CompetencyRating? { ratings.first { $0.competency == competency } }
}
