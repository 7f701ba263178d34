import Foundation

/// Turns an answer into evidence, gaps and 1–4 competency ratings.
///
/// Pure and deterministic: the same banks, question and text always give the same analysis.
public struct Analyzer: Sendable {
    public let banks: Banks

    public init(banks: Banks) { self.banks = banks }

    private var lexicon: Lexicon { banks.lexicon }

    /// Analyzes one answer.
    public func analyze(_ answer: String, for question: Question, earlier: [String] = []) -> AnswerAnalysis {
        analyze(parts: [answer], for: question, earlier: earlier)
    }

    /// Words any answer of either track may use; they say nothing about the topic (cut to six letters).
    public static let genericWords: Set<String> = ["model", "models", "data", "users", "team", "people", "would", "think", "really",
                                             "because", "should", "could", "things", "something", "decide", "decisi", "answer"]

    /// An on-topic answer shares at least `onTopicShare` of this many of the topic's words.
    static let topicSample = 20
    /// 4 of 20: an answer to another question shares almost none of the topic's words.
    static let onTopicShare = 0.2

    /// Fewer words than this are never called off-topic.
    static let offTopicMinimumWords = 25

    /// Ids of the signals the engine derives rather than matches (defined in signals.yaml).
    public enum Derived {
        public static let dismissedSafeguard = "dismissed-safeguard"
        public static let offTopic = "off-topic"
        public static let repeatedAnswer = "repeated-answer"
        public static let all = [dismissedSafeguard, offTopic, repeatedAnswer]
    }

    /// What one text (the answer or a response) shows.
    struct Reading {
        var found: [Evidence] = []
        var cancelled: [Evidence] = []
        var listed: [Evidence] = []
        var words = 0
        /// Action clauses by agent.
        var actions: [Agent: Int] = [:]
        var firstOwnAction: Evidence?
        var firstOthersAction: Evidence?
        var contentWords: Set<String> = []
    }

    /// Analyzes an answer together with the candidate's responses to pushback on it.
    /// `coached` lists red flags the candidate fixed when challenged; they weigh half.
    /// `earlier` holds the session's earlier answers, so a repeated answer is named.
    public func analyze(parts: [String], for question: Question, coached: Set<String> = [], earlier: [String] = []) -> AnswerAnalysis {
        let points = keyPoints(for: question)
        var evidence: [Evidence] = [], negated: [Evidence] = [], listed: [Evidence] = []
        var words = 0
        var actions: [Agent: Int] = [:]
        var ownAction: Evidence?, othersAction: Evidence?
        var answerWords: Set<String> = []
        for (index, part) in parts.enumerated() {
            let source: EvidenceSource = index == 0 ? .answer : .response(index - 1)
            let reading = read(part, source: source, question: question, points: points)
            evidence += reading.found
            negated += reading.cancelled
            listed += reading.listed
            words += reading.words
            for (agent, n) in reading.actions { actions[agent, default: 0] += n }
            ownAction = ownAction ?? reading.firstOwnAction
            othersAction = othersAction ?? reading.firstOthersAction
            if index == 0 { answerWords = reading.contentWords }
        }

        // Ownership from who acts: "I" as the agent of decisions and actions, not pronoun counts.
        let own = actions[.me] ?? 0
        let others = (actions[.we] ?? 0) + (actions[.passive] ?? 0) + (actions[.other] ?? 0)
        let share: Double? = own + others > 0 ? Double(own) / Double(own + others) : nil
        if let ownAction, !evidence.contains(where: { $0.signal == "first-person-ownership" }), lexicon.contains("first-person-ownership") {
            evidence.append(ownAction)
        }
        if question.track == .behavioral, own == 0, others >= 2, let othersAction,
           !evidence.contains(where: { $0.signal == "shifting-ownership" }), lexicon.contains("shifting-ownership") {
            evidence.append(othersAction)
        }

        // Relevance: an answer that establishes no key point and hardly shares a word with the
        // prompt answers another question.
        let covered = points.filter { point in evidence.contains { $0.signal == point.id } }
        let totalWeight = points.map(\.weight).reduce(0, +)
        let coveredWeight = covered.map(\.weight).reduce(0, +)
        // The topic: the prompt and what the bank says a strong answer covers.
        let topic = ([question.prompt, question.hint] + points.map(\.text)).joined(separator: " ")
        let topicWords = Self.contentWords(Tokenizer.tokenize(topic)).subtracting(Self.genericWords)
        let overlap = topicWords.isEmpty ? 1 : Double(topicWords.intersection(answerWords).count) / Double(min(topicWords.count, Self.topicSample))
        // A short answer is thin, not off-topic: it takes a full answer to be about something else.
        let offTopic = !points.isEmpty && words >= Self.offTopicMinimumWords && coveredWeight < 0.2 * totalWeight && overlap < Self.onTopicShare
        if offTopic, let first = parts.first {
            evidence.append(derived(Derived.offTopic, quoting: first))
        }
        let repeated = earlier.contains { Self.nearlySame(answerWords, Self.contentWords(Tokenizer.tokenize($0))) }
        if repeated, let first = parts.first {
            evidence.append(derived(Derived.repeatedAnswer, quoting: first))
        }

        var gaps = points.filter { point in !covered.contains { $0.id == point.id } }
            .enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }
            .map { Gap(signal: $0.element.id, description: $0.element.text) }
        gaps += question.strongSignals.compactMap { id -> Gap? in
            guard !evidence.contains(where: { $0.signal == id }), let signal = lexicon.signal(id) else { return nil }
            return Gap(signal: id, description: signal.gap)
        }
        let context = RatingContext(question: question, points: points, evidence: evidence, listed: listed, gaps: gaps,
                                    coached: coached, answer: parts.first ?? "", capped: offTopic || repeated)
        let ratings = question.competencies.map { rate($0, context) }
        let profile = banks.profile(question.track)
        var total = 0.0, weights = 0.0
        for rating in ratings {
            let weight = profile.weight(of: rating.competency)
            total += rating.score * weight
            weights += weight
        }
        let score = weights > 0 ? (total / weights * 100).rounded() / 100 : 1.0
        var analysis = AnswerAnalysis(questionID: question.id, track: question.track, wordCount: words, evidence: evidence,
                                      negated: negated, ratings: ratings, gaps: gaps, score: score)
        analysis.keyPointsCovered = covered.map(\.id)
        analysis.keyPointsMissed = gaps.filter { KeyPoint.isKeyPointID($0.signal) }.map(\.signal)
        analysis.listed = listed
        analysis.offTopic = offTopic
        analysis.ownershipShare = share.map { ($0 * 100).rounded() / 100 }
        return analysis
    }

    /// The key points an answer to `question` is judged on: its own, or for a question asked
    /// in the user's words, those of the area it was matched to.
    public func keyPoints(for question: Question) -> [KeyPoint] {
        if !question.keyPoints.isEmpty { return question.keyPoints }
        return banks.areas.first { $0.track == question.track && $0.area == question.area }?.keyPoints ?? []
    }

    /// Scans one text and turns lexicon hits into evidence: (found, cancelled by negation, word count).
    public func scan(_ text: String, source: EvidenceSource) -> ([Evidence], [Evidence], Int) {
        let reading = read(text, source: source, question: nil, points: [])
        return (reading.found, reading.cancelled, reading.words)
    }

    /// Whether `text` establishes a key point or states a misconception (by global id), for
    /// judging a response to a pushback aimed at it.
    public func detect(_ id: String, in text: String, source: EvidenceSource) -> Evidence? {
        let clauses = ClauseMap(Tokenizer.tokenize(text).withoutFillers())
        let patterns: [PhrasePattern]
        if let point = banks.keyPoint(id) { patterns = point.patterns }
        else if let misconception = banks.misconception(id) { patterns = misconception.patterns }
        else { return nil }
        guard let hit = PointDetector.best(patterns, in: clauses), hit.stance.counts else { return nil }
        return evidence(id, polarity: KeyPoint.isKeyPointID(id) ? .positive : .negative,
                        severity: banks.misconception(id)?.severity, clauses.text, hit.tokens, source, hit.stance)
    }

    func read(_ text: String, source: EvidenceSource, question: Question?, points: [KeyPoint]) -> Reading {
        let written = Tokenizer.tokenize(text)
        let spoken = written.withoutFillers()
        let clauses = ClauseMap(spoken)
        var reading = Reading()
        reading.words = written.wordCount
        reading.contentWords = Self.contentWords(spoken)
        guard !spoken.tokens.isEmpty else { return reading }

        for hit in lexicon.scan(clauses) {
            let signal = lexicon.signals[hit.signal]
            let item = evidence(signal.id, polarity: signal.polarity, severity: signal.polarity == .negative ? signal.severity : nil,
                                spoken, hit.firstToken..<hit.endToken, source, hit.stance)
            if hit.negated {
                reading.cancelled.append(item)
                if hit.stance == .dismissed, signal.polarity == .positive, isSafeguard(signal) {
                    reading.found.append(dismissal(of: item))
                }
            } else if signal.polarity == .positive && hit.stance == .listed {
                reading.listed.append(item)
            } else {
                reading.found.append(item)
            }
        }
        // One pass over the tokens for all the question's points and misconceptions.
        let found: [String: [PointDetector.Hit]]
        if let question, let index = banks.pointIndex(for: question) {
            found = index.hits(in: clauses)
        } else {
            var direct: [String: [PointDetector.Hit]] = [:]
            for point in points { direct[point.id] = PointDetector.hits(point.patterns, in: clauses) }
            found = direct
        }
        for point in points {
            let all = found[point.id] ?? []
            guard let hit = all.first(where: { $0.stance.counts }) ?? all.first(where: { $0.stance == .listed }) ?? all.first else { continue }
            let item = evidence(point.id, polarity: .positive, severity: nil, spoken, hit.tokens, source, hit.stance)
            switch hit.stance {
            case .affirmed, .conditional: reading.found.append(item)
            case .listed: reading.listed.append(item)
            case .dismissed:
                reading.cancelled.append(item)
                reading.found.append(dismissal(of: item))
            case .negated: reading.cancelled.append(item)
            }
        }
        for misconception in question?.misconceptions ?? [] {
            guard let hit = (found[misconception.id] ?? []).first(where: { $0.stance.counts }) else { continue }
            reading.found.append(evidence(misconception.id, polarity: .negative, severity: misconception.severity,
                                          spoken, hit.tokens, source, hit.stance))
        }

        // The worst data point is not averaged away: credit said in the same sentence as a
        // severe flag ("I decided not to tell the customers") does not count.
        let severeSentences = Set(reading.found.filter { $0.severity == .severe }.compactMap { item in
            spoken.tokens.first { $0.start >= item.span.start }?.sentence
        })
        if !severeSentences.isEmpty {
            reading.found.removeAll { item in
                guard item.polarity == .positive, let sentence = spoken.tokens.first(where: { $0.start >= item.span.start })?.sentence,
                      severeSentences.contains(sentence) else { return false }
                reading.cancelled.append(item)
                return true
            }
        }

        for clause in clauses.clauses where clause.isAction && clause.agent != .none {
            let stance = clauses.stance(of: clause.tokens)
            // Quote the actor and the act ("I decided", "the team chose"), not the whole clause.
            let words = spoken.tokens[clause.tokens]
            let verb = words.firstIndex { Words.isActionVerb($0.text) } ?? clause.tokens.lowerBound
            let actor = words.firstIndex { Words.subjects[$0.text] != nil || $0.text == "team" } ?? clause.tokens.lowerBound
            let span = min(actor, verb)..<(max(actor, verb) + 1)
            guard stance != .negated && stance != .dismissed else { continue }
            reading.actions[clause.agent, default: 0] += 1
            let sentence = clause.sentence
            guard !severeSentences.contains(sentence) else { continue }
            if clause.agent == .me, reading.firstOwnAction == nil {
                reading.firstOwnAction = evidence("first-person-ownership", polarity: .positive, severity: nil,
                                                  spoken, span, source, stance)
            } else if clause.agent != .me, reading.firstOthersAction == nil {
                reading.firstOthersAction = evidence("shifting-ownership", polarity: .negative,
                                                     severity: lexicon.signal("shifting-ownership")?.severity ?? .moderate,
                                                     spoken, span, source, stance)
            }
        }
        return reading
    }

    /// Positive signals that guard against harm: turning one down is a named concern.
    func isSafeguard(_ signal: SignalDefinition) -> Bool {
        signal.competencies.contains("risk-awareness") || signal.competencies.contains("data-intuition")
    }

    func dismissal(of item: Evidence) -> Evidence {
        var negative = item
        negative.signal = Derived.dismissedSafeguard
        negative.polarity = .negative
        negative.severity = lexicon.signal(Derived.dismissedSafeguard)?.severity ?? .moderate
        return negative
    }

    /// A derived concern about the whole answer, quoting its opening words exactly as given.
    func derived(_ id: String, quoting text: String) -> Evidence {
        let tokenized = Tokenizer.tokenize(text)
        let severity = lexicon.signal(id)?.severity ?? .moderate
        guard let first = tokenized.tokens.first else {
            return Evidence(signal: id, polarity: .negative, severity: severity, quote: "", span: TextSpan(start: 0, end: 0),
                            excerpt: "", source: .answer, stance: .affirmed)
        }
        let opening = tokenized.tokens.prefix { $0.sentence == first.sentence }.prefix(12)
        let span = TextSpan(start: first.start, end: opening.last!.end)
        return Evidence(signal: id, polarity: .negative, severity: severity, quote: tokenized.slice(span.start..<span.end), span: span,
                        excerpt: Self.excerpt(tokenized, first: 0, end: opening.count), source: .answer, stance: .affirmed)
    }

    func evidence(_ id: String, polarity: Polarity, severity: Severity?, _ text: TokenizedText, _ range: Range<Int>,
                  _ source: EvidenceSource, _ stance: Stance) -> Evidence {
        let span = TextSpan(start: text.tokens[range.lowerBound].start, end: text.tokens[range.upperBound - 1].end)
        return Evidence(signal: id, polarity: polarity, severity: severity, quote: text.slice(span.start..<span.end), span: span,
                        excerpt: Self.excerpt(text, first: range.lowerBound, end: range.upperBound), source: source, stance: stance)
    }

    /// Content words, cut to six letters so "calibrated" meets "calibration".
    static func contentWords(_ text: TokenizedText) -> Set<String> {
        Set(text.tokens.map(\.text).filter { $0.count > 3 && !QuestionMatcher.stopwords.contains($0) && !$0.hasSuffix("'t") }
            .map { String($0.prefix(6)) })
    }

    /// Two answers that share nearly all their content words (a paste, or a repeat).
    static func nearlySame(_ a: Set<String>, _ b: Set<String>) -> Bool {
        guard a.count >= 6, b.count >= 6 else { return false }
        return Double(a.intersection(b).count) / Double(a.union(b).count) >= 0.8
    }

    /// The sentence around a match, cut to about a dozen words so it reads as a quote.
    static func excerpt(_ text: TokenizedText, first: Int, end: Int) -> String {
        let tokens = text.tokens
        let sentence = tokens[first].sentence
        var from = first, to = end - 1
        while from > 0, tokens[from - 1].sentence == sentence, first - from < 6 { from -= 1 }
        while to + 1 < tokens.count, tokens[to + 1].sentence == sentence, to - (end - 1) < 6 { to += 1 }
        let startsSentence = from == 0 || tokens[from - 1].sentence != sentence
        let endsSentence = to == tokens.count - 1 || tokens[to + 1].sentence != sentence
        let body = text.slice(tokens[from].start..<tokens[to].end, flattened: true)
        return (startsSentence ? "" : "…") + body + (endsSentence ? "" : "…")
    }

    /// Everything a competency rating reads.
    struct RatingContext {
        var question: Question
        var points: [KeyPoint]
        var evidence: [Evidence]
        var listed: [Evidence]
        var gaps: [Gap]
        var coached: Set<String>
        var answer: String
        /// Off-topic or a repeat: the answer cannot rate above the floor band.
        var capped: Bool
    }

    /// Scoring constants (docs/ENGINE.md): coverage of the question's key points carries a
    /// rating; generic signals add less and saturate; flags subtract; the crux missed, a
    /// severe flag, or an off-topic answer cap it. Length plays no part.
    enum Scoring {
        static let coverageSpan = 2.3
        static let signalSpan = 0.9
        /// Coverage saturates: the crux and a decision (about 60% of the weight) reach the top.
        static let coverageForFull = 0.6
        /// Generic signal credit at which it is about 63% saturated.
        static let signalScale = 1.5
        static let listedCredit = 0.25
        static let cruxMissedCap = 2.3
        static let severeCap = 2.0
        static let offTopicCap = 1.4
        /// The share of a capped answer's value above its cap that still counts.
        static let aboveCap = 0.05
        /// The last step maps the raw value smoothly onto 1–4, so no two answers tie at a bound.
        static let steepness = 1.8
    }

    /// Rates one competency: weighted coverage of the key points that inform it, generic
    /// signals (saturating), the flags against it, and the caps.
    func rate(_ competency: String, _ c: RatingContext) -> CompetencyRating {
        func direct(_ id: String) -> Bool { lexicon.signal(id)?.competencies.contains(competency) ?? false }
        func informs(_ id: String) -> Bool {
            if let point = c.points.first(where: { $0.id == id }) { return point.competencies.contains(competency) }
            if let misconception = c.question.misconceptions.first(where: { $0.id == id }) { return misconception.competencies.contains(competency) }
            return direct(id) || c.question.strongSignals.contains(id) || c.question.redFlags.contains(id)
        }
        func credit(_ ids: [String], in points: [KeyPoint]) -> Double {
            let total = points.map(\.weight).reduce(0, +)
            guard total > 0 else { return 0 }
            var earned = 0.0
            for point in points {
                if ids.contains(point.id) { earned += point.weight }
                else if c.listed.contains(where: { $0.signal == point.id }) { earned += point.weight * Scoring.listedCredit }
            }
            return min(1, earned / total / Scoring.coverageForFull)
        }
        let found = c.evidence.map(\.signal)
        // A competency's own key points weigh half; the answer's whole coverage the other half,
        // so one missed point that happens to be the only one informing it does not sink it.
        let own = c.points.filter { $0.competencies.contains(competency) }
        let overall = credit(found, in: c.points)
        let coverage = own.isEmpty ? overall : (credit(found, in: own) + overall) / 2

        var seen: Set<String> = []
        var signals = 0.0, penalty = 0.0
        var best: (Evidence, Double)? = nil
        var worst: (Evidence, Double)? = nil
        var severe = false
        for item in c.evidence where seen.insert(item.signal).inserted {
            switch item.polarity {
            case .positive:
                let isPoint = KeyPoint.isKeyPointID(item.signal)
                if !isPoint, let signal = lexicon.signal(item.signal) {
                    let relevance: Double = informs(item.signal) ? 1.0 : 0.3
                    signals += relevance * signal.weight
                }
                // Quote what is closest to this competency: its key points, then its own signals.
                var rank: Double = lexicon.signal(item.signal)?.weight ?? 1
                if isPoint { rank = 20 + (c.points.first { $0.id == item.signal }?.weight ?? 1) }
                if informs(item.signal) { rank += 10 }
                if informs(item.signal), best == nil || rank > best!.1 { best = (item, rank) }
            case .negative:
                let severity = item.severity ?? .moderate
                let relevance: Double = informs(item.signal) ? 1.0 : 0.5
                var cost: Double = severity.penalty * relevance
                if c.coached.contains(item.signal) { cost *= 0.5 } else if severity == .severe { severe = true }
                penalty += cost
                let rank: Double = cost + (relevance == 1 ? 10 : 0)
                if worst == nil || rank > worst!.1 { worst = (item, rank) }
            case .neutral:
                break
            }
        }
        for item in c.listed where !KeyPoint.isKeyPointID(item.signal) && seen.insert(item.signal).inserted {
            signals += Scoring.listedCredit * (lexicon.signal(item.signal)?.weight ?? 1)
        }
        let generic: Double = 1 - exp(-signals / Scoring.signalScale)
        var raw: Double
        if c.points.isEmpty {
            raw = 1 + (Scoring.coverageSpan + Scoring.signalSpan) * generic
        } else {
            raw = 1 + Scoring.coverageSpan * coverage + Scoring.signalSpan * generic
        }
        let crux = c.points.filter(\.isCrux)
        let cruxMissed = !crux.isEmpty && !crux.contains { found.contains($0.id) }
        // A cap holds an answer below a level, but what is above the cap still orders two
        // capped answers (a twentieth of it), so they do not tie.
        func cap(_ value: Double, at limit: Double) -> Double { value > limit ? limit + Scoring.aboveCap * (value - limit) : value }
        if cruxMissed { raw = cap(raw, at: Scoring.cruxMissedCap) }
        if severe { raw = cap(raw, at: Scoring.severeCap) }
        if c.capped { raw = cap(raw, at: Scoring.offTopicCap) }
        raw -= penalty
        let logistic: Double = 1 / (1 + exp(-Scoring.steepness * (raw - 2.5)))
        var score: Double = 1 + 3 * logistic
        score = (score * 100).rounded() / 100
        let rating = min(4, max(1, Int(score.rounded())))

        let name = banks.name(ofCompetency: competency)
        let missing = c.gaps.filter { informs($0.signal) }
        let missedCrux = cruxMissed ? crux.first : nil
        var sentence: String
        func shows(_ item: Evidence) -> String {
            KeyPoint.isKeyPointID(item.signal) ? "covers a key point (\(Self.clause(banks.name(ofSignal: item.signal))))"
                : "shows \(banks.name(ofSignal: item.signal))"
        }
        func lacks(_ gap: Gap) -> String {
            guard KeyPoint.isKeyPointID(gap.signal) else { return "nothing on \(banks.name(ofSignal: gap.signal))" }
            let crux = banks.keyPoint(gap.signal)?.isCrux == true ? "misses the crux" : "misses a key point"
            return "\(crux) (\(Self.clause(gap.description)))"
        }
        func flaw(_ item: Evidence) -> String {
            Misconception.isMisconceptionID(item.signal) ? "a misconception (\(Self.clause(banks.name(ofSignal: item.signal))))"
                : banks.name(ofSignal: item.signal)
        }
        if let (positive, _) = best {
            sentence = "\u{201C}\(positive.excerpt)\u{201D} \(shows(positive))"
            if let (negative, _) = worst { sentence += ", but \u{201C}\(negative.excerpt)\u{201D} is \(flaw(negative))" }
            if let gap = missedCrux.map({ Gap(signal: $0.id, description: $0.text) }) ?? missing.first { sentence += "; \(lacks(gap))" }
        } else if let (negative, _) = worst {
            sentence = "\u{201C}\(negative.excerpt)\u{201D} is \(flaw(negative))"
            if let gap = missedCrux.map({ Gap(signal: $0.id, description: $0.text) }) ?? missing.first { sentence += "; \(lacks(gap))" }
        } else {
            let opening = Self.opening(of: c.answer)
            sentence = "No evidence of \(name.lowercased()) in \u{201C}\(opening)\u{201D}"
            if let gap = missedCrux.map({ Gap(signal: $0.id, description: $0.text) }) ?? missing.first { sentence += "; \(lacks(gap))" }
        }
        if sentence.hasSuffix(".") { sentence.removeLast() }
        return CompetencyRating(competency: competency, rating: rating, score: score, justification: sentence + ".")
    }

    /// A bank sentence set inside another: first letter lowered (acronyms kept), final period dropped.
    static func clause(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        if let second = text.dropFirst().first, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The first dozen words of an answer, for quoting an answer that showed nothing.
    static func opening(of answer: String) -> String {
        let words = answer.split(whereSeparator: { $0.isWhitespace })
        let head = words.prefix(12).joined(separator: " ")
        return words.count > 12 ? head + "…" : head
    }
}
