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

/// The patterns of a question's key points and misconceptions, indexed by first word at load
/// (as the lexicon is), so finding them costs one dictionary look-up per token, not one test
/// per pattern.
public struct PointIndex: Sendable {
    /// Global ids of what the patterns detect, in bank order.
    public let owners: [String]
    private let patterns: [(owner: Int, pattern: PhrasePattern)]
    private var exactFirst: [String: [Int]] = [:]
    private var prefixFirst: [Character: [(prefix: String, entry: Int)]] = [:]
    private var numberFirst: [Int] = []

    public init(_ items: [(id: String, patterns: [PhrasePattern])]) {
        owners = items.map(\.id)
        var entries: [(owner: Int, pattern: PhrasePattern)] = []
        for (owner, item) in items.enumerated() { for pattern in item.patterns { entries.append((owner, pattern)) } }
        patterns = entries
        for (entry, (_, pattern)) in entries.enumerated() {
            guard case .word(let alternatives) = pattern.elements.first else {
                if case .number = pattern.elements.first { numberFirst.append(entry) }
                continue
            }
            for alternative in alternatives {
                switch alternative {
                case .exact(let word): exactFirst[word, default: []].append(entry)
                case .prefix(let prefix):
                    if let first = prefix.first { prefixFirst[first, default: []].append((prefix, entry)) }
                }
            }
        }
    }

    /// For each owner, its hits: at each token, the first of its patterns (in bank order) that matches.
    public func hits(in clauses: ClauseMap) -> [String: [PointDetector.Hit]] {
        let tokens = clauses.text.tokens
        var result: [String: [PointDetector.Hit]] = [:]
        for index in tokens.indices {
            let word = tokens[index].text
            var candidates = exactFirst[word] ?? []
            if let first = word.first, let prefixed = prefixFirst[first] {
                for (prefix, entry) in prefixed where word.hasPrefix(prefix) { candidates.append(entry) }
            }
            if tokens[index].hasDigit { candidates += numberFirst }
            guard !candidates.isEmpty else { continue }
            candidates.sort()
            var done: Set<Int> = []
            for entry in candidates {
                let (owner, pattern) = patterns[entry]
                guard !done.contains(owner), let end = pattern.match(in: tokens, at: index) else { continue }
                done.insert(owner)
                let hit = PointDetector.Hit(tokens: index..<end, stance: clauses.stance(of: index..<end, literals: pattern.literals))
                result[owners[owner], default: []].append(hit)
            }
        }
        return result
    }
}
