import DebriefEngine
import Testing

/// The banks must stay big enough to drill daily for months, and every rubric must work.
@Suite("Bank content")
struct BankContentTests {
    let banks = Fixtures.banks

    func count(_ track: Track, _ area: String? = nil) -> Int {
        banks.questions.filter { $0.track == track && (area == nil || $0.area == area) }.count
    }

    @Test("at least 60 ML questions over the seven areas, at least 10 in each of the largest three")
    func mlCounts() {
        #expect(count(.ml) >= 60)
        let areas = ["fundamentals", "data", "evaluation", "system-design", "deployment", "responsible-ml", "debugging"]
        for area in areas { #expect(count(.ml, area) >= 5, "ml area \(area): \(count(.ml, area))") }
        let largest = areas.map { count(.ml, $0) }.sorted(by: >).prefix(3)
        #expect(largest.allSatisfy { $0 >= 10 }, "largest three ML areas: \(Array(largest))")
    }

    @Test("at least 60 behavioral questions over the ten areas")
    func behavioralCounts() {
        #expect(count(.behavioral) >= 60)
        for area in ["leadership", "ownership", "conflict", "failure", "ambiguity", "influence", "innovation",
                     "technical-problem-solving", "receiving-pushback", "career"] {
            #expect(count(.behavioral, area) >= 5, "behavioral area \(area): \(count(.behavioral, area))")
        }
    }

    @Test("every question has a complete rubric")
    func rubrics() {
        for q in banks.questions {
            #expect(q.strongSignals.count >= 3, "\(q.id)")
            #expect(!q.redFlags.isEmpty, "\(q.id)")
            #expect(q.pushbacks.count >= 2, "\(q.id)")
            #expect(Set(q.pushbacks.map(\.trigger)).count >= 2, "\(q.id): pushbacks aim at different gaps")
            #expect(!q.note.isEmpty && !q.hint.isEmpty, "\(q.id)")
            #expect((2...4).contains(q.competencies.count), "\(q.id)")
        }
        let levels = Set(banks.questions.map(\.level))
        #expect(levels == Set(Level.allCases))
    }

    @Test("the loops: daily, ml-screen, onsite-ml (four rounds ending with the bar raiser) and behavioral")
    func loops() throws {
        func loop(_ id: String) throws -> Loop { try #require(banks.loops.first { $0.id == id }, "loop \(id)") }
        let daily = try loop("daily")
        #expect(daily.rounds.count == 1 && daily.rounds[0].questions == 3)
        let screen = try loop("ml-screen")
        #expect(screen.rounds.map(\.track) == [.ml])
        let onsite = try loop("onsite-ml")
        #expect(onsite.rounds.map(\.track) == [.ml, .ml, .behavioral, .behavioral])
        #expect(onsite.rounds[0].areas.contains("fundamentals") && onsite.rounds[1].areas.contains("system-design"))
        #expect(banks.persona(onsite.rounds[3].interviewer)?.role == .barRaiser)
        let behavioral = try loop("behavioral")
        #expect(behavioral.rounds.count == 3 && behavioral.rounds.allSatisfy { $0.track == .behavioral })
        for loop in banks.loops {
            #expect(!loop.rounds.isEmpty && loop.rounds.allSatisfy { banks.persona($0.interviewer) != nil }, "\(loop.id)")
        }
        // Every area of the banks is drawn on by some round of some loop.
        for question in banks.questions {
            let drawn = banks.loops.flatMap(\.rounds).contains { $0.track == question.track && ($0.areas.isEmpty || $0.areas.contains(question.area)) }
            #expect(drawn, "no loop asks \(question.track.rawValue) questions from area \(question.area)")
        }
    }

    @Test("at least one question in five has a strong and a weak example answer")
    func exampleCoverage() {
        let paired = banks.questions.filter { $0.examples?.strong != nil && $0.examples?.weak != nil }
        #expect(paired.count * 5 >= banks.questions.count, "\(paired.count) of \(banks.questions.count)")
    }

    static let paired: [String] = Fixtures.banks.questions
        .filter { $0.examples?.strong != nil && $0.examples?.weak != nil }.map(\.id)

    @Test("the engine ranks each strong example above its weak one, and finds the red flags the weak one shows", arguments: paired)
    func examplePairs(_ id: String) throws {
        let question = Fixtures.question(id)
        let examples = try #require(question.examples)
        let strong = Fixtures.analyze(try #require(examples.strong), id)
        let weak = Fixtures.analyze(try #require(examples.weak), id)
        #expect(strong.score > weak.score, "strong \(strong.score) vs weak \(weak.score)")
        let found = Set(weak.redFlags.map(\.signal))
        for flag in examples.weakFlags ?? question.redFlags {
            #expect(found.contains(flag), "weak answer to \(id) should show \(flag); found \(found.sorted())")
        }
        #expect(strong.redFlags.filter { $0.severity == .severe }.isEmpty,
                "strong answer to \(id) shows \(strong.redFlags.map(\.signal))")
    }

    /// Pushbacks on lexicon signals, asked without conditions (key point, misconception and
    /// `requires` pushbacks are checked in PushbackTargetTests).
    static let pushbacks: [String] = Fixtures.banks.questions.flatMap { q in
        q.pushbacks.filter { $0.requires.isEmpty && !$0.trigger.signal.contains(":") }.map { "\(q.id)/\($0.id)" }
    }

    @Test("every authored pushback on a lexicon signal is reachable: some answer to its question triggers it", arguments: pushbacks)
    func reachable(_ key: String) throws {
        let parts = key.split(separator: "/").map(String.init)
        let question = Fixtures.question(parts[0])
        let pushback = try #require(question.pushbacks.first { $0.id == parts[1] })
        let lexicon = banks.lexicon
        // Earlier pushbacks on the same gap are used first in a session.
        // Question-specific targets (key points, misconceptions) come first; once their
        // pushbacks are used up in a session, the lexicon's gaps and flags get their turn.
        let specific = question.pushbacks.filter { $0.trigger.signal.contains(":") }
        let used = Set((question.pushbacks.prefix { $0.id != pushback.id }.filter { $0.trigger == pushback.trigger } + specific)
            .map { "\(question.id)/\($0.id)" })
        let others = question.strongSignals.filter { $0 != pushback.trigger.signal }
        // For each other rubric signal, an example of it that does not show the target too.
        let covering = others.compactMap { id in
            lexicon.signal(id)?.fires.first { !Fixtures.signals(in: $0).contains(pushback.trigger.signal) }
        }

        // Every combination of the other rubric signals' examples (at most 2^4), so a
        // signal that an example happens to show as well can be left out.
        // Sentences that keep the answer on this question's topic without showing the target
        // (an answer of generic sentences alone is rightly called off-topic).
        let onTopic = question.keyPoints.compactMap { point in
            point.examples.first { !Fixtures.signals(in: $0).contains(pushback.trigger.signal) }
        }.joined(separator: " ")
        let subsets = (0..<(1 << covering.count)).flatMap { mask in
            let chosen = covering.indices.filter { mask & (1 << $0) != 0 }.map { covering[$0] }
            return [chosen.joined(separator: " "), ([onTopic] + chosen).joined(separator: " ")]
        }
        var candidates: [String] = []
        switch pushback.trigger {
        case .missing:
            candidates = subsets.map { $0.isEmpty ? "I would think about it." : $0 }
        case .flag(let flag):
            for example in lexicon.signal(flag)?.fires ?? [] {
                candidates += subsets.map { example + " " + $0 }
            }
        }
        let chooser = PushbackChooser(banks: banks)
        let reached = candidates.contains { answer in
            chooser.choose(for: Analyzer(banks: banks).analyze(answer, for: question), question: question, parts: [answer], used: used, seed: 1)?.id == key
        }
        #expect(reached, "no answer built from the lexicon's examples reaches \(key)")
    }
}
