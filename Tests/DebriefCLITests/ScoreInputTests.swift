import Foundation
import Testing

/// `debrief score` refuses bad answers and bad arguments with the documented exit codes
/// (65 bad data, 74 I/O, 2 usage) and a message that says what is wrong.
@Suite("debrief score: answers and arguments it refuses")
struct ScoreInputTests {
    static let question = ["--question-id", "ml-eval-fraud-accuracy"]

    // MARK: bad answers (exit 65)

    @Test("an empty or whitespace-only answer is refused as empty (65)",
          arguments: ["", " ", "   \t \n  ", "\n\n", "\u{0007}\u{0001} \u{001B}"])
    func emptyAnswer(_ answer: String) throws {
        let outcome = try CLI.score(Self.question + ["--answer", answer])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("error: --answer: the answer is empty"), "\(outcome)")
        #expect(outcome.stdout.isEmpty, "nothing is scored: \(outcome)")
    }

    @Test("an empty answer file and whitespace on standard input are refused as empty (65)")
    func emptyFileAndStandardInput() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let path = try scratch.write("empty.txt", "")
        let file = try CLI.score(Self.question + ["--answer-file", path])
        #expect(file.status == 65, "\(file)")
        #expect(file.stderr.contains("error: \(path): the answer is empty"), "\(file)")

        let piped = try CLI.score(Self.question + ["--answer-file", "-"], input: Data(" \n\t\r\n".utf8))
        #expect(piped.status == 65, "\(piped)")
        #expect(piped.stderr.contains("error: standard input: the answer is empty"), "\(piped)")
    }

    @Test("an answer of only punctuation is refused as having no words (65)",
          arguments: ["?!... ---", "!!!", "... --- ???", "— – …"])
    func punctuationOnly(_ answer: String) throws {
        let outcome = try CLI.score(Self.question + ["--answer", answer])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("the answer has no words, only punctuation or symbols"), "\(outcome)")
        #expect(!outcome.stderr.contains("is empty"), "a punctuation-only answer is not reported as empty: \(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a 1 MB answer file is refused quickly with the byte limit in the message (65)")
    func oversizedFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let megabyte = Data(String(repeating: "We rolled back the model because recall dropped. ", count: 1_048_576 / 49 + 1).utf8.prefix(1_048_576))
        #expect(megabyte.count == 1_048_576)
        let path = try scratch.write("huge.txt", megabyte)

        let outcome = try CLI.score(Self.question + ["--answer-file", path], timeout: 20)
        #expect(!outcome.timedOut, "the program must not hang on a huge answer: \(outcome)")
        #expect(outcome.elapsed < 20)
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("error: \(path): "), "the message names the file: \(outcome)")
        #expect(outcome.stderr.contains("65536 bytes"), "the message gives the byte limit: \(outcome)")
        #expect(outcome.stderr.contains("limited to"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a 1 MB answer on standard input is refused quickly too (65)")
    func oversizedStandardInput() throws {
        let megabyte = Data(repeating: UInt8(ascii: "a"), count: 1_048_576)
        let outcome = try CLI.score(Self.question + ["--answer-file", "-"], input: megabyte, timeout: 20)
        #expect(!outcome.timedOut, "\(outcome)")
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("error: standard input: "), "\(outcome)")
        #expect(outcome.stderr.contains("65536 bytes"), "\(outcome)")
    }

    @Test("an answer just under the limit is accepted; one byte over is refused")
    func limitBoundary() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let sentence = "I decided to roll back. "
        var text = String(repeating: sentence, count: 65_536 / sentence.utf8.count)
        text += String(repeating: "x", count: 65_536 - text.utf8.count)
        #expect(text.utf8.count == 65_536)
        let atLimit = try scratch.write("at-limit.txt", text)
        let overLimit = try scratch.write("over-limit.txt", text + "y")

        let accepted = try CLI.score(Self.question + ["--answer-file", atLimit, "--format", "json"])
        #expect(accepted.status == 0, "65,536 bytes is allowed: \(accepted)")
        let refused = try CLI.score(Self.question + ["--answer-file", overLimit])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("65536 bytes"), "\(refused)")
    }

    /// Answers with a bad byte, and the byte offset of the first bad byte.
    static let invalidUTF8Answers: [([UInt8], Int)] = [
        (Array("I decided to roll ".utf8) + [0xFF, 0xFE] + Array(" back".utf8), 18),
        (Array("Café ".utf8) + [0xE2, 0x82] + Array("x we decided".utf8), 6), // offset in bytes, not characters
        (Array("ok ".utf8) + [0xC0, 0xAF], 3),                                 // overlong encoding
    ]

    @Test("invalid UTF-8 in an answer file is refused with the first bad byte's offset (65)",
          arguments: invalidUTF8Answers)
    func invalidUTF8(_ bytes: [UInt8], _ offset: Int) throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let path = try scratch.write("latin1.txt", Data(bytes))
        let outcome = try CLI.score(Self.question + ["--answer-file", path])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("error: \(path): the answer is not valid UTF-8"), "\(outcome)")
        #expect(outcome.stderr.contains("offset \(offset)"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("invalid UTF-8 on standard input is refused with its offset (65)")
    func invalidUTF8StandardInput() throws {
        let outcome = try CLI.score(Self.question + ["--answer-file", "-"], input: Data(Array("abc".utf8) + [0x80]))
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("standard input: the answer is not valid UTF-8"), "\(outcome)")
        #expect(outcome.stderr.contains("offset 3"), "\(outcome)")
    }

    // MARK: control characters are cleaned, not refused

    static func controlScalars(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0.properties.generalCategory == .control }
    }

    /// Every string in the report that quotes the answer.
    static func quotedStrings(_ report: [String: Any]) -> [String] {
        var strings: [String] = []
        for key in ["evidence", "redFlags", "negated"] {
            for entry in report[key] as? [[String: Any]] ?? [] {
                strings += [entry["quote"], entry["excerpt"]].compactMap { $0 as? String }
            }
        }
        for (_, rating) in report["ratings"] as? [String: [String: Any]] ?? [:] {
            if let justification = rating["justification"] as? String { strings.append(justification) }
        }
        return strings
    }

    @Test("control characters in --answer are accepted and never reach the quotes (exit 0)")
    func controlCharactersInArgument() throws {
        // A NUL cannot travel in argv; the file test below covers it.
        let answer = "I decided\u{0007} to roll back\u{001B} if errors rise"
        let outcome = try CLI.score(Self.question + ["--answer", answer, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome)")
        let report = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any])
        let evidence = try #require(report["evidence"] as? [[String: Any]])
        let quotes = evidence.compactMap { $0["quote"] as? String }
        #expect(quotes.contains("roll back"), "the answer was analyzed: \(quotes)")
        for text in Self.quotedStrings(report) {
            #expect(Self.controlScalars(text).isEmpty, "a control character leaked into \(text.debugDescription)")
        }
        #expect(!outcome.stdout.contains("\\u0007") && !outcome.stdout.contains("\\u001b") && !outcome.stdout.contains("\\u001B"))
    }

    @Test("control characters and NUL in an answer file are accepted; quotes hold none (exit 0)")
    func controlCharactersInFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let answer = "I decided\u{0007} to roll back\u{0000} if errors rise"
        let path = try scratch.write("answer.txt", answer)
        let outcome = try CLI.score(Self.question + ["--answer-file", path, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome)")
        let report = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any])
        let evidence = try #require(report["evidence"] as? [[String: Any]])
        #expect(!evidence.isEmpty)
        #expect(evidence.contains { ($0["quote"] as? String) == "roll back" }, "\(evidence)")
        for text in Self.quotedStrings(report) {
            #expect(Self.controlScalars(text).isEmpty, "a control character leaked into \(text.debugDescription)")
        }
        #expect(!outcome.stdout.contains("\\u0000") && !outcome.stdout.contains("\\u0007"))
        // Control characters become spaces one for one, so offsets still index the answer as given.
        for entry in evidence {
            let start = try #require(entry["start"] as? Int), end = try #require(entry["end"] as? Int)
            let original = try #require(scalarSlice(answer, start, end))
            let cleaned = String(String.UnicodeScalarView(original.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            #expect(cleaned == entry["quote"] as? String)
        }

        let text = try CLI.score(Self.question + ["--answer-file", path])
        #expect(text.status == 0, "\(text)")
        #expect(Self.controlScalars(text.stdout.replacingOccurrences(of: "\n", with: "")).isEmpty,
                "the text report prints no control characters")
    }

    // MARK: usage and I/O errors

    @Test("an unknown --question-id exits 2, naming the id and suggesting close ones")
    func unknownQuestionID() throws {
        let outcome = try CLI.score(["--question-id", "ml-eval-fraud-acuracy", "--answer", "I would ship it."])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("unknown question id 'ml-eval-fraud-acuracy'"), "\(outcome)")
        #expect(outcome.stderr.contains("closest: ml-eval-fraud-accuracy"), "the nearest id comes first: \(outcome)")
        #expect(outcome.stderr.contains("debrief banks list"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a missing answer file exits 74")
    func missingAnswerFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let path = scratch.url.appendingPathComponent("no-such-answer.txt").path
        let outcome = try CLI.score(Self.question + ["--answer-file", path])
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains("error: \(path): no such file"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a directory given as the answer file exits 74")
    func directoryAsAnswerFile() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let outcome = try CLI.score(Self.question + ["--answer-file", scratch.path])
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.stderr.contains(scratch.path), "\(outcome)")
        #expect(outcome.stderr.contains("it is a directory"), "\(outcome)")
    }

    @Test("both --answer and --answer-file, or neither, is a usage error (2, not 64)")
    func answerSourceExclusive() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let path = try scratch.write("answer.txt", "I decided to roll back.")
        for arguments in [Self.question + ["--answer", "I decided.", "--answer-file", path], Self.question] {
            let outcome = try CLI.score(arguments)
            #expect(outcome.status == 2, "\(arguments): \(outcome)")
            #expect(outcome.stderr.contains("give exactly one of --answer TEXT or --answer-file PATH"), "\(outcome)")
            #expect(outcome.stderr.contains("Usage: debrief score"), "\(outcome)")
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test("both --question and --question-id is a usage error (2)")
    func questionSourceExclusive() throws {
        let outcome = try CLI.score(Self.question + ["--question", "How do you ship a model?", "--answer", "Carefully."])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("give exactly one of --question TEXT or --question-id ID"), "\(outcome)")
    }

    @Test("an unknown flag is a usage error (2) that names the flag")
    func unknownFlag() throws {
        let outcome = try CLI.score(Self.question + ["--answer", "I decided.", "--verbosity", "3"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("Unknown option '--verbosity'"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("an unknown --format value is a usage error (2)")
    func unknownFormat() throws {
        let outcome = try CLI.score(Self.question + ["--answer", "I decided.", "--format", "yaml"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("yaml"), "\(outcome)")
    }
}
