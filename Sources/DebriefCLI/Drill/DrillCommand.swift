import ArgumentParser
import DebriefEngine
import Foundation
import LineEditor

/// `debrief drill`: the daily solo drill.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Answer interview questions, take the pushback, and get the panel's debrief.",
        discussion: """
        An answer may span several lines and ends with an empty line. Lines starting with ':' are
        commands (:help lists them). Scores stay hidden until the debrief unless --coach is given.
        Every session is saved as a journal as it happens; 'debrief replay FILE' shows it again.

        Scripted: printf 'answer one\\n\\nanswer two\\n\\n' | debrief drill --questions 2 --seed 7
        """
    )

    @Option(help: "Question track.")
    var track: DrillSelection.TrackChoice?

    @Option(help: "Questions per round.")
    var questions: Int?

    @Option(help: ArgumentHelp("Interview loop from panels.yaml (daily, ml-screen, onsite-ml, behavioral, ...).", valueName: "name"))
    var loop: String = "daily"

    @Option(help: "Decision model of the debrief (default: the loop's).")
    var panel: DecisionModelKind?

    @Option(help: ArgumentHelp("Calibration pool (weak, typical, strong).", valueName: "name"))
    var pool: String?

    @Option(help: "Seed for question order and pushback wording (default: random, recorded in the journal).")
    var seed: UInt64?

    @Flag(help: "Show the engine's feedback after every answer instead of only at the end.")
    var coach = false

    @Option(help: "Format of the final debrief (json keeps the conversation on standard error).")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (NO_COLOR works too).")
    var noColor = false

    @OptionGroup var banks: BankOptions
    @OptionGroup var sessions: SessionOptions

    func validate() throws {
        if let questions, !(1...20).contains(questions) {
            throw ValidationError("--questions must be between 1 and 20")
        }
    }

    func run() throws {
        let banks = try self.banks.load()
        guard let loop = banks.loop(loop) else {
            throw CLIError.usage("unknown loop '\(self.loop)'; valid loops: \(banks.loops.map(\.id).joined(separator: ", "))")
        }
        let poolID = pool ?? banks.decision.defaultPool
        guard let pool = banks.pool(poolID) else {
            throw CLIError.usage("unknown pool '\(poolID)'; valid pools: \(banks.pools.map(\.id).joined(separator: ", "))")
        }
        let seed = self.seed ?? UInt64.random(in: 1...999_999)
        let plan: [PlannedRound]
        do {
            plan = try LoopPlanner(banks: banks).plan(DrillSelection(loop: loop.id, track: track, questions: questions), seed: seed)
        } catch {
            throw CLIError.data(error.description)
        }

        // The journal exists before the first question: no answer is typed into a session
        // that cannot be saved.
        let directory = sessions.resolve()
        let journal: JournalWriter
        do {
            journal = try JournalWriter(directory: directory, stem: "\(Clock.stamp())-\(loop.id)-\(seed)")
        } catch {
            throw CLIError.io("\(error.description); choose another place with --sessions-dir or DEBRIEF_SESSIONS_DIR")
        }

        let header = SessionHeader(mode: "drill", startedAt: Clock.now(), seed: seed, loop: loop.id,
                                   decisionModel: panel ?? loop.decisionModel, pool: pool.id, coach: coach,
                                   banksRoot: banks.root, banks: banks.files,
                                   rounds: plan.map { .init(number: $0.number, interviewer: $0.persona.id, track: $0.track, questions: $0.questions.map(\.id)) })
        let questionIDs = banks.questions.map(\.id)
        let reader = LineReaders.standard(program: "debrief", historyFile: SessionOptions.historyFile()) { before in
            DrillSession.completions(for: before, questionIDs: questionIDs)
        }
        let style = reader.isInteractive ? Style.detect(noColor: noColor) : Style(enabled: false)
        let output: (String) -> Void = format == .json
            ? { Console.standardError.write($0) }
            : { Console.standardOutput.write($0) }
        var session = DrillSession(banks: banks, plan: plan, header: header, journal: journal, reader: reader,
                                   style: style, output: output, coach: coach, format: format)
        let outcome = try session.run()
        if case .terminated(let signal) = outcome { throw ExitCode(128 + signal) }
    }
}
