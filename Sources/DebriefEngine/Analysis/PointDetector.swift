/// Finds a key point or a misconception in an answer: any of its patterns, in a clause that
/// holds it (affirmed or conditional; a bare list earns less, a negation or dismissal nothing).
public enum PointDetector {
    /// One place a point's pattern matched, and how the clause holds it.
    public struct Hit: Sendable, Equatable {
        public var tokens: Range<Int>
        public var stance: Stance
    }

    /// Every match of `patterns` in `clauses`: the first pattern that matches at each token, in order.
    public static func hits(_ patterns: [PhrasePattern], in clauses: ClauseMap) -> [Hit] {
        let tokens = clauses.text.tokens
        var hits: [Hit] = []
        for index in tokens.indices {
            // Every start is tried, so a negated mention never hides a later affirmed one.
            for pattern in patterns where pattern.canStart(with: tokens[index]) {
                guard let end = pattern.match(in: tokens, at: index) else { continue }
                hits.append(Hit(tokens: index..<end, stance: clauses.stance(of: index..<end, literals: pattern.literals)))
                break
            }
        }
        return hits
    }

    /// The best hit: one that counts, else a listed one, else the first (negated or dismissed).
    public static func best(_ patterns: [PhrasePattern], in clauses: ClauseMap) -> Hit? {
        let all = hits(patterns, in: clauses)
        return all.first { $0.stance.counts } ?? all.first { $0.stance == .listed } ?? all.first
    }

    /// Whether `text` states the point (what lint checks for examples and near misses).
    public static func detects(_ patterns: [PhrasePattern], in text: String) -> Bool {
        let clauses = ClauseMap(Tokenizer.tokenize(text).withoutFillers())
        return hits(patterns, in: clauses).contains { $0.stance.counts }
    }

    /// Why an example was not detected, for lint's hint.
    public static func explainMiss(_ patterns: [PhrasePattern], in text: String) -> String {
        let clauses = ClauseMap(Tokenizer.tokenize(text).withoutFillers())
        if let hit = hits(patterns, in: clauses).first {
            let words = clauses.text.tokens[hit.tokens].map(\.text).joined(separator: " ")
            return "'\(words)' matches, but the clause reads as \(hit.stance.rawValue); state it affirmatively, or change the patterns"
        }
        return "no pattern matches; add one that covers how this sentence says it, or reword the example"
    }
}

extension PhrasePattern {
    /// A cheap test of the first element, so most start positions are skipped at once.
    func canStart(with token: Token) -> Bool {
        switch elements.first {
        case .word(let alternatives): return alternatives.contains { $0.matches(token.text) }
        case .number: return token.hasDigit
        case .gap, .none: return false
        }
    }
}
