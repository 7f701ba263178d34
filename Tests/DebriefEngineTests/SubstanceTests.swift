import DebriefEngine
import Foundation
import Testing

/// The stance of the first match of `pattern` in `text`.
private func stance(of pattern: String, in text: String) throws -> Stance? {
    let clauses = ClauseMap(Tokenizer.tokenize(text).withoutFillers())
    return PointDetector.hits([try PhrasePattern(pattern)], in: clauses).first?.stance
}

@Suite("Clauses: agent and stance")
struct ClauseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var term: String
        var stance: Stance
        var testDescription: String { "\(stance.rawValue): \(text)" }
    }

    static let stances: [Case] = [
        // Affirmed and conditional plans count.
        .init(text: "We set up a holdout by time before launch.", term: "holdout", stance: .affirmed),
        .init(text: "I'd recalibrate the scores if the reliability curve drifts.", term: "recalibrate", stance: .conditional),
        // Negation before the term, and a double negative.
        .init(text: "We never set up monitoring for it.", term: "monitoring", stance: .negated),
        .init(text: "I wouldn't ship without a rollback plan.", term: "rollback", stance: .conditional),
        // Negation and dismissal after the term.
        .init(text: "Holding out by time is overkill here.", term: "holding out", stance: .dismissed),
        .init(text: "Alerting wasn't something we needed.", term: "alerting", stance: .dismissed),
        .init(text: "A canary isn't necessary for a change this small.", term: "canary", stance: .dismissed),
        .init(text: "Rollback criteria weren't required for this one.", term: "rollback criteria", stance: .dismissed),
        // Dismissal before the term.
        .init(text: "Let's skip the bias audit, there's no time.", term: "bias audit", stance: .dismissed),
        .init(text: "We didn't bother with a time-based split.", term: "time based split", stance: .dismissed),
        .init(text: "I decided against a shadow deployment.", term: "shadow deployment", stance: .dismissed),
        .init(text: "I wouldn't skip the canary.", term: "canary", stance: .conditional),
        // "considered X but": the contrast wins.
        .init(text: "We considered a canary, but it felt like overhead.", term: "canary", stance: .dismissed),
        .init(text: "Rollback criteria are good practice, but they weren't needed here.", term: "rollback criteria", stance: .dismissed),
        .init(text: "I'd add monitoring, but the bigger issue is calibration.", term: "monitoring", stance: .conditional),
        // Mentioning is not applying.
        .init(text: "Shadow mode, canary, guardrails, rollback, drift alerts, fairness audit.", term: "rollback", stance: .listed),
        .init(text: "I'd use shadow mode, canary, guardrails, rollback, drift alerts, fairness audit.", term: "rollback", stance: .listed),
        .init(text: "I'd train on 5k, 10k and 25k rows and plot validation error.", term: "plot", stance: .conditional),
        // Run-on speech: a new subject ends the negation's scope; a complement clause keeps it.
        .init(text: "instead of silencing them we sent the alerts to a digest", term: "sent the alerts", stance: .affirmed),
        .init(text: "It's not that I care too much", term: "care too much", stance: .negated),
    ]

    @Test("the stance of a term in its clause", arguments: stances)
    func stanceOfTerm(_ c: Case) throws {
        #expect(try stance(of: c.term, in: c.text) == c.stance)
    }

    @Test("the agent of a clause: I, we or the team, someone else, passive")
    func agents() {
        func agent(_ text: String) -> Agent? {
            ClauseMap(Tokenizer.tokenize(text)).clauses.first { $0.isAction }?.agent
        }
        #expect(agent("I decided to roll back.") == .me)
        #expect(agent("The team decided to roll back.") == .we)
        #expect(agent("We shipped it on Friday.") == .we)
        #expect(agent("My manager decided to ship.") == .other)
        #expect(agent("It was decided to ship anyway.") == .passive)
        // The subject carries over to a clause that has none of its own.
        let clauses = ClauseMap(Tokenizer.tokenize("I checked the logs, found the bug, and fixed it."))
        #expect(clauses.clauses.filter(\.isAction).allSatisfy { $0.agent == .me })
    }

    @Test("spoken fillers and false starts leave the content: 'I I um decided' is 'I decided'")
    func fillers() throws {
        #expect(try stance(of: "i decided", in: "so um I I basically decided to, you know, roll it back") == .affirmed)
        let words = Tokenizer.tokenize("it was like 40% and I'd like to check").withoutFillers().tokens.map(\.text)
        #expect(words == ["it", "was", "40%", "and", "i'd", "like", "to", "check"])
    }
}

@Suite("Substance: key points, dismissal, lists, ownership, caps")
struct SubstanceTests {
    let banks = Fixtures.banks

    @Test("every question's key points are detected in their examples and not in their near misses")
    func keyPointExamples() {
        for question in banks.questions {
            for point in question.keyPoints {
                for example in point.examples {
                    #expect(PointDetector.detects(point.patterns, in: example), "\(point.id): \(example)")
                }
                for miss in point.misses {
                    #expect(!PointDetector.detects(point.patterns, in: miss), "\(point.id) near miss: \(miss)")
                }
            }
            #expect((3...6).contains(question.keyPoints.count), "\(question.id)")
            #expect(question.keyPoints.contains { $0.isCrux }, "\(question.id) has no crux")
            #expect(!question.misconceptions.isEmpty, "\(question.id) has no misconception")
        }
    }

    @Test("the calibration question: the right answer beats a fluent wrong one")
    func rightBeatsFluent() {
        let id = "ml-fund-reweighted-calibration"
        let question = Fixtures.question(id)
        let crux = question.keyPoints.filter(\.isCrux)
        #expect(!crux.isEmpty)
        // An answer made of the crux points' own example sentences, against a confident answer
        // about a bigger model with a canary and rollback thresholds.
        let right = crux.map { $0.examples[0] }.joined(separator: " ")
        let fluent = "I'd move to a bigger transformer and roll it out to a 5% canary with clear rollback thresholds on latency and error rate, monitoring drift daily with alerts to on-call."
        let r = Fixtures.analyze(right, id), f = Fixtures.analyze(fluent, id)
        #expect(r.score > f.score, "right \(r.score), fluent \(f.score)")
        #expect(f.keyPointsMissed?.contains { banks.keyPoint($0)?.isCrux == true } == true)
    }

    @Test("a dismissed safeguard earns nothing and becomes a named concern with its quote")
    func dismissedSafeguard() throws {
        let analysis = Fixtures.analyze("I'd ship it on Monday. Rollback criteria aren't necessary for a change this small.", "ml-eval-carousel-ab-test")
        #expect(!analysis.positives.contains { $0.signal == "rollback-plan" })
        let concern = try #require(analysis.redFlags.first { $0.signal == Analyzer.Derived.dismissedSafeguard })
        #expect(concern.quote.lowercased().contains("rollback"))
    }

    struct Applied: Sendable, CustomTestStringConvertible {
        var question: String
        var plan: String
        var testDescription: String { question }
    }

    static let applied: [Applied] = [
        .init(question: "ml-eval-carousel-ab-test",
              plan: "I'd keep a 5% holdout for two more weeks and decide on watch time per user, and roll back if watch time drops more than 1% against the holdout; on-call can revert with one flag."),
        .init(question: "ml-eval-fraud-accuracy",
              plan: "I'd leave a random 1% of transactions unscored for a month to measure the fraud we miss, and roll back the threshold if the review queue passes 500 a day."),
    ]

    @Test("list capping: the same safeguards listed earn less than applied to the question", arguments: applied)
    func listedEarnsLess(_ c: Applied) {
        let listed = Fixtures.analyze("Holdout, canary, rollback, monitoring, alerts, guardrails.", c.question)
        let plan = Fixtures.analyze(c.plan, c.question)
        #expect(plan.score > listed.score, "applied \(plan.score), listed \(listed.score)")
        #expect(!(listed.listed ?? []).isEmpty)
        #expect(listed.positives.filter { !$0.signal.hasPrefix("kp:") }.isEmpty, "\(listed.positives.map(\.signal))")
    }

    @Test("plain-words ownership is seen; a concession is not shifting ownership")
    func plainWordsOwnership() {
        let owned = Fixtures.signals(in: "The slip was my doing: I promised the date before checking with the data team.")
        #expect(owned.contains("first-person-ownership"))
        let concession = Fixtures.analyze("Her design was better than mine and I was partly wrong, so I changed my plan and we shipped hers.", "beh-conf-technical-disagreement")
        #expect(!concession.redFlags.contains { $0.signal == "shifting-ownership" && $0.severity == .severe })
        #expect(!concession.redFlags.contains { $0.signal == "blame" })
    }

    @Test("a story told only with 'we' and passive decisions gets shifting ownership; the same story with 'I' does not")
    func weVersusI() {
        let id = "beh-lead-no-authority"
        let we = Fixtures.analyze("We had four teams to migrate by March. We set up a weekly check-in, we wrote an adapter, and it was decided to slip one roadmap item. The teams were migrated a week early.", id)
        let i = Fixtures.analyze("We had four teams to migrate by March. I set up a weekly check-in, I wrote an adapter, and I decided to slip one roadmap item of mine. The teams were migrated a week early.", id)
        #expect(we.redFlags.contains { $0.signal == "shifting-ownership" })
        #expect(!i.redFlags.contains { $0.signal == "shifting-ownership" })
        #expect(i.score > we.score)
        #expect((i.ownershipShare ?? 0) > (we.ownershipShare ?? 1))
    }

    @Test("deciding to hide an outage is a severe flag and earns no ownership credit")
    func concealment() {
        let analysis = Fixtures.analyze("I decided not to tell the affected customers about the outage since they hadn't noticed.", "beh-own-incident-call")
        #expect(analysis.redFlags.contains { $0.severity == .severe })
        #expect(!analysis.positives.contains { $0.signal == "first-person-ownership" && $0.quote.lowercased().hasPrefix("i decided") })
    }

    @Test("fillers are not vagueness; 'I don't know, maybe' before content is not deflection")
    func spokenRegister() {
        let signals = Fixtures.signals(in: "so um I kind of basically think I don't know maybe we'd cap the threshold at the top 500 a day")
        #expect(!signals.contains("vagueness"))
        #expect(!signals.contains("deflection"))
    }

    @Test("an answer pasted from another question is named off-topic and capped")
    func offTopic() throws {
        let pasted = try #require(Fixtures.question("beh-lead-no-authority").examples?.strong)
        let analysis = Fixtures.analyze(pasted, "ml-eval-fraud-accuracy")
        #expect(analysis.offTopic == true)
        #expect(analysis.redFlags.contains { $0.signal == Analyzer.Derived.offTopic })
        #expect(analysis.ratings.allSatisfy { $0.rating <= 2 })
    }

    @Test("a bank's strong example loses at least a level against a question of another area (most of them)")
    func strongExamplesAreQuestionSpecific() {
        let withExamples = banks.questions.filter { $0.examples?.strong != nil }
        var dropped = 0
        for (index, question) in withExamples.enumerated() {
            // The next question with an example from a different area, wrapping around.
            guard let other = (withExamples[(index + 1)...] + withExamples[..<index]).first(where: { $0.area != question.area }) else { continue }
            let own = Fixtures.analyze(question.examples!.strong!, question.id).score
            let elsewhere = Fixtures.analyze(question.examples!.strong!, other.id).score
            if own - elsewhere >= 1 { dropped += 1 }
        }
        #expect(Double(dropped) >= 0.8 * Double(withExamples.count), "\(dropped) of \(withExamples.count)")
    }

    @Test("repeating an earlier answer of the session is named")
    func repeatedAnswer() throws {
        let answer = "I would look at the data carefully, talk to the stakeholders and pick the option with the best trade-off for users."
        let analysis = Analyzer(banks: banks).analyze(answer, for: Fixtures.question("ml-eval-fraud-accuracy"), earlier: [answer])
        #expect(analysis.redFlags.contains { $0.signal == Analyzer.Derived.repeatedAnswer })
        let fresh = Analyzer(banks: banks).analyze(answer, for: Fixtures.question("ml-eval-fraud-accuracy"))
        #expect(!fresh.redFlags.contains { $0.signal == Analyzer.Derived.repeatedAnswer })
    }

    @Test("a short answer that hits the crux earns a top rating; length adds nothing")
    func shortAndStrong() {
        let id = "ml-eval-fraud-accuracy"
        let short = "Don't ship on that. A model that never flags anything gets 99.7%, so 99.6% is worse than nothing. I'd measure precision and recall on the top 500 scores a day, since that's what ops can review, and set the threshold by trading missed fraud dollars against review load."
        let analysis = Fixtures.analyze(short, id)
        #expect(analysis.ratings.contains { $0.rating == 4 }, "\(analysis.ratings.map(\.rating))")
        let padded = Fixtures.analyze(short + String(repeating: " The office has a nice view of the river.", count: 1), id)
        #expect(abs(padded.score - analysis.score) < 0.25, "one irrelevant sentence moved the score \(analysis.score) → \(padded.score)")
    }
}

@Suite("Pushbacks never presuppose")
struct PushbackRequiresTests {
    let banks = Fixtures.banks

    @Test("a pushback with 'requires' is asked only when the answer says what it refers to")
    func requiresHonoured() throws {
        let question = Fixtures.question("ml-eval-carousel-ab-test")
        let authored = try #require(question.pushbacks.first { $0.id == "keep-running" })
        #expect(!authored.requires.isEmpty)
        let chooser = PushbackChooser(banks: banks)
        func choice(_ answer: String) -> Pushback? {
            chooser.choose(for: Fixtures.analyze(answer, question.id), question: question, parts: [answer], used: [], seed: 1)
        }
        // Both answers hedge; only the second says "keep it running", which the text quotes.
        let hedge = try #require(choice("It depends on a lot of factors, so it's hard to say."))
        #expect(hedge.trigger == .flag("hedge-no-decision"))
        #expect(hedge.id != "ml-eval-carousel-ab-test/keep-running", "asked of an answer that never said it")
        let said = try #require(choice("Let's keep it running and see, it depends."))
        #expect(said.id == "ml-eval-carousel-ab-test/keep-running")
    }

    @Test("the crux first: a missing crux is challenged with the bank's pushback for it")
    func cruxPushback() throws {
        let question = Fixtures.question("ml-eval-fraud-accuracy")
        let analysis = Fixtures.analyze("I'd tell them to look at F1 or something and then ship.", question.id)
        let pushback = try #require(PushbackChooser(banks: banks).choose(for: analysis, question: question, parts: [], used: [], seed: 1))
        #expect(pushback.source == .bank)
        #expect(pushback.trigger.signal.hasPrefix("kp:") || pushback.trigger.signal.hasPrefix("mc:"), "\(pushback.trigger)")
    }

    @Test("generic pushbacks and authored ones without 'requires' presuppose nothing")
    func lintRule() {
        #expect(PushbackText.presupposition(in: "You keep saying \"we aligned\". What did you do?") != nil)
        #expect(PushbackText.presupposition(in: "With a sigmoid per tag you now need thresholds.") != nil)
        #expect(PushbackText.presupposition(in: "What did you decide or do yourself here?") == nil)
        #expect(PushbackText.presupposition(in: "You said \"{quote}\". Why?") == nil)
        #expect(PushbackText.presupposition(in: "Which part of your platform would break first?") == nil)
        for signal in banks.lexicon.signals {
            for text in signal.pushbacks { #expect(PushbackText.presupposition(in: text) == nil, "\(signal.id): \(text)") }
        }
    }
}

@Suite("Questions in the user's own words")
struct FreeTextQuestionTests {
    let matcher = QuestionMatcher(banks: Fixtures.banks)

    @Test("a paraphrase of a bank question is matched back to it", arguments: [
        ("Fraud is only 0.3% of transactions and my teammate's model gets 99.6% accuracy. Should we ship it?", "ml-eval-fraud-accuracy"),
        ("Our carousel test shows clicks up 4% but watch time slightly down and the lift shrinking each day. Would you launch Friday?", "ml-eval-carousel-ab-test"),
        ("Tell me about a technical disagreement with a colleague and how it got resolved.", "beh-conf-technical-disagreement"),
    ])
    func paraphrase(_ text: String, _ id: String) {
        let match = matcher.match(text)
        #expect(match.matched && match.question.id == id, "\(match.question.id) at \(match.similarity)")
    }

    @Test("a question that shares only common words with a bank prompt is not matched to it")
    func noFalseMatch() {
        let match = matcher.match("How do you decide when to retrain a model?")
        #expect(!match.matched, "matched \(match.question.id)")
        #expect(match.question.track == .ml)
    }

    @Test("otherwise the closest area judges it, with that area's key points")
    func closestArea() throws {
        let match = matcher.match("Tell me about a time you led a project without formal authority")
        #expect(!match.matched)
        #expect(match.question.track == .behavioral)
        #expect(["leadership", "influence"].contains(match.question.area), "\(match.question.area)")
        let points = Analyzer(banks: Fixtures.banks).keyPoints(for: match.question)
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { $0.id.hasPrefix("kp:area:\(match.question.area)/") })
    }
}
