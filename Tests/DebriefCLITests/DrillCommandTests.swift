import DebriefEngine
import Foundation
import Testing

/// The drill's commands, output forms and refusals, driven through piped standard input.
@Suite("Drill commands and output")
struct DrillCommandTests {
    typealias Sandbox = ReplTests.Sandbox

    func drill(_ sandbox: Sandbox, _ arguments: [String], input: String) throws -> (Int32, String, String) {
        try ReplTests.run(["drill", "--banks", ReplTests.banks, "--sessions-dir", sandbox.sessions] + arguments,
                          input: input, environment: sandbox.environment)
    }

    func journal(_ sandbox: Sandbox) throws -> Journal {
        let path = try #require(sandbox.journals().first)
        return try Journal.parse(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    @Test(":hint, :repeat, :notes and :skip work and are journaled; :end goes to the debrief")
    func commands() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        // Two questions, so :end comes once both were asked: the round is heard and has a card.
        let input = ":hint\n:repeat\nWe did some testing.\n\n:notes\n:skip\n:end\n"
        let (status, out, err) = try drill(sandbox, ["--seed", "4", "--questions", "2"], input: input)
        #expect(status == 0, "\(err)")
        let recorded = try journal(sandbox)
        let question = try #require(recorded.header.rounds.first?.questions.first)
        let hint = try #require(ReplTests.bank.question(question)?.hint)
        #expect(out.contains("Hint: " + hint.prefix(20)))
        #expect(out.components(separatedBy: "Q1/2").count == 3, "the question is shown again on :repeat")
        #expect(out.contains("- We did some testing."), ":notes lists what was said")
        #expect(recorded.events.contains { $0.type == .hint && $0.questionID == question })
        #expect(recorded.events.contains { $0.type == .skip && $0.questionID == question })
        #expect(recorded.events.filter { $0.type == .exchange }.count == 1)
        #expect(recorded.events.first { $0.type == .exchange }?.exchange?.hintUsed == true)
        #expect(recorded.end?.reason == .endedEarly)
        #expect(recorded.recordedVerdict != nil)
        #expect(out.contains("needed the hint"), "the scorecard notes the hint")
    }

    @Test("answers with no words are refused one by one, however many come in a row")
    func wordlessAnswers() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        // Each refusal once read the next answer recursively: 20,000 of them overflowed the stack.
        let input = String(repeating: "?!\n\n", count: 20_000) + "I would canary it on 5% of traffic.\n\n"
        let (status, out, err) = try drill(sandbox, ["--seed", "4", "--questions", "1"], input: input)
        #expect(status == 0, "\(err)")
        #expect(out.components(separatedBy: "Not recorded").count - 1 == 20_000)
        let answers = try journal(sandbox).events.filter { $0.type == .answer }
        #expect(answers.map(\.text) == ["I would canary it on 5% of traffic."])
    }

    @Test(":ask swaps in a bank question, but never one this session has asked or still plans")
    func askOnlyNewQuestions() throws {
        let planSandbox = try Sandbox(); defer { planSandbox.cleanUp() }
        _ = try drill(planSandbox, ["--seed", "4", "--questions", "3"], input: ":quit\n")
        let planned = try #require(try journal(planSandbox).header.rounds.first?.questions)
        let extra = try #require(ReplTests.bank.questions.first { $0.track == .ml && !planned.contains($0.id) }).id

        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let input = ":ask \(extra)\nI would canary it on 5% of traffic.\n\n:skip\n" // Q1 becomes `extra`
            + ":ask \(extra)\n:ask \(planned[2])\n:quit\n"                        // at Q2: both refused
        let (status, out, err) = try drill(sandbox, ["--seed", "4", "--questions", "3"], input: input)
        #expect(status == 0, "\(err)")
        #expect(out.contains("\(extra) is already part of this session"))
        #expect(out.contains("\(planned[2]) is already part of this session"))
        let shown = try journal(sandbox).events.filter { $0.type == .question }.compactMap(\.questionID)
        #expect(shown == [planned[0], extra, planned[1]])
    }

    @Test("a hint taken before answering counts when replay computes the debrief")
    func hintBeforeAnswerReplays() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        // :quit leaves no recorded debrief, so replay rebuilds the exchanges from the events.
        let (status, _, err) = try drill(sandbox, ["--seed", "4", "--questions", "2"],
                                         input: ":hint\nWe did some testing and it was fine.\n\n:skip\n:quit\n")
        #expect(status == 0, "\(err)")
        let path = try #require(sandbox.journals().first)
        let (replayed, out, replayErr) = try ReplTests.run(["replay", path, "--no-color", "--banks", ReplTests.banks])
        #expect(replayed == 0, "\(replayErr)")
        #expect(out.contains("computed now from the recorded answers"))
        #expect(out.contains("needed the hint"))
    }

    @Test(":quit leaves without a debrief; the journal is kept and marked unfinished")
    func quit() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let (status, out, _) = try drill(sandbox, ["--seed", "4"], input: "An answer about canaries and rollback.\n\n:skip\n:quit\n")
        #expect(status == 0)
        #expect(!out.contains("Scorecards"))
        let recorded = try journal(sandbox)
        #expect(recorded.end?.reason == .quit)
        #expect(recorded.recordedVerdict == nil)
        #expect(recorded.events.contains { $0.type == .answer })
    }

    @Test("scores stay hidden until the end; --coach shows feedback after every answer")
    func coach() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let input = "We did some testing.\n\n:skip\n"
        let (_, hidden, _) = try drill(sandbox, ["--seed", "9", "--questions", "1"], input: input)
        let beforeDebrief = hidden.components(separatedBy: "Scorecards").first ?? hidden
        #expect(!beforeDebrief.contains("Coach") && !beforeDebrief.contains("●"))
        let (_, coached, _) = try drill(sandbox, ["--seed", "9", "--questions", "1", "--coach"], input: input)
        let early = coached.components(separatedBy: "Scorecards").first ?? coached
        #expect(early.contains("Coach · score"))
        #expect(early.contains("red flag: vagueness"))
    }

    @Test("a loop runs several rounds, each led by its own interviewer")
    func loop() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let answers = String(repeating: "I chose a canary on 5% of traffic over a full launch because a bad model costs more than a week.\n\n:skip\n", count: 4)
        let (status, out, err) = try drill(sandbox, ["--loop", "onsite-ml", "--questions", "1", "--seed", "3"], input: answers)
        #expect(status == 0, "\(err)")
        for name in ["Dev Raman", "Lena Vogt", "Maya Okafor", "Ren Ito"] { #expect(out.contains("· \(name)")) }
        let recorded = try journal(sandbox)
        #expect(recorded.events.filter { $0.type == .roundStarted }.map(\.interviewer) == ["dev", "lena", "maya", "ren"])
        #expect(recorded.recordedScorecards?.count == 4)
    }

    @Test("the decision model and pool come from --panel and --pool")
    func panelAndPool() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let (status, out, _) = try drill(sandbox, ["--seed", "2", "--questions", "1", "--panel", "google", "--pool", "weak", "--format", "json"],
                                         input: "I'd canary it and roll back if errors rise 2% in an hour.\n\n:skip\n")
        #expect(status == 0)
        struct Packet: Decodable { var verdict: Verdict }
        let verdict = try JSONDecoder().decode(Packet.self, from: Data(out.utf8)).verdict
        #expect(verdict.decision.model == .google)
        #expect(verdict.calibration.pool == "weak")
        let (badPool, _, err) = try drill(sandbox, ["--pool", "elite"], input: "")
        #expect(badPool == 2 && err.contains("weak") && err.contains("strong"))
    }

    @Test("text output fits 80 columns; markdown and json forms of the debrief and replay")
    func formats() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let input = "We did some testing and the team decided to ship it because of the deadline.\n\nAs I said, it was fine.\n\n:skip\n"
        let (_, text, _) = try drill(sandbox, ["--seed", "6", "--questions", "1"], input: input)
        for line in text.components(separatedBy: "\n") where !line.contains("Journal") && !line.contains("/tmp") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
        let path = try #require(sandbox.journals().first)
        let (_, markdown, _) = try ReplTests.run(["replay", path, "--format", "markdown", "--banks", ReplTests.banks])
        #expect(markdown.contains("# Debrief") && markdown.contains("| Competency | Rating | Evidence |"))
        #expect(markdown.contains("> We did some testing"))
        let (_, json, _) = try ReplTests.run(["replay", path, "--format", "json", "--banks", ReplTests.banks])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["verdict"] != nil && object?["events"] != nil && object?["header"] != nil)
        let (_, drillMarkdown, _) = try drill(sandbox, ["--seed", "6", "--questions", "1", "--format", "markdown"], input: input)
        #expect(drillMarkdown.contains("## Practice plan"))
    }

    @Test("a missing or invalid bank stops before the first question with file:line:column")
    func badBanks() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let copy = sandbox.directory.appendingPathComponent("banks").path
        try FileManager.default.copyItem(atPath: ReplTests.banks, toPath: copy)
        try "track: ml\narea: x\nquestions:\n  - id: broken\n    level: [oops\n".write(toFile: copy + "/ml/zz.yaml", atomically: true, encoding: .utf8)
        let (status, out, err) = try ReplTests.run(["drill", "--banks", copy, "--sessions-dir", sandbox.sessions], input: "answer\n\n",
                                                   environment: sandbox.environment)
        #expect(status == 65)
        #expect(err.range(of: #"ml/zz\.yaml:\d+:\d+: error: invalid YAML"#, options: .regularExpression) != nil, "\(err)")
        #expect(!out.contains("Q1/"))
        #expect(sandbox.journals().isEmpty, "no session is started on bad banks")
        let (missing, _, missingErr) = try ReplTests.run(["drill", "--banks", "/nonexistent", "--sessions-dir", sandbox.sessions], input: "",
                                                         environment: sandbox.environment)
        #expect(missing == 74 && missingErr.contains("/nonexistent"))
    }

    @Test("colour only on a terminal, and never with NO_COLOR or --no-color")
    func colour() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        var environment = sandbox.environment
        environment.removeValue(forKey: "NO_COLOR")
        for (extra, coloured) in [([String](), true), (["--no-color"], false)] {
            let repl = try PseudoTerminal(arguments: ["drill", "--banks", ReplTests.banks, "--sessions-dir", sandbox.sessions, "--seed", "1", "--questions", "1"] + extra,
                                          environment: environment)
            #expect(repl.expect("› "))
            repl.send(":end" + PseudoTerminal.enter)
            _ = repl.waitForExit()
            #expect(repl.screen.contains("\u{1B}[") == coloured, "colour \(coloured ? "expected" : "unexpected") with \(extra)")
        }
        environment["NO_COLOR"] = "1"
        let repl = try PseudoTerminal(arguments: ["drill", "--banks", ReplTests.banks, "--sessions-dir", sandbox.sessions, "--seed", "1", "--questions", "1"],
                                      environment: environment)
        #expect(repl.expect("› "))
        repl.send(":end" + PseudoTerminal.enter)
        _ = repl.waitForExit()
        #expect(!repl.screen.contains("\u{1B}[1m"))
    }
}
