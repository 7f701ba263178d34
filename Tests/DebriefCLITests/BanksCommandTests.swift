import Foundation
import Testing

/// Missing and broken banks, and `debrief banks lint`.
@Suite("Question banks on the command line")
struct BanksCommandTests {
    static let scoreArguments = ["--question-id", "ml-eval-fraud-accuracy", "--answer", "I decided to roll back."]

    /// A bank file whose line 6 is indented one space too far.
    static let badIndentation = """
        track: ml
        area: evaluation
        questions:
          - id: zz-indent
            level: senior
             prompt: badly indented
            hint: x

        """

    /// Problems at known lines: a question missing 'prompt' (line 4), a duplicate id (line
    /// 18, first defined in behavioral/zz-dup.yaml), an undefined strong signal (line 22), a
    /// pushback flagging an undefined signal (line 26) and an unknown key (line 30).
    static let seeded = """
        track: ml
        area: evaluation
        questions:
          - id: zz-no-prompt
            level: senior
            competencies: [ml-fundamentals]
            strongSignals: [metric-as-proxy]
            redFlags: [metric-naivete]
            pushbacks:
              - id: one
                flag: metric-naivete
                text: Why?
            hint: A hint.
            note: A note.
            keyPoints: [{id: a, text: Names the proxy., competencies: [ml-fundamentals], weight: 3, patterns: [proxy], examples: [clicks are a proxy]}, {id: b, text: Decides., competencies: [ml-fundamentals], weight: 2, patterns: [i'd launch], examples: [i'd launch it]}, {id: c, text: Names a guardrail., competencies: [ml-fundamentals], weight: 1, patterns: [guardrail], examples: [a guardrail on revenue]}]
            misconceptions: [{id: m, text: Trusts the metric., severity: moderate, patterns: [auc went up], examples: [the auc went up so ship]}]

          - id: zz-dup
            level: senior
            competencies: [ml-fundamentals]
            prompt: What would you measure?
            strongSignals: [metric-as-proxy, no-such-strong-signal]
            redFlags: [metric-naivete]
            pushbacks:
              - id: bad-flag
                flag: no-such-signal
                text: Why that?
            hint: A hint.
            note: A note.
            colour: blue
            keyPoints: [{id: a, text: Names the proxy., competencies: [ml-fundamentals], weight: 3, patterns: [proxy], examples: [clicks are a proxy]}, {id: b, text: Decides., competencies: [ml-fundamentals], weight: 2, patterns: [i'd launch], examples: [i'd launch it]}, {id: c, text: Names a guardrail., competencies: [ml-fundamentals], weight: 1, patterns: [guardrail], examples: [a guardrail on revenue]}]
            misconceptions: [{id: m, text: Trusts the metric., severity: moderate, patterns: [auc went up], examples: [the auc went up so ship]}]
        areaKeyPoints: [{id: z, text: Ties the metric to the goal., competencies: [ml-fundamentals], weight: 2, patterns: [proxy], examples: [clicks are a proxy]}]

        """

    /// A valid question whose id the seeded file repeats.
    static let duplicate = """
        track: behavioral
        area: conflict
        questions:
          - id: zz-dup
            level: senior
            competencies: [communication]
            prompt: Tell me about a conflict you resolved.
            strongSignals: [clear-decision]
            pushbacks:
              - id: verdict
                missing: clear-decision
                text: What did you decide?
            hint: A hint.
            note: A note.
            keyPoints: [{id: a, text: Names the proxy., competencies: [communication], weight: 3, patterns: [proxy], examples: [clicks are a proxy]}, {id: b, text: Decides., competencies: [communication], weight: 2, patterns: [i'd launch], examples: [i'd launch it]}, {id: c, text: Names a guardrail., competencies: [communication], weight: 1, patterns: [guardrail], examples: [a guardrail on revenue]}]
            misconceptions: [{id: m, text: Trusts the metric., severity: moderate, patterns: [auc went up], examples: [the auc went up so ship]}]
        areaKeyPoints: [{id: z, text: Ties the metric to the goal., competencies: [communication], weight: 2, patterns: [proxy], examples: [clicks are a proxy]}]

        """

    /// A complete, valid bank file outside the committed banks.
    static let goodExtra = """
        track: ml
        area: evaluation
        questions:
          - id: zz-good-extra
            level: senior
            competencies: [ml-fundamentals]
            prompt: How would you decide whether a new ranking model is ready to launch?
            strongSignals: [metric-as-proxy, clear-decision]
            redFlags: [metric-naivete]
            pushbacks:
              - id: why
                flag: metric-naivete
                text: What does that metric miss?
              - id: decide
                missing: clear-decision
                text: So do you launch?
            hint: A hint.
            note: A note.
            keyPoints: [{id: a, text: Names the proxy., competencies: [ml-fundamentals], weight: 3, patterns: [proxy], examples: [clicks are a proxy]}, {id: b, text: Decides., competencies: [ml-fundamentals], weight: 2, patterns: [i'd launch], examples: [i'd launch it]}, {id: c, text: Names a guardrail., competencies: [ml-fundamentals], weight: 1, patterns: [guardrail], examples: [a guardrail on revenue]}]
            misconceptions: [{id: m, text: Trusts the metric., severity: moderate, patterns: [auc went up], examples: [the auc went up so ship]}]
        areaKeyPoints: [{id: z, text: Ties the metric to the goal., competencies: [ml-fundamentals], weight: 2, patterns: [proxy], examples: [clicks are a proxy]}]

        """

    // MARK: banks that cannot be used

    @Test("--banks pointing nowhere exits 74 with a message naming the path")
    func missingBanksDirectory() throws {
        let outcome = try CLI.run(["score"] + Self.scoreArguments + ["--banks", "/nonexistent"])
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains("cannot read the question banks: /nonexistent: no such directory"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)

        let lint = try CLI.run(["banks", "lint", "/nonexistent"])
        #expect(lint.status == 74, "\(lint)")
        #expect(lint.stderr.contains("/nonexistent: no such file or directory"), "\(lint)")
    }

    @Test("--banks naming a file, or $DEBRIEF_BANKS pointing nowhere, exits 74")
    func banksNotADirectory() throws {
        let outcome = try CLI.run(["score"] + Self.scoreArguments + ["--banks", CLI.packageRoot.appendingPathComponent("Package.swift").path])
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains("not a directory"), "\(outcome)")

        var environment = CLI.environment
        environment["DEBRIEF_BANKS"] = "/nonexistent-banks"
        let fromEnvironment = try CLI.run(["score"] + Self.scoreArguments, environment: environment)
        #expect(fromEnvironment.status == 74, "\(fromEnvironment)")
        #expect(fromEnvironment.stderr.contains("/nonexistent-banks: no such directory"), "\(fromEnvironment)")
    }

    @Test("score with a broken bank file exits 65 and prints file:line:column")
    func scoreWithBrokenBank() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let banks = try scratch.copyOfBanks()
        let broken = try scratch.write("QuestionBanks/ml/zz-indent.yaml", Self.badIndentation)

        let outcome = try CLI.run(["score"] + Self.scoreArguments + ["--banks", banks])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "nothing is scored with broken banks")
        let diagnostics = LintLine.parse(outcome.stderr)
        let problem = try #require(diagnostics.first { $0.path == broken }, "\(outcome)")
        #expect(problem.line == 6, "\(problem)")
        #expect(problem.column > 1, "\(problem)")
        #expect(problem.message.hasPrefix("invalid YAML"), "\(problem)")
        #expect(problem.hint?.contains("indentation") == true, "\(problem)")
        #expect(outcome.stderr.contains("\(broken):6:\(problem.column): error: invalid YAML"))
        #expect(outcome.stderr.contains("run 'debrief banks lint'"), "\(outcome)")
    }

    // MARK: lint

    @Test("lint reports every seeded problem with path:line:column and a hint (65)")
    func lintReportsEveryProblem() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let banks = try scratch.copyOfBanks()
        let indentFile = try scratch.write("QuestionBanks/ml/zz-indent.yaml", Self.badIndentation)
        let seededFile = try scratch.write("QuestionBanks/ml/zz-seeded.yaml", Self.seeded)
        let duplicateFile = try scratch.write("QuestionBanks/behavioral/zz-dup.yaml", Self.duplicate)

        let outcome = try CLI.run(["banks", "lint", banks])
        #expect(outcome.status == 65, "\(outcome)")
        let diagnostics = LintLine.parse(outcome.stdout)
        let errors = diagnostics.filter { $0.severity == "error" }
        #expect(errors.count == 6, "exactly the six seeded problems: \(diagnostics)")
        #expect(outcome.stderr.contains("6 error(s) found"), "\(outcome)")
        #expect(!outcome.stdout.contains("no errors"), "no clean summary with errors present")

        // Every diagnostic line has the documented shape, and every one here has a hint.
        let diagnosticLines = outcome.stdout.split(separator: "\n").filter { !$0.hasPrefix("    hint: ") }
        #expect(diagnosticLines.count == diagnostics.count, "every line is a diagnostic or a hint: \(outcome.stdout)")
        for diagnostic in diagnostics {
            #expect(diagnostic.hint?.isEmpty == false, "no hint: \(diagnostic)")
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
        }

        func find(_ path: String, _ fragment: String) -> LintLine? {
            errors.first { $0.path == path && $0.message.contains(fragment) }
        }

        let yaml = try #require(find(indentFile, "invalid YAML"), "bad indentation: \(diagnostics)")
        #expect(yaml.line == 6, "\(yaml)")
        #expect(yaml.hint?.contains("indentation") == true)

        let prompt = try #require(find(seededFile, "missing 'prompt'"), "missing prompt: \(diagnostics)")
        #expect(prompt.line == 4 && prompt.column == 5, "\(prompt)")
        #expect(prompt.hint == "add a 'prompt:' line to it")

        let duplicate = try #require(errors.first { $0.message.contains("duplicate question id 'zz-dup'") }, "duplicate: \(diagnostics)")
        if duplicate.path == seededFile {
            #expect(duplicate.line == 18, "\(duplicate)")
            #expect(duplicate.message.contains("\(duplicateFile):4"), "names the other definition: \(duplicate)")
        } else {
            #expect(duplicate.path == duplicateFile && duplicate.line == 4, "\(duplicate)")
            #expect(duplicate.message.contains(seededFile), "\(duplicate)")
        }
        #expect(duplicate.hint?.contains("unique") == true)

        let strong = try #require(find(seededFile, "'no-such-strong-signal'"), "undefined strong signal: \(diagnostics)")
        #expect(strong.line == 22, "\(strong)")
        #expect(strong.message.contains("signals.yaml does not define"))

        let flag = try #require(find(seededFile, "'no-such-signal'"), "undefined flag: \(diagnostics)")
        #expect(flag.line == 26 && flag.column == 15, "points at the value after 'flag: ': \(flag)")
        #expect(flag.message.contains("pushback 'bad-flag'"))

        let key = try #require(find(seededFile, "unknown key 'colour'"), "unknown key: \(diagnostics)")
        #expect(key.line == 30 && key.column == 5, "\(key)")
        #expect(key.hint?.contains("allowed keys:") == true)

        // Sorted by file, then line.
        let order = diagnostics.map { "\($0.path)\u{0}\(String(format: "%06d", $0.line))" }
        #expect(order == order.sorted(), "diagnostics are sorted by file and line")
    }

    @Test("lint of the committed banks is clean: exit 0 and a per-track summary")
    func lintClean() throws {
        let outcome = try CLI.run(["banks", "lint", "QuestionBanks"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        #expect(LintLine.parse(outcome.stdout).filter { $0.severity == "error" }.isEmpty)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("QuestionBanks: ") && header.contains("- no errors"), "\(header)")

        func count(_ pattern: String, in line: String) -> Int? {
            let regex = try! NSRegularExpression(pattern: pattern)
            guard let match = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { return nil }
            return Int(line[Range(match.range(at: 1), in: line)!])
        }
        let total = try #require(count(#"^QuestionBanks: (\d+) questions"#, in: header), "\(header)")
        let ml = try #require(lines.compactMap { count(#"^  ml: (\d+) questions$"#, in: $0) }.first, "\(outcome.stdout)")
        let behavioral = try #require(lines.compactMap { count(#"^  behavioral: (\d+) questions$"#, in: $0) }.first, "\(outcome.stdout)")
        #expect(ml > 0 && behavioral > 0)
        #expect(ml + behavioral == total)

        // The default (no path) lints the banks in use, found from the working directory.
        let implicit = try CLI.run(["banks", "lint"])
        #expect(implicit.status == 0, "\(implicit)")
        #expect(implicit.stdout == outcome.stdout)
    }

    @Test("lint of a single good bank file exits 0 with the summary")
    func lintSingleGoodFile() throws {
        let path = CLI.packageRoot.appendingPathComponent("QuestionBanks/ml/evaluation.yaml").path
        let outcome = try CLI.run(["banks", "lint", path])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("- no errors"), "\(outcome)")
        #expect(outcome.stdout.contains("  ml: ") && outcome.stdout.contains("  behavioral: "), "\(outcome)")

        let relative = try CLI.run(["banks", "lint", "QuestionBanks/behavioral/conflict.yaml"])
        #expect(relative.status == 0, "\(relative)")
        #expect(relative.stdout.contains("- no errors"), "\(relative)")
    }

    @Test("lint of a single file outside any banks checks it against the banks in use")
    func lintStandaloneFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let good = try scratch.write("good.yaml", Self.goodExtra)
        let clean = try CLI.run(["banks", "lint", good, "--banks", CLI.banks])
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stdout.contains("- no errors"), "\(clean)")
        // Its pushbacks never challenge its crux or its misconception: warned, not refused.
        #expect(clean.stdout.contains("warning: question 'zz-good-extra' has no pushback for a missing crux"), "\(clean)")
        #expect(clean.stdout.contains("warning: question 'zz-good-extra' has no pushback for a misconception"), "\(clean)")

        let bad = try scratch.write("bad.yaml", Self.seeded.replacingOccurrences(of: "zz-dup", with: "zz-solo"))
        let outcome = try CLI.run(["banks", "lint", bad, "--banks", CLI.banks])
        #expect(outcome.status == 65, "\(outcome)")
        let errors = LintLine.parse(outcome.stdout).filter { $0.severity == "error" }
        #expect(errors.count == 4, "missing prompt, two undefined signals, unknown key: \(errors)")
        #expect(errors.allSatisfy { $0.path == bad }, "\(errors)")
        #expect(errors.contains { $0.line == 30 && $0.message.contains("unknown key 'colour'") })
    }

    /// Regression: keys that differ only in YAML type (`1:` and `"1":`) trapped the loader.
    @Test("lint of examples whose keys collide as text reports them, without a crash")
    func lintCollidingExampleKeys() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let colliding = Self.goodExtra.replacingOccurrences(of: "    hint: A hint.", with: """
                examples:
                  1: one
                  "1": two
                  strong: I would launch behind a canary, because clicks are a proxy.
                  weak: The AUC went up so it is ready.
                hint: A hint.
            """)
        let path = try scratch.write("colliding.yaml", colliding)
        let outcome = try CLI.run(["banks", "lint", path, "--banks", CLI.banks])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stdout.contains("colliding.yaml:18:"), "the first odd key is reported where it is: \(outcome)")
    }

    /// Regression: a relative file outside the banks used to be skipped, reporting "no errors".
    @Test("lint of a bad single file given by a relative path outside the banks reports its problems")
    func lintStandaloneRelativeFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        try scratch.write("bad.yaml", Self.seeded.replacingOccurrences(of: "zz-dup", with: "zz-solo"))
        let outcome = try CLI.run(["banks", "lint", "bad.yaml", "--banks", CLI.banks], directory: scratch.url)
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stdout.contains("bad.yaml:30:5: error: unknown key 'colour'"), "\(outcome)")
    }

    /// Regression: a question missing 'prompt' used to be skipped by the cross-file checks.
    @Test("lint reports the signal problems of a question that also lacks its prompt")
    func lintDoesNotStopAtMissingPrompt() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let banks = try scratch.copyOfBanks()
        let path = try scratch.write("QuestionBanks/ml/zz-no-prompt.yaml", """
            track: ml
            area: evaluation
            questions:
              - id: zz-no-prompt
                level: senior
                competencies: [ml-fundamentals]
                strongSignals: [metric-as-proxy, not-a-signal]
                pushbacks:
                  - id: one
                    flag: also-not-a-signal
                    text: Why?
                hint: A hint.
                note: A note.

            """)
        let outcome = try CLI.run(["banks", "lint", banks])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stdout.contains("\(path):4:5: error: a question is missing 'prompt'"), "\(outcome)")
        #expect(outcome.stdout.contains("\(path):7:"), "the undefined strong signal 'not-a-signal' is reported: \(outcome)")
        #expect(outcome.stdout.contains("'also-not-a-signal'"), "the undefined flag is reported: \(outcome)")
    }
}
