/// The signal lexicon, compiled once at load into an index keyed by each pattern's first word.
///
/// Scanning an answer visits each token once and tries only the patterns that can start
/// there, so analysis is linear in the answer's length.
public struct Lexicon: Sendable {
    public let signals: [SignalDefinition]
    private let indexByID: [String: Int]

    private struct Entry: Sendable {
        var signal: Int
        var pattern: PhrasePattern
        var isException: Bool
    }

    private var exactFirst: [String: [Entry]] = [:]
    private var prefixFirst: [String: [(prefix: String, entry: Entry)]] = [:] // keyed by first character
    private var numberFirst: [Entry] = []

    /// The words that flip the meaning of what follows them in the same clause.
    static let negators: Set<String> = [
        "not", "never", "no", "without", "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't",
        "aren't", "haven't", "hasn't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't",
        "shouldn't", "lacked", "lacking", "nobody", "none", "nor", "neither", "forgot", "skipped",
    ]
    static let clauseBreakers: Set<String> = ["but", "however", "although", "though", "yet", "until", "unless", "so"]
    static let negationWindow = 4

    static func isNegator(_ word: String) -> Bool { negators.contains(word) || word.hasSuffix("n't") }

    public init(signals: [SignalDefinition]) {
        self.signals = signals
        var byID: [String: Int] = [:]
        for (index, signal) in signals.enumerated() where byID[signal.id] == nil { byID[signal.id] = index }
        indexByID = byID
        for (index, signal) in signals.enumerated() {
            for pattern in signal.patterns { add(Entry(signal: index, pattern: pattern, isException: false)) }
            for pattern in signal.except { add(Entry(signal: index, pattern: pattern, isException: true)) }
        }
    }

    private mutating func add(_ entry: Entry) {
        switch entry.pattern.elements.first {
        case .number:
            numberFirst.append(entry)
        case .word(let alternatives):
            for alternative in alternatives {
                switch alternative {
                case .exact(let word): exactFirst[word, default: []].append(entry)
                case .prefix(let prefix):
                    prefixFirst[String(prefix.prefix(1)), default: []].append((prefix, entry))
                }
            }
        case .gap, .none:
            break
        }
    }

    public func signal(_ id: String) -> SignalDefinition? { indexByID[id].map { signals[$0] } }
    public func contains(_ id: String) -> Bool { indexByID[id] != nil }
    func index(of id: String) -> Int? { indexByID[id] }

    /// One place a signal's pattern matched.
    public struct Hit: Sendable, Equatable {
        public var signal: Int
        public var firstToken: Int
        public var endToken: Int
        public var negated: Bool
        /// Negators the pattern skipped over with '...' ("offline results don't prove").
        var innerNegators = 0
    }

    /// Every pattern match in `text`, exceptions and negations applied, `unlessPresent` and
    /// `scope` resolved. Hits of one signal never overlap; order is by position.
    public func scan(_ text: TokenizedText) -> [Hit] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        var hits: [Hit] = []
        var exceptions: [Hit] = []
        var lastEnd = [Int](repeating: -1, count: signals.count)

        func consider(_ entry: Entry, at index: Int) {
            guard let end = entry.pattern.match(in: tokens, at: index) else { return }
            var hit = Hit(signal: entry.signal, firstToken: index, endToken: end, negated: false)
            for position in index..<end where Self.isNegator(tokens[position].text) && !entry.pattern.literals.contains(tokens[position].text) {
                hit.innerNegators += 1
            }
            if entry.isException { exceptions.append(hit); return }
            if index < lastEnd[entry.signal] { return } // overlaps the previous hit of this signal
            lastEnd[entry.signal] = end
            hits.append(hit)
        }

        for index in tokens.indices {
            let word = tokens[index].text
            if let entries = exactFirst[word] { for entry in entries { consider(entry, at: index) } }
            if let first = word.first, let entries = prefixFirst[String(first)] {
                for (prefix, entry) in entries where word.hasPrefix(prefix) { consider(entry, at: index) }
            }
            if tokens[index].hasDigit { for entry in numberFirst { consider(entry, at: index) } }
        }

        // Exceptions: a hit inside a phrase that means something else does not count.
        if !exceptions.isEmpty {
            hits.removeAll { hit in
                exceptions.contains { $0.signal == hit.signal && $0.firstToken < hit.endToken && hit.firstToken < $0.endToken }
            }
        }

        let lastSentence = tokens[tokens.count - 1].sentence
        for i in hits.indices {
            let signal = signals[hits[i].signal]
            if signal.negatable { hits[i].negated = isNegated(tokens, before: hits[i].firstToken, inner: hits[i].innerNegators) }
        }
        hits.removeAll { signals[$0.signal].scope == .ending && tokens[$0.firstToken].sentence != lastSentence }

        // unlessPresent: drop a signal's hits when a signal it defers to fired (not negated).
        var present = [Bool](repeating: false, count: signals.count)
        for hit in hits where !hit.negated { present[hit.signal] = true }
        hits.removeAll { hit in
            signals[hit.signal].unlessPresent.contains { id in indexByID[id].map { present[$0] } ?? false }
        }
        hits.sort { ($0.firstToken, $0.signal) < ($1.firstToken, $1.signal) }
        return hits
    }

    /// An odd number of negators shortly before `index`, in the same clause, negates it:
    /// "we never set up monitoring" is negated, "I wouldn't ship without a rollback" is not.
    private func isNegated(_ tokens: [Token], before index: Int, inner: Int) -> Bool {
        let clause = tokens[index].clause
        var count = inner
        var position = index - 1
        while position >= 0, index - position <= Self.negationWindow, tokens[position].clause == clause {
            let word = tokens[position].text
            if Self.clauseBreakers.contains(word) { break }
            // "not just unfair", "not only slow": an intensifier, not a negation.
            let intensified = word == "not" && position + 1 < tokens.count && ["just", "only", "merely"].contains(tokens[position + 1].text)
            if Self.isNegator(word) && !intensified { count += 1 }
            position -= 1
        }
        return count % 2 == 1
    }
}
