import DebriefEngine
import Testing

@Suite("The signal lexicon")
struct LexiconTests {
    static let signalIDs = Fixtures.banks.lexicon.signals.filter { !$0.derived }.map(\.id)

    @Test("every signal has an example that fires and a near miss that does not", arguments: signalIDs)
    func examples(_ id: String) throws {
        let signal = try #require(Fixtures.banks.lexicon.signal(id))
        #expect(!signal.fires.isEmpty, "\(id) has no firing example")
        #expect(!signal.misses.isEmpty, "\(id) has no near-miss example")
        for text in signal.fires {
            #expect(Fixtures.signals(in: text).contains(id), "\(id) should fire on: \(text)")
        }
        for text in signal.misses {
            #expect(!Fixtures.signals(in: text).contains(id), "\(id) should not fire on: \(text)")
        }
    }

    @Test("a negated mention does not count: 'we never set up monitoring' is not monitoring")
    func negation() {
        let analyzer = Analyzer(banks: Fixtures.banks)
        let (found, negated, _) = analyzer.scan("Honestly we never set up monitoring for it.", source: .answer)
        #expect(!found.map(\.signal).contains("risk-mitigation"))
        #expect(negated.map(\.signal).contains("risk-mitigation"))
        #expect(negated.first { $0.signal == "risk-mitigation" }?.quote == "monitoring")
    }

    @Test("a double negative still counts: 'I wouldn't ship without a rollback plan'")
    func doubleNegation() {
        #expect(Fixtures.signals(in: "I wouldn't ship without a rollback plan.").contains("rollback-plan"))
    }

    @Test("'not just' and 'not only' intensify rather than negate")
    func intensifiers() {
        #expect(Fixtures.signals(in: "The model is not just slow but biased against older applicants.").contains("user-impact-awareness"))
        #expect(!Fixtures.signals(in: "The model is not biased in any way we measured.").contains("user-impact-awareness"))
    }

    @Test("negation stops at the clause: 'no doubt, but I'd monitor it' counts")
    func negationScope() {
        #expect(Fixtures.signals(in: "There was no time, but I set up monitoring anyway.").contains("risk-mitigation"))
        #expect(Fixtures.signals(in: "No, I would add alerts on the error rate.").contains("risk-mitigation"))
    }

    @Test("quoting two people who blame each other is not the candidate blaming anyone")
    func reportedBlame() {
        let quoted = Fixtures.signals(in: "Each of them came to me separately saying the other kept changing things.")
        #expect(!quoted.contains("blame"))
        #expect(!quoted.contains("vagueness"))
        #expect(!Fixtures.signals(in: "They were blaming each other, so I asked both for the timeline.").contains("blame"))
        // Said in the candidate's own voice, it is still blame.
        #expect(Fixtures.signals(in: "Honestly one of them kept changing things without telling anyone.").contains("blame"))
    }

    @Test("a conditional 'anyway' means regardless, not a change of subject")
    func conditionalAnyway() {
        #expect(!Fixtures.signals(in: "Opens reward sending to people who'd order anyway.").contains("deflection"))
        #expect(!Fixtures.signals(in: "Most of that curve orders accounts we'd never review anyway.").contains("deflection"))
        #expect(Fixtures.signals(in: "The team decided to ship anyway.").contains("deflection"))
        #expect(Fixtures.signals(in: "Anyway, let's talk about the architecture.").contains("deflection"))
    }

    @Test("a hedged ending with no decision is flagged; a hedge followed by a decision is not")
    func hedging() {
        #expect(Fixtures.signals(in: "Both have merits. Honestly, it depends.").contains("hedge-no-decision"))
        #expect(!Fixtures.signals(in: "It depends on latency. Given our budget, I'd ship the smaller model.").contains("hedge-no-decision"))
        // Only the ending counts: an early "it depends" resolved later is not hedging.
        #expect(!Fixtures.signals(in: "It depends. I chose the rules engine over the model because reviews are cheap.").contains("hedge-no-decision"))
    }

    @Test("'we decided' is shifting ownership only when the candidate never says what they did")
    func ownershipWithoutPunishingWe() {
        #expect(Fixtures.signals(in: "We decided to delay the launch.").contains("shifting-ownership"))
        let owned = Fixtures.signals(in: "We decided to delay the launch after I recommended it and I owned the plan.")
        #expect(!owned.contains("shifting-ownership"))
        #expect(owned.contains("first-person-ownership"))
    }

    @Test("quoted spans are exact: the quote is the answer's text at the span")
    func spans() throws {
        let answer = "Résumé screening aside, 日本 launch: I'd roll back if errors pass 2% 🚀 within an hour."
        let analysis = Fixtures.analyze(answer, "ml-deploy-eta-rollback")
        let scalars = Array(answer.unicodeScalars)
        #expect(!analysis.evidence.isEmpty)
        for item in analysis.evidence {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[item.span.start..<item.span.end])
            #expect(String(view) == item.quote)
        }
        let rollback = try #require(analysis.first("rollback-plan"))
        #expect(rollback.quote == "roll back")
    }

    @Test("patterns are validated: a malformed pattern is an error, not a crash")
    func patternErrors() {
        #expect(throws: PatternError.self) { try PhrasePattern("... start") }
        #expect(throws: PatternError.self) { try PhrasePattern("end ...") }
        #expect(throws: PatternError.self) { try PhrasePattern("mid*dle") }
        #expect(throws: PatternError.self) { try PhrasePattern("   ") }
        #expect(throws: PatternError.self) { try PhrasePattern("a/ /b") }
    }
}
