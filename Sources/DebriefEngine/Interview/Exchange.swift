/// A pushback, the candidate's response and how they adapted.
public struct FollowUp: Sendable, Codable, Equatable {
    public var pushback: Pushback
    public var response: String
    public var adaptation: AdaptationRecord
}

/// One question of a round: the answer, the follow-ups and the analysis of all of it.
public struct Exchange: Sendable, Codable, Equatable {
    public var questionID: String
    public var answer: String
    public var followUps: [FollowUp]
    /// Analysis of the answer and responses together; coached red flags weigh half.
    public var analysis: AnswerAnalysis
    public var hintUsed: Bool
}

/// One round of a loop, run by one interviewer.
public struct RoundRecord: Sendable, Codable, Equatable {
    /// 1-based, as people count rounds.
    public var number: Int
    public var interviewer: String
    public var track: Track
    public var exchanges: [Exchange]

    public init(number: Int, interviewer: String, track: Track, exchanges: [Exchange]) {
        self.number = number
        self.interviewer = interviewer
        self.track = track
        self.exchanges = exchanges
    }
}

/// Records one question's exchange step by step: the answer, then up to `maximumPushbacks`
/// challenges and responses. The REPL, `score` and the tests all drive it the same way.
public struct ExchangeRecorder: Sendable {
    public static let maximumPushbacks = 2

    public let question: Question
    private let banks: Banks
    private let seed: UInt64
    private var answer: String = ""
    private var followUps: [FollowUp] = []
    private var pending: Pushback?
    private var hintUsed = false
    /// The session's earlier answers, so a repeated answer is named.
    private let earlier: [String]

    public init(question: Question, banks: Banks, seed: UInt64, earlier: [String] = []) {
        self.question = question
        self.banks = banks
        self.seed = seed
        self.earlier = earlier
    }

    /// The pushback awaiting a response, if any.
    public var pendingPushback: Pushback? { pending }

    public mutating func useHint() { hintUsed = true }

    /// Records the answer; returns the first pushback, or nil when the answer covers the rubric.
    /// `used` is the session's set of pushback ids, updated with the one chosen.
    public mutating func answer(_ text: String, used: inout Set<String>) -> Pushback? {
        answer = text
        return next(used: &used)
    }

    /// Records the response to the pending pushback; returns the next pushback, if any.
    public mutating func respond(_ text: String, used: inout Set<String>) -> Pushback? {
        guard let pushback = pending else { return nil }
        let record = AdaptationClassifier(banks: banks).classify(text, to: pushback, answer: answer)
        followUps.append(FollowUp(pushback: pushback, response: text, adaptation: record))
        pending = nil
        // A candidate who defends or deflects is not challenged again on the same question:
        // the debrief already has what it needs.
        guard record.kind.isCoachable else { return nil }
        return next(used: &used)
    }

    private mutating func next(used: inout Set<String>) -> Pushback? {
        guard followUps.count < Self.maximumPushbacks else { return nil }
        let analysis = currentAnalysis()
        let targeted = followUps.map(\.pushback.trigger)
        let choice = PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [answer] + followUps.map(\.response),
                                                          used: used, alreadyTargeted: targeted, seed: seed)
        if let choice { used.insert(choice.id) }
        pending = choice
        return choice
    }

    private func currentAnalysis() -> AnswerAnalysis {
        let coached = Set(followUps.filter { $0.adaptation.kind == .adapted && $0.adaptation.gapFilled }.map(\.pushback.trigger.signal))
        return Analyzer(banks: banks).analyze(parts: [answer] + followUps.map(\.response), for: question, coached: coached,
                                              earlier: earlier)
    }

    /// Re-runs today's engine on a recorded exchange: the same answer, the same pushbacks
    /// and responses, analysed and classified afresh (for `replay --rescore`).
    public static func rescore(question: Question, banks: Banks, answer: String, followUps: [(Pushback, String)],
                               hintUsed: Bool, earlier: [String] = []) -> Exchange {
        let classifier = AdaptationClassifier(banks: banks)
        let redone = followUps.map { pushback, response in
            FollowUp(pushback: pushback, response: response, adaptation: classifier.classify(response, to: pushback, answer: answer))
        }
        let coached = Set(redone.filter { $0.adaptation.kind == .adapted && $0.adaptation.gapFilled }.map(\.pushback.trigger.signal))
        let analysis = Analyzer(banks: banks).analyze(parts: [answer] + redone.map(\.response), for: question, coached: coached,
                                                      earlier: earlier)
        return Exchange(questionID: question.id, answer: answer, followUps: redone, analysis: analysis, hintUsed: hintUsed)
    }

    /// The finished exchange. A pushback left unanswered is dropped.
    public func finish() -> Exchange {
        Exchange(questionID: question.id, answer: answer, followUps: followUps, analysis: currentAnalysis(), hintUsed: hintUsed)
    }
}
