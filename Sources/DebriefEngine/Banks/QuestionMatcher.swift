/// Finds the bank question a free-text question means, or judges its track by its wording.
public struct QuestionMatcher: Sendable {
    public let banks: Banks
    /// Word-overlap similarity (Dice coefficient on content words) needed to call it a match.
    public static let threshold = 0.45

    public init(banks: Banks) { self.banks = banks }

    public struct Match: Sendable, Equatable {
        public var question: Question
        /// True when `question` is a bank question; false for a free-text stand-in.
        public var matched: Bool
        public var similarity: Double
    }

    public func match(_ text: String) -> Match {
        let words = Self.contentWords(text)
        var best: (Question, Double)? = nil
        for question in banks.questions {
            let other = Self.contentWords(question.prompt)
            guard !words.isEmpty, !other.isEmpty else { continue }
            let shared = words.intersection(other).count
            let similarity = 2 * Double(shared) / Double(words.count + other.count)
            if best == nil || similarity > best!.1 { best = (question, similarity) }
        }
        if let (question, similarity) = best, similarity >= Self.threshold {
            return Match(question: question, matched: true, similarity: (similarity * 100).rounded() / 100)
        }
        let track = classify(text)
        let profile = banks.profile(track)
        let standIn = Question(id: "free-text", track: track, area: "free-text", level: .senior,
                               competencies: profile.defaultCompetencies, prompt: text,
                               strongSignals: profile.defaultStrongSignals, redFlags: [], pushbacks: [],
                               hint: "", note: "", examples: nil, file: "", line: 0)
        return Match(question: standIn, matched: false, similarity: ((best?.1 ?? 0) * 100).rounded() / 100)
    }

    /// ml or behavioral, by which track's keywords the question uses more.
    public func classify(_ text: String) -> Track {
        let lowered = text.lowercased()
        if lowered.hasPrefix("tell me about") || lowered.hasPrefix("describe a time") || lowered.contains("a time when") || lowered.contains("a time you") {
            return .behavioral
        }
        let words = Tokenizer.tokenize(text).tokens.map(\.text)
        func count(_ track: Track) -> Int {
            let keywords = Set(banks.profile(track).keywords)
            return words.filter { keywords.contains($0) }.count
        }
        return count(.behavioral) > count(.ml) ? .behavioral : .ml
    }

    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was", "were", "be", "you", "your",
        "we", "i", "me", "my", "it", "its", "that", "this", "what", "how", "would", "do", "does", "did", "about", "at", "by",
        "from", "as", "have", "has", "had", "walk", "through", "tell", "time", "when", "which", "who", "why", "will", "can",
    ]

    static func contentWords(_ text: String) -> Set<String> {
        Set(Tokenizer.tokenize(text).tokens.map(\.text).filter { !stopwords.contains($0) && $0.count > 1 }.map { String($0.prefix(6)) })
    }
}
