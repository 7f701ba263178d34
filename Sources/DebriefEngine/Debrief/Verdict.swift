/// What the debrief decided.
public enum Decision: String, Sendable, Codable {
    case hire
    case noHire = "no-hire"
    /// The committee wants more signal before deciding (google model).
    case hold

    public var label: String {
        switch self { case .hire: "hire"; case .noHire: "no hire"; case .hold: "hold" }
    }
}

/// One dimension across the panel, before and after removing interviewer strictness.
public struct CompetencySummary: Sendable, Codable, Equatable {
    public var competency: String
    public var name: String
    public var raw: Double
    public var normalized: Double
    public var weight: Double
    public var ratings: Int
}

/// A red flag across the loop, classified for the asymmetry rule (DOMAIN.md §5).
public struct RedFlagFinding: Sendable, Codable, Equatable {
    public var signal: String
    public var name: String
    public var severity: Severity
    /// Seen in more than one round or by more than one interviewer.
    public var repeated: Bool
    /// Challenged at least once.
    public var challenged: Bool
    /// Challenged, and never adapted or held with reasoning.
    public var uncoached: Bool
    /// Severe, repeated and uncoached.
    public var fatal: Bool
    public var observations: [Observation]

    public struct Observation: Sendable, Codable, Equatable {
        public var round: Int
        public var interviewer: String
        public var quote: String
        public var adaptation: AdaptationKind?
    }
}

/// Something said in one round.
public struct Statement: Sendable, Codable, Equatable {
    public var signal: String
    public var quote: String
    public var round: Int
    public var interviewer: String
}

/// Two statements in different rounds that cannot both describe the same candidate.
public struct Inconsistency: Sendable, Codable, Equatable {
    public var first: Statement
    public var second: Statement
    public var description: String
}

/// One of the patterns that sink candidates in debriefs.
public struct Sink: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case inconsistency
        case noStandout = "no-standout"
        case disqualifyingDataPoint = "disqualifying-data-point"
        case lackOfSpecificity = "lack-of-specificity"
    }
    public var kind: Kind
    public var detail: String
    /// How much it took off the composite.
    public var penalty: Double
}

/// One interviewer's part in the debrief: recommendation and the evidence they bring.
public struct Presentation: Sendable, Codable, Equatable {
    public var interviewer: String
    public var name: String
    public var role: InterviewerRole
    public var recommendation: Recommendation
    public var strictness: Double
    /// Mean of the card's ratings as written, and with strictness removed.
    public var rawMean: Double
    public var normalizedMean: Double
    public var evidence: [String]
}

/// Where the composite sits in the pool.
public struct Calibration: Sendable, Codable, Equatable {
    public var pool: String
    public var composite: Double
    public var percentile: Double
    public var bar: Double
    public var clearsBar: Bool
}

/// A three-hires-one-strong-no-hire kind of panel: reported, then decided by the rule.
public struct Split: Sendable, Codable, Equatable {
    public var forHire: [String]
    public var against: [String]
    public var dissent: String
}

/// How the decision model reached its decision.
public struct DecisionTrace: Sendable, Codable, Equatable {
    public var model: DecisionModelKind
    public var decision: Decision
    /// The rule that decided, in one line.
    public var rule: String
    /// Each check in order, as the debrief would say it.
    public var steps: [String]
    public var split: Split?
    /// For `hold`: what would resolve it.
    public var toResolve: String?
}

/// A change that would move the verdict, most impact first.
public struct PracticeItem: Sendable, Codable, Equatable {
    public var title: String
    public var why: String
    public var drill: String
}

/// A round that did not give the panel a full hearing: cut short, or never reached.
/// It gets no scorecard and no vote (no veto either); the debrief names it.
public struct UnheardRound: Sendable, Codable, Equatable {
    public var round: Int
    public var interviewer: String
    public var name: String
    public var role: InterviewerRole
    /// Questions put to the candidate in it before the session ended.
    public var asked: Int
    public var planned: Int

    public init(round: Int, interviewer: String, name: String, role: InterviewerRole, asked: Int, planned: Int) {
        self.round = round
        self.interviewer = interviewer
        self.name = name
        self.role = role
        self.asked = asked
        self.planned = planned
    }

    /// "Round 3 (Priya Raman, bar raiser): not reached" or "… cut short after 1 of 2 questions".
    public var description: String {
        let what = asked == 0 ? "not reached" : "cut short after \(asked) of \(planned) question\(planned == 1 ? "" : "s")"
        return "Round \(round) (\(name), \(role.title.lowercased())): \(what)"
    }

    /// The rounds of a plan that did not get to ask all their questions, given how many each
    /// asked. Pure: the drill and replay both call it.
    public static func find(planned: [(round: Int, persona: Persona, questions: Int)], answered: [Int: Int]) -> [UnheardRound] {
        planned.compactMap { entry in
            let asked = answered[entry.round] ?? 0
            guard asked < entry.questions else { return nil }
            return UnheardRound(round: entry.round, interviewer: entry.persona.id, name: entry.persona.name, role: entry.persona.role,
                                asked: asked, planned: entry.questions)
        }
    }
}

/// The debrief's outcome, in the order the meeting goes.
public struct Verdict: Sendable, Codable, Equatable {
    /// The recruiter's opening.
    public var summary: String
    public var presentations: [Presentation]
    public var competencies: [CompetencySummary]
    public var composite: Double
    public var calibration: Calibration
    public var redFlags: [RedFlagFinding]
    public var inconsistencies: [Inconsistency]
    public var sinks: [Sink]
    public var decision: DecisionTrace
    /// The overall recommendation of the packet.
    public var recommendation: Recommendation
    /// The "but", in one sentence - or the absence of one.
    public var but: String
    public var practicePlan: [PracticeItem]
    /// Rounds cut short or never reached (nil in journals written before this was recorded).
    public var unheard: [UnheardRound]? = nil
}
