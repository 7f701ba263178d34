import ArgumentParser
import DebriefEngine
import Foundation

/// `debrief banks`: check and list the question banks.
struct BanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banks",
        abstract: "Check or list the question banks.",
        subcommands: [Lint.self]
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
            print(output, terminator: "")
            if errors > 0 {
                throw CLIError(message: "\(errors) error(s) found", code: CLIError.dataCode)
            }
        }

        /// A directory is a banks root; a file is checked with the banks it sits in.
        func locate(_ path: String) throws -> (String, [String]) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.io("\(path): no such file or directory")
            }
            if isDirectory.boolValue { return (path, []) }
            var directory = (path as NSString).deletingLastPathComponent
            for _ in 0..<4 {
                if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(BankLoader.signalsFile)) {
                    return (directory.isEmpty ? "." : directory, [path])
                }
                directory = (directory.isEmpty ? "." : directory) + "/.."
            }
            return (try banks.resolve(), [path])
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

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
