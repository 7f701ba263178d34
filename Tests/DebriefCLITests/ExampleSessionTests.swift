import DebriefEngine
import Foundation
import Testing

/// The committed example sessions must replay, and today's engine must agree with them.
@Suite("Example sessions")
struct ExampleSessionTests {
    static let directory = ReplTests.root.appendingPathComponent("Sessions/examples")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".jsonl") }.sorted()

    @Test("there are two or three example sessions")
    func present() {
        #expect((2...3).contains(Self.files.count))
    }

    @Test("replaying an example reproduces its recorded verdict", arguments: files)
    func replayMatches(_ file: String) throws {
        let path = Self.directory.appendingPathComponent(file).path
        let journal = try Journal.parse(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        #expect(!journal.endedAbruptly)
        let recorded = try #require(journal.recordedVerdict)

        let (status, out, err) = try ReplTests.run(["replay", path, "--rescore", "--format", "json", "--banks", ReplTests.banks])
        #expect(status == 0, "\(err)")
        struct Output: Decodable {
            struct Differences: Decodable { var cards: [String]; var verdict: [String] }
            var verdict: Verdict?
            var verdictComputedOnReplay: Bool
            var rescore: Differences?
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(out.utf8))
        #expect(output.verdict == recorded)
        #expect(!output.verdictComputedOnReplay)
        let differences = try #require(output.rescore)
        #expect(differences.cards.isEmpty && differences.verdict.isEmpty,
                "today's engine disagrees with \(file): \(differences.cards + differences.verdict); regenerate with Sessions/examples/make-examples.py")

        let (textStatus, text, _) = try ReplTests.run(["replay", path, "--banks", ReplTests.banks, "--no-color"])
        #expect(textStatus == 0)
        #expect(text.contains("Scorecards") && text.contains(recorded.but.prefix(30)))
    }

    @Test("--step advances one question per Enter, and stops when input ends")
    func step() throws {
        let path = Self.directory.appendingPathComponent("onsite-ml-metric-naivete.jsonl").path
        let (status, all, _) = try ReplTests.run(["replay", path, "--step", "--no-color", "--banks", ReplTests.banks],
                                                 input: String(repeating: "\n", count: 20))
        #expect(status == 0)
        #expect(all.components(separatedBy: "[Enter for the next question]").count >= 5)
        #expect(all.contains("Scorecards"))
        let (_, first, _) = try ReplTests.run(["replay", path, "--step", "--no-color", "--banks", ReplTests.banks], input: "\n")
        #expect(first.contains("Q  ml-eval-fraud-accuracy"))
        #expect(!first.contains("beh-own-incident-call"), "stopped after the second block when input ended")
    }
}
