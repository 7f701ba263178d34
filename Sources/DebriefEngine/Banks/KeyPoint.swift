/// One thing a strong answer to a question establishes, made checkable (ENGINE-NOTES.md).
///
/// Shown to users in the practice plan and to a human interviewer; detected in an answer by
/// its patterns, but only in a clause that affirms it (not negated, dismissed or a bare list).
public struct KeyPoint: Sendable, Codable, Equatable {
    /// Unique in the banks: `kp:<question id>/<id>`, or `kp:area:<area>/<id>` for an area's.
    public var id: String
    /// The id as written in the bank file.
    public var localID: String
    public var text: String
    public var competencies: [String]
    /// 1–3; the crux of the question weighs 3.
    public var weight: Double
    public var patterns: [PhrasePattern]
    public var examples: [String]
    public var misses: [String]
    public var file: String
    public var line: Int

    /// The weight at which a point is the question's crux: missing it caps the answer.
    public static let cruxWeight = 3.0
    public var isCrux: Bool { weight >= Self.cruxWeight }

    public static func globalID(question: String, point: String) -> String { "kp:\(question)/\(point)" }
    public static func globalID(area: String, point: String) -> String { "kp:area:\(area)/\(point)" }
}

/// A tempting wrong claim, or a miss of the crux, specific to one question.
public struct Misconception: Sendable, Codable, Equatable {
    /// Unique in the banks: `mc:<question id>/<id>`.
    public var id: String
    public var localID: String
    public var text: String
    public var severity: Severity
    /// The competencies it counts against (default: the question's).
    public var competencies: [String]
    public var patterns: [PhrasePattern]
    public var examples: [String]
    public var misses: [String]
    public var file: String
    public var line: Int

    public static func globalID(question: String, misconception: String) -> String { "mc:\(question)/\(misconception)" }
}

/// What every question of one area shares: used for questions asked in the user's own words.
public struct AreaProfile: Sendable, Codable, Equatable {
    public var track: Track
    public var area: String
    /// Words a user's own question of this area is likely to contain.
    public var keywords: [String]
    public var keyPoints: [KeyPoint]
    /// The competencies the area's questions inform, most frequent first.
    public var competencies: [String]
}

extension KeyPoint {
    /// Whether an id names a key point (`kp:`), a misconception (`mc:`) or a lexicon signal.
    public static func isKeyPointID(_ id: String) -> Bool { id.hasPrefix("kp:") }
}

extension Misconception {
    public static func isMisconceptionID(_ id: String) -> Bool { id.hasPrefix("mc:") }
}
