import DebriefEngine
import Foundation
import Testing

/// What `debrief score` prints: the JSON contract of docs/FORMATS.md, determinism, and how a
/// free-text question is matched or classified.
@Suite("debrief score: output")
struct ScoreOutputTests {
    static let bank: Banks = try! BankLoader.loadValid(root: CLI.banks)

    /// A weak answer: red flags (shifting ownership, deflection) and gaps, so a pushback.
    static let weakAnswer = "Accuracy is the wrong proxy here. The team decided to ship anyway."
    /// Non-ASCII before and between the hits: a decomposed é (two scalars, one character),
    /// an emoji (one scalar, two UTF-16 units, four bytes) and a curly apostrophe.
    static let unicodeAnswer = "Cafe\u{301} 🚀 naïve take: I decided to roll back if precision drops below 90% because recall matters — we’d watch it daily. The team decided anyway."

    // MARK: the JSON contract

    /// Checks one decoded report against the contract of docs/FORMATS.md.
    static func checkContract(_ report: [String: Any], answer: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let score = try #require(report["score"] as? Double, "score is a number", sourceLocation: sourceLocation)
        #expect((1.0...4.0).contains(score), "score \(score) is within 1...4", sourceLocation: sourceLocation)

        let track = try #require(report["track"] as? String, sourceLocation: sourceLocation)
        #expect(["ml", "behavioral"].contains(track), "track \(track)", sourceLocation: sourceLocation)

        let question = try #require(report["question"] as? [String: Any], sourceLocation: sourceLocation)
        let competencies = try #require(question["competencies"] as? [String], sourceLocation: sourceLocation)
        let ratings = try #require(report["ratings"] as? [String: Any], "ratings is an object", sourceLocation: sourceLocation)
        #expect(!ratings.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(ratings.keys) == Set(competencies), "one rating per rated competency", sourceLocation: sourceLocation)
        for (competency, value) in ratings {
            let entry = try #require(value as? [String: Any], "rating of \(competency) is an object", sourceLocation: sourceLocation)
            let rating = try #require(entry["rating"] as? Int, sourceLocation: sourceLocation)
            #expect((1...4).contains(rating), "rating \(rating) of \(competency)", sourceLocation: sourceLocation)
            let justification = try #require(entry["justification"] as? String, sourceLocation: sourceLocation)
            #expect(!justification.isEmpty, sourceLocation: sourceLocation)
        }

        let evidence = try #require(report["evidence"] as? [Any], "evidence is a list", sourceLocation: sourceLocation)
        for item in evidence {
            let entry = try #require(item as? [String: Any], sourceLocation: sourceLocation)
            let signal = try #require(entry["signal"] as? String, sourceLocation: sourceLocation)
            #expect(!signal.isEmpty, sourceLocation: sourceLocation)
            let polarity = try #require(entry["polarity"] as? String, sourceLocation: sourceLocation)
            #expect(["positive", "negative", "neutral"].contains(polarity), sourceLocation: sourceLocation)
            try checkQuote(entry, answer: answer, sourceLocation: sourceLocation)
        }

        let redFlags = try #require(report["redFlags"] as? [Any], "redFlags is a list", sourceLocation: sourceLocation)
        for item in redFlags {
            let entry = try #require(item as? [String: Any], sourceLocation: sourceLocation)
            let signal = try #require(entry["signal"] as? String, sourceLocation: sourceLocation)
            let severity = try #require(entry["severity"] as? String, sourceLocation: sourceLocation)
            #expect(["minor", "moderate", "severe"].contains(severity), sourceLocation: sourceLocation)
            try checkQuote(entry, answer: answer, sourceLocation: sourceLocation)
            // A red flag is one of the negative hits in the evidence.
            #expect(evidence.contains { e in
                let e = e as? [String: Any]
                return e?["signal"] as? String == signal && e?["polarity"] as? String == "negative"
                    && e?["start"] as? Int == entry["start"] as? Int
            }, "red flag \(signal) appears in evidence as negative", sourceLocation: sourceLocation)
        }

        let pushback = try #require(report["pushback"], "pushback is present (object or null)", sourceLocation: sourceLocation)
        if !(pushback is NSNull) {
            let object = try #require(pushback as? [String: Any], "pushback is an object or null", sourceLocation: sourceLocation)
            let text = try #require(object["text"] as? String, sourceLocation: sourceLocation)
            #expect(!text.isEmpty, sourceLocation: sourceLocation)
            let targets = try #require(object["targets"] as? [String: Any], sourceLocation: sourceLocation)
            #expect(["flag", "missing"].contains(targets["kind"] as? String ?? ""), sourceLocation: sourceLocation)
            #expect(!(targets["signal"] as? String ?? "").isEmpty, sourceLocation: sourceLocation)
        }
    }

    /// `quote` is the answer's Unicode scalars at [start, end).
    static func checkQuote(_ entry: [String: Any], answer: String, sourceLocation: SourceLocation) throws {
        let quote = try #require(entry["quote"] as? String, sourceLocation: sourceLocation)
        let start = try #require(entry["start"] as? Int, sourceLocation: sourceLocation)
        let end = try #require(entry["end"] as? Int, sourceLocation: sourceLocation)
        #expect(start < end, sourceLocation: sourceLocation)
        #expect(scalarSlice(answer, start, end) == quote,
                "answer[\(start)..<\(end)] in scalars is \(scalarSlice(answer, start, end).debugDescription), quote is \(quote.debugDescription)",
                sourceLocation: sourceLocation)
    }

    @Test("JSON of a weak answer has the contract keys, red flags and a pushback object")
    func weakAnswerContract() throws {
        let report = try CLI.scoreJSON(["--question-id", "ml-eval-fraud-accuracy", "--answer", Self.weakAnswer])
        try Self.checkContract(report, answer: Self.weakAnswer)
        #expect(report["track"] as? String == "ml")
        let redFlags = try #require(report["redFlags"] as? [[String: Any]])
        #expect(redFlags.contains { $0["signal"] as? String == "shifting-ownership" && $0["quote"] as? String == "The team decided" },
                "\(redFlags)")
        let pushback = try #require(report["pushback"] as? [String: Any], "a weak answer gets a pushback")
        #expect((pushback["targets"] as? [String: Any])?["kind"] as? String == "flag")
        let score = try #require(report["score"] as? Double)
        #expect(score < 2.5, "a weak answer scores low: \(score)")
    }

    @Test("evidence offsets are Unicode-scalar offsets into the answer")
    func unicodeOffsets() throws {
        let answer = Self.unicodeAnswer
        // The offsets differ between scalars, characters and UTF-16, so only scalars can pass.
        #expect(answer.unicodeScalars.count != answer.count && answer.unicodeScalars.count != answer.utf16.count)
        let report = try CLI.scoreJSON(["--question-id", "ml-eval-fraud-accuracy", "--answer", answer])
        try Self.checkContract(report, answer: answer)
        let evidence = try #require(report["evidence"] as? [[String: Any]])
        let quotes = evidence.compactMap { $0["quote"] as? String }
        #expect(quotes.contains("roll back") && quotes.contains("90%") && quotes.contains("because"), "\(quotes)")
        let redFlags = try #require(report["redFlags"] as? [[String: Any]])
        #expect(!redFlags.isEmpty, "'anyway' is a red flag after the non-ASCII text")
    }

    @Test("a strong example answer has the contract keys with pushback null",
          arguments: ["ml-eval-carousel-ab-test", "beh-conf-technical-disagreement"])
    func strongAnswerContract(_ id: String) throws {
        let question = try #require(Self.bank.question(id))
        let strong = try #require(question.examples?.strong, "\(id) has a strong example")
        let report = try CLI.scoreJSON(["--question-id", id, "--answer", strong])
        try Self.checkContract(report, answer: strong)
        #expect(report["pushback"] is NSNull, "nothing to push back on: \(String(describing: report["pushback"]))")
        #expect(report["track"] as? String == question.track.rawValue)
        #expect((report["score"] as? Double ?? 0) >= 3, "a strong answer scores high")
        #expect((report["redFlags"] as? [Any])?.isEmpty == true)
    }

    @Test("--answer-file and standard input give the same report as --answer")
    func sameReportFromEveryInput() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let path = try scratch.write("answer.txt", Self.unicodeAnswer)
        let base = ["--question-id", "ml-eval-fraud-accuracy", "--format", "json"]
        let argument = try CLI.score(base + ["--answer", Self.unicodeAnswer])
        let file = try CLI.score(base + ["--answer-file", path])
        let piped = try CLI.score(base + ["--answer-file", "-"], input: Data(Self.unicodeAnswer.utf8))
        #expect(argument.status == 0 && file.status == 0 && piped.status == 0, "\(argument)\n\(file)\n\(piped)")
        #expect(file.stdoutData == argument.stdoutData)
        #expect(piped.stdoutData == argument.stdoutData)
    }

    // MARK: determinism

    @Test("the same score command with the same --seed prints identical bytes",
          arguments: ["json", "text", "markdown"])
    func deterministic(_ format: String) throws {
        // A vague answer: the pushback comes from the lexicon's generic list, chosen by the seed.
        let arguments = ["--question", "How would you decide whether to ship a new ranking model?",
                         "--answer", "We did some testing and it looked fine, so the team shipped it.",
                         "--seed", "42", "--format", format]
        let first = try CLI.score(arguments)
        let second = try CLI.score(arguments)
        #expect(first.status == 0, "\(first)")
        #expect(!first.stdoutData.isEmpty)
        #expect(first.stdoutData == second.stdoutData, "run 1:\n\(first.stdout)\nrun 2:\n\(second.stdout)")
        if format == "json" {
            let report = try #require(try JSONSerialization.jsonObject(with: first.stdoutData) as? [String: Any])
            #expect(report["seed"] as? Int == 42)
            #expect(first.stdout.hasSuffix("}\n"), "one object and a final newline")
        }
    }

    // MARK: free-text questions

    @Test("a behavioral question that matches no bank question is judged behavioral, unmatched")
    func freeTextBehavioral() throws {
        let wording = "Tell me about a time you disagreed with your manager"
        let report = try CLI.scoreJSON(["--question", wording, "--answer", "I disagreed, so I wrote a one-page proposal and we agreed to test it."])
        #expect(report["track"] as? String == "behavioral")
        let question = try #require(report["question"] as? [String: Any])
        #expect(question["matched"] as? Bool == false, "\(question)")
        #expect(question["id"] as? String == "free-text", "\(question)")
        #expect(question["prompt"] as? String == wording)
        #expect((question["similarity"] as? Double ?? 1) < 0.45, "\(question)")

        let text = try CLI.score(["--question", wording, "--answer", "I disagreed and escalated."])
        #expect(text.status == 0, "\(text)")
        // Judged by the closest behavioral area's key points, named in the output.
        #expect(text.stdout.contains("free text, judged as behavioral, area "), "\(text)")
        #expect(text.stdout.contains("(no bank question close enough)"), "\(text)")
    }

    @Test("an ML question that matches no bank question is judged ml, unmatched")
    func freeTextML() throws {
        let report = try CLI.scoreJSON(["--question", "How would you pick the learning rate and batch size when fine-tuning a transformer model?",
                                        "--answer", "I would sweep a few values on a validation set."])
        #expect(report["track"] as? String == "ml")
        #expect((report["question"] as? [String: Any])?["matched"] as? Bool == false)
    }

    /// The prompt with one word of six or more letters replaced.
    static func altered(_ prompt: String) throws -> String {
        let words = prompt.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let index = try #require(words.firstIndex { $0.count >= 6 && $0.allSatisfy(\.isLetter) }, "a word to alter in \(prompt)")
        var changed = words
        changed[index] = "something"
        return changed.joined(separator: " ")
    }

    @Test("a bank ML prompt with one word altered matches that question",
          arguments: ["ml-eval-fraud-accuracy", "ml-deploy-eta-rollback", "ml-eval-carousel-ab-test"])
    func closeWordingMatches(_ id: String) throws {
        let question = try #require(Self.bank.question(id))
        #expect(question.track == .ml)
        let wording = try Self.altered(question.prompt.replacingOccurrences(of: "\n", with: " "))
        #expect(wording != question.prompt)
        let report = try CLI.scoreJSON(["--question", wording, "--answer", "I would roll back if recall dropped below 0.7."])
        let matched = try #require(report["question"] as? [String: Any])
        #expect(matched["matched"] as? Bool == true, "\(matched)")
        #expect(matched["id"] as? String == id, "\(matched)")
        let similarity = try #require(matched["similarity"] as? Double)
        #expect(similarity >= 0.45 && similarity < 1, "a near match, not exact: \(similarity)")
        #expect(report["track"] as? String == "ml")
        #expect(Set((matched["competencies"] as? [String]) ?? []) == Set(question.competencies))
    }
}
