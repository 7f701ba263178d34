import DebriefEngine
import Testing

@Suite("The debrief: incomplete rounds and consistency")
struct DebriefRepairTests {
    let banks = Fixtures.banks

    /// An onsite loop where the bar raiser's round was cut short after one weak answer.
    func cutShort() -> (Script, [UnheardRound]) {
        var script = Script(seed: 5)
        script.round("dev", track: .ml, [.init(question: "ml-eval-carousel-ab-test", answer: Answers.carouselStrong)])
        script.round("lena", track: .ml, [.init(question: "ml-sys-marketplace-search", answer: Answers.searchStrong)])
        script.round("maya", track: .behavioral, [.init(question: "beh-fail-my-mistake", answer: Answers.mistakeStrong)])
        script.round("ren", track: .behavioral, [.init(question: "beh-own-incident-call", answer: "Things happened and it was fine.")])
        let planned = script.rounds.map { round in
            (round: round.number, persona: banks.persona(round.interviewer)!, questions: round.number == 4 ? 2 : 1)
        }
        var answered: [Int: Int] = [:]
        for round in script.rounds { answered[round.number] = round.exchanges.count }
        return (script, UnheardRound.find(planned: planned, answered: answered))
    }

    @Test("a round cut short gets no card and no veto, and the debrief names who did not get to ask")
    func incompleteRound() throws {
        let (script, unheard) = cutShort()
        #expect(unheard.map(\.round) == [4])
        let heard = Debrief.heard(script.rounds, unheard: unheard)
        let cards = Panel(banks: banks).scorecards(for: heard)
        #expect(!cards.contains { $0.interviewer == "ren" }, "no card for the round cut short")
        let verdict = Debrief(banks: banks).run(cards: cards, rounds: heard,
                                                options: .init(model: .amazon, pool: banks.pool("typical")!, settings: banks.decision),
                                                unheard: unheard)
        #expect(!verdict.decision.rule.contains("veto"), "\(verdict.decision.rule)")
        #expect(verdict.summary.contains("Round 4"), "\(verdict.summary)")
        #expect(verdict.summary.contains(banks.persona("ren")!.name))
        #expect(verdict.unheard?.first?.asked == 1 && verdict.unheard?.first?.planned == 2)
    }

    @Test("with no round finished there is no card and no decision to make: hold, not no hire")
    func nothingHeard() {
        let (script, _) = cutShort()
        let first = Array(script.rounds.prefix(1))
        let unheard = [UnheardRound(round: 1, interviewer: "dev", name: banks.persona("dev")!.name, role: .interviewer, asked: 1, planned: 3)]
        let heard = Debrief.heard(first, unheard: unheard)
        #expect(heard.isEmpty)
        let verdict = Debrief(banks: banks).run(cards: [], rounds: heard,
                                                options: .init(model: .amazon, pool: banks.pool("typical")!, settings: banks.decision),
                                                unheard: unheard)
        #expect(verdict.decision.decision == .hold)
        #expect(verdict.recommendation > .noHire)
        #expect(verdict.sinks.isEmpty)
    }

    @Test("a lead interviewer stands in only when the loop has no hiring manager; otherwise the manager was not reached")
    func hiringManagerNotReached() {
        let (script, _) = cutShort()
        let rounds = Array(script.rounds.prefix(2))
        let unheard = [UnheardRound(round: 3, interviewer: "maya", name: "Maya", role: .hiringManager, asked: 0, planned: 1)]
        let cards = Panel(banks: banks).scorecards(for: rounds)
        let verdict = Debrief(banks: banks).run(cards: cards, rounds: rounds,
                                                options: .init(model: .standard, pool: banks.pool("typical")!, settings: banks.decision),
                                                unheard: unheard)
        let steps = verdict.decision.steps.joined(separator: " ")
        #expect(steps.contains("was not reached"), "\(steps)")
        #expect(!steps.contains("no hiring manager in this loop"), "\(steps)")
    }

    @Test("decisions in two different hypothetical scenarios are never an inconsistency")
    func hypotheticalsDiffer() {
        var script = Script(seed: 3)
        script.round("dev", track: .ml, [.init(question: "ml-eval-carousel-ab-test",
                                               answer: "I decided we should not launch on Friday; I'd run a second week and decide on watch time.")])
        script.round("lena", track: .ml, [.init(question: "ml-sys-marketplace-search",
                                                answer: "The team decided to ship the new ranker behind a holdback, and it was decided to watch bookings per search.")])
        #expect(script.verdict().inconsistencies.isEmpty)
    }

    @Test("a career-direction flip across rounds is an inconsistency, quoted from both")
    func careerFlip() throws {
        var script = Script(seed: 3)
        script.round("maya", track: .behavioral, [.init(question: "beh-career-ic-or-manager",
                                                        answer: "I love hands-on coding and want to stay close to the code for the next five years.")])
        script.round("ren", track: .behavioral, [.init(question: "beh-career-three-years",
                                                       answer: "In two years I want to move into management and lead a team of my own.")])
        let verdict = script.verdict()
        let inconsistency = try #require(verdict.inconsistencies.first)
        #expect(inconsistency.first.round == 1 && inconsistency.second.round == 2)
        #expect(verdict.but.contains("which version"), "\(verdict.but)")
    }
}
