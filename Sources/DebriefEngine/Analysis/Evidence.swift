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

/// Encoded as `"answer"` or `{"response": n}`. Journals written before this encoding
/// (`{"answer": {}}`, `{"response": {"_0": n}}`) still decode.
extension EvidenceSource {
    private enum CodingKeys: String, CodingKey { case answer, response }
    private struct Legacy: Decodable { var _0: Int }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard text == "answer" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown evidence source '\(text)'"))
            }
            self = .answer
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.response) {
            if let n = try? container.decode(Int.self, forKey: .response) {
                self = .response(n)
            } else {
                self = .response(try container.decode(Legacy.self, forKey: .response)._0)
            }
        } else if container.contains(.answer) {
            self = .answer
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an evidence source is \"answer\" or {\"response\": n}"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .answer:
            var single = encoder.singleValueContainer()
            try single.encode("answer")
        case .response(let n):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(n, forKey: .response)
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
    /// How the clause held it (affirmed, conditional, listed…); nil in older journals.
    public var stance: Stance? = nil
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
