/// One round of a planned session: who asks, on which track, which questions.
public struct PlannedRound: Sendable, Equatable {
    public var number: Int
    public var persona: Persona
    public var track: Track
    public var questions: [Question]
}

/// What the user asked for on the command line.
public struct DrillSelection: Sendable, Equatable {
    public enum TrackChoice: String, Sendable, CaseIterable { case ml, behavioral, mixed }
    public var loop: String
    public var track: TrackChoice?
    public var questions: Int?

    public init(loop: String, track: TrackChoice? = nil, questions: Int? = nil) {
        self.loop = loop
        self.track = track
        self.questions = questions
    }
}

/// Turns a loop and the user's selection into rounds of concrete questions.
///
/// Deterministic for a seed: the same seed asks the same questions in the same order. No
/// question is asked twice in a session.
public struct LoopPlanner: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownLoop(String, known: [String])
        case unknownInterviewer(String)
        case noQuestions(Track)

        public var description: String {
            switch self {
            case let .unknownLoop(name, known): "unknown loop '\(name)'; loops: \(known.joined(separator: ", "))"
            case let .unknownInterviewer(id): "the loop names interviewer '\(id)', who is not in panels.yaml"
            case let .noQuestions(track): "the banks have no \(track.rawValue) questions"
            }
        }
    }

    public func plan(_ selection: DrillSelection, seed: UInt64) throws(PlanError) -> [PlannedRound] {
        guard let loop = banks.loop(selection.loop) else {
            throw .unknownLoop(selection.loop, known: banks.loops.map(\.id))
        }
        var generator = SeededGenerator.derived(seed: seed, label: "questions")
        var asked: Set<String> = []
        var rounds: [PlannedRound] = []
        for (index, round) in loop.rounds.enumerated() {
            var track = round.track
            var persona = banks.persona(round.interviewer)
            var areas = round.areas
            switch selection.track {
            case .ml?, .behavioral?:
                let chosen: Track = selection.track == .ml ? .ml : .behavioral
                if chosen != track {
                    track = chosen
                    areas = []
                    persona = interviewer(for: chosen, preferring: persona)
                }
            case .mixed?:
                if loop.rounds.count == 1 { break } // a single round mixes by question, below
            case nil:
                break
            }
            guard let persona else { throw .unknownInterviewer(round.interviewer) }
            let count = max(1, selection.questions ?? round.questions)
            var questions: [Question] = []
            if selection.track == .mixed && loop.rounds.count == 1 {
                for n in 0..<count {
                    let wanted: Track = n % 2 == 0 ? .ml : .behavioral
                    questions += pick(1, track: wanted, areas: [], excluding: &asked, generator: &generator)
                }
            } else {
                questions = pick(count, track: track, areas: areas, excluding: &asked, generator: &generator)
            }
            if questions.isEmpty { throw .noQuestions(track) }
            rounds.append(PlannedRound(number: index + 1, persona: persona, track: track, questions: questions))
        }
        return rounds
    }

    /// Draws `count` questions of a track, from the given areas first, then from any area.
    private func pick(_ count: Int, track: Track, areas: [String], excluding asked: inout Set<String>,
                      generator: inout SeededGenerator) -> [Question] {
        let pool = banks.questions.filter { $0.track == track && !asked.contains($0.id) }
        var preferred = pool.filter { areas.isEmpty || areas.contains($0.area) }
        var rest = pool.filter { !(areas.isEmpty || areas.contains($0.area)) }
        preferred.shuffle(using: &generator)
        rest.shuffle(using: &generator)
        let chosen = Array((preferred + rest).prefix(count))
        for question in chosen { asked.insert(question.id) }
        return chosen
    }

    /// The persona best suited to a track: the most competencies in common with what the
    /// track weighs; the loop's own interviewer wins ties.
    func interviewer(for track: Track, preferring current: Persona?) -> Persona? {
        let profile = banks.profile(track)
        let wanted = Set(profile.defaultCompetencies + profile.weights.keys)
        func fit(_ persona: Persona) -> Int { Set(persona.competencies).intersection(wanted).count }
        let candidates = banks.personas.filter { $0.role != .barRaiser }
        guard let best = candidates.max(by: { (fit($0), $0.id == current?.id ? 1 : 0) < (fit($1), $1.id == current?.id ? 1 : 0) }) else {
            return current
        }
        if let current, fit(current) >= fit(best) { return current }
        return best
    }
}
