import DebriefEngine
import Foundation
import Testing

/// End-to-end tests of the drill REPL: the real binary, on a pseudo-terminal or a pipe.
@Suite("The drill REPL", .serialized)
struct ReplTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return url
    }()
    static let banks = root.appendingPathComponent("QuestionBanks").path
    static let bank: Banks = try! BankLoader.loadValid(root: banks)

    /// A private home, data directory and sessions directory for one test.
    struct Sandbox {
        let directory: URL
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-repl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var sessions: String { directory.appendingPathComponent("Sessions").path }
        var environment: [String: String] {
            ["HOME": directory.path, "XDG_DATA_HOME": directory.appendingPathComponent("data").path, "LANG": "C.UTF-8",
             "TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        }
        func journals() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
                .map { (sessions as NSString).appendingPathComponent($0) }
        }
        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    func drill(_ sandbox: Sandbox, _ extra: [String] = []) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: ["drill", "--banks", Self.banks, "--sessions-dir", sandbox.sessions, "--seed", "5", "--questions", "2"] + extra,
                           environment: sandbox.environment)
    }

    func journal(_ path: String) throws -> Journal {
        try Journal.parse(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// Ends the answer being typed, waits for the pushback it draws, leaves with `:quit`,
    /// and returns the answers the journal recorded.
    func submitAndQuit(_ repl: PseudoTerminal, _ sandbox: Sandbox) throws -> [String?] {
        repl.send(PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("Lena: "))
        repl.send(":quit" + PseudoTerminal.enter)
        #expect(repl.waitForExit() == 0)
        return try journal(try #require(sandbox.journals().first)).events.filter { $0.type == .answer }.map(\.text)
    }

    /// Runs the binary with the given standard input (through files, so nothing can
    /// deadlock); returns exit status, stdout and stderr.
    static func run(_ arguments: [String], input: String = "", environment: [String: String]? = nil) throws -> (Int32, String, String) {
        let outcome = try CLI.run(arguments, input: Data(input.utf8), environment: environment)
        #expect(!outcome.timedOut, "debrief \(arguments.joined(separator: " ")) timed out")
        return (outcome.status, outcome.stdout, outcome.stderr)
    }

    @Test("the prompt appears, and ':he' + Tab completes to ':help'")
    func promptAndCompletion() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("Q1/2"))
        #expect(repl.expect("› "))
        repl.send(":he")
        #expect(repl.expect(":he"))
        repl.send(PseudoTerminal.tab)
        #expect(repl.expect("lp"), "Tab completed ':he' to ':help': \(repl.screen.suffix(200).debugDescription)")
        repl.send(PseudoTerminal.enter)
        #expect(repl.expect(":quit"), "the help list appears")
        repl.send(":quit" + PseudoTerminal.enter)
        #expect(repl.waitForExit() == 0)
    }

    @Test("Up recalls the previous line")
    func historyRecall() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("we did some testing" + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("› "))
        repl.send(PseudoTerminal.up)
        #expect(repl.expect("we did some testing"))
        repl.send(PseudoTerminal.ctrlU + ":quit" + PseudoTerminal.enter)
        #expect(repl.waitForExit() == 0)
        // History persists across runs, in a private file.
        let history = sandbox.directory.appendingPathComponent("data/debrief/history").path
        let attributes = try FileManager.default.attributesOfItem(atPath: history)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // libedit stores lines vis(3)-encoded: spaces as \\040.
        let saved = try String(contentsOfFile: history, encoding: .utf8).replacingOccurrences(of: "\\040", with: " ")
        #expect(saved.contains("we did some testing"))
    }

    @Test("an answer with 'héllo 日本 🚀' is stored intact in the journal")
    func unicodeAnswer() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("héllo 日本 🚀 I'd roll back if errors rise 2%" + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("› "))
        repl.send(":quit" + PseudoTerminal.enter)
        #expect(repl.waitForExit() == 0)
        let path = try #require(sandbox.journals().first)
        let answer = try #require(try journal(path).events.first { $0.type == .answer })
        #expect(answer.text == "héllo 日本 🚀 I'd roll back if errors rise 2%")
    }

    @Test("Ctrl-C mid-answer discards it and the same question is still open")
    func interrupt() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("abandoned first line" + PseudoTerminal.enter + "abandoned second")
        #expect(repl.expect("abandoned second"))
        repl.send(PseudoTerminal.ctrlC)
        #expect(repl.expect("answer discarded"))
        #expect(repl.expect("› "))
        repl.send("the answer I mean" + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("› "))
        repl.send(":quit" + PseudoTerminal.enter)
        #expect(repl.waitForExit() == 0)
        let events = try journal(try #require(sandbox.journals().first)).events
        let asked = events.filter { $0.type == .question }.map(\.questionID)
        let answers = events.filter { $0.type == .answer }
        #expect(answers.map(\.text) == ["the answer I mean"])
        #expect(answers.first?.questionID == asked.first!, "the answer went to the question that was open")
        #expect(!events.contains { ($0.text ?? "").contains("abandoned") })
    }

    @Test("a two-question drill with one pushback answered reaches a verdict; Ctrl-D at the end leaves a replayable journal")
    func twoQuestionDrill() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("Q1/2"))
        #expect(repl.expect("› "))
        repl.send("We did some testing and it was fine." + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("Lena: "), "a vague answer draws a pushback")
        #expect(repl.expect("› "))
        repl.send("Good point. I'd canary it on 5% of traffic, alert on errors and roll back if they rise 2% for an hour." + PseudoTerminal.enter + PseudoTerminal.enter)
        // A second pushback may come (skip it), or Q2. Wait for Q2's own prompt: a Ctrl-D
        // typed ahead, while the terminal is out of raw mode between two reads, is eaten by
        // the kernel's line discipline.
        if repl.expect(anyOf: ["Lena: ", "Q2/2"]) == "Lena: " {
            #expect(repl.expect("› "))
            repl.send(":skip" + PseudoTerminal.enter)
            #expect(repl.expect("Q2/2"))
        }
        #expect(repl.expect("› "))
        repl.send(PseudoTerminal.ctrlD)
        #expect(repl.expect("Decision"))
        #expect(repl.expect("Practice plan"))
        #expect(repl.waitForExit() == 0)

        let path = try #require(sandbox.journals().first)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let recorded = try journal(path)
        #expect(!recorded.endedAbruptly)
        #expect(recorded.events.contains { $0.type == .pushback })
        #expect(recorded.events.contains { $0.type == .response && $0.adaptation?.kind == .adapted })
        #expect(recorded.recordedVerdict != nil)
        let (status, out, _) = try Self.run(["replay", path, "--banks", Self.banks, "--no-color"])
        #expect(status == 0)
        #expect(out.contains("We did some testing and it was fine."))
        #expect(out.contains("adapted"))
        #expect(out.contains("Decision"))
    }

    @Test("SIGKILL mid-session leaves a journal that replay reads up to the last whole event")
    func killed() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("I chose the rules engine over the model because reviews are cheap." + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("› "))
        repl.send("half a thought")
        #expect(repl.expect("half a thought"))
        repl.signal(SIGKILL)
        #expect(repl.waitForExit() == 128 + SIGKILL)
        let path = try #require(sandbox.journals().first)
        // Simulate the kill landing mid-write as well: a cut last line.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        handle.write(Data("{\"type\":\"answer\",\"text\":\"cut of".utf8))
        try handle.close()
        let (status, out, _) = try Self.run(["replay", path, "--banks", Self.banks, "--no-color"])
        #expect(status == 0)
        #expect(out.contains("I chose the rules engine over the model"))
        #expect(out.contains("ended abruptly"))
        #expect(!out.contains("half a thought"))
    }

    @Test("SIGTERM leaves a complete journal that says how the session ended")
    func terminated() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("An answer before the signal." + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("› "))
        repl.signal(SIGTERM)
        #expect(repl.waitForExit() == 128 + SIGTERM)
        let recorded = try journal(try #require(sandbox.journals().first))
        #expect(!recorded.cutMidLine)
        #expect(recorded.end?.reason == .terminated)
    }

    @Test("after a stop and resume (Ctrl-Z, fg) the line editor is back in raw mode, editing the same line")
    func stopAndResume() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("hello")
        #expect(repl.expect("hello"))
        repl.signal(SIGSTOP)
        #expect(repl.wait { repl.state == "T" })
        repl.makeCanonical() // what a shell does while the job is stopped
        repl.signal(SIGCONT)
        #expect(repl.wait { !repl.isCanonical }, "the terminal should be raw again after the resume")
        repl.send("\u{1B}[D\u{1B}[DX")
        #expect(try submitAndQuit(repl, sandbox) == ["helXlo"], "Left, Left, X edits the line typed before the stop")
    }

    @Test("a resize keeps the line being typed, drawn once")
    func resize() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("partial answer")
        #expect(repl.expect("partial answer"))
        repl.resize(columns: 80, rows: 30)
        repl.send(" more")
        #expect(repl.expect(" more"))
        #expect(repl.screen.components(separatedBy: "partial answer").count == 2, "the line was drawn again after the resize")
        #expect(try submitAndQuit(repl, sandbox) == ["partial answer more"])
    }

    @Test("a byte that is not UTF-8 is dropped without the character after it")
    func strayByte() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send(bytes: [UInt8(ascii: "x"), 0xC3] + Array(" y é 日本".utf8))
        #expect(try submitAndQuit(repl, sandbox) == ["x y é 日本"])
    }

    @Test("Ctrl-\\ ends the drill like a signal should: exit 131 and a complete journal")
    func quitKey() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let repl = try drill(sandbox)
        #expect(repl.expect("› "))
        repl.send("An answer." + PseudoTerminal.enter + PseudoTerminal.enter)
        #expect(repl.expect("Lena: "))
        #expect(repl.expect("› "))
        repl.send("half a thought\u{1C}")
        #expect(repl.waitForExit() == 128 + SIGQUIT)
        let recorded = try journal(try #require(sandbox.journals().first))
        #expect(!recorded.cutMidLine)
        #expect(recorded.end?.reason == .terminated)
        #expect(!repl.screen.contains("crashed"))
    }

    @Test("SIGTERM and SIGHUP end the drill but do not reach the shell that started it")
    func signalStaysWithTheDrill() throws {
        for signo in [SIGTERM, SIGHUP] {
            let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
            // The shell and the drill share a process group, as under make or a script.
            let script = "\"$0\" drill --banks \"$1\" --sessions-dir \"$2\" --seed 5 --questions 2; echo \"AFTER $?\""
            let shell = try PseudoTerminal(program: "/bin/sh", arguments: ["-c", script, PseudoTerminal.binary, Self.banks, sandbox.sessions],
                                           environment: sandbox.environment)
            #expect(shell.expect("› "))
            let drill = try #require(shell.child())
            kill(drill, signo)
            #expect(shell.expect("AFTER \(128 + signo)"), "the shell should outlive signal \(signo) to the drill")
            #expect(shell.waitForExit() == 0)
            let recorded = try journal(try #require(sandbox.journals().first))
            #expect(recorded.end?.reason == .terminated)
        }
    }

    @Test("a piped drill waiting for input ends at once on SIGTERM, SIGHUP or SIGINT, with a complete journal")
    func pipedSignals() throws {
        for signo in [SIGTERM, SIGHUP, SIGINT] {
            let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: PseudoTerminal.binary)
            process.arguments = ["drill", "--banks", Self.banks, "--sessions-dir", sandbox.sessions, "--seed", "5", "--questions", "2"]
            process.environment = sandbox.environment
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let finished = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in finished.signal() }
            // Foundation passes on this test thread's blocked signals: the drill must unblock its own.
            try process.run()
            input.fileHandleForWriting.write(Data("A first answer.\n\n".utf8))
            // Wait until that answer is journaled: the drill is then blocked reading.
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline,
                  !(sandbox.journals().first.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?.contains("A first answer.") ?? false) {
                usleep(20_000)
            }
            kill(process.processIdentifier, signo)
            let ended = finished.wait(timeout: .now() + 5) == .success
            #expect(ended, "signal \(signo) should end a piped drill at once")
            if !ended { process.terminate(); kill(process.processIdentifier, SIGKILL); finished.wait() }
            try? input.fileHandleForWriting.close()
            #expect(process.terminationStatus == 128 + signo)
            let recorded = try journal(try #require(sandbox.journals().first))
            #expect(!recorded.cutMidLine)
            #expect(recorded.end?.reason == .terminated)
            #expect(recorded.events.contains { $0.type == .answer && $0.text == "A first answer." })
        }
    }

    @Test("a scripted drill through piped standard input: the verdict and the journal")
    func scripted() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let input = "We did some testing and it was fine.\n\nAs I said, it was fine.\n\nI chose to canary it on 5% of traffic over a full launch because errors are costly; I'd roll back if they rise 2%.\n\nGood point, I'd add a drift alert.\n\n"
        let (status, out, err) = try Self.run(["drill", "--banks", Self.banks, "--sessions-dir", sandbox.sessions, "--seed", "7",
                                               "--questions", "2", "--format", "json"], input: input, environment: sandbox.environment)
        #expect(status == 0, "stderr: \(err)")
        #expect(!err.contains("›"), "no prompts when standard input is not a terminal")
        #expect(!err.contains("\u{1B}["), "no colours either")
        struct Packet: Decodable { var journal: String; var scorecards: [Scorecard]; var verdict: Verdict }
        let packet = try JSONDecoder().decode(Packet.self, from: Data(out.utf8))
        #expect(!packet.scorecards.isEmpty)
        #expect(packet.verdict.decision.model == .standard)
        let recorded = try journal(packet.journal)
        #expect(recorded.header.seed == 7)
        #expect(recorded.header.banks.contains { $0.path == "signals.yaml" })
        #expect(recorded.events.first { $0.type == .answer }?.text == "We did some testing and it was fine.")
        #expect(recorded.recordedVerdict == packet.verdict)
        #expect(recorded.end != nil)
        let directory = try FileManager.default.attributesOfItem(atPath: sandbox.sessions)
        #expect((directory[.posixPermissions] as? Int) == 0o700)
    }

    @Test("an unwritable sessions directory is reported before the first question")
    func unwritableSessions() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let blocker = sandbox.directory.appendingPathComponent("not-a-dir").path
        _ = FileManager.default.createFile(atPath: blocker, contents: Data())
        let (status, out, err) = try Self.run(["drill", "--banks", Self.banks, "--sessions-dir", blocker + "/Sessions", "--seed", "1"],
                                               input: "an answer\n\n", environment: sandbox.environment)
        #expect(status == 74)
        #expect(err.contains("sessions directory"))
        #expect(err.contains("Not a directory"), "the reason is the system's, not a generic one: \(err)")
        #expect(!out.contains("Q1/"))
    }

    @Test("an unknown loop is a usage error that lists the valid loops")
    func unknownLoop() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let (status, _, err) = try Self.run(["drill", "--banks", Self.banks, "--sessions-dir", sandbox.sessions, "--loop", "nope"],
                                             environment: sandbox.environment)
        #expect(status == 2)
        #expect(err.contains("onsite-ml") && err.contains("daily"))
        let (badTrack, _, trackErr) = try Self.run(["drill", "--track", "sales"], environment: sandbox.environment)
        #expect(badTrack == 2)
        #expect(trackErr.contains("ml") && trackErr.contains("behavioral") && trackErr.contains("mixed"))
    }

    @Test("a 1 MB pasted answer is refused with a message, not a hang or a crash")
    func hugePaste() throws {
        let sandbox = try Sandbox(); defer { sandbox.cleanUp() }
        let huge = String(repeating: "word ", count: 210_000) + "\n\nshort real answer\n\n"
        let (status, out, err) = try Self.run(["drill", "--banks", Self.banks, "--sessions-dir", sandbox.sessions, "--seed", "2", "--questions", "1"],
                                               input: huge, environment: sandbox.environment)
        #expect(status == 0, "\(err)")
        #expect(out.contains("answers are limited to"))
        let recorded = try journal(try #require(sandbox.journals().first))
        #expect(recorded.events.first { $0.type == .answer }?.text == "short real answer")
    }
}
