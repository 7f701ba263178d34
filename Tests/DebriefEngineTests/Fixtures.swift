import DebriefEngine
import Foundation

/// The project's own banks, loaded once for all tests.
enum Fixtures {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static let banksPath = packageRoot.appendingPathComponent("QuestionBanks").path

    static let banks: Banks = {
        do { return try BankLoader.loadValid(root: banksPath) } catch { fatalError("QuestionBanks do not load: \(error)") }
    }()

    static func question(_ id: String) -> Question {
        guard let question = banks.question(id) else { fatalError("no question \(id) in the banks") }
        return question
    }

    static func analyze(_ answer: String, _ questionID: String) -> AnswerAnalysis {
        Analyzer(banks: banks).analyze(answer, for: question(questionID))
    }

    /// Signals fired in `text`, regardless of question.
    static func signals(in text: String) -> [String] {
        Analyzer(banks: banks).scan(text, source: .answer).0.map(\.signal)
    }
}

/// Builds rounds of a loop from scripted answers and responses, the way the REPL will.
struct Script {
    let banks = Fixtures.banks
    let seed: UInt64
    private(set) var used: Set<String> = []
    private(set) var rounds: [RoundRecord] = []

    init(seed: UInt64 = 7) { self.seed = seed }

    struct Turn {
        var question: String
        var answer: String
        var responses: [String] = []
    }

    mutating func round(_ interviewer: String, track: Track, _ turns: [Turn]) {
        var exchanges: [Exchange] = []
        for turn in turns {
            var recorder = ExchangeRecorder(question: Fixtures.question(turn.question), banks: banks, seed: seed)
            var pushback = recorder.answer(turn.answer, used: &used)
            var responses = turn.responses[...]
            while pushback != nil, let response = responses.popFirst() {
                pushback = recorder.respond(response, used: &used)
            }
            exchanges.append(recorder.finish())
        }
        rounds.append(RoundRecord(number: rounds.count + 1, interviewer: interviewer, track: track, exchanges: exchanges))
    }

    func verdict(model: DecisionModelKind = .standard, pool: String = "typical") -> Verdict {
        let cards = Panel(banks: banks).scorecards(for: rounds)
        return Debrief(banks: banks).run(cards: cards, rounds: rounds,
                                         options: .init(model: model, pool: banks.pool(pool)!, settings: banks.decision))
    }
}
