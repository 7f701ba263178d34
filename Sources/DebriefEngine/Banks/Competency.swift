/// The interview tracks. A loop may mix them.
public enum Track: String, Sendable, Codable, CaseIterable, Comparable {
    case ml, behavioral
    public static func < (a: Track, b: Track) -> Bool { a.rawValue < b.rawValue }
}

/// A dimension interviewers rate 1–4 (`competencies.yaml`).
public struct Competency: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// What to practise when this dimension holds the verdict back.
    public var practice: String
}

/// How a track weighs its dimensions and what an unmatched question on it is judged by.
public struct TrackProfile: Sendable, Codable, Equatable {
    public var track: Track
    /// Competency id → weight. ML loops weigh judgment, risk and system thinking over recall.
    public var weights: [String: Double]
    /// Competencies a free-text question on this track is rated on.
    public var defaultCompetencies: [String]
    /// Signals a strong answer to a free-text question on this track shows.
    public var defaultStrongSignals: [String]
    /// Words that mark a free-text question as belonging to this track.
    public var keywords: [String]

    public func weight(of competency: String) -> Double { weights[competency] ?? 1.0 }
}
