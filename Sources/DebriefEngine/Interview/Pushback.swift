/// A challenge put to the candidate, aimed at one gap or red flag of their answer.
public struct Pushback: Sendable, Codable, Equatable {
    /// Unique in the banks: `question-id/pushback-id` for authored ones, `lexicon/signal/n` for generic ones.
    public var id: String
    public var trigger: PushbackTrigger
    public var text: String
    /// What the challenge is after, in one line.
    public var gap: String
    public enum Source: String, Sendable, Codable { case bank, lexicon }
    public var source: Source

    public init(id: String, trigger: PushbackTrigger, text: String, gap: String, source: Source) {
        self.id = id
        self.trigger = trigger
        self.text = text
        self.gap = gap
        self.source = source
    }
}

/// Chooses the pushback aimed at the largest gap or the most severe red flag of an answer.
///
/// Order of targets: red flags by severity (severe first, earliest first), then missing rubric
/// signals by weight, then minor flags. For each target the bank's authored pushbacks come
/// first, then the lexicon's generic ones. A pushback is never used twice in a session, and
/// there is none when the answer shows everything the question asks for.
public struct PushbackChooser: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public func choose(for analysis: AnswerAnalysis, question: Question, used: Set<String>,
                       alreadyTargeted: [PushbackTrigger] = [], seed: UInt64) -> Pushback? {
        for target in targets(of: analysis, question: question) where !alreadyTargeted.contains(target.trigger) {
            if let pushback = pick(target, question: question, used: used, seed: seed) { return pushback }
        }
        return nil
    }

    struct Target {
        var trigger: PushbackTrigger
        var quote: String?
    }

    func targets(of analysis: AnswerAnalysis, question: Question) -> [Target] {
        let lexicon = banks.lexicon
        var flags: [(Severity, Int, Target)] = []
        var seen: Set<String> = []
        for (position, item) in analysis.redFlags.enumerated() where seen.insert(item.signal).inserted {
            flags.append((item.severity ?? .moderate, position, Target(trigger: .flag(item.signal), quote: item.quote)))
        }
        flags.sort { ($0.0.rank, -$0.1) > ($1.0.rank, -$1.1) }
        let serious = flags.filter { $0.0 > .minor }.map(\.2)
        let minor = flags.filter { $0.0 == .minor }.map(\.2)
        let missing = analysis.gaps.enumerated()
            .sorted { (lexicon.signal($0.element.signal)?.weight ?? 1, -$0.offset) > (lexicon.signal($1.element.signal)?.weight ?? 1, -$1.offset) }
            .map { Target(trigger: .missing($0.element.signal), quote: nil) }
        return serious + missing + minor
    }

    func pick(_ target: Target, question: Question, used: Set<String>, seed: UInt64) -> Pushback? {
        guard let signal = banks.lexicon.signal(target.trigger.signal) else { return nil }
        func fill(_ text: String) -> String {
            guard let quote = target.quote else { return text.replacingOccurrences(of: "\"{quote}\"", with: "that").replacingOccurrences(of: "{quote}", with: "that") }
            return text.replacingOccurrences(of: "{quote}", with: quote)
        }
        for authored in question.pushbacks where authored.trigger == target.trigger {
            let id = "\(question.id)/\(authored.id)"
            if !used.contains(id) {
                return Pushback(id: id, trigger: target.trigger, text: fill(authored.text), gap: signal.gap, source: .bank)
            }
        }
        let generic = signal.pushbacks.enumerated()
            .map { (id: "lexicon/\(signal.id)/\($0.offset + 1)", text: $0.element) }
            .filter { !used.contains($0.id) }
        guard !generic.isEmpty else { return nil }
        var generator = SeededGenerator.derived(seed: seed, label: "pushback:\(question.id):\(signal.id)")
        let choice = generic[Int(generator.next() % UInt64(generic.count))]
        return Pushback(id: choice.id, trigger: target.trigger, text: fill(choice.text), gap: signal.gap, source: .lexicon)
    }
}

import Foundation
