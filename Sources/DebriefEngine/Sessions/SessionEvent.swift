/// Why a session ended.
public enum EndReason: String, Sendable, Codable {
    /// Every planned question was asked, and the debrief ran.
    case completed
    /// The candidate ended early (`:end` or Ctrl-D) and the debrief ran on what was answered.
    case endedEarly = "ended-early"
    /// The candidate left with `:quit`: the journal stays, marked unfinished.
    case quit
    /// SIGTERM or SIGHUP.
    case terminated
    /// Standard input ended before the session did.
    case inputEnded = "input-ended"

    public var isFinished: Bool { self == .completed || self == .endedEarly }
}

/// The first line of a journal: everything needed to replay or re-score the session.
public struct SessionHeader: Sendable, Codable, Equatable {
    public static let currentSchema = 1

    public struct PlannedRoundRef: Sendable, Codable, Equatable {
        public var number: Int
        public var interviewer: String
        public var track: Track
        public var questions: [String]
        public init(number: Int, interviewer: String, track: Track, questions: [String]) {
            self.number = number
            self.interviewer = interviewer
            self.track = track
            self.questions = questions
        }
    }

    public var schema: Int
    public var engine: String
    public var mode: String
    public var startedAt: String
    public var seed: UInt64
    public var loop: String
    public var decisionModel: DecisionModelKind
    public var pool: String
    public var coach: Bool
    public var banksRoot: String
    public var banks: [BankFile]
    public var rounds: [PlannedRoundRef]

    public init(engine: String = EngineInfo.version, mode: String, startedAt: String, seed: UInt64, loop: String,
                decisionModel: DecisionModelKind, pool: String, coach: Bool, banksRoot: String, banks: [BankFile],
                rounds: [PlannedRoundRef]) {
        self.schema = Self.currentSchema
        self.engine = engine
        self.mode = mode
        self.startedAt = startedAt
        self.seed = seed
        self.loop = loop
        self.decisionModel = decisionModel
        self.pool = pool
        self.coach = coach
        self.banksRoot = banksRoot
        self.banks = banks
        self.rounds = rounds
    }
}

/// One line of a session journal. `type` says which of the optional fields are set.
public struct SessionEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case header
        case roundStarted = "round-started"
        case question
        case answer
        case pushback
        case response
        case hint
        case skip
        case exchange
        case scorecards
        case verdict
        case end
    }

    public var type: Kind
    /// Wall-clock time, ISO 8601, as given by the caller (the engine reads no clock).
    public var at: String
    public var header: SessionHeader?
    public var round: Int?
    /// For round-started: how many questions the round plans to ask.
    public var planned: Int?
    public var interviewer: String?
    public var track: Track?
    public var questionID: String?
    public var prompt: String?
    public var text: String?
    public var pushback: Pushback?
    public var pushbackID: String?
    public var adaptation: AdaptationRecord?
    public var exchange: Exchange?
    public var scorecards: [Scorecard]?
    public var verdict: Verdict?
    public var reason: EndReason?
    public var detail: String?

    public init(type: Kind, at: String) {
        self.type = type
        self.at = at
    }

    public static func header(_ header: SessionHeader, at: String) -> SessionEvent {
        var event = SessionEvent(type: .header, at: at)
        event.header = header
        return event
    }
    public static func roundStarted(_ round: Int, interviewer: String, track: Track, planned: Int? = nil, at: String) -> SessionEvent {
        var event = SessionEvent(type: .roundStarted, at: at)
        event.round = round
        event.planned = planned
        event.interviewer = interviewer
        event.track = track
        return event
    }
    public static func question(_ round: Int, _ question: Question, at: String) -> SessionEvent {
        var event = SessionEvent(type: .question, at: at)
        event.round = round
        event.questionID = question.id
        event.prompt = question.prompt
        return event
    }
    public static func answer(_ round: Int, questionID: String, text: String, at: String) -> SessionEvent {
        var event = SessionEvent(type: .answer, at: at)
        event.round = round
        event.questionID = questionID
        event.text = text
        return event
    }
    public static func pushback(_ round: Int, questionID: String, _ pushback: Pushback, at: String) -> SessionEvent {
        var event = SessionEvent(type: .pushback, at: at)
        event.round = round
        event.questionID = questionID
        event.pushback = pushback
        return event
    }
    public static func response(_ round: Int, questionID: String, pushbackID: String, text: String,
                                adaptation: AdaptationRecord, at: String) -> SessionEvent {
        var event = SessionEvent(type: .response, at: at)
        event.round = round
        event.questionID = questionID
        event.pushbackID = pushbackID
        event.text = text
        event.adaptation = adaptation
        return event
    }
    public static func marker(_ kind: Kind, round: Int, questionID: String, at: String) -> SessionEvent {
        var event = SessionEvent(type: kind, at: at)
        event.round = round
        event.questionID = questionID
        return event
    }
    public static func exchange(_ round: Int, _ exchange: Exchange, at: String) -> SessionEvent {
        var event = SessionEvent(type: .exchange, at: at)
        event.round = round
        event.questionID = exchange.questionID
        event.exchange = exchange
        return event
    }
    public static func scorecards(_ cards: [Scorecard], at: String) -> SessionEvent {
        var event = SessionEvent(type: .scorecards, at: at)
        event.scorecards = cards
        return event
    }
    public static func verdict(_ verdict: Verdict, at: String) -> SessionEvent {
        var event = SessionEvent(type: .verdict, at: at)
        event.verdict = verdict
        return event
    }
    public static func end(_ reason: EndReason, detail: String? = nil, at: String) -> SessionEvent {
        var event = SessionEvent(type: .end, at: at)
        event.reason = reason
        event.detail = detail
        return event
    }
}
