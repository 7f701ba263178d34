/// A competency rating on a scorecard, with the evidence behind it.
public struct CardRating: Sendable, Codable, Equatable {
    public var competency: String
    /// The interviewer's own 1–4, strictness included.
    public var rating: Int
    /// The unrounded value behind `rating`.
    public var score: Double
    public var justification: String
    /// Quotes from the candidate's words.
    public var evidence: [String]

    public init(competency: String, rating: Int, score: Double, justification: String, evidence: [String]) {
        self.competency = competency
        self.rating = rating
        self.score = score
        self.justification = justification
        self.evidence = evidence
    }
}

/// A red flag an interviewer saw, where, and what happened when they challenged it.
public struct FlagObservation: Sendable, Codable, Equatable {
    public var signal: String
    public var severity: Severity
    public var quote: String
    public var round: Int
    public var questionID: String
    /// The candidate's response when challenged on it; nil when not challenged.
    public var adaptation: AdaptationKind?
    public var adaptationQuote: String?

    public init(signal: String, severity: Severity, quote: String, round: Int, questionID: String, adaptation: AdaptationKind?, adaptationQuote: String?) {
        self.signal = signal
        self.severity = severity
        self.quote = quote
        self.round = round
        self.questionID = questionID
        self.adaptation = adaptation
        self.adaptationQuote = adaptationQuote
    }
}

/// One interviewer's independent scorecard.
public struct Scorecard: Sendable, Codable, Equatable {
    public var interviewer: String
    public var name: String
    public var role: InterviewerRole
    /// The persona's known offset; the debrief removes it.
    public var strictness: Double
    public var rounds: [Int]
    public var ratings: [CardRating]
    public var redFlags: [FlagObservation]
    public var adaptations: [AdaptationRecord]
    public var notes: [String]
    public var recommendation: Recommendation
    /// Why the recommendation is what it is, in one line.
    public var recommendationReason: String

    public init(interviewer: String, name: String, role: InterviewerRole, strictness: Double, rounds: [Int], ratings: [CardRating], redFlags: [FlagObservation], adaptations: [AdaptationRecord], notes: [String], recommendation: Recommendation, recommendationReason: String) {
        self.interviewer = interviewer
        self.name = name
        self.role = role
        self.strictness = strictness
        self.rounds = rounds
        self.ratings = ratings
        self.redFlags = redFlags
        self.adaptations = adaptations
        self.notes = notes
        self.recommendation = recommendation
        self.recommendationReason = recommendationReason
    }
}

/// Writes a scorecard for one interviewer from the rounds that interviewer ran.
///
/// Independence is structural: `write` receives one persona and its own rounds, and no
/// other card exists in its scope; the panel calls it once per persona before any
/// debrief code runs.
public struct ScorecardWriter: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public func write(for persona: Persona, rounds: [RoundRecord]) -> Scorecard {
        let own = rounds.filter { $0.interviewer == persona.id }
        let exchanges = own.flatMap { round in round.exchanges.map { (round.number, $0) } }

        // Which competencies this interviewer rates: its assignment, as far as its questions
        // informed them; all the questions' competencies if none overlap.
        var asked: [String] = []
        for (_, exchange) in exchanges {
            for rating in exchange.analysis.ratings where !asked.contains(rating.competency) { asked.append(rating.competency) }
        }
        var rated = asked.filter { persona.competencies.contains($0) }
        if rated.isEmpty { rated = asked }

        var ratings: [CardRating] = []
        for competency in rated {
            let scores = exchanges.compactMap { $0.1.analysis.rating(of: competency) }
            guard !scores.isEmpty else { continue }
            let engine = scores.map(\.score).reduce(0, +) / Double(scores.count)
            let own = Self.clamp(engine - persona.strictness)
            let best = scores.max { $0.score < $1.score }!
            let quotes = exchanges.flatMap { $0.1.analysis.evidence }
                .filter { banks.lexicon.signal($0.signal)?.competencies.contains(competency) ?? false }
                .map(\.excerpt)
            ratings.append(CardRating(competency: competency, rating: Int(own.rounded()), score: Self.round2(own),
                                      justification: best.justification, evidence: Array(Self.unique(quotes).prefix(3))))
        }

        // Coachability, from how the candidate took this interviewer's pushbacks.
        let adaptations = exchanges.flatMap { $0.1.followUps.map(\.adaptation) }
        if !adaptations.isEmpty {
            let engine = adaptations.map(\.kind.coachability).reduce(0, +) / Double(adaptations.count)
            let own = Self.clamp(engine - persona.strictness)
            let worst = adaptations.min { $0.kind.coachability < $1.kind.coachability }!
            ratings.append(CardRating(
                competency: "coachability", rating: Int(own.rounded()), score: Self.round2(own),
                justification: "Challenged \(adaptations.count == 1 ? "once" : "\(adaptations.count) times"); \(worst.kind.label) on \(banks.name(ofSignal: worst.trigger.signal)): \u{201C}\(worst.quote)\u{201D}.",
                evidence: adaptations.map(\.quote)))
        }

        var flags: [FlagObservation] = []
        for (round, exchange) in exchanges {
            var seen: Set<String> = []
            for item in exchange.analysis.redFlags where seen.insert(item.signal).inserted {
                // A flag said in answer to a challenge ("as I already said...") carries that challenge's outcome.
                var challenge = exchange.followUps.last { $0.pushback.trigger == .flag(item.signal) }
                if challenge == nil, case .response(let n) = item.source, n < exchange.followUps.count {
                    challenge = exchange.followUps[n]
                }
                flags.append(FlagObservation(signal: item.signal, severity: item.severity ?? .moderate, quote: item.excerpt,
                                             round: round, questionID: exchange.questionID,
                                             adaptation: challenge?.adaptation.kind, adaptationQuote: challenge?.adaptation.quote))
            }
        }

        var notes: [String] = []
        for (round, exchange) in exchanges {
            for followUp in exchange.followUps {
                notes.append("Round \(round), \(exchange.questionID): pushed on \(banks.name(ofSignal: followUp.pushback.trigger.signal)); \(followUp.adaptation.kind.label) - \(followUp.adaptation.explanation).")
            }
            if exchange.hintUsed { notes.append("Round \(round), \(exchange.questionID): needed the hint.") }
        }

        let mean = ratings.isEmpty ? 1 : ratings.map(\.score).reduce(0, +) / Double(ratings.count)
        var recommendation = Recommendation.from(score: mean)
        var reason = "mean rating \(Self.format(mean))"
        let uncoached = flags.filter { $0.severity == .severe && ($0.adaptation == .defended || $0.adaptation == .deflected) }
        let unchallenged = flags.filter { $0.severity == .severe && $0.adaptation == nil }
        if let flag = uncoached.first, recommendation > .noHire {
            recommendation = .noHire
            reason += "; capped at no hire: \(flag.adaptation!.label) \(banks.name(ofSignal: flag.signal)) when challenged"
        } else if let flag = unchallenged.first, recommendation > .leanHire {
            recommendation = .leanHire
            reason += "; held to lean hire by \(banks.name(ofSignal: flag.signal)) (\u{201C}\(flag.quote)\u{201D})"
        }
        return Scorecard(interviewer: persona.id, name: persona.name, role: persona.role, strictness: persona.strictness,
                         rounds: own.map(\.number), ratings: ratings, redFlags: flags, adaptations: adaptations,
                         notes: notes, recommendation: recommendation, recommendationReason: reason)
    }

    static func clamp(_ x: Double) -> Double { min(4, max(1, x)) }
    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    static func format(_ x: Double) -> String { String(format: "%.2f", x) }
    static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}

/// Collects every interviewer's card, each written without sight of the others.
public struct Panel: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public func scorecards(for rounds: [RoundRecord]) -> [Scorecard] {
        var order: [String] = []
        for round in rounds where !order.contains(round.interviewer) { order.append(round.interviewer) }
        let writer = ScorecardWriter(banks: banks)
        return order.compactMap { id in
            guard let persona = banks.persona(id) else { return nil }
            return writer.write(for: persona, rounds: rounds.filter { $0.interviewer == id })
        }
    }
}

import Foundation
