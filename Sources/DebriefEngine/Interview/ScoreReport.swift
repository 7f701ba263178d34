/// The result of scoring one answer (`debrief score`), shaped as the JSON contract in DESIGN.md.
public struct ScoreReport: Sendable, Codable, Equatable {
    public struct QuestionInfo: Sendable, Codable, Equatable {
        public var id: String
        public var prompt: String
        /// Whether `id` is a bank question (false: a free-text question judged by its wording).
        public var matched: Bool
        public var similarity: Double
        public var competencies: [String]
        /// The bank area it was judged as (for a free-text question, the closest area).
        public var area: String? = nil
    }
    public struct RatingEntry: Sendable, Codable, Equatable {
        public var rating: Int
        public var score: Double
        public var justification: String
    }
    public struct EvidenceEntry: Sendable, Codable, Equatable {
        public var signal: String
        public var polarity: Polarity
        public var quote: String
        public var start: Int
        public var end: Int
        public var excerpt: String
    }
    public struct RedFlagEntry: Sendable, Codable, Equatable {
        public var signal: String
        public var severity: Severity
        public var quote: String
        public var start: Int
        public var end: Int
    }
    public struct PushbackEntry: Sendable, Codable, Equatable {
        public struct Target: Sendable, Codable, Equatable {
            public var kind: String
            public var signal: String
            public var gap: String
        }
        public var id: String
        public var text: String
        public var source: Pushback.Source
        public var targets: Target
    }

    public var engineVersion: String
    public var seed: UInt64
    public var question: QuestionInfo
    public var track: Track
    public var score: Double
    public var wordCount: Int
    public var ratings: [String: RatingEntry]
    public var evidence: [EvidenceEntry]
    public var redFlags: [RedFlagEntry]
    public var negated: [EvidenceEntry]
    public var gaps: [Gap]
    public var pushback: PushbackEntry?

    enum CodingKeys: String, CodingKey {
        case engineVersion, seed, question, track, score, wordCount, ratings, evidence, redFlags, negated, gaps, pushback
    }

    /// Encodes `pushback` as an explicit null when there is none, as the contract says.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(engineVersion, forKey: .engineVersion)
        try container.encode(seed, forKey: .seed)
        try container.encode(question, forKey: .question)
        try container.encode(track, forKey: .track)
        try container.encode(score, forKey: .score)
        try container.encode(wordCount, forKey: .wordCount)
        try container.encode(ratings, forKey: .ratings)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(redFlags, forKey: .redFlags)
        try container.encode(negated, forKey: .negated)
        try container.encode(gaps, forKey: .gaps)
        if let pushback { try container.encode(pushback, forKey: .pushback) } else { try container.encodeNil(forKey: .pushback) }
    }

    /// Scores `answer` to `question`. Pure: same inputs, same report.
    public static func make(banks: Banks, question: Question, matched: Bool, similarity: Double,
                            answer: String, seed: UInt64) -> ScoreReport {
        let analysis = Analyzer(banks: banks).analyze(answer, for: question)
        let pushback = PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [answer], used: [], seed: seed)
        func entry(_ e: Evidence) -> EvidenceEntry {
            EvidenceEntry(signal: e.signal, polarity: e.polarity, quote: e.quote, start: e.span.start, end: e.span.end, excerpt: e.excerpt)
        }
        var ratings: [String: RatingEntry] = [:]
        for rating in analysis.ratings {
            ratings[rating.competency] = RatingEntry(rating: rating.rating, score: rating.score, justification: rating.justification)
        }
        return ScoreReport(
            engineVersion: EngineInfo.version, seed: seed,
            question: QuestionInfo(id: question.id, prompt: question.prompt, matched: matched, similarity: similarity,
                                   competencies: question.competencies, area: question.area),
            track: question.track, score: analysis.score, wordCount: analysis.wordCount, ratings: ratings,
            evidence: analysis.evidence.map(entry),
            redFlags: analysis.redFlags.map { RedFlagEntry(signal: $0.signal, severity: $0.severity ?? .moderate, quote: $0.quote, start: $0.span.start, end: $0.span.end) },
            negated: analysis.negated.map(entry), gaps: analysis.gaps,
            pushback: pushback.map {
                PushbackEntry(id: $0.id, text: $0.text, source: $0.source,
                              targets: .init(kind: $0.trigger.kind, signal: $0.trigger.signal, gap: $0.gap))
            })
    }
}
