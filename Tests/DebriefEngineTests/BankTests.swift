import DebriefEngine
import Foundation
import Testing

@Suite("Question banks")
struct BankTests {
    let banks = Fixtures.banks

    @Test("the project's banks load with no errors or warnings")
    func clean() throws {
        let (loaded, diagnostics) = try BankLoader.load(root: Fixtures.banksPath)
        #expect(loaded != nil)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test("starter banks: at least 12 ML and 12 behavioral questions, each with a complete rubric")
    func starterBanks() {
        #expect(banks.questions.filter { $0.track == .ml }.count >= 12)
        #expect(banks.questions.filter { $0.track == .behavioral }.count >= 12)
        for q in banks.questions {
            #expect(q.strongSignals.count >= 3, "\(q.id): strong signals")
            #expect(q.redFlags.count >= 1, "\(q.id): red flags")
            #expect(q.pushbacks.count >= 2, "\(q.id): pushbacks")
            #expect(!q.hint.isEmpty && !q.note.isEmpty && !q.prompt.isEmpty, "\(q.id): text")
            #expect(!q.competencies.isEmpty)
        }
    }

    @Test("the panel has a hiring manager, two technical interviewers, a behavioral interviewer and a bar raiser")
    func panel() {
        let roles = banks.personas.map(\.role)
        #expect(roles.contains(.hiringManager) && roles.contains(.barRaiser))
        let technical = banks.personas.filter { $0.role == .interviewer && $0.competencies.contains("system-thinking") || $0.competencies.contains("ml-fundamentals") }
        #expect(technical.count >= 2)
        #expect(banks.personas.contains { $0.role == .interviewer && $0.competencies.contains("conflict-resolution") })
        #expect(Set(banks.personas.map(\.strictness)).count > 1, "strictness must differ between interviewers")
        for model in ["weak", "typical", "strong"] { #expect(banks.pool(model) != nil) }
    }

    @Test("ML weights favour judgment, risk and system thinking over recall")
    func weights() {
        let ml = banks.profile(.ml)
        for judged in ["decision-making", "risk-awareness", "system-thinking"] {
            #expect(ml.weight(of: judged) > ml.weight(of: "ml-fundamentals"))
        }
    }

    /// A copy of the banks in a temporary directory, with one bank file replaced.
    func brokenCopy(_ file: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-banks-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Fixtures.banksPath, toPath: dir.path)
        try contents.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test("every problem is reported at once, each at its line and column")
    func diagnostics() throws {
        let root = try brokenCopy("ml/broken.yaml", """
        track: ml
        area: evaluation
        questions:
          - id: ml-eval-fraud-accuracy
            level: senior
            competencies: [decision-making, made-up-competency]
            prompt: A duplicate id.
            strongSignals: [metric-as-proxy, no-such-signal, clear-decision]
            redFlags: [metric-naivete]
            colour: blue
            pushbacks:
              - id: p1
                flag: nothing-here
                text: What?
              - id: p2
                text: No trigger.
            hint: h
            note: n
        """)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (loaded, diagnostics) = try BankLoader.load(root: root)
        #expect(loaded == nil)
        let mine = diagnostics.filter { $0.file.hasSuffix("ml/broken.yaml") }
        func line(_ fragment: String) -> Int? { mine.first { $0.message.contains(fragment) }?.line }
        // Files are read in path order, so the copy in evaluation.yaml is the duplicate; it points back here.
        let duplicate = try #require(diagnostics.first { $0.message.contains("duplicate question id 'ml-eval-fraud-accuracy'") })
        #expect(duplicate.file.hasSuffix("ml/evaluation.yaml") && duplicate.message.contains("broken.yaml:4"))
        #expect(line("made-up-competency") == 6)
        #expect(line("no-such-signal") == 8)
        #expect(line("unknown key 'colour'") == 10)
        #expect(line("nothing-here") == 13)
        #expect(line("has no trigger") == 15)
        #expect(mine.allSatisfy { $0.hint != nil }, "every diagnostic carries a hint")
    }

    @Test("a malformed field seen again by the cross-file checks is reported, not a crash")
    func malformedFieldsInCrossChecks() throws {
        var panels = try String(contentsOfFile: Fixtures.banksPath + "/panels.yaml", encoding: .utf8)
        panels = panels.replacingOccurrences(of: "areas: [fundamentals, data, evaluation]", with: "areas: {fundamentals: data}")
        let root = try brokenCopy("panels.yaml", panels)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (loaded, diagnostics) = try BankLoader.load(root: root)
        #expect(loaded == nil)
        #expect(diagnostics.contains { $0.file.hasSuffix("panels.yaml") && $0.message.contains("'areas'") && $0.message.contains("must be a list") })
    }

    @Test("a 'missing:' pushback must name one of the question's strong signals, or it could never be asked")
    func unreachablePushback() throws {
        let root = try brokenCopy("ml/unreachable.yaml", """
        track: ml
        area: evaluation
        questions:
          - id: ml-eval-unreachable
            level: senior
            competencies: [decision-making]
            prompt: Why?
            strongSignals: [metric-as-proxy, clear-decision, specificity]
            redFlags: [metric-naivete]
            pushbacks:
              - id: never
                missing: rollback-plan
                text: What is your way back?
              - id: fine
                flag: metric-naivete
                text: Why trust it?
            hint: h
            note: n
        """)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (_, diagnostics) = try BankLoader.load(root: root)
        let problem = try #require(diagnostics.first { $0.message.contains("not in the question's strongSignals") })
        #expect(problem.line == 12)
    }

    @Test("invalid YAML is reported with its position, not a crash")
    func invalidYAML() throws {
        let root = try brokenCopy("behavioral/bad.yaml", "track: behavioral\narea: x\nquestions:\n  - id: a\n   level: [oops\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (_, diagnostics) = try BankLoader.load(root: root)
        let bad = try #require(diagnostics.first { $0.file.hasSuffix("bad.yaml") })
        #expect(bad.message.hasPrefix("invalid YAML"))
        #expect(bad.line >= 4)
    }

    @Test("panels without a calibration pool are an error, not a crash at the end of a drill")
    func noPools() throws {
        let panels = try String(contentsOfFile: Fixtures.banksPath + "/panels.yaml", encoding: .utf8)
        let withoutPools = String(panels[..<panels.range(of: "\npools:")!.lowerBound]) + "\n"
        let root = try brokenCopy("panels.yaml", withoutPools)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (banks, diagnostics) = try BankLoader.load(root: root)
        #expect(banks == nil)
        #expect(diagnostics.contains { $0.file.hasSuffix("panels.yaml") && $0.message == "no calibration pool is defined" })
    }

    @Test("a missing banks directory is an I/O error")
    func missingDirectory() {
        #expect(throws: BankLoadError.self) { try BankLoader.load(root: "/nonexistent/banks") }
    }
}
