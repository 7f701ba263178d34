import Foundation
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
        let prompts = banks.questions.map { Self.contentWords($0.prompt) }
        // How rare each word is among the bank's prompts: "carousel" says more than "rate".
        var documents: [String: Int] = [:]
        for prompt in prompts { for word in prompt { documents[word, default: 0] += 1 } }
        func rarity(_ word: String) -> Double { log(1 + Double(prompts.count) / Double(1 + (documents[word] ?? 0))) }
        // Words any question may use ("model", "data", "team") are not evidence of a paraphrase.
        // Words no prompt uses say nothing about which prompt this is (often a synonym).
        let distinctive = words.subtracting(Analyzer.genericWords).filter { documents[$0] != nil }
        let distinctiveWeight = distinctive.map(rarity).reduce(0, +)
        var best: (Question, Double)? = nil
        for (question, other) in zip(banks.questions, prompts) {
            guard !words.isEmpty, !other.isEmpty else { continue }
            let shared = words.intersection(other).count
            var similarity = 2 * Double(shared) / Double(words.count + other.count)
            // A paraphrase is usually shorter than the bank's prompt: most of what its words
            // say (weighted by rarity) is in the prompt. Counted only with enough shared words.
            let sharedDistinctive = distinctive.intersection(other)
            if sharedDistinctive.count >= Self.paraphraseMinimumShared, distinctiveWeight > 0 {
                let containment = sharedDistinctive.map(rarity).reduce(0, +) / distinctiveWeight
                similarity = max(similarity, containment * Self.threshold / Self.paraphraseContainment)
            }
            if best == nil || similarity > best!.1 { best = (question, similarity) }
        }
        if let (question, similarity) = best, similarity >= Self.threshold {
            return Match(question: question, matched: true, similarity: (min(1, similarity) * 100).rounded() / 100)
        }
        let area = closestArea(text)
        let track = area?.track ?? classify(text)
        let profile = banks.profile(track)
        let competencies = area.map { Array($0.competencies.prefix(3)) } ?? profile.defaultCompetencies
        let standIn = Question(id: "free-text", track: track, area: area?.area ?? "free-text", level: .senior,
                               competencies: competencies.isEmpty ? profile.defaultCompetencies : competencies, prompt: text,
                               strongSignals: profile.defaultStrongSignals, redFlags: [], pushbacks: [],
                               hint: "", note: "", examples: nil, file: "", line: 0)
        return Match(question: standIn, matched: false, similarity: ((best?.1 ?? 0) * 100).rounded() / 100)
    }

    /// Share of a question's distinctive words, weighted by rarity, that must be a bank
    /// prompt's for a paraphrase.
    static let paraphraseContainment = 0.5
    static let paraphraseMinimumShared = 3

    /// The area a question in the user's own words belongs to: its keywords count most, the
    /// words of the area's prompts less. nil when nothing points anywhere.
    public func closestArea(_ text: String) -> AreaProfile? {
        let words = Self.contentWords(text)
        guard !words.isEmpty else { return nil }
        let behavioralCue = Self.hasBehavioralCue(text)
        var best: (AreaProfile, Double)? = nil
        for area in banks.areas {
            if behavioralCue && area.track != .behavioral { continue }
            let keywords = Set(area.keywords.map { String($0.prefix(6)) })
            var promptWords: Set<String> = []
            for question in banks.questions where question.track == area.track && question.area == area.area {
                promptWords.formUnion(Self.contentWords(question.prompt))
            }
            let score = 2 * Double(words.intersection(keywords).count) + 0.5 * Double(words.intersection(promptWords).count)
            if score > 0, best == nil || score > best!.1 { best = (area, score) }
        }
        return best?.0
    }

    static func hasBehavioralCue(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("tell me about") || lowered.hasPrefix("describe a time") || lowered.contains("a time when")
            || lowered.contains("a time you") || lowered.hasPrefix("give me an example") || lowered.contains("have you ever")
    }

    /// ml or behavioral, by which track's keywords the question uses more.
    public func classify(_ text: String) -> Track {
        if Self.hasBehavioralCue(text) { return .behavioral }
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
