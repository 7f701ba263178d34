import Foundation

/// The debrief meeting: turns independent scorecards into a verdict.
///
/// Order, as in a real debrief: normalize strictness, aggregate with track weights, classify
/// red flags (fatal when severe, repeated and uncoached), look for what sinks candidates,
/// calibrate against the pool, then apply the decision model and say which rule decided.
public struct Debrief: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    public struct Options: Sendable {
        public var model: DecisionModelKind
        public var pool: Pool
        public var settings: DecisionSettings
        public init(model: DecisionModelKind, pool: Pool, settings: DecisionSettings) {
            self.model = model
            self.pool = pool
            self.settings = settings
        }
    }

    /// The rounds that count: a round cut short or never reached gets no card and no vote.
    public static func heard(_ rounds: [RoundRecord], unheard: [UnheardRound]) -> [RoundRecord] {
        rounds.filter { round in !unheard.contains { $0.round == round.number } && !round.exchanges.isEmpty }
    }

    /// `cards` are the heard rounds' cards; `unheard` names the rounds that were cut short or
    /// never reached, so the debrief can say who did not get to ask.
    public func run(cards: [Scorecard], rounds: [RoundRecord], options: Options, unheard: [UnheardRound] = []) -> Verdict {
        let tracks = Set(rounds.map(\.track))
        let competencies = summarize(cards, tracks: tracks)
        let flags = classifyFlags(cards)
        let inconsistencies = findInconsistencies(rounds)
        // With no card there is no packet to sink.
        let sinks = cards.isEmpty ? [] : findSinks(cards: cards, rounds: rounds, flags: flags, inconsistencies: inconsistencies)

        var weighted = 0.0, weights = 0.0
        for summary in competencies {
            weighted += summary.normalized * summary.weight
            weights += summary.weight
        }
        let base = weights > 0 ? weighted / weights : 1
        let composite = round2(max(1, base - sinks.map(\.penalty).reduce(0, +)))
        let percentile = options.pool.percentile(of: composite)
        let calibration = Calibration(pool: options.pool.id, composite: composite, percentile: percentile,
                                      bar: options.settings.barPercentile, clearsBar: percentile >= options.settings.barPercentile)

        let trace = decide(cards: cards, flags: flags, calibration: calibration, options: options, unheard: unheard)
        var recommendation = cards.isEmpty ? .leanNoHire : Recommendation.from(score: composite)
        if flags.contains(where: \.fatal) { recommendation = min(recommendation, .noHire) }
        switch trace.decision {
        case .noHire: recommendation = min(recommendation, .leanNoHire)
        case .hire: recommendation = max(recommendation, .leanHire)
        case .hold: break
        }

        let presentations = cards.map(present)
        var summary = opening(cards: cards, rounds: rounds, competencies: competencies, flags: flags, calibration: calibration, pool: options.pool)
        if !unheard.isEmpty {
            summary += " Not heard: " + unheard.map(\.description).joined(separator: "; ") + " - no card, no vote."
        }
        let but = cards.isEmpty ? "No interviewer finished a round, so the panel has nothing to decide on yet."
            : theBut(competencies: competencies, flags: flags, inconsistencies: inconsistencies, sinks: sinks,
                     trace: trace, calibration: calibration, pool: options.pool, cards: cards)
        let plan = practicePlan(competencies: competencies, flags: flags, inconsistencies: inconsistencies, sinks: sinks, rounds: rounds)
        return Verdict(summary: summary, presentations: presentations, competencies: competencies, composite: composite,
                       calibration: calibration, redFlags: flags, inconsistencies: inconsistencies, sinks: sinks,
                       decision: trace, recommendation: recommendation, but: but, practicePlan: plan,
                       unheard: unheard.isEmpty ? nil : unheard)
    }

    // MARK: Normalization and aggregation

    /// A card's rating with the interviewer's strictness removed.
    static func normalized(_ rating: CardRating, _ card: Scorecard) -> Double {
        min(4, max(1, rating.score + card.strictness))
    }

    func summarize(_ cards: [Scorecard], tracks: Set<Track>) -> [CompetencySummary] {
        var order: [String] = []
        var raw: [String: [Double]] = [:], normal: [String: [Double]] = [:]
        for card in cards {
            for rating in card.ratings {
                if raw[rating.competency] == nil { order.append(rating.competency) }
                raw[rating.competency, default: []].append(rating.score)
                normal[rating.competency, default: []].append(Self.normalized(rating, card))
            }
        }
        return order.map { id in
            let weight = tracks.isEmpty ? 1.0 : tracks.sorted().map { banks.profile($0).weights[id] ?? 0 }.max() ?? 1.0
            return CompetencySummary(competency: id, name: banks.name(ofCompetency: id), raw: round2(mean(raw[id]!)),
                                     normalized: round2(mean(normal[id]!)), weight: weight == 0 ? 1.0 : weight,
                                     ratings: raw[id]!.count)
        }
    }

    // MARK: Red flags

    func classifyFlags(_ cards: [Scorecard]) -> [RedFlagFinding] {
        var order: [String] = []
        var observations: [String: [(FlagObservation, String)]] = [:]
        for card in cards {
            for flag in card.redFlags {
                if observations[flag.signal] == nil { order.append(flag.signal) }
                observations[flag.signal, default: []].append((flag, card.interviewer))
            }
        }
        return order.map { id in
            let seen = observations[id]!
            let severity = seen.map(\.0.severity).max() ?? .moderate
            let repeated = Set(seen.map(\.0.round)).count > 1 || Set(seen.map(\.1)).count > 1
            let challenges = seen.compactMap(\.0.adaptation)
            let challenged = !challenges.isEmpty
            let uncoached = challenged && !challenges.contains(where: \.isCoachable)
            return RedFlagFinding(
                signal: id, name: banks.name(ofSignal: id), severity: severity, repeated: repeated, challenged: challenged,
                uncoached: uncoached, fatal: severity == .severe && repeated && uncoached,
                observations: seen.map { .init(round: $0.0.round, interviewer: $0.1, quote: $0.0.quote, adaptation: $0.0.adaptation) })
        }
        .enumerated()
        .sorted { ($0.element.fatal ? 1 : 0, $0.element.severity.rank, $0.element.observations.count, -$0.offset)
                > ($1.element.fatal ? 1 : 0, $1.element.severity.rank, $1.element.observations.count, -$1.offset) }
        .map(\.element)
    }

    // MARK: Consistency

    func findInconsistencies(_ rounds: [RoundRecord]) -> [Inconsistency] {
        var statements: [Statement] = []
        // Only the candidate's own stances and stories can contradict each other: an ML round's
        // answers are decisions in hypothetical scenarios, and two scenarios may rightly differ.
        for round in rounds where round.track == .behavioral {
            for exchange in round.exchanges {
                for item in exchange.analysis.evidence where !(banks.lexicon.signal(item.signal)?.contradicts.isEmpty ?? true) {
                    if !statements.contains(where: { $0.signal == item.signal && $0.round == round.number }) {
                        statements.append(Statement(signal: item.signal, quote: item.excerpt, round: round.number, interviewer: round.interviewer))
                    }
                }
            }
        }
        var found: [Inconsistency] = []
        var pairs: Set<String> = []
        for (i, a) in statements.enumerated() {
            let contradicted = banks.lexicon.signal(a.signal)?.contradicts ?? []
            for b in statements[(i + 1)...] where b.round != a.round && contradicted.contains(b.signal) {
                let key = [a.signal, b.signal].sorted().joined(separator: "|")
                guard pairs.insert(key).inserted else { continue }
                let (first, second) = a.round <= b.round ? (a, b) : (b, a)
                found.append(Inconsistency(
                    first: first, second: second,
                    description: "round \(first.round): \u{201C}\(first.quote)\u{201D} (\(banks.name(ofSignal: first.signal))) vs round \(second.round): \u{201C}\(second.quote)\u{201D} (\(banks.name(ofSignal: second.signal))) - which version would we get?"))
            }
        }
        return found
    }

    // MARK: What sinks candidates

    func findSinks(cards: [Scorecard], rounds: [RoundRecord], flags: [RedFlagFinding], inconsistencies: [Inconsistency]) -> [Sink] {
        var sinks: [Sink] = []
        for inconsistency in inconsistencies.prefix(2) {
            sinks.append(Sink(kind: .inconsistency, detail: inconsistency.description, penalty: 0.15))
        }
        let peak = cards.flatMap { card in card.ratings.map { Self.normalized($0, card) } }.max() ?? 1
        if peak < 3.5 {
            sinks.append(Sink(kind: .noStandout, detail: "no rating reached a clear 4 after normalization (best \(format(peak))): \"fine\" loses to memorable", penalty: 0.1))
        }
        for flag in flags where flag.severity == .severe && flag.uncoached && !flag.repeated {
            let seen = flag.observations[0]
            sinks.append(Sink(kind: .disqualifyingDataPoint,
                              detail: "\(flag.name) in round \(seen.round), \(seen.adaptation?.label ?? "unchallenged") when challenged: \u{201C}\(seen.quote)\u{201D}",
                              penalty: 0))
        }
        let exchanges = rounds.flatMap { round in round.exchanges.map { (round.number, $0) } }
        let vagueRounds = Set(exchanges.filter { $0.1.analysis.has("vagueness") }.map(\.0))
        let unspecific = exchanges.filter { !$0.1.analysis.has("specificity") }.count
        if rounds.count >= 2, vagueRounds.count >= 2 || Double(unspecific) > Double(exchanges.count) / 2 {
            sinks.append(Sink(kind: .lackOfSpecificity,
                              detail: "\(unspecific) of \(exchanges.count) answers gave no number or concrete outcome\(vagueRounds.count >= 2 ? "; vague in rounds \(vagueRounds.sorted().map(String.init).joined(separator: ", "))" : "")",
                              penalty: 0.1))
        }
        return sinks
    }

    // MARK: Decision models

    func decide(cards: [Scorecard], flags: [RedFlagFinding], calibration: Calibration, options: Options,
                unheard: [UnheardRound] = []) -> DecisionTrace {
        var steps: [String] = []
        let model = options.model
        if cards.isEmpty {
            steps.append("No round was finished: " + unheard.map(\.description).joined(separator: "; ") + ".")
            return DecisionTrace(model: model, decision: .hold, rule: "no interviewer finished a round, so there is no packet to decide on",
                                 steps: steps, split: nil, toResolve: nil)
        }
        let fatal = flags.filter(\.fatal)
        let hires = cards.filter { $0.recommendation.isHire }
        let against = cards.filter { $0.recommendation <= .noHire }
        let alignment = cards.isEmpty ? 0 : Double(hires.count) / Double(cards.count)
        let needed = options.settings.alignment
        let tally = Recommendation.allCases.reversed().compactMap { level -> String? in
            let n = cards.filter { $0.recommendation == level }.count
            return n > 0 ? "\(n) \(level.label)" : nil
        }.joined(separator: ", ")
        steps.append("Panel: \(tally).")
        steps.append("Calibration: composite \(format(calibration.composite)) is at the \(percentileText(calibration.percentile)) percentile of the \(calibration.pool) pool; the bar is \(Int(calibration.bar)) - \(calibration.clearsBar ? "clears it" : "below it").")

        var split: Split? = nil
        if !hires.isEmpty, let dissenter = against.first {
            let evidence = dissenter.redFlags.first.map { "\(banks.name(ofSignal: $0.signal)): \u{201C}\($0.quote)\u{201D}" } ?? dissenter.recommendationReason
            split = Split(forHire: hires.map(\.name), against: against.map(\.name),
                          dissent: "\(dissenter.name) (\(dissenter.recommendation.label)) - \(evidence)")
            steps.append("Split: \(hires.count) for hire, \(against.count) against; \(dissenter.name)'s evidence: \(evidence).")
        }

        if let flag = fatal.first {
            let rounds = Set(flag.observations.map(\.round)).sorted().map(String.init).joined(separator: " and ")
            steps.append("Fatal red flag: \(flag.name) is severe, repeated (rounds \(rounds)) and uncoached.")
            return DecisionTrace(model: model, decision: .noHire,
                                 rule: "a severe, repeated, uncoached red flag (\(flag.name)) is fatal, whatever the strengths",
                                 steps: steps, split: split, toResolve: nil)
        }

        switch model {
        case .standard, .amazon:
            let manager = cards.first { $0.role == .hiringManager } ?? cards.first
            guard let manager else {
                return DecisionTrace(model: model, decision: .noHire, rule: "no scorecards were submitted", steps: steps, split: nil, toResolve: nil)
            }
            // Who decides: the hiring manager, or when there is none to hear from, the lead interviewer.
            let isManager = manager.role == .hiringManager
            let title = isManager ? "hiring manager" : "lead interviewer"
            let absentManager = unheard.first { $0.role == .hiringManager }
            let managerRole = isManager ? title
                : "\(title) (\(absentManager.map { "the hiring manager, \($0.name), was \($0.asked == 0 ? "not reached" : "cut short")" } ?? "no hiring manager in this loop"))"
            steps.append("\(manager.name), \(managerRole), recommends \(manager.recommendation.label).")
            steps.append("Alignment: \(hires.count) of \(cards.count) (\(Int((alignment * 100).rounded()))%) lean hire or better; \(Int((needed * 100).rounded()))% needed.")
            var decision = Decision.noHire
            var rule: String
            if !manager.recommendation.isHire {
                rule = "the \(title) does not want to hire"
            } else if alignment + 1e-9 < needed {
                rule = "the \(title) wants to hire, but only \(Int((alignment * 100).rounded()))% of the panel is aligned (\(Int((needed * 100).rounded()))% needed)"
            } else if !calibration.clearsBar {
                rule = "the panel leans hire, but against the \(calibration.pool) pool the candidate is below the bar"
            } else {
                decision = .hire
                rule = split == nil ? "the \(title) decides to hire with \(Int((alignment * 100).rounded()))% of the panel aligned"
                    : "split panel; the rule proceeds: the \(title) hires with \(Int((alignment * 100).rounded()))% aligned, and the dissent becomes an onboarding concern"
            }
            if model == .amazon, let raiser = cards.first(where: { $0.role == .barRaiser }) {
                steps.append("Bar raiser \(raiser.name) recommends \(raiser.recommendation.label).")
                if raiser.recommendation <= .noHire {
                    if decision == .hire { steps.append("The \(title)'s hire is overturned.") }
                    decision = .noHire
                    rule = "bar raiser veto: \(raiser.name) recommends \(raiser.recommendation.label) (\(raiser.recommendationReason))"
                }
            }
            return DecisionTrace(model: model, decision: decision, rule: rule, steps: steps, split: split, toResolve: nil)

        case .google:
            steps.append("The hiring committee reviews the packets without the hiring manager's vote and needs consensus.")
            let noSide = cards.filter { !$0.recommendation.isHire }
            if !cards.isEmpty, noSide.isEmpty, calibration.clearsBar {
                return DecisionTrace(model: model, decision: .hire, rule: "committee consensus: every packet leans hire and the candidate clears the bar",
                                     steps: steps, split: split, toResolve: nil)
            }
            if Double(noSide.count) > Double(cards.count) / 2 || calibration.percentile < calibration.bar - 25 {
                return DecisionTrace(model: model, decision: .noHire,
                                     rule: "committee consensus against: \(noSide.count) of \(cards.count) packets lean no hire\(calibration.clearsBar ? "" : ", and the composite is well below the bar")",
                                     steps: steps, split: split, toResolve: nil)
            }
            let weakest = noSide.first.map { "a further round on what \($0.name) doubted" } ?? "a further round to place the candidate against the bar"
            return DecisionTrace(model: model, decision: .hold, rule: "no consensus: the committee holds the packet",
                                 steps: steps, split: split, toResolve: weakest)
        }
    }

    // MARK: Words

    func present(_ card: Scorecard) -> Presentation {
        let rawMean = card.ratings.isEmpty ? 0 : card.ratings.map(\.score).reduce(0, +) / Double(card.ratings.count)
        let normalMean = card.ratings.isEmpty ? 0 : card.ratings.map { Self.normalized($0, card) }.reduce(0, +) / Double(card.ratings.count)
        var evidence = card.ratings.sorted { $0.score > $1.score }.prefix(2).map { "\(banks.name(ofCompetency: $0.competency)) \($0.rating)/4: \($0.justification)" }
        evidence += card.redFlags.prefix(2).map { flag in
            "Red flag, round \(flag.round): \(banks.name(ofSignal: flag.signal)) - \u{201C}\(flag.quote)\u{201D}" + (flag.adaptation.map { "; when challenged: \($0.label)" } ?? "")
        }
        return Presentation(interviewer: card.interviewer, name: card.name, role: card.role, recommendation: card.recommendation,
                            strictness: card.strictness, rawMean: round2(rawMean), normalizedMean: round2(normalMean), evidence: evidence)
    }

    func opening(cards: [Scorecard], rounds: [RoundRecord], competencies: [CompetencySummary], flags: [RedFlagFinding],
                 calibration: Calibration, pool: Pool) -> String {
        let questions = rounds.map(\.exchanges.count).reduce(0, +)
        var text = "The candidate completed \(rounds.count) round\(rounds.count == 1 ? "" : "s") (\(questions) question\(questions == 1 ? "" : "s")) with \(cards.map(\.name).joined(separator: ", ")). "
        text += "Composite \(format(calibration.composite))/4 after removing interviewer strictness: the \(percentileText(calibration.percentile)) percentile of the \(pool.id) pool. "
        let ranked = competencies.sorted { ($0.normalized, $1.competency) > ($1.normalized, $0.competency) }
        if let top = ranked.first, let bottom = ranked.last, ranked.count > 1 {
            text += "Strongest: \(top.name.lowercased()) (\(format(top.normalized))); weakest: \(bottom.name.lowercased()) (\(format(bottom.normalized))). "
        }
        let serious = flags.filter { $0.severity >= .moderate }
        text += serious.isEmpty ? "No serious red flags." : "Red flags: " + serious.map { "\($0.name) (\($0.observations.count)×\($0.fatal ? ", fatal" : ""))" }.joined(separator: ", ") + "."
        return text
    }

    func theBut(competencies: [CompetencySummary], flags: [RedFlagFinding], inconsistencies: [Inconsistency], sinks: [Sink],
                trace: DecisionTrace, calibration: Calibration, pool: Pool, cards: [Scorecard] = []) -> String {
        let ranked = competencies.sorted { ($0.normalized * $0.weight, $1.competency) > ($1.normalized * $1.weight, $0.competency) }
        // The strength a panel would lead with: a skill dimension before coachability.
        let strength: String
        let skills = ranked.filter { $0.competency != "coachability" } + ranked.filter { $0.competency == "coachability" }
        if let top = skills.first(where: { $0.normalized >= 3.25 }) { strength = "Strong on \(top.name.lowercased())" } else { strength = "Solid in places" }
        if let flag = flags.first(where: \.fatal) {
            let rounds = Set(flag.observations.map(\.round)).sorted().map(String.init).joined(separator: " and ")
            return "\(strength), but \(flag.name) in rounds \(rounds), not corrected when challenged (\u{201C}\(flag.observations[0].quote)\u{201D})."
        }
        if let inconsistency = inconsistencies.first {
            return "\(strength), but told round \(inconsistency.first.round) \u{201C}\(inconsistency.first.quote)\u{201D} and round \(inconsistency.second.round) \u{201C}\(inconsistency.second.quote)\u{201D}: which version would we get?"
        }
        if let flag = flags.first(where: { $0.severity == .severe && $0.uncoached }) {
            return "\(strength), but \(flag.observations[0].adaptation?.label ?? "held to") \(flag.name) when challenged (\u{201C}\(flag.observations[0].quote)\u{201D})."
        }
        if let split = trace.split {
            return "\(strength), but the panel split: \(split.dissent)."
        }
        if let flag = flags.first(where: { $0.severity == .severe && !$0.challenged }) {
            return "\(strength), but \(flag.name) went unchallenged and unresolved (\u{201C}\(flag.observations[0].quote)\u{201D})."
        }
        if let flag = flags.first(where: { $0.severity == .severe }) {
            let rounds = Set(flag.observations.map(\.round)).sorted().map(String.init).joined(separator: " and ")
            return "\(strength), but showed \(flag.name) in round\(flag.observations.count > 1 ? "s" : "") \(rounds) before correcting it when challenged (\u{201C}\(flag.observations[0].quote)\u{201D})."
        }
        // The lead's no-hire decided it: the "but" is that interviewer's reason.
        if trace.decision == .noHire, let lead = cards.first(where: { $0.role == .hiringManager }) ?? cards.first, !lead.recommendation.isHire {
            let title = lead.role == .hiringManager ? "the hiring manager" : "the lead interviewer"
            return "\(strength), but \(lead.name), \(title), recommends \(lead.recommendation.label) (\(lead.recommendationReason))."
        }
        if !calibration.clearsBar {
            let weakest = competencies.min { ($0.normalized, $0.competency) < ($1.normalized, $1.competency) }
            return "\(strength), but at the \(percentileText(calibration.percentile)) percentile of a \(pool.id) pool the packet is below the bar\(weakest.map { ", held back most by \($0.name.lowercased()) (\(format($0.normalized)))" } ?? "")."
        }
        if let weak = competencies.filter({ $0.normalized < 2.5 }).max(by: { $0.weight < $1.weight }) {
            return "\(strength), but \(weak.name.lowercased()) was weak (\(format(weak.normalized))/4)."
        }
        if let sink = sinks.first(where: { $0.kind == .noStandout || $0.kind == .lackOfSpecificity }) {
            return "\(strength), but \(sink.detail)."
        }
        return "Consistently good judgment, low risk - no \"but\" to name."
    }

    func practicePlan(competencies: [CompetencySummary], flags: [RedFlagFinding], inconsistencies: [Inconsistency], sinks: [Sink],
                      rounds: [RoundRecord] = []) -> [PracticeItem] {
        var items: [PracticeItem] = []
        func add(_ item: PracticeItem) { if !items.contains(where: { $0.title == item.title }) { items.append(item) } }
        // The crux missed: a committee turns on technical correctness before anything else.
        let missedCrux = rounds.lazy.flatMap { round in round.exchanges.lazy.map { (round.number, $0) } }
            .compactMap { number, exchange -> (Int, String, KeyPoint)? in
                guard let id = exchange.analysis.keyPointsMissed?.first(where: { banks.keyPoint($0)?.isCrux == true }),
                      let point = banks.keyPoint(id) else { return nil }
                return (number, exchange.questionID, point)
            }
        let cruxCount = missedCrux.count
        for flag in flags where flag.fatal || (flag.severity == .severe && flag.uncoached) {
            let practice = banks.lexicon.signal(flag.signal)?.practice ?? ""
            let why = flag.fatal
                ? "Fatal: severe, seen \(flag.observations.count)× and not corrected when challenged - the single biggest mover of this verdict."
                : "Severe and not corrected when challenged: one data point like this can sink a packet on its own."
            let underPushback = ["defensiveness", "deflection"].contains(flag.signal) ? "" : " When pushed on it, say what the challenge gets right and update the plan."
            add(PracticeItem(title: "Stop \(flag.name)", why: why, drill: practice + underPushback))
        }
        if let (round, question, point) = missedCrux.first {
            let more = cruxCount > 1 ? " (and the crux of \(cruxCount - 1) other question\(cruxCount == 2 ? "" : "s"))" : ""
            add(PracticeItem(title: "Name the crux before anything else",
                             why: "Round \(round), \(question): the answer never established what the question turns on\(more).",
                             drill: "Open with one sentence on what the question turns on, then decide. Here: \(point.text)"))
        }
        if let inconsistency = inconsistencies.first {
            add(PracticeItem(title: "Tell one consistent story",
                             why: "Rounds \(inconsistency.first.round) and \(inconsistency.second.round) heard different candidates: \(inconsistency.description)",
                             drill: "Write down your direction and your role in your stories once, then say the same thing in every round."))
        }
        for flag in flags where flag.severity == .severe && !flag.uncoached {
            add(PracticeItem(title: "Remove \(flag.name)",
                             why: "A severe signal (\(flag.observations.count)×); \(flag.challenged ? "you corrected it when challenged, but a panel remembers that it was said" : "nobody challenged it, so nothing offset it").",
                             drill: banks.lexicon.signal(flag.signal)?.practice ?? ""))
        }
        let gaps = competencies.filter { $0.normalized < 3.5 }
            .sorted { ((4 - $0.normalized) * $0.weight, $1.competency) > ((4 - $1.normalized) * $1.weight, $0.competency) }
        var raised: Set<String> = []
        for (rank, gap) in gaps.enumerated() {
            let mover = rank == 0 ? "it moves the composite more than any other dimension"
                                  : "it is the next-largest weighted gap"
            add(PracticeItem(title: "Raise \(gap.name.lowercased())",
                             why: "At \(format(gap.normalized))/4 with weight \(format(gap.weight)), \(mover).",
                             drill: banks.competency(gap.competency)?.practice ?? ""))
            raised.insert(gap.competency)
        }
        if sinks.contains(where: { $0.kind == .lackOfSpecificity }) {
            add(PracticeItem(title: "Be specific", why: "Answers without numbers read as weak evidence on every card.",
                             drill: banks.lexicon.signal("specificity")?.practice ?? ""))
        }
        if sinks.contains(where: { $0.kind == .noStandout }) {
            add(PracticeItem(title: "Create a standout moment", why: "\"Fine\" loses to memorable in a debrief.",
                             drill: "Prepare one story or design with a decision, a number and a risk you caught - and tell it where it fits."))
        }
        // Even a strong packet gets two things to practise: the dimensions with the most headroom.
        if items.count < 2 {
            let headroom = competencies.sorted { ((4 - $0.normalized) * $0.weight, $1.competency) > ((4 - $1.normalized) * $1.weight, $0.competency) }
            for item in headroom where items.count < 2 && !raised.contains(item.competency) {
                add(PracticeItem(title: "Keep raising \(item.name.lowercased())",
                                 why: "At \(format(item.normalized))/4 it has the most headroom of what this loop weighs.",
                                 drill: banks.competency(item.competency)?.practice ?? ""))
            }
        }
        return Array(items.prefix(3))
    }

    // MARK: helpers

    func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
    func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    func format(_ x: Double) -> String { String(format: "%.2f", x) }
    /// "72nd"; kept within 1st-99th, as no candidate is better than the whole pool.
    func percentileText(_ p: Double) -> String { ordinal(Int(min(99, max(1, p.rounded())))) }

    func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
