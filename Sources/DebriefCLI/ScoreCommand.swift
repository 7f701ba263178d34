import ArgumentParser
import DebriefEngine
import Foundation

/// `debrief score`: what the engine finds in one answer.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score one answer: evidence, red flags, 1-4 ratings and the pushback an interviewer would ask next.",
        discussion: """
        Examples:
          debrief score --question-id ml-eval-fraud-accuracy --answer-file answer.txt
          debrief score --question "How do you decide to ship a model?" --answer "I'd A/B test it first." --format json
        """
    )

    @Option(help: ArgumentHelp("A question in your own words; matched to the closest bank question.", valueName: "text"))
    var question: String?

    @Option(name: .customLong("question-id"), help: ArgumentHelp("The id of a bank question (see 'debrief banks list').", valueName: "id"))
    var questionID: String?

    @Option(help: ArgumentHelp("The answer text.", valueName: "text"))
    var answer: String?

    @Option(name: .customLong("answer-file"), help: ArgumentHelp("A UTF-8 file holding the answer; '-' reads standard input.", valueName: "path"))
    var answerFile: String?

    @Option(help: "Seed for choosing among equally good pushbacks.")
    var seed: UInt64 = 1

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var banks: BankOptions

    func validate() throws {
        if (question == nil) == (questionID == nil) {
            throw ValidationError("give exactly one of --question TEXT or --question-id ID")
        }
        if (answer == nil) == (answerFile == nil) {
            throw ValidationError("give exactly one of --answer TEXT or --answer-file PATH")
        }
    }

    func run() throws {
        let banks = try self.banks.load()
        let text = try readAnswer()
        let report: ScoreReport
        if let questionID {
            guard let question = banks.question(questionID) else {
                let near = banks.questions.map(\.id).sorted { distance($0, questionID) < distance($1, questionID) }.prefix(3)
                throw CLIError.usage("unknown question id '\(questionID)'; closest: \(near.joined(separator: ", ")); 'debrief banks list' shows them all")
            }
            report = ScoreReport.make(banks: banks, question: question, matched: true, similarity: 1, answer: text, seed: seed)
        } else {
            let wording = question!.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !wording.isEmpty else { throw CLIError.usage("--question is empty; give the question's text") }
            let match = QuestionMatcher(banks: banks).match(wording)
            report = ScoreReport.make(banks: banks, question: match.question, matched: match.matched,
                                      similarity: match.similarity, answer: text, seed: seed)
        }
        try Console.out(ScoreRenderer(banks: banks).render(report, as: format))
    }

    func readAnswer() throws -> String {
        let result: Result<String, AnswerInput.Problem>
        let origin: String
        if let answer {
            origin = "--answer"
            result = AnswerInput.validate(answer)
        } else {
            let path = answerFile!
            origin = path == "-" ? "standard input" : path
            let data: Data
            if path == "-" {
                data = (try? FileHandle.standardInput.read(upToCount: AnswerInput.maximumBytes + 1)) ?? Data()
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw CLIError.io("\(path): no such file")
                }
                // FileHandle, not FileManager.contents: it also reads pipes such as /dev/stdin.
                guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
                    throw CLIError.io("\(path): cannot be read (\(isDirectory.boolValue ? "it is a directory" : "check its permissions"))")
                }
                defer { try? handle.close() }
                // Read one byte past the limit: enough to refuse an oversized answer without loading it all.
                data = (try? handle.read(upToCount: AnswerInput.maximumBytes + 1)) ?? Data()
            }
            result = AnswerInput.validate(bytes: [UInt8](data))
        }
        switch result {
        case .success(let text): return text
        case .failure(let problem): throw CLIError.data("\(origin): \(problem)")
        }
    }

    private func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
