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
    /// Key points the answer established, by id (nil in journals written before key points).
    public var keyPointsCovered: [String]? = nil
    /// Key points it did not establish, the crux first.
    public var keyPointsMissed: [String]? = nil
    /// Positive signals and key points only named in a bare list: mentioned, not applied.
    public var listed: [Evidence]? = nil
    /// Shares nothing with the question: no key point, hardly a word of the prompt.
    public var offTopic: Bool? = nil
    /// Of the decisions and actions the answer reports, the share with "I" as the agent.
    public var ownershipShare: Double? = nil

    public var redFlags: [Evidence] { evidence.filter { $0.polarity == .negative } }
    public var positives: [Evidence] { evidence.filter { $0.polarity == .positive } }

    public func has(_ signal: String) -> Bool { evidence.contains { $0.signal == signal } }
    public func first(_ signal: String) -> Evidence? { evidence.first { $0.signal == signal } }
    public func rating(of competency: String) -> CompetencyRating? { ratings.first { $0.competency == competency } }
}
