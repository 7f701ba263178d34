import DebriefEngine
import Foundation
import Testing

@Suite("Answer analysis")
struct AnalysisTests {
    @Test("a specific, first-person answer with a decision and a rollback plan outscores 'we did some testing'")
    func specificBeatsVague() {
        let strong = """
        I chose the gradient-boosted model over the old heuristic because it cut median ETA error \
        from 4.1 to 2.9 minutes. I'd canary it on 10% of trips, alert on late-arrival complaints, \
        and roll back if error rises above 3.5 minutes for an hour. I decided to own the launch checklist.
        """
        let vague = "We did some testing and it looked fine, so we launched it and things were basically okay."
        let a = Fixtures.analyze(strong, "ml-deploy-eta-rollback")
        let b = Fixtures.analyze(vague, "ml-deploy-eta-rollback")
        #expect(a.score > b.score + 1)
        for rating in a.ratings {
            let other = b.rating(of: rating.competency)!
            #expect(rating.rating > other.rating, "\(rating.competency): \(rating.rating) vs \(other.rating)")
        }
        #expect(a.has("rollback-plan") && a.has("decision-tradeoff") && a.has("first-person-ownership"))
        #expect(b.redFlags.map(\.signal).contains("vagueness"))
    }

    @Test("an answer that blames the deadline and never says 'I' gets a blame red flag and an ownership concern, each quoting the words")
    func blameAndOwnership() throws {
        let answer = """
        The project slipped because of the deadline. The team decided to cut the test plan and we \
        were told to ship anyway, so it broke in production. Honestly the whole thing was set up to fail.
        """
        let analysis = Fixtures.analyze(answer, "beh-fail-my-mistake")
        let blame = try #require(analysis.redFlags.first { $0.signal == "blame" })
        #expect(blame.quote == "because of the deadline")
        #expect(blame.severity == .severe)
        let ownership = try #require(analysis.redFlags.first { $0.signal == "shifting-ownership" })
        #expect(ownership.quote == "The team decided")
        #expect(!analysis.has("first-person-ownership"))
        let rating = try #require(analysis.rating(of: "ownership"))
        #expect(rating.rating <= 2)
        #expect(rating.justification.contains("The team decided") || rating.justification.contains("because of the deadline"))
    }

    @Test("every rating has a one-sentence justification that quotes the answer")
    func justificationsQuote() {
        for (answer, id) in [(Answers.searchStrong, "ml-sys-marketplace-search"), ("We kind of tried some stuff.", "ml-sys-marketplace-search")] {
            let analysis = Fixtures.analyze(answer, id)
            #expect(analysis.ratings.count == Fixtures.question(id).competencies.count)
            for rating in analysis.ratings {
                #expect((1...4).contains(rating.rating))
                #expect(rating.justification.hasSuffix("."))
                let quoted = rating.justification.components(separatedBy: "\u{201C}").dropFirst().compactMap { $0.components(separatedBy: "\u{201D}").first }
                #expect(!quoted.isEmpty, "no quote in: \(rating.justification)")
                for quote in quoted {
                    let words = quote.replacingOccurrences(of: "…", with: "")
                    #expect(answer.contains(words), "“\(words)” is not in the answer")
                }
            }
        }
    }

    @Test("gaps list the rubric signals the answer lacks")
    func gaps() {
        let analysis = Fixtures.analyze("I'd ship it behind a flag.", "ml-eval-carousel-ab-test")
        let missing = analysis.gaps.map(\.signal)
        #expect(missing.contains("metric-as-proxy"))
        #expect(missing.contains("rollback-plan"))
        #expect(!missing.contains("clear-decision"))
    }

    @Test("analysis is deterministic")
    func deterministic() throws {
        let a = Fixtures.analyze(Answers.carouselStrong, "ml-eval-carousel-ab-test")
        let b = Fixtures.analyze(Answers.carouselStrong, "ml-eval-carousel-ab-test")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(a) == encoder.encode(b))
    }

    @Test("answer input: empty, punctuation only, oversize and invalid UTF-8 are refused; control characters are cleaned")
    func answerInput() throws {
        #expect(AnswerInput.validate("   \n ") == .failure(.empty))
        #expect(AnswerInput.validate("?! ... --- !!") == .failure(.noWords))
        #expect(AnswerInput.validate(String(repeating: "word ", count: 200_000)) == .failure(.tooLong(bytes: 1_000_000)))
        #expect(AnswerInput.validate(bytes: [0x49, 0x20, 0xFF, 0x61]) == .failure(.invalidUTF8(byteOffset: 2)))
        let cleaned = try AnswerInput.validate("I decided\u{07} to roll\u{00} back\r\nthen").get()
        #expect(cleaned == "I decided  to roll  back\nthen")
        #expect(try AnswerInput.validate(bytes: Array("héllo 日本 🚀".utf8)).get() == "héllo 日本 🚀")
    }

    @Test("a free-text question is matched to the closest bank question, or classified by its wording")
    func questionMatching() {
        let matcher = QuestionMatcher(banks: Fixtures.banks)
        let bank = Fixtures.question("ml-eval-fraud-accuracy")
        let close = matcher.match(bank.prompt.replacingOccurrences(of: "teammate", with: "colleague"))
        #expect(close.matched && close.question.id == bank.id)
        let behavioral = matcher.match("Tell me about a time you disagreed with your manager.")
        #expect(!behavioral.matched && behavioral.question.track == .behavioral)
        let ml = matcher.match("How would you detect drift in an embedding model's features?")
        #expect(!ml.matched && ml.question.track == .ml)
        #expect(!ml.question.competencies.isEmpty && !ml.question.strongSignals.isEmpty)
    }
}
