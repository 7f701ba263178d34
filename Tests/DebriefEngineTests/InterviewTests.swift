import DebriefEngine
import Testing

@Suite("Pushback and adaptation")
struct InterviewTests {
    let banks = Fixtures.banks

    @Test("the pushback aims at the most severe red flag first, using the bank's authored challenge")
    func aimsAtWorstFlag() throws {
        let question = Fixtures.question("ml-eval-carousel-ab-test")
        let analysis = Fixtures.analyze("The lift was 4%. The numbers speak for themselves, so I'd ship it.", question.id)
        let pushback = try #require(PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [], used: [], seed: 1))
        #expect(pushback.trigger == .flag("metric-naivete"))
        #expect(pushback.source == .bank)
        #expect(pushback.id.hasPrefix("ml-eval-carousel-ab-test/"))
    }

    @Test("without red flags the pushback targets the question's missing crux before any generic gap")
    func aimsAtMissingCrux() throws {
        let question = Fixtures.question("ml-eval-carousel-ab-test")
        let analysis = Fixtures.analyze("I'd ship it behind a flag after checking returning users.", question.id)
        let pushback = try #require(PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [], used: [], seed: 1))
        guard case .missing(let id) = pushback.trigger else { Issue.record("expected a missing key point"); return }
        #expect(banks.keyPoint(id)?.isCrux == true, "\(id)")
        #expect(pushback.source == .bank)
    }

    @Test("no pushback when the answer already covers what the question asks for")
    func noneWhenCovered() {
        let question = Fixtures.question("ml-eval-carousel-ab-test")
        let everything = ([Answers.carouselStrong] + question.keyPoints.map { $0.examples[0] }).joined(separator: " ")
        let analysis = Fixtures.analyze(everything, question.id)
        #expect(analysis.gaps.isEmpty, "gaps: \(analysis.gaps.map(\.signal))")
        #expect(analysis.redFlags.isEmpty, "\(analysis.redFlags.map(\.signal))")
        #expect(PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [everything], used: [], seed: 1) == nil)
    }

    @Test("never the same pushback twice in a session; generic ones come from the lexicon when the bank's run out")
    func noRepeats() {
        let question = Fixtures.question("ml-eval-carousel-ab-test")
        let analysis = Fixtures.analyze("The numbers speak for themselves.", question.id)
        var used: Set<String> = []
        var seen: [String] = []
        let chooser = PushbackChooser(banks: banks)
        while let pushback = chooser.choose(for: analysis, question: question, parts: [], used: used, seed: 3) {
            #expect(!used.contains(pushback.id))
            used.insert(pushback.id)
            seen.append(pushback.id)
            if seen.count > 40 { break }
        }
        #expect(seen.count == Set(seen).count)
        #expect(seen.contains { $0.hasPrefix("lexicon/metric-naivete/") })
        #expect(seen.count < 40)
    }

    @Test("pushback choice is deterministic for a seed")
    func seeded() {
        let question = Fixtures.question("beh-fail-my-mistake")
        let analysis = Fixtures.analyze("Things happened and stuff like that.", question.id)
        let chooser = PushbackChooser(banks: banks)
        for seed in [1, 2, 99] as [UInt64] {
            #expect(chooser.choose(for: analysis, question: question, parts: [], used: [], seed: seed)
                    == chooser.choose(for: analysis, question: question, parts: [], used: [], seed: seed))
        }
    }

    func pushback(_ trigger: PushbackTrigger) -> Pushback {
        Pushback(id: "test/\(trigger.signal)", trigger: trigger, text: "?", gap: "", source: .bank)
    }

    @Test("a response that adds the missing safeguard is 'adapted' and fills the gap, quoting it")
    func adapted() {
        let record = AdaptationClassifier(banks: banks).classify(
            "Good point. I'd roll back to the old model if late arrivals rise 5% for a day.",
            to: pushback(.missing("rollback-plan")), answer: "I'd ship the new ETA model.")
        #expect(record.kind == .adapted)
        #expect(record.gapFilled)
        #expect(record.quote.contains("roll back"))
    }

    @Test("a response that repeats the red flag or argues is 'defended'")
    func defended() {
        let classifier = AdaptationClassifier(banks: banks)
        let repeated = classifier.classify("As I already said, the numbers speak for themselves.",
                                           to: pushback(.flag("metric-naivete")), answer: "AUC rose, the numbers speak for themselves.")
        #expect(repeated.kind == .defended)
        #expect(!repeated.gapFilled)
        #expect(repeated.quote.contains("numbers speak for themselves"))
        let argued = classifier.classify("That wouldn't happen in practice.", to: pushback(.missing("rollback-plan")), answer: "I'd ship it.")
        #expect(argued.kind == .defended)
        #expect(argued.quote.contains("That wouldn't happen"))
    }

    @Test("a response that keeps the decision with a new reason is 'held with reasoning'")
    func held() {
        let record = AdaptationClassifier(banks: banks).classify(
            "I'd keep the threshold where it is because false declines cost us far more than review time does.",
            to: pushback(.missing("rollback-plan")), answer: "I'd set the threshold at 0.7.")
        #expect(record.kind == .heldWithReasoning)
        #expect(!record.gapFilled)
    }

    @Test("a response that changes the subject or says nothing is 'deflected'")
    func deflected() {
        let classifier = AdaptationClassifier(banks: banks)
        #expect(classifier.classify("Anyway, let's move on to the architecture.", to: pushback(.missing("rollback-plan")), answer: "I'd ship it.").kind == .deflected)
        #expect(classifier.classify("", to: pushback(.missing("rollback-plan")), answer: "I'd ship it.").kind == .deflected)
    }

    @Test("an exchange stops after two pushbacks, and a defended challenge is not followed by another")
    func exchangeLimits() {
        var used: Set<String> = []
        var recorder = ExchangeRecorder(question: Fixtures.question("ml-eval-carousel-ab-test"), banks: banks, seed: 5)
        #expect(recorder.answer("Stuff went up.", used: &used) != nil)
        #expect(recorder.respond("Fair point, I'd add a guardrail metric on retention.", used: &used) != nil)
        #expect(recorder.respond("I'd check seasonality in the traffic mix before deciding.", used: &used) == nil)
        #expect(recorder.finish().followUps.count == 2)

        var other = ExchangeRecorder(question: Fixtures.question("ml-eval-carousel-ab-test"), banks: banks, seed: 5)
        #expect(other.answer("The numbers speak for themselves.", used: &used) != nil)
        #expect(other.respond("As I said, the numbers speak for themselves.", used: &used) == nil)
        #expect(other.finish().followUps.map(\.adaptation.kind) == [.defended])
    }
}
