import ArgumentParser
import DebriefEngine
import Foundation

/// `debrief replay FILE`: a saved session as a transcript, then its cards and verdict.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Show a saved session: the transcript, how you adapted, the scorecards and the verdict.",
        discussion: "A journal cut off mid-line (the process was killed) replays up to its last whole event."
    )

    @Argument(help: ArgumentHelp("A session journal (.jsonl).", valueName: "file"))
    var file: String

    @Flag(help: "Advance one question per Enter.")
    var step = false

    @Flag(help: "Re-run today's engine on the recorded answers and show where it disagrees with the record.")
    var rescore = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (NO_COLOR works too).")
    var noColor = false

    @OptionGroup var banks: BankOptions

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { throw CLIError.io("\(file): no such file") }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: file) else {
            throw CLIError.io("\(file): cannot be read (\(isDirectory.boolValue ? "it is a directory" : "check its permissions"))")
        }
        let data = (try? handle.readToEnd()) ?? Data()
        try? handle.close()
        let journal: Journal
        do { journal = try Journal.parse(data, path: file) } catch { throw CLIError.data(error.description) }
        let banks = try self.banks.load()
        let style = format == .text ? Style.detect(noColor: noColor) : Style(enabled: false)
        let replay = Replay(journal: journal, banks: banks, style: style)

        let (cards, verdict, computed) = replay.outcome()
        let rescored = rescore ? replay.rescored() : nil
        switch format {
        case .json:
            struct Output: Encodable {
                var header: SessionHeader
                var endedAbruptly: Bool
                var end: EndReason?
                var events: [SessionEvent]
                var scorecards: [Scorecard]?
                var verdict: Verdict?
                var verdictComputedOnReplay: Bool
                var rescore: Replay.Differences?
            }
            try Console.out(JSONOutput.encode(Output(header: journal.header, endedAbruptly: journal.endedAbruptly, end: journal.end?.reason,
                                           events: journal.events.filter { $0.type != .scorecards && $0.type != .verdict },
                                           scorecards: cards, verdict: verdict, verdictComputedOnReplay: computed,
                                           rescore: rescored?.differences)))
        case .text, .markdown:
            let blocks = replay.transcript(markdown: format == .markdown)
            for (index, block) in blocks.enumerated() {
                try Console.out(block)
                if step && index < blocks.count - 1 {
                    try Console.out(style.dim("[Enter for the next question]"))
                    if readLine() == nil { break }
                }
            }
            if let cards, let verdict {
                if computed {
                    try Console.out("\n" + (format == .markdown ? "_" : "") + "The session ended before its debrief; this one is computed now from the recorded answers." + (format == .markdown ? "_" : "") + "\n")
                }
                try Console.out(VerdictRenderer(banks: banks, style: style).render(cards: cards, verdict: verdict, journal: nil, as: format))
            } else {
                try Console.out("\nNo answers were recorded, so there is no debrief.\n")
            }
            if let rescored { try Console.out(replay.describe(rescored.differences, markdown: format == .markdown)) }
        }
    }
}
