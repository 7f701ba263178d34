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
        /// How the clause holds the match: affirmed, negated, dismissed, conditional or listed.
        public var stance: Stance = .affirmed
        /// Cancelled: a negatable signal in a negated or dismissed clause.
        public var negated: Bool = false
        /// The pattern's own words, never read as its negation.
        var literals: Set<String> = []
    }

    /// Every pattern match in `text`, exceptions and negations applied, `unlessPresent` and
    /// `scope` resolved. Hits of one signal never overlap; order is by position.
    public func scan(_ text: TokenizedText) -> [Hit] { scan(ClauseMap(text)) }

    /// As `scan(_:)`, on an answer already split into clauses.
    public func scan(_ clauses: ClauseMap) -> [Hit] {
        let tokens = clauses.text.tokens
        guard !tokens.isEmpty else { return [] }
        var hits: [Hit] = []
        var exceptions: [Hit] = []
        var lastEnd = [Int](repeating: -1, count: signals.count)

        func consider(_ entry: Entry, at index: Int) {
            guard let end = entry.pattern.match(in: tokens, at: index) else { return }
            let hit = Hit(signal: entry.signal, firstToken: index, endToken: end, literals: entry.pattern.literals)
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
            hits[i].stance = clauses.stance(of: hits[i].firstToken..<hits[i].endToken, literals: hits[i].literals)
            // A dismissal turns down a safeguard; it does not take back a red flag ("we talked
            // about telling them, but decided not to" is still concealment).
            if signal.negatable {
                hits[i].negated = hits[i].stance == .negated || (signal.polarity != .negative && hits[i].stance == .dismissed)
            }
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
}
