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

    /// `parts` are the answer and any responses so far: an authored pushback with `requires`
    /// is asked only when they contain what it refers to.
    public func choose(for analysis: AnswerAnalysis, question: Question, parts: [String], used: Set<String>,
                       alreadyTargeted: [PushbackTrigger] = [], seed: UInt64) -> Pushback? {
        let said = parts.map { ClauseMap(Tokenizer.tokenize($0).withoutFillers()) }
        for target in targets(of: analysis, question: question) where !alreadyTargeted.contains(target.trigger) {
            if let pushback = pick(target, question: question, said: said, used: used, seed: seed) { return pushback }
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
        // Question-specific targets (misconceptions, key points) rank above generic ones.
        func specific(_ id: String) -> Int { Misconception.isMisconceptionID(id) || KeyPoint.isKeyPointID(id) ? 1 : 0 }
        flags.sort { ($0.0.rank, specific($0.2.trigger.signal), -$0.1) > ($1.0.rank, specific($1.2.trigger.signal), -$1.1) }
        let serious = flags.filter { $0.0 > .minor }.map(\.2)
        let minor = flags.filter { $0.0 == .minor }.map(\.2)
        let points = analysis.gaps.filter { KeyPoint.isKeyPointID($0.signal) }   // already crux first
            .map { Target(trigger: .missing($0.signal), quote: nil) }
        let missing = analysis.gaps.filter { !KeyPoint.isKeyPointID($0.signal) }.enumerated()
            .sorted { (lexicon.signal($0.element.signal)?.weight ?? 1, -$0.offset) > (lexicon.signal($1.element.signal)?.weight ?? 1, -$1.offset) }
            .map { Target(trigger: .missing($0.element.signal), quote: nil) }
        return serious + points + missing + minor
    }

    func pick(_ target: Target, question: Question, said: [ClauseMap], used: Set<String>, seed: UInt64) -> Pushback? {
        func fill(_ text: String) -> String {
            guard let quote = target.quote else { return text.replacingOccurrences(of: "\"{quote}\"", with: "that").replacingOccurrences(of: "{quote}", with: "that") }
            return text.replacingOccurrences(of: "{quote}", with: quote)
        }
        let id = target.trigger.signal
        let gap = banks.lexicon.signal(id)?.gap ?? banks.name(ofSignal: id)
        for authored in question.pushbacks where authored.trigger == target.trigger {
            let pushbackID = "\(question.id)/\(authored.id)"
            guard !used.contains(pushbackID) else { continue }
            // A pushback that refers to what the candidate said needs it said.
            if !authored.requires.isEmpty, !said.contains(where: { !PointDetector.hits(authored.requires, in: $0).isEmpty }) { continue }
            return Pushback(id: pushbackID, trigger: target.trigger, text: fill(authored.text), gap: gap, source: .bank)
        }
        guard let signal = banks.lexicon.signal(id) else { return nil }
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
