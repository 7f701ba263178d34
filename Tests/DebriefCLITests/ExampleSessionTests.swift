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

    @Test("--step on a colour terminal still stops at every question")
    func stepInColour() throws {
        let path = Self.directory.appendingPathComponent("onsite-ml-metric-naivete.jsonl").path
        let journal = try Journal.parse(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        // Questions swapped with :ask before an answer share the block of their replacement.
        var questions = 0, open = false
        for event in journal.events {
            switch event.type {
            case .question where !open: questions += 1; open = true
            case .answer, .skip: open = false
            default: break
            }
        }
        let sandbox = try ReplTests.Sandbox(); defer { sandbox.cleanUp() }
        var environment = sandbox.environment
        environment["NO_COLOR"] = nil
        let replay = try PseudoTerminal(arguments: ["replay", path, "--step", "--banks", ReplTests.banks], environment: environment)
        let stop = "[Enter for the next question]"
        for _ in 0..<questions {
            guard replay.expect(stop) else { break }
            replay.send(PseudoTerminal.enter)
        }
        #expect(replay.waitForExit() == 0)
        let stops = replay.screen.components(separatedBy: stop).count - 1
        #expect(replay.screen.contains("\u{1B}["), "a terminal gets colour")
        // One stop after the header and one after each question but the last.
        #expect(stops == questions, "\(stops) stops for \(questions) questions")
    }

    @Test("a hand-edited journal with absurd numbers replays without a crash")
    func absurdNumbers() throws {
        let path = Self.directory.appendingPathComponent("daily-ml-adapts.jsonl").path
        var lines: [String] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            var event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if event["type"] as? String == "verdict", var verdict = event["verdict"] as? [String: Any],
               var competencies = verdict["competencies"] as? [[String: Any]], !competencies.isEmpty {
                competencies[0]["normalized"] = 1e300
                verdict["competencies"] = competencies
                event["verdict"] = verdict
            }
            if event["type"] as? String == "scorecards", var cards = event["scorecards"] as? [[String: Any]],
               var ratings = cards.first?["ratings"] as? [[String: Any]], !ratings.isEmpty {
                ratings[0]["rating"] = Int.min
                cards[0]["ratings"] = ratings
                event["scorecards"] = cards
            }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self))
        }
        let scratch = try ScratchDirectory(prefix: "debrief-absurd")
        defer { scratch.remove() }
        let edited = scratch.url.appendingPathComponent("edited.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: edited, atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: edited, encoding: .utf8).contains("1e+300"))
        for format in ["text", "markdown", "json"] {
            let (status, out, err) = try ReplTests.run(["replay", edited, "--format", format, "--no-color", "--banks", ReplTests.banks])
            #expect(status == 0, "\(format): \(err)")
            #expect(out.contains("Scorecards") || format == "json")
        }
    }
}
