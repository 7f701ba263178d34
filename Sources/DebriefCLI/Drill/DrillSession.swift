import DebriefEngine
import Foundation
import LineEditor

/// The drill REPL: asks each planned question, reads answers and responses, pushes back,
/// journals every event as it happens, and ends with the scorecards and the debrief.
struct DrillSession {
    let banks: Banks
    let plan: [PlannedRound]
    let header: SessionHeader
    let journal: JournalWriter
    let reader: LineReader
    let style: Style
    let output: (String) -> Void
    let coach: Bool
    let format: OutputFormat

    private var used: Set<String> = []
    /// Questions put to the candidate in each round (a swap with :ask is the same slot).
    private var shown: [Int: Int] = [:]
    private var rounds: [RoundRecord] = []
    /// Every question shown so far: `:ask` never brings one back (nor one still planned).
    private var asked: Set<String> = []

    init(banks: Banks, plan: [PlannedRound], header: SessionHeader, journal: JournalWriter, reader: LineReader,
         style: Style, output: @escaping (String) -> Void, coach: Bool, format: OutputFormat) {
        self.banks = banks
        self.plan = plan
        self.header = header
        self.journal = journal
        self.reader = reader
        self.style = style
        self.output = output
        self.coach = coach
        self.format = format
    }

    enum Outcome: Equatable {
        case finished(EndReason)
        case terminated(Int32)
    }

    static let commands: [(String, String)] = [
        (":help", "this list"),
        (":skip", "move on to the next question (what you said so far is kept)"),
        (":hint", "what a strong answer covers (recorded as a hint used)"),
        (":repeat", "show the question, or the pushback, again"),
        (":notes", "what you have said so far this round"),
        (":ask", "ID - swap this question for a bank question (Tab completes ids)"),
        (":end", "finish now and go to the debrief"),
        (":quit", "leave without a debrief; the journal stays, marked unfinished"),
    ]

    /// Tab completion: commands, then question ids after `:ask`, command names after `:help`.
    static func completions(for before: String, questionIDs: [String]) -> [String] {
        let words = before.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 { return commands.map(\.0) }
        switch words[0] {
        case ":ask": return questionIDs
        case ":help": return commands.map(\.0)
        default: return []
        }
    }

    // MARK: running

    mutating func run() throws -> Outcome {
        try record(.header(header, at: Clock.now()))
        let questionCount = plan.map(\.questions.count).reduce(0, +)
        say(style.bold("Debrief drill") + style.dim(" · loop \(header.loop) · \(plan.count) round\(plan.count == 1 ? "" : "s"), \(questionCount) question\(questionCount == 1 ? "" : "s") · seed \(header.seed)") + "\n")
        say(style.dim("Journal: \(journal.path)") + "\n")
        if reader.isInteractive {
            say(style.dim(Layout.wrap("Answer in as many lines as you like; an empty line ends the answer. :help lists commands; Ctrl-D ends the session.")))
        }
        var ending: EndReason = .completed
        rounds: for round in plan {
            try record(.roundStarted(round.number, interviewer: round.persona.id, track: round.track,
                                     planned: round.questions.count, at: Clock.now()))
            rounds.append(RoundRecord(number: round.number, interviewer: round.persona.id, track: round.track, exchanges: []))
            say("\n" + Layout.rule("Round \(round.number) of \(plan.count) · \(round.persona.name)", style: style))
            say(style.dim("\(round.persona.title) · \(round.track.rawValue)") + "\n")
            var index = 0
            var questions = round.questions
            while index < questions.count {
                let result = try ask(&questions[index], number: index + 1, of: questions.count, round: round)
                switch result {
                case .next: index += 1
                case .stop(let reason): ending = reason; break rounds
                case .terminated(let signal):
                    try record(.end(.terminated, detail: "signal \(signal)", at: Clock.now()))
                    say("\nSession stopped by signal \(signal). Journal saved: \(journal.path)\n")
                    return .terminated(signal)
                }
            }
        }
        return try finish(ending)
    }

    enum QuestionResult { case next, stop(EndReason), terminated(Int32) }

    /// The answers given so far this session, so a repeated answer is named.
    private var earlierAnswers: [String] { rounds.flatMap { $0.exchanges.map(\.answer) } }

    private mutating func ask(_ question: inout Question, number: Int, of count: Int, round: PlannedRound) throws -> QuestionResult {
        try record(.question(round.number, question, at: Clock.now()))
        shown[round.number, default: 0] += 1
        asked.insert(question.id)
        showQuestion(question, number: number, of: count, persona: round.persona)
        var recorder = ExchangeRecorder(question: question, banks: banks, seed: header.seed, earlier: earlierAnswers)
        var answered = false
        var pending: Pushback? = nil

        func close(_ recorder: ExchangeRecorder) throws {
            guard answered else { return }
            let exchange = recorder.finish()
            rounds[rounds.count - 1].exchanges.append(exchange)
            try record(.exchange(round.number, exchange, at: Clock.now()))
            if coach { say(feedback(exchange)) }
        }

        while true {
            let input = readAnswer()
            switch input {
            case .terminated(let signal):
                try close(recorder)
                return .terminated(signal)
            case .endOfInput:
                try close(recorder)
                if reader.isInteractive { say("\n") }
                return .stop(reader.isInteractive ? .endedEarly : .inputEnded)
            case .interrupted:
                say(style.dim("\n^C - answer discarded; the question is still open.") + "\n")
            case .tooLong(let bytes):
                say(style.yellow("That answer is \(bytes) bytes; answers are limited to \(AnswerInput.maximumBytes) bytes. It was not recorded - answer again, shorter.") + "\n")
            case .command(let name, let argument):
                switch name {
                case ":help":
                    say(Self.commands.map { "  \(Layout.pad($0.0, 9)) \($0.1)" }.joined(separator: "\n") + "\n")
                case ":skip":
                    try record(.marker(.skip, round: round.number, questionID: question.id, at: Clock.now()))
                    try close(recorder)
                    say(style.dim("Skipped.") + "\n")
                    return .next
                case ":hint":
                    recorder.useHint()
                    try record(.marker(.hint, round: round.number, questionID: question.id, at: Clock.now()))
                    say(Layout.wrap(question.hint, indent: 2, first: style.cyan("Hint: ")))
                case ":repeat":
                    if let pending { showPushback(pending, persona: round.persona) } else { showQuestion(question, number: number, of: count, persona: round.persona) }
                case ":notes":
                    say(notes(current: answered ? recorder.finish() : nil))
                case ":ask":
                    guard !answered else { say("You have already answered this question; :skip first, then :ask.\n"); continue }
                    guard let id = argument, let replacement = banks.question(id) else {
                        say("Usage: :ask QUESTION-ID (Tab completes ids; 'debrief banks list' shows them).\n")
                        continue
                    }
                    if asked.contains(id) || plan.contains(where: { $0.questions.contains { $0.id == id } }) {
                        say("\(id) is already part of this session; :ask a question it has not asked yet.\n")
                        continue
                    }
                    question = replacement
                    recorder = ExchangeRecorder(question: question, banks: banks, seed: header.seed, earlier: earlierAnswers)
                    try record(.question(round.number, question, at: Clock.now()))
                    asked.insert(id)
                    showQuestion(question, number: number, of: count, persona: round.persona)
                case ":end":
                    try close(recorder)
                    return .stop(.endedEarly)
                case ":quit":
                    try close(recorder)
                    return .stop(.quit)
                default:
                    say("Unknown command \(name). :help lists the commands.\n")
                }
            case .text(let text):
                if !answered {
                    try record(.answer(round.number, questionID: question.id, text: text, at: Clock.now()))
                    answered = true
                    pending = recorder.answer(text, used: &used)
                } else if let current = pending {
                    pending = recorder.respond(text, used: &used)
                    let adaptation = recorder.finish().followUps.last!.adaptation
                    try record(.response(round.number, questionID: question.id, pushbackID: current.id, text: text,
                                         adaptation: adaptation, at: Clock.now()))
                    if coach { say(style.dim("(\(adaptation.kind.label): \(adaptation.explanation))") + "\n") }
                }
                if let pushback = pending {
                    try record(.pushback(round.number, questionID: question.id, pushback, at: Clock.now()))
                    showPushback(pushback, persona: round.persona)
                } else {
                    try close(recorder)
                    return .next
                }
            }
        }
    }

    private mutating func finish(_ reason: EndReason) throws -> Outcome {
        let answered = rounds.filter { !$0.exchanges.isEmpty }
        if reason == .quit || answered.isEmpty {
            try record(.end(answered.isEmpty && reason != .quit ? reason : .quit, detail: answered.isEmpty ? "nothing answered" : nil, at: Clock.now()))
            say("\n" + (answered.isEmpty ? "Nothing answered, so no debrief. " : "Left without a debrief. ") + "Journal saved: \(journal.path)\n")
            try Console.standardOutput.check()
            return .finished(reason)
        }
        if reason == .endedEarly { say(style.dim("Ending the session; the debrief covers what you answered.") + "\n") }
        // A session ended early leaves rounds cut short or never reached: no card, no vote.
        let unheard = reason == .completed ? []
            : UnheardRound.find(planned: plan.map { ($0.number, $0.persona, $0.questions.count) }, answered: shown)
        let heard = Debrief.heard(answered, unheard: unheard)
        let cards = Panel(banks: banks).scorecards(for: heard)
        try record(.scorecards(cards, at: Clock.now()))
        let pool = banks.pool(header.pool) ?? banks.pools[0]
        let verdict = Debrief(banks: banks).run(cards: cards, rounds: heard,
                                                options: .init(model: header.decisionModel, pool: pool, settings: banks.decision),
                                                unheard: unheard)
        try record(.verdict(verdict, at: Clock.now()))
        try record(.end(reason, at: Clock.now()))
        let rendered = VerdictRenderer(banks: banks, style: style).render(cards: cards, verdict: verdict, journal: journal.path, as: format)
        Console.standardOutput.write(rendered)
        say("\n" + style.dim("Journal saved: \(journal.path)\nReplay it: debrief replay \(journal.path)") + "\n")
        try Console.standardOutput.check()
        return .finished(reason)
    }

    // MARK: input

    enum Input: Equatable {
        case text(String)
        case command(String, String?)
        case interrupted
        case endOfInput
        case terminated(Int32)
        case tooLong(Int)
    }

    /// Reads one answer: lines until an empty line. A first line starting with ':' is a
    /// command. Ctrl-C discards everything typed so far.
    func readAnswer() -> Input {
        var lines: [String] = []
        var bytes = 0
        var overflow = false
        while true {
            // Plain prompts: libedit counts every byte of a prompt as a visible column.
            let prompt = lines.isEmpty && !overflow ? "› " : "… "
            switch reader.read(prompt: prompt) {
            case .interrupted:
                return .interrupted
            case .terminated(let signal):
                return .terminated(signal)
            case .endOfInput:
                if lines.isEmpty && !overflow { return .endOfInput }
                if overflow { return .tooLong(bytes) }
                if let input = submit(lines) { return input }
                return .endOfInput
            case .line(let raw):
                let line = raw.trimmingCharacters(in: .whitespaces)
                if lines.isEmpty && !overflow {
                    if line.isEmpty { continue }
                    if line.hasPrefix(":") {
                        reader.remember(line)
                        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                        return .command(parts[0].lowercased(), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil)
                    }
                }
                if line.isEmpty {
                    if overflow { return .tooLong(bytes) }
                    if let input = submit(lines) { return input }
                    lines = [] // not an answer (no words): read the next one, in this loop
                    bytes = 0
                    continue
                }
                bytes += raw.utf8.count + 1
                if bytes > AnswerInput.maximumBytes {
                    // Over the limit: keep reading to the empty line that ends it, keep nothing.
                    overflow = true
                    lines = []
                } else {
                    lines.append(raw)
                    reader.remember(raw)
                }
            }
        }
    }

    /// The answer made of `lines`, or nil (after saying why) when it is not one.
    private func submit(_ lines: [String]) -> Input? {
        switch AnswerInput.validate(lines.joined(separator: "\n")) {
        case .success(let text): return .text(text)
        case .failure(.tooLong(let size)): return .tooLong(size)
        case .failure(let problem):
            say(style.yellow("Not recorded: \(problem).") + "\n")
            return nil
        }
    }
    // MARK: output

    private func say(_ text: String) { output(text) }

    /// Journals `event`, then stops the session if standard output has failed, since the
    /// candidate can no longer see the questions (the journal keeps what was said so far).
    private func record(_ event: SessionEvent) throws {
        do { try journal.append(event) } catch {
            throw CLIError.io("\(error.description) - the session cannot be saved, so it stops here")
        }
        try Console.standardOutput.check()
    }

    private func showQuestion(_ question: Question, number: Int, of count: Int, persona: Persona) {
        say("\n" + style.bold("Q\(number)/\(count)") + style.dim(" · \(question.id) · \(question.level.rawValue)") + "\n")
        say(Layout.wrap(question.prompt, indent: 2, first: "  "))
        if reader.isInteractive { say("\n") }
    }

    private func showPushback(_ pushback: Pushback, persona: Persona) {
        say("\n" + Layout.wrap(pushback.text, indent: 2, first: style.yellow(persona.name.split(separator: " ").first.map(String.init) ?? persona.name) + ": "))
    }

    private func notes(current: Exchange?) -> String {
        var exchanges = rounds.last?.exchanges ?? []
        if let current { exchanges.append(current) }
        guard !exchanges.isEmpty else { return "Nothing said yet this round.\n" }
        var out = ""
        for exchange in exchanges {
            out += style.bold(exchange.questionID) + "\n" + Layout.wrap(exchange.answer, indent: 4, first: "  - ")
            for followUp in exchange.followUps { out += Layout.wrap(followUp.response, indent: 4, first: "  ↳ ") }
        }
        return out
    }

    private func feedback(_ exchange: Exchange) -> String {
        let a = exchange.analysis
        var out = "\n" + style.cyan("Coach") + style.dim(" · score \(String(format: "%.2f", a.score))/4") + "\n"
        for rating in a.ratings {
            out += "  \(style.rating(rating.rating)) \(banks.name(ofCompetency: rating.competency))\n"
            out += style.dim(Layout.wrap(rating.justification, indent: 6))
        }
        for flag in a.redFlags { out += "  " + style.red("red flag") + ": \(banks.name(ofSignal: flag.signal)) - \u{201C}\(flag.excerpt)\u{201D}\n" }
        for gap in a.gaps.prefix(3) { out += style.dim(Layout.wrap(gap.description, indent: 4, first: "  - missing: ")) }
        return out
    }
}
