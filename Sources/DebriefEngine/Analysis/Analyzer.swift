import Foundation

/// Turns an answer into evidence, gaps and 1–4 competency ratings.
///
/// Pure and deterministic: the same banks, question and text always give the same analysis.
public struct Analyzer: Sendable {
    public let banks: Banks

    public init(banks: Banks) { self.banks = banks }

    private var lexicon: Lexicon { banks.lexicon }

    /// Analyzes one answer.
    public func analyze(_ answer: String, for question: Question) -> AnswerAnalysis {
        analyze(parts: [answer], for: question)
    }

    /// Analyzes an answer together with the candidate's responses to pushback on it.
    /// `coached` lists red flags the candidate fixed when challenged; they weigh half.
    public func analyze(parts: [String], for question: Question, coached: Set<String> = []) -> AnswerAnalysis {
        var evidence: [Evidence] = []
        var negated: [Evidence] = []
        var words = 0
        for (index, part) in parts.enumerated() {
            let source: EvidenceSource = index == 0 ? .answer : .response(index - 1)
            let (found, cancelled, count) = scan(part, source: source)
            evidence += found
            negated += cancelled
            words += count
        }
        let gaps = question.strongSignals.compactMap { id -> Gap? in
            guard !evidence.contains(where: { $0.signal == id }), let signal = lexicon.signal(id) else { return nil }
            return Gap(signal: id, description: signal.gap)
        }
        let firstText = parts.first ?? ""
        let ratings = question.competencies.map {
            rate($0, question: question, evidence: evidence, gaps: gaps, words: words, coached: coached, answer: firstText)
        }
        let profile = banks.profile(question.track)
        var total = 0.0, weights = 0.0
        for rating in ratings {
            let weight = profile.weight(of: rating.competency)
            total += rating.score * weight
            weights += weight
        }
        let score = weights > 0 ? (total / weights * 100).rounded() / 100 : 1.0
        return AnswerAnalysis(questionID: question.id, track: question.track, wordCount: words, evidence: evidence,
                              negated: negated, ratings: ratings, gaps: gaps, score: score)
    }

    /// Scans one text and turns lexicon hits into evidence: (found, cancelled by negation, word count).
    public func scan(_ text: String, source: EvidenceSource) -> ([Evidence], [Evidence], Int) {
        let tokenized = Tokenizer.tokenize(text)
        var found: [Evidence] = [], cancelled: [Evidence] = []
        for hit in lexicon.scan(tokenized) {
            let signal = lexicon.signals[hit.signal]
            let span = TextSpan(start: tokenized.tokens[hit.firstToken].start, end: tokenized.tokens[hit.endToken - 1].end)
            let item = Evidence(signal: signal.id, polarity: signal.polarity,
                                severity: signal.polarity == .negative ? signal.severity : nil,
                                quote: tokenized.slice(span.start..<span.end), span: span,
                                excerpt: Self.excerpt(tokenized, first: hit.firstToken, end: hit.endToken), source: source)
            if hit.negated { cancelled.append(item) } else { found.append(item) }
        }
        return (found, cancelled, tokenized.wordCount)
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

    /// Rates one competency from the evidence: credit for signals that inform it, penalties
    /// for red flags, a small cost for each rubric signal missing, and for a very short answer.
    func rate(_ competency: String, question: Question, evidence: [Evidence], gaps: [Gap], words: Int,
              coached: Set<String>, answer: String) -> CompetencyRating {
        func direct(_ id: String) -> Bool { lexicon.signal(id)?.competencies.contains(competency) ?? false }
        func informs(_ id: String) -> Bool {
            (lexicon.signal(id)?.competencies.contains(competency) ?? false)
                || question.strongSignals.contains(id) || question.redFlags.contains(id)
        }
        var seen: Set<String> = []
        var credit = 0.0, penalty = 0.0
        var best: (Evidence, Double)? = nil
        var worst: (Evidence, Double)? = nil
        for item in evidence where !seen.contains(item.signal) {
            seen.insert(item.signal)
            guard let signal = lexicon.signal(item.signal) else { continue }
            switch signal.polarity {
            case .positive:
                let relevance = informs(item.signal) ? 0.5 : 0.15
                credit += relevance * signal.weight
                // Quote the signal closest to this competency: its own signals before the rubric's.
                let rank = signal.weight + (direct(item.signal) ? 10 : 0)
                if informs(item.signal), best == nil || rank > best!.1 { best = (item, rank) }
            case .negative:
                var cost = signal.severity.penalty * (informs(item.signal) ? 1.0 : 0.5)
                if coached.contains(item.signal) { cost *= 0.5 }
                penalty += cost
                let rank = cost + (direct(item.signal) ? 10 : 0)
                if worst == nil || rank > worst!.1 { worst = (item, rank) }
            case .neutral:
                break
            }
        }
        let missing = gaps.filter { informs($0.signal) }
        var score = 1.75 + min(credit, 2.5) - penalty - 0.2 * Double(missing.count)
        if words < 20 { score -= 0.75 } else if words < 40 { score -= 0.3 }
        score = min(4, max(1, score))
        score = (score * 100).rounded() / 100
        let rating = Int(score.rounded())

        let name = banks.name(ofCompetency: competency)
        var sentence: String
        if let (positive, _) = best {
            sentence = "\u{201C}\(positive.excerpt)\u{201D} shows \(banks.name(ofSignal: positive.signal))"
            if let (negative, _) = worst {
                sentence += ", but \u{201C}\(negative.excerpt)\u{201D} is \(banks.name(ofSignal: negative.signal))"
            }
            if let gap = missing.first { sentence += "; nothing on \(banks.name(ofSignal: gap.signal))" }
        } else if let (negative, _) = worst {
            sentence = "\u{201C}\(negative.excerpt)\u{201D} is \(banks.name(ofSignal: negative.signal))"
            if let gap = missing.first { sentence += ", and nothing on \(banks.name(ofSignal: gap.signal))" }
        } else {
            let opening = Self.opening(of: answer)
            let lacking = missing.prefix(2).map { banks.name(ofSignal: $0.signal) }
            sentence = "No evidence of \(name.lowercased()) in \u{201C}\(opening)\u{201D}"
            if !lacking.isEmpty { sentence += ": nothing on \(lacking.joined(separator: " or "))" }
        }
        return CompetencyRating(competency: competency, rating: rating, score: score, justification: sentence + ".")
    }

    /// The first dozen words of an answer, for quoting an answer that showed nothing.
    static func opening(of answer: String) -> String {
        let words = answer.split(whereSeparator: { $0.isWhitespace })
        let head = words.prefix(12).joined(separator: " ")
        return words.count > 12 ? head + "…" : head
    }
}
