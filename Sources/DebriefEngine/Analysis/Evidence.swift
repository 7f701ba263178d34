/// A range of an answer in Unicode scalars, `start` inclusive, `end` exclusive.
public struct TextSpan: Sendable, Codable, Equatable, Hashable {
    public var start: Int
    public var end: Int
}

/// Which text of an exchange a piece of evidence comes from.
public enum EvidenceSource: Sendable, Codable, Equatable, Hashable {
    case answer
    /// The response to the n-th pushback (0-based).
    case response(Int)

    public var label: String {
        switch self {
        case .answer: "answer"
        case .response(let n): "response \(n + 1)"
        }
    }
}

/// One signal found in the candidate's words, with the words themselves.
///
/// Everything the product claims - a rating, a red flag, a pushback, the verdict's "but" -
/// is derived from these, so every claim can point at what the candidate said.
public struct Evidence: Sendable, Codable, Equatable {
    public var signal: String
    public var polarity: Polarity
    /// For red flags.
    public var severity: Severity?
    /// The exact matched text.
    public var quote: String
    /// Where `quote` is in its source text.
    public var span: TextSpan
    /// The matched words with enough of their sentence around them to read alone.
    public var excerpt: String
    public var source: EvidenceSource
}

/// A rubric signal the answer did not show.
public struct Gap: Sendable, Codable, Equatable {
    public var signal: String
    public var description: String
}

/// A 1–4 rating of one competency with the sentence that justifies it.
public struct CompetencyRating: Sendable, Codable, Equatable {
    public var competency: String
    public var rating: Int
    /// The unrounded score behind `rating`, kept for aggregation.
    public var score: Double
    public var justification: String
}
