/// Who did the thing a clause reports.
public enum Agent: String, Sendable, Codable, CaseIterable {
    /// "I decided", "I'd roll back".
    case me = "i"
    /// "we shipped", "the team chose".
    case we
    /// "my manager decided", "they kept changing it".
    case other
    /// "it was decided", "the model got retrained".
    case passive
    /// No agent: an imperative, a fragment, a noun phrase.
    case none
}

/// How a clause holds what it mentions (NegEx/ConText, ENGINE-NOTES.md).
public enum Stance: String, Sendable, Codable, CaseIterable {
    case affirmed
    /// "we never set up monitoring", "no holdout".
    case negated
    /// "a time-based split is overkill", "skip the canary", "considered X but…".
    case dismissed
    /// "I'd recalibrate if…", "we could add a canary": a plan, which counts.
    case conditional
    /// A term in a verbless list: "shadow mode, canary, guardrails, rollback".
    case listed

    /// Whether a positive signal said this way earns full credit.
    public var counts: Bool { self == .affirmed || self == .conditional }
}

/// One clause of an answer: its tokens, who acts in it and whether it reports an action.
public struct Clause: Sendable, Equatable {
    public var tokens: Range<Int>
    public var sentence: Int
    public var agent: Agent
    /// Whether the clause reports a decision or an action ("I chose", "we rolled back").
    public var isAction: Bool
    public var isConditional: Bool
    /// Part of a verbless list of terms.
    public var isListed: Bool
}

/// An answer's tokens split into clauses, each with an agent and the means to tell the
/// stance of any span in it. A linear scan, built once per text.
public struct ClauseMap: Sendable {
    public let text: TokenizedText
    public private(set) var clauses: [Clause] = []
    private var clauseOfToken: [Int] = []

    public init(_ text: TokenizedText) {
        self.text = text
        let tokens = text.tokens
        guard !tokens.isEmpty else { return }
        clauseOfToken = Array(repeating: 0, count: tokens.count)

        // Clause boundaries: the tokenizer's punctuation, plus conjunctions that start a clause.
        var starts: [Int] = [0]
        for i in 1..<tokens.count {
            let word = tokens[i].text
            let previous = tokens[i - 1]
            if tokens[i].clause != previous.clause || tokens[i].sentence != previous.sentence {
                starts.append(i)
            } else if Words.clauseOpeners.contains(word) {
                starts.append(i)
            } else if (word == "and" || word == "then"), i + 1 < tokens.count, Words.subjects[tokens[i + 1].text] != nil {
                starts.append(i)
            } else if word == "said", previous.text == "that" {
                // "that said" opens a contrast; the boundary goes before "that".
                if starts.last != i - 1 { starts.append(i - 1) }
            }
        }
        let listedSentences = Self.listedTokens(tokens)

        var previousAgent: (sentence: Int, agent: Agent)? = nil
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : tokens.count
            guard start < end else { continue }
            let sentence = tokens[start].sentence
            var agent = Agent.none
            var isAction = false
            var isConditional = false
            var sawSubject = false
            for i in start..<end {
                let word = tokens[i].text
                if !sawSubject, let subject = Self.subject(tokens, at: i, clauseStart: start) {
                    agent = subject
                    sawSubject = true
                }
                if Words.isActionVerb(word) { isAction = true }
                if Words.conditionals.contains(word) || word.hasSuffix("'d") { isConditional = true }
            }
            // "I'd train on 5k, 10k and 25k rows and plot the error": the plan carries over
            // to a clause with no subject of its own.
            if !sawSubject, let last = clauses.last, last.sentence == sentence, last.isConditional { isConditional = true }
            if !sawSubject {
                if Self.isPassive(tokens, start..<end) {
                    agent = .passive
                } else if let previous = previousAgent, previous.sentence == sentence, isAction {
                    // "I checked the logs, found the bug": the subject carries over.
                    agent = previous.agent
                }
            }
            if agent != .none { previousAgent = (sentence, agent) }
            let listed = (start..<end).allSatisfy { listedSentences[$0] }
            clauses.append(Clause(tokens: start..<end, sentence: sentence, agent: agent, isAction: isAction,
                                  isConditional: isConditional, isListed: listed))
            for i in start..<end { clauseOfToken[i] = clauses.count - 1 }
        }
    }

    public func clause(ofToken index: Int) -> Clause { clauses[clauseOfToken[index]] }

    /// The stance of the words `range` (token indices) in their clause. `literals` are words
    /// of the pattern itself, which are never read as its negation ("not my call").
    public func stance(of range: Range<Int>, literals: Set<String> = []) -> Stance {
        let tokens = text.tokens
        let index = clauseOfToken[range.lowerBound]
        let clause = clauses[index]
        if clause.isListed { return .listed }

        // Before the term: dismissal verbs ("skip", "decided against", "instead of") and negators.
        var negators = 0
        for i in range where Words.isNegator(tokens[i].text) && !literals.contains(tokens[i].text) { negators += 1 }
        var position = range.lowerBound - 1
        var dismissedBefore = false
        while position >= clause.tokens.lowerBound, range.lowerBound - position <= 6 {
            let word = tokens[position].text
            // A subject opens a new clause in run-on speech: "instead of X we sent Y",
            // "promises I can't keep my first reaction was…". What comes before it is not this clause's.
            // A complement clause ("not that I…", "nobody said he…") stays in the negation's scope.
            if Words.subjects[word] != nil, position == 0 || !Words.complementizers.contains(tokens[position - 1].text) { break }
            if Words.isNegator(word) && !literals.contains(word) {
                let intensifier = word == "not" && position + 1 < tokens.count && Words.intensifiers.contains(tokens[position + 1].text)
                if !intensifier { negators += 1 }
            }
            // "decided against X" turns X down; "backtest against a baseline" does not.
            let against = word == "against" && position > 0 && Words.choiceVerbs.contains(tokens[position - 1].text)
            if (Words.dismissers.contains(word) || against), !literals.contains(word) {
                dismissedBefore = true
                // "wouldn't skip the canary" is the opposite of skipping it: the negation is the
                // dismissal's, and the term is kept.
                var before = 0
                var p = position - 1
                while p >= clause.tokens.lowerBound, position - p <= 3 {
                    if Words.isNegator(tokens[p].text) { before += 1 }
                    p -= 1
                }
                if before % 2 == 1 { dismissedBefore = false }
                break
            }
            if word == "bother", position > 0, Words.isNegator(tokens[position - 1].text) {
                dismissedBefore = true
                break
            }
            position -= 1
        }
        if dismissedBefore { return .dismissed }

        // After the term, in the same clause: "… isn't necessary", "… is overkill", "… can wait".
        if Self.dismissedAfter(tokens, from: range.upperBound, to: clause.tokens.upperBound, literals: literals) {
            return .dismissed
        }
        if negators % 2 == 1 { return .negated }
        if isDismissedByContrast(clauseIndex: index) { return .dismissed }
        if (clause.tokens).contains(where: { Words.deferrals.contains(tokens[$0].text) }) { return .dismissed }
        return clause.isConditional ? .conditional : .affirmed
    }

    /// "Considered a canary, but it was overkill": a consideration followed by a contrast
    /// that turns it down; or "X is good practice, but it wasn't needed here".
    private func isDismissedByContrast(clauseIndex: Int) -> Bool {
        let tokens = text.tokens
        let clause = clauses[clauseIndex]
        var next = clauseIndex + 1
        // The contrast may come a clause or two later in the same sentence, or open the next one.
        while next < clauses.count, next - clauseIndex <= 3 {
            let candidate = clauses[next]
            guard candidate.sentence - clause.sentence <= 1 else { return false }
            let first = tokens[candidate.tokens.lowerBound].text
            let second = candidate.tokens.count > 1 ? tokens[candidate.tokens.lowerBound + 1].text : ""
            let isContrast = Words.contrasts.contains(first) || (first == "that" && second == "said")
            if isContrast {
                // Only the candidate's own consideration is turned down ("I considered X, but…");
                // "my director wanted X, but…" reports someone else's.
                func considers(_ c: Clause) -> Bool {
                    c.agent != .other && c.tokens.contains { Words.considerations.contains(tokens[$0].text) }
                }
                let considered = considers(clause)
                    || (clauseIndex > 0 && clauses[clauseIndex - 1].sentence == clause.sentence && considers(clauses[clauseIndex - 1]))
                if considered { return true }
                // The contrast turns the same thing down: "…, but it wasn't needed".
                let body = candidate.tokens
                let refersBack = body.prefix(3).contains { Words.backReferences.contains(tokens[$0].text) }
                if refersBack && Self.dismissedAfter(tokens, from: body.lowerBound, to: body.upperBound, literals: []) { return true }
                return false
            }
            if candidate.sentence != clause.sentence { return false }
            next += 1
        }
        return false
    }

    /// A dismissal after a term: a dismissive word, or a negated "necessary/needed/worth…".
    static func dismissedAfter(_ tokens: [Token], from start: Int, to end: Int, literals: Set<String>) -> Bool {
        var i = start
        while i < end, i - start < 9 {
            let word = tokens[i].text
            if Words.dismissive.contains(word), !literals.contains(word) {
                // "not overkill" is not a dismissal.
                if i > start, Words.isNegator(tokens[i - 1].text) { i += 1; continue }
                return true
            }
            if Words.verbNegators.contains(word) || word.hasSuffix("n't"), !literals.contains(word) {
                var j = i + 1
                while j < end, j - i <= 4 {
                    if Words.needed.contains(tokens[j].text) { return true }
                    j += 1
                }
            }
            if word == "wait", i > start, tokens[i - 1].text == "can" || tokens[i - 1].text == "could" { return true }
            i += 1
        }
        return false
    }

    /// The agent a subject word at `index` names, if it is the clause's subject.
    static func subject(_ tokens: [Token], at index: Int, clauseStart: Int) -> Agent? {
        let word = tokens[index].text
        if let agent = Words.subjects[word] {
            // "it" and "they" as objects ("we shipped it") come after a verb; only take a subject
            // that opens the clause or follows a conjunction or an adverb.
            if index - clauseStart > 4 { return nil }
            return agent
        }
        if word == "team" || word == "group" || word == "everyone" || word == "everybody" {
            let before = index > clauseStart ? tokens[index - 1].text : ""
            if Words.teamDeterminers.contains(before) || word.hasPrefix("every") { return .we }
        }
        if Words.otherRoles.contains(word), index > clauseStart, Words.roleDeterminers.contains(tokens[index - 1].text) {
            return .other
        }
        return nil
    }

    /// "was decided", "got retrained", "were chosen" with no one named as acting.
    static func isPassive(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        for i in range where Words.passiveAuxiliaries.contains(tokens[i].text) {
            let next = i + 1 < range.upperBound ? tokens[i + 1].text : ""
            if next.count > 4, next.hasSuffix("ed") || Words.participles.contains(next) { return true }
        }
        return false
    }

    /// Marks tokens in verbless lists: a sentence of three or more short comma-separated
    /// terms, or a run of three or more one-to-four-word fragments.
    static func listedTokens(_ tokens: [Token]) -> [Bool] {
        var listed = Array(repeating: false, count: tokens.count)
        func verbless(_ range: Range<Int>) -> Bool {
            !range.contains { i in
                let word = tokens[i].text
                return Words.subjects[word] != nil || Words.auxiliaries.contains(word) || Words.isActionVerb(word)
                    || word.hasSuffix("'d") || word.hasSuffix("'ll")
            }
        }
        var sentences: [Range<Int>] = []
        var start = 0
        for i in 1...tokens.count where i == tokens.count || tokens[i].sentence != tokens[i - 1].sentence {
            sentences.append(start..<i)
            start = i
        }
        for sentence in sentences {
            // Comma-separated segments; the last may hold "… and X" as the final item.
            var segments: [Range<Int>] = []
            var segmentStart = sentence.lowerBound
            for i in sentence where i > sentence.lowerBound && tokens[i].clause != tokens[i - 1].clause {
                if segmentStart < i { segments.append(segmentStart..<i) }
                segmentStart = i
            }
            if segmentStart < sentence.upperBound { segments.append(segmentStart..<sentence.upperBound) }
            guard segments.count >= 3 else { continue }
            // "A and B" inside a segment is two items: "contextual bandits and reinforcement
            // learning", "send-time optimization and frequency capping".
            segments = segments.flatMap { segment -> [Range<Int>] in
                var parts: [Range<Int>] = []
                var from = segment.lowerBound
                for i in segment where i > from && (tokens[i].text == "and" || tokens[i].text == "or") {
                    parts.append(from..<i)
                    from = i + 1
                }
                if from < segment.upperBound { parts.append(from..<segment.upperBound) }
                return parts.isEmpty ? [segment] : parts
            }
            // A term is a short noun phrase: no verb, no subject, no number ("5k, 10k and 25k rows" is a plan).
            let terms = segments.filter { $0.count <= 4 && verbless($0) && !$0.contains { tokens[$0].hasDigit } }
            if segments.count >= 3, terms.count >= 3, Double(terms.count) >= 0.6 * Double(segments.count) {
                for i in sentence { listed[i] = true }
            }
        }
        // Runs of fragments ("Shadow mode. Canary. Rollback.").
        var run: [Range<Int>] = []
        func closeRun() {
            if run.count >= 3 { for sentence in run { for i in sentence { listed[i] = true } } }
            run = []
        }
        for sentence in sentences {
            if sentence.count <= 4 && verbless(sentence) { run.append(sentence) } else { closeRun() }
        }
        closeRun()
        return listed
    }
}

/// Word lists the clause reader relies on. Kept here, not in the banks: they are English
/// grammar, not judgment.
enum Words {
    static let negators: Set<String> = [
        "not", "never", "no", "without", "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't",
        "aren't", "haven't", "hasn't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't",
        "shouldn't", "lacked", "lacking", "nobody", "none", "nor", "neither", "forgot",
    ]
    static func isNegator(_ word: String) -> Bool { negators.contains(word) || word.hasSuffix("n't") }
    static let complementizers: Set<String> = ["that", "said", "says", "say", "think", "thought", "believe", "knew", "know", "claimed"]
    /// Negators of a verb ("wasn't needed", "is not required"), not of a noun ("nobody would need").
    static let verbNegators: Set<String> = ["not", "never", "cannot"]

    /// Before a term: the term is turned down.
    static let dismissers: Set<String> = [
        "skip", "skipped", "skipping", "skips", "forgo", "forgoing", "forwent", "instead", "rather",
        "ditch", "ditched", "scrapped", "scrap",
    ]
    /// Verbs after which "against" turns something down.
    static let choiceVerbs: Set<String> = ["decided", "decide", "chose", "choose", "voted", "argued", "went", "recommended", "advised", "leaned"]
    /// After a term: it is not worth doing.
    static let dismissive: Set<String> = [
        "overkill", "unnecessary", "unneeded", "pointless", "excessive", "overboard", "optional", "overrated",
        "skipped", "scrapped", "ditched",
    ]
    /// After a negator: "isn't necessary", "wasn't something we needed", "doesn't matter".
    static let needed: Set<String> = [
        "necessary", "needed", "need", "required", "require", "worth", "important", "relevant", "matter", "matters",
        "essential", "critical", "warranted", "justified", "priority", "bother", "worry", "something",
    ]
    static let intensifiers: Set<String> = ["just", "only", "merely"]
    static let backReferences: Set<String> = ["it", "that", "this", "they", "those", "these", "which"]
    static let teamDeterminers: Set<String> = ["the", "our", "my", "whole", "entire"]
    static let roleDeterminers: Set<String> = ["my", "the", "our", "their"]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "got", "been", "is", "are", "be"]
    /// Words that put a term off to a later that never comes.
    static let deferrals: Set<String> = ["someday"]
    static let contrasts: Set<String> = ["but", "however", "though", "although", "yet"]
    static let considerations: Set<String> = [
        "considered", "considering", "thought", "debated", "discussed", "explored", "tempting", "ideally", "theory",
        "wanted", "planned", "toyed",
    ]
    static let clauseOpeners: Set<String> = [
        "but", "however", "although", "though", "whereas", "because", "since", "unless", "until", "which", "otherwise",
        "so", "while",
    ]
    static let conditionals: Set<String> = [
        "if", "would", "could", "might", "should", "unless", "whenever", "i'd", "we'd", "wouldn't", "shouldn't",
    ]
    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had",
        "will", "would", "can", "could", "should", "must", "might", "may", "shall", "it's", "that's", "there's",
    ]
    static let subjects: [String: Agent] = [
        "i": .me, "i'd": .me, "i'll": .me, "i've": .me, "i'm": .me, "myself": .me,
        "we": .we, "we'd": .we, "we'll": .we, "we've": .we, "we're": .we,
        "he": .other, "she": .other, "they": .other, "he'd": .other, "she'd": .other, "they'd": .other,
        "they've": .other, "they're": .other, "he's": .other, "she's": .other,
    ]
    static let otherRoles: Set<String> = [
        "manager", "lead", "pm", "director", "vp", "boss", "cto", "ceo", "client", "customer", "stakeholders",
        "product", "leadership", "management", "colleague", "teammate", "engineer", "analyst", "designer",
    ]
    static let participles: Set<String> = [
        "chosen", "made", "done", "taken", "given", "built", "written", "run", "set", "shipped", "sent", "told",
        "kept", "left", "held", "caught", "found", "brought", "put", "cut", "shown", "known",
    ]

    /// Verbs of deciding and doing, in the forms people use: base, -s, past, participle.
    /// Effort without a result ("tried", "helped", "talked", "used") is left out: it owns nothing.
    static let actionVerbs: Set<String> = {
        let regular = [
            "decide", "choose", "pick", "recommend", "propose", "push", "ask", "call", "own", "lead", "drive", "escalate",
            "convince", "negotiate", "design", "implement", "migrate", "test", "measure", "trace", "debug", "review",
            "pair", "offer", "agree", "commit", "schedule", "organize", "organise", "hire", "train", "retrain", "split",
            "deliver", "present", "explain", "flag", "notice", "investigate", "analyze", "analyse", "compare", "rebuild",
            "refactor", "deploy", "launch", "ship", "roll", "revert", "pause", "stop", "start", "move", "switch", "drop",
            "add", "remove", "change", "fix", "set", "build", "write", "run", "send", "tell", "make", "take", "cut",
            "rewrite", "check", "watch", "track", "gate", "cap", "limit", "tune", "calibrate", "recalibrate", "label",
            "relabel", "sample", "reweight", "collect", "clean", "filter", "alert", "monitor", "log", "document",
            "share", "publish", "report", "inform", "warn", "apologize", "apologise", "admit", "accept", "reject",
            "approve", "block", "veto", "support", "mentor", "coach", "teach", "help", "plan", "prioritize", "prioritise",
            "delegate", "assign", "raise", "pitch", "prototype", "build",
            "find", "spot", "catch", "realize", "realise", "learn", "update", "adjust", "lower",
            "raise", "increase", "reduce", "rerun", "replace", "restore", "recover", "contain", "mitigate", "prevent",
            "identify", "diagnose", "bisect", "reproduce", "write", "draft", "sketch", "meet",
            "insist", "volunteer", "step", "initiate", "introduce", "create", "automate", "simplify",
        ]
        let irregular = [
            "chose", "chosen", "led", "drove", "driven", "set", "built", "wrote", "written", "ran", "sent", "told", "made",
            "took", "taken", "cut", "rewrote", "rewritten", "found", "caught",
            "met", "brought", "put", "shipped", "stopped", "dropped", "planned", "stepped",
            "rolled", "split", "paired", "gated", "capped", "shadowed", "committed", "learned", "learnt",
        ]
        var forms = Set(irregular)
        for base in regular {
            forms.insert(base)
            forms.insert(base.hasSuffix("s") || base.hasSuffix("sh") || base.hasSuffix("ch") ? base + "es" : base + "s")
            if base.hasSuffix("e") { forms.insert(base + "d") } else { forms.insert(base + "ed") }
            if base.hasSuffix("y") { forms.insert(String(base.dropLast()) + "ied") }
        }
        return forms
    }()

    static func isActionVerb(_ word: String) -> Bool { actionVerbs.contains(word) }

    /// Spoken fillers: the register of speech, not content. Removed before matching.
    static let fillers: Set<String> = ["um", "uh", "erm", "er", "uhm", "umm", "uhh", "hmm", "mm", "basically", "literally", "yeah"]
    /// Two-word fillers.
    static let fillerPairs: Set<String> = ["you know", "i mean", "kind of", "sort of", "you see"]
    /// "like" is a verb or a comparison after these; elsewhere it is a filler.
    static let likeKeepers: Set<String> = [
        "would", "i'd", "we'd", "you'd", "they'd", "feel", "feels", "felt", "look", "looks", "looked", "seem", "seems",
        "sound", "sounds", "something", "anything", "things", "don't", "didn't", "i", "we", "you", "they", "just",
        "more", "much", "exactly", "not", "really", "also",
    ]
}
