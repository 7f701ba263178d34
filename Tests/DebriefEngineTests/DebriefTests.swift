import DebriefEngine
import Foundation
import Testing

@Suite("The debrief")
struct DebriefTests {
    let banks = Fixtures.banks

    /// The onsite loop, one question a round: strong answers, with metric naivete stated in both
    /// ML rounds and a scripted response to the pushback on it.
    func onsite(response: String) -> Script {
        var script = Script(seed: 11)
        script.round("dev", track: .ml, [.init(question: "ml-eval-carousel-ab-test",
                                               answer: Answers.carouselStrong + Answers.naiveSentence, responses: [response])])
        script.round("lena", track: .ml, [.init(question: "ml-sys-marketplace-search",
                                                answer: Answers.searchStrong + Answers.naiveSentence, responses: [response])])
        script.round("maya", track: .behavioral, [.init(question: "beh-fail-my-mistake", answer: Answers.mistakeStrong)])
        script.round("ren", track: .behavioral, [.init(question: "beh-own-incident-call", answer: Answers.incidentStrong)])
        return script
    }

    @Test("strong in three rounds but defending metric naivete after pushback in two rounds: no hire, and the verdict names it")
    func fatalRedFlag() throws {
        let script = onsite(response: "As I already said, the numbers speak for themselves. I stand by it.")
        let verdict = script.verdict()
        let flag = try #require(verdict.redFlags.first { $0.signal == "metric-naivete" })
        #expect(flag.severity == .severe && flag.repeated && flag.uncoached && flag.fatal)
        #expect(Set(flag.observations.map(\.round)) == [1, 2])
        #expect(verdict.decision.decision == .noHire)
        #expect(verdict.recommendation <= .noHire)
        #expect(verdict.decision.rule.contains("metric naivete"))
        #expect(verdict.but.contains("metric naivete"))
        #expect(verdict.practicePlan.first?.title.contains("metric naivete") == true)
        // Defensiveness said in answer to the challenge is itself uncoached, and here repeated.
        let defensive = try #require(verdict.redFlags.first { $0.signal == "defensiveness" })
        #expect(defensive.uncoached && defensive.fatal)
        // The other rounds really were strong.
        let cards = Panel(banks: banks).scorecards(for: script.rounds)
        #expect(cards.filter { $0.recommendation.isHire }.count >= 2)
    }

    @Test("the same candidate adapting after the pushback gets at least lean hire")
    func adaptingRescues() throws {
        let script = onsite(response: "Good point - the offline gain is only a proxy. I'd confirm it with a two-week A/B test and roll back if retention drops.")
        let verdict = script.verdict()
        let flag = try #require(verdict.redFlags.first { $0.signal == "metric-naivete" })
        #expect(!flag.fatal && !flag.uncoached)
        #expect(verdict.recommendation >= .leanHire, "\(verdict.recommendation) - \(verdict.decision.rule)")
        #expect(verdict.decision.decision == .hire)
        #expect(verdict.but.contains("before correcting it when challenged"))
        #expect((2...3).contains(verdict.practicePlan.count))
    }

    /// A card written by hand, for testing the decision rules in isolation.
    func card(_ personaID: String, score: Double, _ recommendation: Recommendation, flag: String? = nil) -> Scorecard {
        let persona = banks.persona(personaID)!
        let ratings = persona.competencies.prefix(3).map {
            CardRating(competency: $0, rating: Int(score.rounded()), score: score, justification: "test", evidence: [])
        }
        let flags = flag.map { [FlagObservation(signal: $0, severity: .severe, quote: "quoted words", round: 1, questionID: "q", adaptation: nil, adaptationQuote: nil)] } ?? []
        return Scorecard(interviewer: persona.id, name: persona.name, role: persona.role, strictness: persona.strictness,
                         rounds: [1], ratings: Array(ratings), redFlags: flags, adaptations: [], notes: [],
                         recommendation: recommendation, recommendationReason: "test")
    }

    func run(_ cards: [Scorecard], model: DecisionModelKind = .standard, pool: String = "typical") -> Verdict {
        let rounds = cards.enumerated().map { RoundRecord(number: $0.offset + 1, interviewer: $0.element.interviewer, track: .ml, exchanges: []) }
        return Debrief(banks: banks).run(cards: cards, rounds: rounds,
                                         options: .init(model: model, pool: banks.pool(pool)!, settings: banks.decision))
    }

    @Test("the practice plan names each dimension once, and only its first gap is 'the biggest mover'")
    func practicePlanDistinct() {
        // Strong everywhere but one dimension: one gap, then headroom elsewhere.
        let strong = card("lena", score: 4, .strongHire)
        var one = strong
        one.ratings[0].score = 3.0
        one.ratings[0].rating = 3
        for cards in [[one], [card("dev", score: 2.0, .leanNoHire), card("lena", score: 2.2, .leanNoHire)]] {
            let plan = run(cards).practicePlan
            #expect((2...3).contains(plan.count))
            let dimensions = plan.map { $0.title.replacingOccurrences(of: "Keep raising ", with: "").replacingOccurrences(of: "Raise ", with: "") }
            #expect(Set(dimensions).count == dimensions.count, "\(plan.map(\.title))")
            #expect(plan.filter { $0.why.contains("more than any other") }.count <= 1, "\(plan.map(\.why))")
        }
    }

    @Test("a borderline candidate gets an offer against a weak pool and not against a strong pool")
    func calibration() {
        // Raw scores chosen so that, strictness removed, every card sits near 2.8.
        let cards = [card("maya", score: 2.8, .leanHire), card("dev", score: 2.5, .leanHire),
                     card("lena", score: 3.0, .leanHire), card("sam", score: 2.7, .leanHire)]
        let weak = run(cards, pool: "weak")
        let strong = run(cards, pool: "strong")
        #expect(weak.composite == strong.composite)
        #expect(weak.calibration.percentile > 50 && strong.calibration.percentile < 50)
        #expect(weak.decision.decision == .hire)
        #expect(strong.decision.decision == .noHire)
        #expect(strong.decision.rule.contains("below the bar"))
    }

    @Test("under amazon a bar raiser's no hire overturns the hiring manager's hire; under standard it does not")
    func barRaiserVeto() {
        let cards = [card("maya", score: 3.4, .hire), card("dev", score: 3.2, .hire),
                     card("lena", score: 3.3, .hire), card("sam", score: 3.3, .hire), card("ren", score: 1.8, .noHire)]
        let amazon = run(cards, model: .amazon)
        #expect(amazon.decision.decision == .noHire)
        #expect(amazon.decision.rule.contains("bar raiser veto"))
        #expect(amazon.decision.steps.contains { $0.contains("overturned") })
        let standard = run(cards, model: .standard)
        #expect(standard.decision.decision == .hire)
    }

    @Test("under standard, three hires and one strong no hire with evidence is reported as a split and decided by the rule")
    func split() throws {
        let cards = [card("maya", score: 3.4, .hire), card("dev", score: 3.2, .hire),
                     card("lena", score: 3.3, .hire), card("sam", score: 1.2, .strongNoHire, flag: "blame")]
        let verdict = run(cards)
        let split = try #require(verdict.decision.split)
        #expect(split.forHire.count == 3 && split.against == ["Sam Whitaker"])
        #expect(split.dissent.contains("blaming others") && split.dissent.contains("quoted words"))
        // 3 of 4 is exactly the 75% the rule needs.
        #expect(verdict.decision.decision == .hire)
        #expect(verdict.decision.rule.contains("split"))
        // With a stricter alignment setting the same panel is a no hire.
        var settings = banks.decision
        settings.alignment = 0.8
        let rounds = cards.enumerated().map { RoundRecord(number: $0.offset + 1, interviewer: $0.element.interviewer, track: .ml, exchanges: []) }
        let strict = Debrief(banks: banks).run(cards: cards, rounds: rounds, options: .init(model: .standard, pool: banks.pool("typical")!, settings: settings))
        #expect(strict.decision.decision == .noHire)
        #expect(strict.decision.rule.contains("aligned"))
    }

    @Test("google: the committee hires by consensus, holds without it")
    func committee() {
        let allHire = [card("maya", score: 3.4, .hire), card("dev", score: 3.2, .hire), card("lena", score: 3.3, .leanHire)]
        #expect(run(allHire, model: .google).decision.decision == .hire)
        let mixed = [card("maya", score: 3.4, .hire), card("dev", score: 2.3, .leanNoHire), card("lena", score: 3.3, .hire)]
        let held = run(mixed, model: .google)
        #expect(held.decision.decision == .hold)
        #expect(held.decision.toResolve != nil)
    }

    @Test("normalization removes each interviewer's strictness before aggregating")
    func normalization() throws {
        // dev is strict (+0.3), lena generous (-0.2): the same raw 3.0 means different things.
        let verdict = run([card("dev", score: 3.0, .hire), card("lena", score: 3.0, .hire)])
        let dev = try #require(verdict.presentations.first { $0.interviewer == "dev" })
        let lena = try #require(verdict.presentations.first { $0.interviewer == "lena" })
        #expect(dev.rawMean == 3.0 && lena.rawMean == 3.0)
        #expect(abs(dev.normalizedMean - 3.3) < 0.001)
        #expect(abs(lena.normalizedMean - 2.8) < 0.001)
    }

    @Test("'I love hands-on coding' in round 1 and 'I want to move into management' in round 3 are reported as inconsistent, with both quotes and rounds")
    func inconsistency() throws {
        var script = Script(seed: 3)
        script.round("sam", track: .behavioral, [.init(question: "beh-career-three-years",
            answer: "I love hands-on coding, and in three years I want to be the engineer who designs our ranking stack end to end.")])
        script.round("maya", track: .behavioral, [.init(question: "beh-fail-my-mistake", answer: Answers.mistakeStrong)])
        script.round("ren", track: .behavioral, [.init(question: "beh-career-why-now",
            answer: "I'm leaving because I want to move into management and lead a team of six within two years.")])
        let verdict = script.verdict()
        let found = try #require(verdict.inconsistencies.first)
        #expect(found.first.round == 1 && found.second.round == 3)
        #expect(found.first.quote.contains("I love hands-on coding"))
        #expect(found.second.quote.contains("move into management"))
        #expect(verdict.sinks.contains { $0.kind == .inconsistency })
        #expect(verdict.but.contains("hands-on coding") && verdict.but.contains("management"))
    }

    @Test("a panel with nothing memorable is told so; the practice plan has two or three items")
    func sinksAndPlan() {
        var script = Script(seed: 4)
        script.round("dev", track: .ml, [.init(question: "ml-eval-fraud-accuracy", answer: "We did some testing and the accuracy was fine, so it seemed okay to ship.")])
        script.round("lena", track: .ml, [.init(question: "ml-sys-marketplace-search", answer: "We would build a ranking model and kind of tune it with best practices.")])
        let verdict = script.verdict()
        #expect(verdict.sinks.contains { $0.kind == .noStandout })
        #expect(verdict.sinks.contains { $0.kind == .lackOfSpecificity })
        #expect((2...3).contains(verdict.practicePlan.count))
        #expect(verdict.decision.decision == .noHire)
        #expect(!verdict.summary.isEmpty && verdict.summary.contains("2 rounds"))
    }

    @Test("scorecards are independent: a card depends only on its own interviewer's rounds")
    func independence() {
        let base = onsite(response: "Good point - it's a proxy; I'd A/B test it and roll back if retention drops.")
        // Change only Ren's round: every other card must stay the same.
        let cards = Panel(banks: banks).scorecards(for: base.rounds)
        var rounds = base.rounds
        rounds[3].exchanges[0].analysis = Fixtures.analyze("We did some stuff.", "beh-own-incident-call")
        let otherCards = Panel(banks: banks).scorecards(for: rounds)
        #expect(cards.prefix(3) == otherCards.prefix(3))
        #expect(cards[3] != otherCards[3])
    }

    @Test("determinism: the same answers and seed give byte-identical JSON")
    func determinism() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let a = onsite(response: "That's a hypothetical.")
        let b = onsite(response: "That's a hypothetical.")
        #expect(try encoder.encode(a.verdict()) == encoder.encode(b.verdict()))
        #expect(try encoder.encode(a.rounds) == encoder.encode(b.rounds))
        let q = Fixtures.question("ml-eval-fraud-accuracy")
        let r1 = ScoreReport.make(banks: banks, question: q, matched: true, similarity: 1, answer: Answers.carouselStrong, seed: 9)
        let r2 = ScoreReport.make(banks: banks, question: q, matched: true, similarity: 1, answer: Answers.carouselStrong, seed: 9)
        #expect(try encoder.encode(r1) == encoder.encode(r2))
    }
}
