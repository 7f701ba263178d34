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

/// A challenge written for one question in a bank.
public struct AuthoredPushback: Sendable, Codable, Equatable {
    public var id: String
    public var trigger: PushbackTrigger
    public var text: String
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
}
