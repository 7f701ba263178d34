import DebriefEngine
import Foundation
import Testing

@Suite("debrief eval")
struct EvalCommandTests {
    static let banks = try! BankLoader.loadValid(root: CLI.banks)

    static func line(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Two pairs the engine gets right (the banks' own strong and weak examples), one it gets
    /// wrong on purpose (the same pair reversed), and three graded answers.
    static func fixture() -> String {
        let withExamples = banks.questions.filter { $0.examples?.strong != nil && $0.examples?.weak != nil }
        let a = withExamples[0], b = withExamples[1]
        return [
            line(["id": "p1", "category": "bank", "questionId": a.id, "weaker": a.examples!.weak!, "stronger": a.examples!.strong!]),
            line(["id": "p2", "category": "bank", "questionId": b.id, "weaker": b.examples!.weak!, "stronger": b.examples!.strong!]),
            line(["id": "p3", "category": "reversed", "questionId": a.id, "weaker": a.examples!.strong!, "stronger": a.examples!.weak!,
                  "note": "other fields are ignored"]),
            line(["id": "g1", "category": "bank", "questionId": a.id, "answer": a.examples!.weak!, "level": 1]),
            line(["id": "g2", "category": "bank", "questionId": a.id, "answer": a.examples!.strong!, "level": 4]),
            line(["id": "g3", "category": "bank", "questionId": a.id, "answer": a.examples!.strong!, "level": 4]),
        ].joined(separator: "\n") + "\n"
    }

    /// The same graded answers with their levels turned upside down.
    static func reversedLevels() -> String {
        let a = banks.questions.first { $0.examples?.strong != nil && $0.examples?.weak != nil }!
        return [
            line(["questionId": a.id, "answer": a.examples!.weak!, "level": 4]),
            line(["questionId": a.id, "answer": a.examples!.strong!, "level": 1]),
            line(["questionId": a.id, "answer": a.examples!.strong!, "level": 1]),
        ].joined(separator: "\n") + "\n"
    }

    @Test("figures on a small fixture: 2 of 3 pairs, Spearman 1 for levels that order the scores, by category")
    func knownFigures() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let file = try scratch.write("small.jsonl", Self.fixture())
        let outcome = try CLI.run(["eval", file, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome)")
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any])
        let report = try #require(object["report"] as? [String: Any])
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["pairs"] as? Int == 3)
        #expect(overall["pairsRight"] as? Int == 2)
        #expect(overall["pairAccuracy"] as? Double == 0.667)
        #expect(overall["graded"] as? Int == 3)
        // Levels 1, 4, 4 against the weak example and the strong one twice (the same score): ρ = 1.
        #expect(overall["spearman"] as? Double == 1)
        let categories = try #require(report["categories"] as? [[String: Any]])
        #expect(categories.map { $0["category"] as? String } == ["bank", "reversed"])
        #expect(categories.last?["pairAccuracy"] as? Double == 0)
        let misses = try #require(report["misses"] as? [[String: Any]])
        #expect(misses.map { $0["id"] as? String } == ["p3"])

        let text = try CLI.run(["eval", file])
        #expect(text.status == 0)
        #expect(text.stdout.contains("pairs 3: accuracy 0.67 (2 right, 1 wrong or tied)"), "\(text.stdout)")
        #expect(text.stdout.contains("p3 (\(file):3)"), "\(text.stdout)")
    }

    @Test("thresholds: exit 1 below --min-accuracy or --min-spearman, 0 at or above")
    func thresholds() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let file = try scratch.write("small.jsonl", Self.fixture())
        let below = try CLI.run(["eval", file, "--min-accuracy", "0.9"])
        #expect(below.status == 1, "\(below)")
        #expect(below.stderr.contains("pairwise accuracy 0.667 is below --min-accuracy 0.900"), "\(below)")
        let upsideDown = try scratch.write("reversed.jsonl", Self.reversedLevels())
        let spearman = try CLI.run(["eval", upsideDown, "--min-spearman", "0.5"])
        #expect(spearman.status == 1, "\(spearman)")
        #expect(spearman.stderr.contains("Spearman -1.000 is below --min-spearman 0.500"), "\(spearman)")
        let met = try CLI.run(["eval", file, "--min-accuracy", "0.6", "--min-spearman", "0.8"])
        #expect(met.status == 0, "\(met)")
        let usage = try CLI.run(["eval", file, "--min-accuracy", "1.5"])
        #expect(usage.status == 2, "\(usage)")
    }

    @Test("bad lines are named file:line with what is wrong; the rest is evaluated and the exit is 65")
    func badLines() throws {
        let scratch = try ScratchDirectory(); defer { scratch.remove() }
        let good = Self.fixture()
        let bad = [
            "{not json",
            Self.line(["questionId": "ml-eval-no-such-question", "answer": "x", "level": 2]),
            Self.line(["questionId": "ml-eval-fraud-accuracy", "weaker": "only the weaker one"]),
            Self.line(["questionId": "ml-eval-fraud-accuracy", "answer": "an answer", "level": 7]),
            Self.line(["answer": "no question at all", "level": 2]),
        ].joined(separator: "\n")
        let file = try scratch.write("mixed.jsonl", good + bad + "\n")
        let outcome = try CLI.run(["eval", file])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stdout.contains(": 6 items"), "the good lines are still evaluated: \(outcome.stdout)")
        #expect(outcome.stderr.contains("\(file):7:1: error: not a JSON object"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(file):8:1: error: unknown question id 'ml-eval-no-such-question'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(file):9:1: error: a pair needs both \"weaker\" and \"stronger\""), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(file):10:1: error: \"level\" must be a whole number from 1 to 4, not 7"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(file):11:1: error: no question"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("5 line(s) skipped"), "\(outcome.stderr)")

        let missing = try CLI.run(["eval", scratch.url.appendingPathComponent("nope.jsonl").path])
        #expect(missing.status == 74, "\(missing)")
        let directory = try CLI.run(["eval", scratch.path])
        #expect(directory.status == 74 && directory.stderr.contains("not a regular file"), "\(directory)")
    }
}
