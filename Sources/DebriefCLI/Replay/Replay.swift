import DebriefEngine
import Foundation

/// Turns a journal back into a transcript, and re-runs today's engine on it.
struct Replay {
    let journal: Journal
    let banks: Banks
    let style: Style

    /// The recorded cards and verdict, or - for a session that ended before its debrief -
    /// ones computed now from the recorded exchanges (`computed` is then true).
    func outcome() -> ([Scorecard]?, Verdict?, Bool) {
        if let cards = journal.recordedScorecards, let verdict = journal.recordedVerdict { return (cards, verdict, false) }
        // No recorded debrief (quit, killed): rebuild every answered question from the raw
        // events - including one cut off before its exchange was recorded.
        let rounds = rebuiltRounds()
        guard !rounds.isEmpty else { return (nil, nil, false) }
        let (cards, verdict) = debrief(rounds)
        return (cards, verdict, true)
    }

    /// Cards and verdict for rebuilt rounds, leaving out the rounds that were not heard in full.
    func debrief(_ rounds: [RoundRecord]) -> ([Scorecard], Verdict) {
        let unheard = unheardRounds(rounds)
        let heard = Debrief.heard(rounds, unheard: unheard)
        let cards = Panel(banks: banks).scorecards(for: heard)
        return (cards, Debrief(banks: banks).run(cards: cards, rounds: heard, options: options(), unheard: unheard))
    }

    /// The rounds the recorded verdict named as not heard; else, for a session that did not
    /// complete, the started rounds with fewer answers than they planned.
    func unheardRounds(_ rounds: [RoundRecord]) -> [UnheardRound] {
        if let recorded = journal.recordedVerdict?.unheard { return recorded }
        let ending = journal.events.last { $0.type == .end }?.reason
        guard ending != .completed else { return [] }
        var planned: [(round: Int, persona: Persona, questions: Int)] = []
        for event in journal.events where event.type == .roundStarted {
            guard let n = event.round, let count = event.planned, let id = event.interviewer, let persona = banks.persona(id) else { continue }
            planned.append((n, persona, count))
        }
        // Questions put to the candidate per round: a round is heard when all were asked.
        var counts: [Int: Int] = [:]
        for event in journal.events where event.type == .question { counts[event.round ?? 0, default: 0] += 1 }
        return UnheardRound.find(planned: planned, answered: counts)
    }

    func options() -> Debrief.Options {
        .init(model: journal.header.decisionModel, pool: banks.pool(journal.header.pool) ?? banks.pools[0], settings: banks.decision)
    }

    /// One block per question (plus a heading and an ending), for `--step`.
    func transcript(markdown: Bool) -> [String] {
        let h = journal.header
        var blocks: [String] = []
        var head = markdown ? "# Session \(h.startedAt)\n\n" : Layout.rule("Session \(h.startedAt)", style: style)
        head += "\(h.mode) · loop \(h.loop) · seed \(h.seed) · \(h.decisionModel.rawValue) model · \(h.pool) pool · engine \(h.engine)\n"
        blocks.append(head)
        var current = ""
        func flush() { if !current.isEmpty { blocks.append(current); current = "" } }
        let persona: (String?) -> String = { id in id.flatMap { banks.persona($0)?.name } ?? id ?? "Interviewer" }
        var interviewer: String? = nil
        var questionInBlock = false // a block holds one question and what followed it
        var unanswered = false      // the block's question has no answer or skip yet
        for event in journal.events {
            switch event.type {
            case .roundStarted:
                flush()
                questionInBlock = false
                interviewer = event.interviewer
                current += "\n" + (markdown ? "## " : "") + style.bold("Round \(event.round ?? 0) · \(persona(event.interviewer))") + " (\(event.track?.rawValue ?? ""))\n"
            case .question:
                if questionInBlock {
                    // A question replaced before any answer was swapped with :ask: same block.
                    if unanswered { current += style.dim("   (swapped with :ask)") + "\n" } else { flush() }
                }
                questionInBlock = true
                unanswered = true
                current += "\n" + (markdown ? "**Q** `\(event.questionID ?? "")`: " + (event.prompt ?? "") + "\n"
                    : style.bold("Q  ") + style.dim(event.questionID ?? "") + "\n" + Layout.wrap(event.prompt ?? "", indent: 3))
            case .answer:
                unanswered = false
                current += said(event.text ?? "", markdown: markdown)
            case .pushback:
                current += "\n" + (markdown ? "**\(persona(interviewer)):** " + (event.pushback?.text ?? "") + "\n"
                    : Layout.wrap(event.pushback?.text ?? "", indent: 3, first: style.yellow("\(persona(interviewer)): ")))
            case .response:
                current += said(event.text ?? "", markdown: markdown)
                if let a = event.adaptation {
                    let note = "↳ \(a.kind.label)\(a.gapFilled ? ", gap filled" : ""): \(a.explanation) - \u{201C}\(a.quote)\u{201D}"
                    current += markdown ? "\n_\(note)_\n" : style.dim(Layout.wrap(note, indent: 5, first: "   "))
                }
            case .hint: current += style.dim("   (hint used)") + "\n"
            case .skip:
                unanswered = false
                current += style.dim("   (skipped)") + "\n"
            case .end:
                let reason = event.reason.map { $0 == .endedEarly ? "ended early" : $0 == .inputEnded ? "ended with its input" : $0.rawValue } ?? "ended"
                current += "\n" + style.dim("Session \(reason)\(event.detail.map { " (\($0))" } ?? "") at \(event.at).") + "\n"
            default: break
            }
        }
        flush()
        if journal.endedAbruptly {
            blocks.append("\n" + style.yellow("The session ended abruptly\(journal.cutMidLine ? " (its last line was cut off)" : "") - replayed up to its last whole event.") + "\n")
        }
        return blocks
    }

    /// The candidate's words: quoted in Markdown, indented under "A" in text.
    private func said(_ text: String, markdown: Bool) -> String {
        if markdown { return "\n" + text.components(separatedBy: "\n").map { "> " + $0 }.joined(separator: "\n") + "\n" }
        return "\n" + Layout.wrap(text, indent: 3, first: "A  ")
    }

    struct Differences: Encodable, Equatable {
        var cards: [String]
        var verdict: [String]
        var isEmpty: Bool { cards.isEmpty && verdict.isEmpty }
    }

    /// Rounds rebuilt from the recorded answers, pushbacks and responses, analysed by today's engine.
    func rebuiltRounds() -> [RoundRecord] {
        var rounds: [RoundRecord] = []
        var pending: [String: (Question, String, [(Pushback, String)], Bool)] = [:]
        var order: [(Int, String)] = []
        var pushbacks: [String: Pushback] = [:]
        var hinted: Set<String> = []
        // A question asked twice in a round (only a hand-made journal does that) is two exchanges.
        var occurrences: [String: Int] = [:]
        for event in journal.events {
            let base = "\(event.round ?? 0)/\(event.questionID ?? "")"
            if event.type == .question { occurrences[base, default: 0] += 1 }
            let key = base + "@\(occurrences[base] ?? 0)"
            switch event.type {
            case .roundStarted:
                if let n = event.round, let who = event.interviewer, let track = event.track {
                    rounds.append(RoundRecord(number: n, interviewer: who, track: track, exchanges: []))
                }
            case .answer:
                guard let id = event.questionID, let question = banks.question(id), let text = event.text else { continue }
                if pending[key] == nil { order.append((event.round ?? 0, key)) }
                pending[key] = (question, text, [], hinted.contains(key)) // a hint may come before the answer
            case .pushback:
                if let p = event.pushback { pushbacks[key + "#" + p.id] = p }
            case .response:
                if let id = event.pushbackID, let p = pushbacks[key + "#" + id], let text = event.text { pending[key]?.2.append((p, text)) }
            case .hint:
                hinted.insert(key)
                pending[key]?.3 = true
            default: break
            }
        }
        var earlier: [String] = []
        for (round, key) in order {
            guard let (question, answer, followUps, hint) = pending[key], let index = rounds.lastIndex(where: { $0.number == round }) else { continue }
            rounds[index].exchanges.append(ExchangeRecorder.rescore(question: question, banks: banks, answer: answer, followUps: followUps,
                                                                    hintUsed: hint, earlier: earlier))
            earlier.append(answer)
        }
        return rounds.filter { !$0.exchanges.isEmpty }
    }

    /// Re-runs today's engine on the recorded answers and responses.
    func rescored() -> (cards: [Scorecard], verdict: Verdict, differences: Differences)? {
        let rounds = rebuiltRounds()
        guard !rounds.isEmpty else { return nil }
        let (cards, verdict) = debrief(rounds)
        let (recordedCards, recordedVerdict, _) = outcome()
        return (cards, verdict, compare(recordedCards ?? [], recordedVerdict, cards, verdict))
    }

    func compare(_ oldCards: [Scorecard], _ old: Verdict?, _ newCards: [Scorecard], _ new: Verdict) -> Differences {
        var cardNotes: [String] = []
        for card in newCards {
            guard let before = oldCards.first(where: { $0.interviewer == card.interviewer }) else {
                cardNotes.append("\(card.name): no recorded card; today: \(card.recommendation.label)")
                continue
            }
            if before.recommendation != card.recommendation {
                cardNotes.append("\(card.name): recommendation \(before.recommendation.label) → \(card.recommendation.label)")
            }
            for rating in card.ratings {
                let old = before.ratings.first { $0.competency == rating.competency }
                if old?.rating != rating.rating {
                    cardNotes.append("\(card.name): \(banks.name(ofCompetency: rating.competency)) \(old.map { String($0.rating) } ?? "-") → \(rating.rating)")
                }
            }
            let oldFlags = Set(before.redFlags.map(\.signal)), newFlags = Set(card.redFlags.map(\.signal))
            for flag in newFlags.subtracting(oldFlags).sorted() { cardNotes.append("\(card.name): new red flag \(banks.name(ofSignal: flag))") }
            for flag in oldFlags.subtracting(newFlags).sorted() { cardNotes.append("\(card.name): red flag no longer seen: \(banks.name(ofSignal: flag))") }
        }
        var verdictNotes: [String] = []
        if let old {
            if old.decision.decision != new.decision.decision { verdictNotes.append("decision \(old.decision.decision.label) → \(new.decision.decision.label)") }
            if old.recommendation != new.recommendation { verdictNotes.append("overall \(old.recommendation.label) → \(new.recommendation.label)") }
            if abs(old.composite - new.composite) >= 0.005 { verdictNotes.append(String(format: "composite %.2f → %.2f", old.composite, new.composite)) }
            if old.but != new.but { verdictNotes.append("the but: \u{201C}\(old.but)\u{201D} → \u{201C}\(new.but)\u{201D}") }
        } else {
            verdictNotes.append("no recorded verdict; today: \(new.decision.decision.label)")
        }
        return Differences(cards: cardNotes, verdict: verdictNotes)
    }

    func describe(_ differences: Differences, markdown: Bool) -> String {
        var out = "\n" + (markdown ? "## Rescore\n\n" : Layout.rule("Rescore with engine \(EngineInfo.version)", style: style))
        if journal.header.engine != EngineInfo.version {
            out += "Recorded with engine \(journal.header.engine); today's is \(EngineInfo.version).\n"
        }
        let changed = journal.header.banks.filter { file in !banks.files.contains(file) }.map(\.path)
        if !changed.isEmpty { out += "Bank files changed since the session: \(changed.joined(separator: ", ")).\n" }
        if differences.isEmpty { return out + "Today's engine agrees with the recorded scorecards and verdict.\n" }
        for note in differences.cards + differences.verdict { out += Layout.wrap(note, indent: 4, first: "  - ") }
        return out
    }
}
