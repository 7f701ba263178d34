import DebriefEngine
import Foundation
import Testing

/// A standard output that cannot be written (here /dev/full: "No space left on device")
/// is an I/O error, exit 74, with a message on standard error: never a crash, never a
/// silent success with the output lost.
@Suite("Output that cannot be written")
struct OutputFailureTests {
    static let example = CLI.packageRoot.appendingPathComponent("Sessions/examples/daily-ml-adapts.jsonl").path

    static let commands: [[String]] = [
        ["score", "--question-id", "ml-eval-fraud-accuracy", "--answer", "I would canary it and roll back on a 2% error rise.", "--banks", CLI.banks],
        ["score", "--question-id", "ml-eval-fraud-accuracy", "--answer", "I would canary it.", "--format", "json", "--banks", CLI.banks],
        ["banks", "lint", CLI.banks],
        ["banks", "list", "--banks", CLI.banks],
        ["banks", "list", "--format", "json", "--banks", CLI.banks],
        ["replay", example, "--banks", CLI.banks],
        ["replay", example, "--format", "json", "--banks", CLI.banks],
        ["--help"],
    ]

    @Test("each command reports a failed write with exit code 74", arguments: commands)
    func reported(_ arguments: [String]) throws {
        let outcome = try CLI.run(arguments, outputPath: "/dev/full")
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains("cannot write to standard output"), "\(outcome)")
    }

    @Test("a drill whose output fails stops before the first question; its journal stays readable")
    func drill() throws {
        let scratch = try ScratchDirectory(prefix: "debrief-full")
        defer { scratch.remove() }
        let sessions = scratch.url.appendingPathComponent("Sessions").path
        let outcome = try CLI.run(["drill", "--banks", CLI.banks, "--sessions-dir", sessions, "--seed", "3"],
                                  input: Data("An answer nobody could see.\n\n".utf8), outputPath: "/dev/full")
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains("cannot write to standard output"), "\(outcome)")
        let path = try #require((try FileManager.default.contentsOfDirectory(atPath: sessions)).first)
        let journal = try Journal.parse(try Data(contentsOf: URL(fileURLWithPath: sessions + "/" + path)), path: path)
        #expect(!journal.cutMidLine)
        #expect(!journal.events.contains { $0.type == .answer }, "no answer is taken once the questions cannot be shown")
    }
}
