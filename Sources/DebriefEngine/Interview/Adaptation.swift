/// How a candidate answered a pushback (DOMAIN.md §4).
public enum AdaptationKind: String, Sendable, Codable, CaseIterable {
    /// Re-evaluated: updated the decision or added the missing safeguard.
    case adapted
    /// Kept the decision and answered the challenge with new reasoning.
    case heldWithReasoning = "held-with-reasoning"
    /// Repeated or justified the answer, argued with the premise.
    case defended
    /// Changed the subject or gave no answer.
    case deflected

    public var label: String {
        switch self {
        case .adapted: "adapted"
        case .heldWithReasoning: "held with reasoning"
        case .defended: "defended"
        case .deflected: "deflected"
        }
    }

    /// Whether the response shows the candidate can take a challenge on board.
    public var isCoachable: Bool { self == .adapted || self == .heldWithReasoning }

    /// The coachability rating this response earns on its own.
    var coachability: Double {
        switch self {
        case .adapted: 4
        case .heldWithReasoning: 3.25
        case .deflected: 1.75
        case .defended: 1
        }
    }
}

/// One classified response to one pushback, with the words that show it.
public struct AdaptationRecord: Sendable, Codable, Equatable {
    public var pushbackID: String
    public var trigger: PushbackTrigger
    public var kind: AdaptationKind
    /// Whether the response supplied what the pushback asked for.
    public var gapFilled: Bool
    public var quote: String
    public var explanation: String
}

/// Classifies a response to a pushback as adapted, held with reasoning, defended or deflected.
///
/// Markers follow work on conversational receptiveness: acknowledgement and explicit updates
/// count toward openness, flat contradiction and repetition against it; whether the response
/// fills the gap the pushback named weighs most.
public struct AdaptationClassifier: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public func classify(_ response: String, to pushback: Pushback, answer: String) -> AdaptationRecord {
        let analyzer = Analyzer(banks: banks)
        let (evidence, _, words) = analyzer.scan(response, source: .response(0))
        let original = Set(analyzer.scan(answer, source: .answer).0.map(\.signal))
        func first(_ id: String) -> Evidence? { evidence.first { $0.signal == id } }
        func record(_ kind: AdaptationKind, filled: Bool, _ quote: String?, _ why: String) -> AdaptationRecord {
            let fallback = Analyzer.opening(of: response)
            return AdaptationRecord(pushbackID: pushback.id, trigger: pushback.trigger, kind: kind, gapFilled: filled,
                                    quote: quote ?? (fallback.isEmpty ? "(no answer)" : fallback), explanation: why)
        }

        let target = pushback.trigger.signal
        let targetName = banks.name(ofSignal: target)
        var remedy: Evidence?
        var flagRepeated: Evidence?
        switch pushback.trigger {
        case .missing(let id) where KeyPoint.isKeyPointID(id):
            remedy = analyzer.detect(id, in: response, source: .response(0))
        case .flag(let id) where Misconception.isMisconceptionID(id):
            flagRepeated = analyzer.detect(id, in: response, source: .response(0))
            // Taking the misconception back is the remedy: a response with receptiveness or
            // a key point of the same question.
            if flagRepeated == nil, let question = banks.question(String(id.dropFirst(3).split(separator: "/").first ?? "")) {
                remedy = question.keyPoints.lazy.compactMap { analyzer.detect($0.id, in: response, source: .response(0)) }.first
            }
        case .missing(let id):
            remedy = first(id)
        case .flag(let id):
            flagRepeated = first(id)
            let remedies = banks.lexicon.signal(id)?.remedies ?? []
            remedy = evidence.first { remedies.contains($0.signal) }
        }
        let receptive = first("receptiveness")
        let resistant = first("defensiveness")
        let deflecting = first("deflection")
        let reasons = first("gives-reasons")
        let newPositive = evidence.first { $0.polarity == .positive && !original.contains($0.signal) && $0.signal != "receptiveness" }
        let gapFilled = remedy != nil && flagRepeated == nil

        if words == 0 {
            return record(.deflected, filled: false, nil, "gave no answer to the challenge on \(targetName)")
        }
        if gapFilled, resistant == nil {
            let how = pushback.trigger.kind == "missing" ? "supplied the missing \(targetName)" : "addressed the concern about \(targetName)"
            return record(.adapted, filled: true, remedy?.excerpt, how)
        }
        if let flagRepeated {
            return record(.defended, filled: false, flagRepeated.excerpt, "repeated the \(targetName) when challenged on it")
        }
        if let resistant {
            return record(.defended, filled: gapFilled, resistant.excerpt, "treated the challenge on \(targetName) as opposition")
        }
        if let receptive {
            let still = pushback.trigger.kind == "missing" ? "did not yet supply the \(targetName)" : "did not yet address the \(targetName)"
            return record(.adapted, filled: false, receptive.excerpt, "acknowledged the point and updated, but \(still)")
        }
        if Self.repeats(response, answer) {
            return record(.defended, filled: false, nil, "restated the original answer instead of engaging with \(targetName)")
        }
        if let deflecting {
            return record(.deflected, filled: false, deflecting.excerpt, "moved away from the challenge on \(targetName)")
        }
        if let reasons, words >= 8 {
            let quote = newPositive?.excerpt ?? reasons.excerpt
            return record(.heldWithReasoning, filled: false, quote, "kept the position and gave a new reason")
        }
        if let newPositive, words >= 8 {
            return record(.heldWithReasoning, filled: false, newPositive.excerpt, "answered with new substance, though not on the \(targetName) the challenge was about")
        }
        return record(.deflected, filled: false, nil, "did not answer the challenge on \(targetName)")
    }

    /// Whether most of the response's words were already in the answer.
    static func repeats(_ response: String, _ answer: String) -> Bool {
        let responseWords = Tokenizer.tokenize(response).tokens.map(\.text).filter { $0.count > 3 }
        guard responseWords.count >= 5 else { return false }
        let answerWords = Set(Tokenizer.tokenize(answer).tokens.map(\.text))
        let shared = responseWords.filter { answerWords.contains($0) }.count
        return Double(shared) / Double(responseWords.count) >= 0.7
    }
}
