/// Whether a signal counts for or against the candidate.
public enum Polarity: String, Sendable, Codable, CaseIterable {
    case positive, negative, neutral
}

/// How bad a red flag is. Severe ones can be fatal (DOMAIN.md §5).
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case minor, moderate, severe

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .minor: 0; case .moderate: 1; case .severe: 2 } }
    /// How far one occurrence pulls a competency rating down.
    var penalty: Double { switch self { case .minor: 0.35; case .moderate: 0.6; case .severe: 1.0 } }
}

/// Where in an answer a signal counts.
public enum SignalScope: String, Sendable, Codable {
    /// Anywhere in the answer.
    case anywhere
    /// Only in the answer's last sentence ("...so it depends." ends without a decision).
    case ending
}

/// One entry of the lexicon (`signals.yaml`): a thing interviewers listen for.
public struct SignalDefinition: Sendable {
    public var id: String
    public var name: String
    public var polarity: Polarity
    public var severity: Severity
    /// How much a positive signal lifts the competencies it informs (1 is ordinary).
    public var weight: Double
    public var competencies: [String]
    public var patterns: [PhrasePattern]
    /// Phrases in which a pattern means something else ("a second monitor").
    public var except: [PhrasePattern]
    /// Whether a negation just before the match ("we never set up monitoring") cancels it.
    public var negatable: Bool
    public var scope: SignalScope
    /// The signal does not count when any of these fired in the same answer
    /// ("we decided" is only shifting ownership when the candidate never says what they did).
    public var unlessPresent: [String]
    /// For a red flag: positive signals that show the concern was addressed.
    public var remedies: [String]
    /// Signals that, said in another round, contradict this one.
    public var contradicts: [String]
    /// One line describing the gap when a positive signal is missing, or the problem when a red flag fires.
    public var gap: String
    /// What to practise to show it (positive) or to stop doing it (negative).
    public var practice: String
    /// Generic pushbacks, used when the bank has none for this gap.
    public var pushbacks: [String]
    public var fires: [String]
    public var misses: [String]
    public var file: String
    public var line: Int
    /// Emitted by the engine from what it reads, not matched by patterns.
    public var derived: Bool = false
}
