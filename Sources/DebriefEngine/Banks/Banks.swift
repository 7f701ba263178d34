/// Everything a drill or a debrief reads from `QuestionBanks/`: dimensions, the signal
/// lexicon, the questions with their rubrics, and the panel.
public struct Banks: Sendable {
    public var root: String
    public var competencies: [Competency]
    public var tracks: [Track: TrackProfile]
    public var lexicon: Lexicon
    public var questions: [Question]
    public var personas: [Persona]
    public var loops: [Loop]
    public var pools: [Pool]
    public var decision: DecisionSettings
    /// The files read, relative to `root`, sorted, with a content hash each.
    public var files: [BankFile]
    /// Each area's keywords and shared key points, for questions asked in the user's own words.
    public var areas: [AreaProfile] = []

    public func competency(_ id: String) -> Competency? { competencies.first { $0.id == id } }
    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
    public func persona(_ id: String) -> Persona? { personas.first { $0.id == id } }
    public func loop(_ id: String) -> Loop? { loops.first { $0.id == id } }
    public func pool(_ id: String) -> Pool? { pools.first { $0.id == id } }
    public func profile(_ track: Track) -> TrackProfile {
        tracks[track] ?? TrackProfile(track: track, weights: [:], defaultCompetencies: [], defaultStrongSignals: [], keywords: [])
    }

    /// A readable name for a competency id (the id itself when unknown).
    public func name(ofCompetency id: String) -> String { competency(id)?.name ?? id }
    /// A readable name for a signal, key point or misconception id (the id itself when unknown).
    public func name(ofSignal id: String) -> String {
        if let signal = lexicon.signal(id) { return signal.name }
        if let point = keyPointIndex[id] { return point.text }
        if let misconception = misconceptionIndex[id] { return misconception.text }
        return id
    }

    /// Key points (questions' and areas') and misconceptions by global id, built at load.
    public var keyPointIndex: [String: KeyPoint] = [:]
    public var misconceptionIndex: [String: Misconception] = [:]

    /// The patterns of each question's key points and misconceptions (by question id) and of
    /// each area's key points (by `area:<track>/<area>`), indexed at load.
    public var pointIndexes: [String: PointIndex] = [:]

    public func keyPoint(_ id: String) -> KeyPoint? { keyPointIndex[id] }
    public func misconception(_ id: String) -> Misconception? { misconceptionIndex[id] }

    /// Fills the indexes from the questions and areas.
    mutating func index() {
        for question in questions {
            for point in question.keyPoints { keyPointIndex[point.id] = point }
            for misconception in question.misconceptions { misconceptionIndex[misconception.id] = misconception }
        }
        for area in areas { for point in area.keyPoints { keyPointIndex[point.id] = point } }
        for question in questions {
            pointIndexes[question.id] = PointIndex(question.keyPoints.map { ($0.id, $0.patterns) }
                                                   + question.misconceptions.map { ($0.id, $0.patterns) })
        }
        for area in areas {
            pointIndexes[Self.areaIndexKey(area.track, area.area)] = PointIndex(area.keyPoints.map { ($0.id, $0.patterns) })
        }
    }

    static func areaIndexKey(_ track: Track, _ area: String) -> String { "area:\(track.rawValue)/\(area)" }

    /// The indexed patterns an answer to `question` is read with: its own, or its area's.
    public func pointIndex(for question: Question) -> PointIndex? {
        if !question.keyPoints.isEmpty, let index = pointIndexes[question.id] { return index }
        return pointIndexes[Self.areaIndexKey(question.track, question.area)]
    }
}

/// One file of the banks and a hash of its bytes (FNV-1a 64, hex), recorded in sessions.
public struct BankFile: Sendable, Codable, Equatable {
    public var path: String
    public var hash: String

    public static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
