import ArgumentParser
import DebriefEngine
import Foundation

/// `debrief banks`: check and list the question banks.
struct BanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banks",
        abstract: "Check or list the question banks.",
        subcommands: [Lint.self, List.self]
    )

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check bank files and report every problem as file:line:column.",
            discussion: "Exits 65 when any error is found, 0 when the banks are clean (warnings allowed)."
        )

        @Argument(help: ArgumentHelp("Banks directories or single bank files (default: the banks in use).", valueName: "path"))
        var paths: [String] = []

        @OptionGroup var banks: BankOptions

        func run() throws {
            var errors = 0
            var output = ""
            let targets = paths.isEmpty ? [try banks.resolve()] : paths
            for target in targets {
                let (root, extra) = try locate(target)
                let loaded: Banks?
                let diagnostics: [Diagnostic]
                do { (loaded, diagnostics) = try BankLoader.load(root: root, extraFiles: extra) } catch { throw CLIError(error) }
                for diagnostic in diagnostics { output += diagnostic.description + "\n" }
                errors += diagnostics.filter { $0.severity == .error }.count
                if let loaded { output += summary(loaded, warnings: diagnostics.count) }
            }
            try Console.out(output)
            if errors > 0 {
                throw CLIError(message: "\(errors) error(s) found", code: CLIError.dataCode)
            }
        }

        /// A directory is a banks root; a file is checked with the banks it sits in (the
        /// nearest folder above it holding signals.yaml), else with the banks in use.
        func locate(_ path: String) throws -> (String, [String]) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.io("\(path): no such file or directory")
            }
            if isDirectory.boolValue { return (path, []) }
            let file = URL(fileURLWithPath: path).standardizedFileURL
            var directory = file.deletingLastPathComponent()
            for _ in 0..<4 {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent(BankLoader.signalsFile).path) {
                    return (directory.path, [file.path])
                }
                directory = directory.deletingLastPathComponent()
            }
            let root = URL(fileURLWithPath: try banks.resolve()).standardizedFileURL.path
            return (root, [file.path])
        }

        func summary(_ banks: Banks, warnings: Int) -> String {
            var out = "\(banks.root): \(banks.questions.count) questions, \(banks.lexicon.signals.count) signals, \(banks.personas.count) personas, \(banks.loops.count) loops - no errors\(warnings > 0 ? " (\(warnings) warning(s))" : "")\n"
            for track in Track.allCases {
                let questions = banks.questions.filter { $0.track == track }
                out += "  \(track.rawValue): \(questions.count) questions\n"
                var counts: [String: Int] = [:]
                for question in questions { for c in question.competencies { counts[c, default: 0] += 1 } }
                for (competency, count) in counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                    out += "    \(String(count).leftPad(3))  \(banks.name(ofCompetency: competency))\n"
                }
            }
            return out
        }
    }
}

extension BanksCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every question: id, track, level, competencies, signals, red flags and pushbacks.",
            discussion: "Text groups questions by track and by the first competency each informs; --format json lists them all."
        )

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Only this track.", valueName: "ml|behavioral"))
        var track: Track?

        @OptionGroup var banks: BankOptions

        struct Entry: Encodable {
            var id: String
            var track: Track
            var area: String
            var level: Level
            var competencies: [String]
            var signals: [String]
            var redFlags: [String]
            var pushbacks: Int
            var hasExamples: Bool
            var prompt: String
        }

        func run() throws {
            let banks = try self.banks.load()
            let questions = banks.questions.filter { track == nil || $0.track == track }
            let entries = questions.map {
                Entry(id: $0.id, track: $0.track, area: $0.area, level: $0.level, competencies: $0.competencies,
                      signals: $0.strongSignals, redFlags: $0.redFlags, pushbacks: $0.pushbacks.count,
                      hasExamples: $0.examples?.strong != nil && $0.examples?.weak != nil, prompt: $0.prompt)
            }
            switch format {
            case .json:
                try Console.out(JSONOutput.encode(entries))
            case .text, .markdown:
                var out = ""
                for track in Track.allCases {
                    let own = questions.filter { $0.track == track }
                    guard !own.isEmpty else { continue }
                    out += (format == .markdown ? "## " : "") + "\(track.rawValue) - \(own.count) questions\n"
                    let competencies = banks.competencies.map(\.id).filter { id in own.contains { $0.competencies.first == id } }
                    for competency in competencies {
                        let group = own.filter { $0.competencies.first == competency }
                        out += (format == .markdown ? "\n### " : "\n  ") + "\(banks.name(ofCompetency: competency)) (\(group.count))\n"
                        for q in group {
                            let line = "\(q.id)  [\(q.level.rawValue)] \(q.area); signals \(q.strongSignals.count), red flags \(q.redFlags.count), pushbacks \(q.pushbacks.count)"
                            out += (format == .markdown ? "- `\(q.id)` " + line.dropFirst(q.id.count) : "    " + line) + "\n"
                        }
                    }
                    out += "\n"
                }
                try Console.out(out)
            }
        }
    }
}

extension Track: ExpressibleByArgument {}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
