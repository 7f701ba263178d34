/// How senior the question is pitched.
public enum Level: String, Sendable, Codable, CaseIterable {
    case junior, senior, staff
}

/// What makes a pushback fire: a red flag the answer showed, or a signal it lacked.
public enum PushbackTrigger: Sendable, Codable, Equatable, Hashable {
    case flag(String)
    case missing(String)

    public var signal: String {
        switch self { case .flag(let id), .missing(let id): id }
    }
    public var kind: String {
        switch self { case .flag: "flag"; case .missing: "missing" }
    }
}

/// Encoded as `{"flag": "<signal>"}` or `{"missing": "<signal>"}`, as docs/FORMATS.md says.
/// Journals written before this encoding (`{"flag": {"_0": "<signal>"}}`) still decode.
extension PushbackTrigger {
    private enum CodingKeys: String, CodingKey { case flag, missing }
    private struct Legacy: Decodable { var _0: String }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func signal(_ key: CodingKeys) throws -> String? {
            guard container.contains(key) else { return nil }
            if let id = try? container.decode(String.self, forKey: key) { return id }
            return try container.decode(Legacy.self, forKey: key)._0
        }
        if let id = try signal(.flag) {
            self = .flag(id)
        } else if let id = try signal(.missing) {
            self = .missing(id)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a trigger needs 'flag' or 'missing' with a signal id"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .flag(let id): try container.encode(id, forKey: .flag)
        case .missing(let id): try container.encode(id, forKey: .missing)
        }
    }
}

/// A challenge written for one question in a bank.
public struct AuthoredPushback: Sendable, Codable, Equatable {
    public var id: String
    /// `.missing("kp:…")` for a missing key point, `.flag("mc:…")` for a misconception.
    public var trigger: PushbackTrigger
    public var text: String
    /// For text that refers to something the candidate said: asked only when one of these
    /// patterns matches the answer, so a pushback never presupposes words never said.
    public var requires: [PhrasePattern] = []
}

/// A strong and a weak answer written to differ in the ways the rubric names.
public struct ExampleAnswers: Sendable, Codable, Equatable {
    public var strong: String?
    public var weak: String?
    /// The red flags the weak answer was written to show (default: the question's red flags).
    public var weakFlags: [String]?
}

/// One question of a bank with its rubric.
public struct Question: Sendable, Codable, Equatable {
    public var id: String
    public var track: Track
    public var area: String
    public var level: Level
    public var competencies: [String]
    public var prompt: String
    /// Positive signals a strong answer shows.
    public var strongSignals: [String]
    /// Red flags this question tends to expose.
    public var redFlags: [String]
    public var pushbacks: [AuthoredPushback]
    /// What a strong answer covers, shown on `:hint`.
    public var hint: String
    /// For a human interviewer: what strong and weak sound like.
    public var note: String
    public var examples: ExampleAnswers?
    public var file: String
    public var line: Int
    /// What a strong answer to this question establishes; the crux weighs most.
    public var keyPoints: [KeyPoint] = []
    /// Tempting wrong claims for this question.
    public var misconceptions: [Misconception] = []

    /// A key point or misconception of this question by its global id.
    public func keyPoint(_ id: String) -> KeyPoint? { keyPoints.first { $0.id == id } }
    public func misconception(_ id: String) -> Misconception? { misconceptions.first { $0.id == id } }
}
