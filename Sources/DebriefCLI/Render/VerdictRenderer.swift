import DebriefEngine
import Foundation

/// Renders scorecards, the debrief and the practice plan - the end of every drill and replay.
struct VerdictRenderer {
    let banks: Banks
    let style: Style

    /// What `--format json` prints at the end of a drill or replay.
    struct Packet: Encodable {
        var journal: String?
        var scorecards: [Scorecard]
        var verdict: Verdict
    }

    func render(cards: [Scorecard], verdict: Verdict, journal: String?, as format: OutputFormat) -> String {
        switch format {
        case .json: return JSONOutput.encode(Packet(journal: journal, scorecards: cards, verdict: verdict))
        case .markdown: return markdown(cards: cards, verdict: verdict)
        case .text: return text(cards: cards, verdict: verdict)
        }
    }

    // MARK: text

    func text(cards: [Scorecard], verdict: Verdict) -> String {
        var out = "\n" + Layout.rule("Scorecards", style: style)
        out += style.dim("Each written independently, before the debrief.") + "\n"
        for card in cards { out += "\n" + scorecard(card) }
        out += "\n" + Layout.rule("Debrief", style: style)
        out += style.bold("Recruiter") + "\n" + Layout.wrap(verdict.summary, indent: 2)
        out += "\n" + style.bold("Interviewers") + style.dim("  (raw mean → with strictness removed)") + "\n"
        for p in verdict.presentations {
            let who = Layout.pad("\(p.name) (\(p.role.title))", 36)
            out += "  \(who) \(Layout.pad(recommendation(p.recommendation), 16 + (style.enabled ? 9 : 0))) \(String(format: "%.2f → %.2f", p.rawMean, p.normalizedMean))\n"
        }
        out += "\n" + style.bold("Competencies") + style.dim("  (normalized; weight in the decision)") + "\n"
        for c in verdict.competencies {
            out += "  \(Layout.pad(c.name, 36)) \(style.rating(score: c.normalized)) \(String(format: "%.2f", c.normalized))  ×\(String(format: "%.2f", c.weight))\n"
        }
        if !verdict.redFlags.isEmpty {
            out += "\n" + style.bold("Red flags") + "\n"
            for flag in verdict.redFlags {
                var tags = [flag.severity.rawValue]
                if flag.repeated { tags.append("repeated") }
                if flag.challenged { tags.append(flag.uncoached ? "uncoached" : "coached") }
                let head = "\(flag.fatal ? style.red("FATAL ") : "")\(flag.name) (\(tags.joined(separator: ", ")))"
                out += "  \(head)\n"
                for o in flag.observations {
                    out += Layout.wrap("round \(o.round), \(banks.persona(o.interviewer)?.name ?? o.interviewer): \u{201C}\(o.quote)\u{201D}" + (o.adaptation.map { " - when challenged: \($0.label)" } ?? ""), indent: 6, first: "    - ")
                }
            }
        }
        if !verdict.sinks.isEmpty {
            out += "\n" + style.bold("What could sink this packet") + "\n"
            for sink in verdict.sinks { out += Layout.wrap("\(sink.kind.rawValue): \(sink.detail)", indent: 4, first: "  - ") }
        }
        let decision = verdict.decision
        out += "\n" + style.bold("Decision") + " (\(decision.model.rawValue) model): " + decisionLabel(decision.decision) + "\n"
        for step in decision.steps { out += Layout.wrap(step, indent: 4, first: "  · ") }
        out += Layout.wrap("Rule: " + decision.rule + ".", indent: 4, first: "  → ")
        if let resolve = decision.toResolve { out += Layout.wrap("To resolve: " + resolve + ".", indent: 4, first: "  → ") }
        out += "  Overall: \(recommendation(verdict.recommendation))\n"
        out += "\n" + style.bold("The \u{201C}but\u{201D}") + "\n" + Layout.wrap(verdict.but, indent: 2)
        out += "\n" + Layout.rule("Practice plan", style: style)
        for (index, item) in verdict.practicePlan.enumerated() {
            out += Layout.wrap(style.bold(item.title) + " - " + item.why, indent: 5, first: "  \(index + 1). ")
            out += Layout.wrap(item.drill, indent: 5)
        }
        return out
    }

    func scorecard(_ card: Scorecard) -> String {
        let persona = banks.persona(card.interviewer)
        var out = style.bold(card.name) + style.dim(" · \(persona?.title ?? card.role.title) · round\(card.rounds.count > 1 ? "s" : "") \(card.rounds.map(String.init).joined(separator: ", "))") + "\n"
        out += "  Recommendation: \(recommendation(card.recommendation))\n"
        out += style.dim(Layout.wrap("(" + card.recommendationReason + ")", indent: 4))
        for rating in card.ratings {
            out += "  \(style.rating(rating.rating)) \(rating.rating)  \(banks.name(ofCompetency: rating.competency))\n"
            out += style.dim(Layout.wrap(rating.justification, indent: 10))
        }
        for flag in card.redFlags {
            out += Layout.wrap(style.red("red flag") + " (round \(flag.round)): \(banks.name(ofSignal: flag.signal)) - \u{201C}\(flag.quote)\u{201D}" + (flag.adaptation.map { "; when challenged: \($0.label)" } ?? ""), indent: 4, first: "  ")
        }
        for note in card.notes { out += style.dim(Layout.wrap(note, indent: 4, first: "  · ")) }
        return out
    }

    func recommendation(_ r: Recommendation) -> String {
        r.isHire ? style.green(r.label) : (r <= .noHire ? style.red(r.label) : style.yellow(r.label))
    }

    func decisionLabel(_ d: Decision) -> String {
        switch d {
        case .hire: style.green(style.bold("HIRE"))
        case .noHire: style.red(style.bold("NO HIRE"))
        case .hold: style.yellow(style.bold("HOLD"))
        }
    }

    // MARK: markdown

    func markdown(cards: [Scorecard], verdict: Verdict) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "# Debrief\n\n**Decision (\(verdict.decision.model.rawValue)):** \(verdict.decision.decision.label) - \(verdict.decision.rule).\n\n"
        out += "**The but:** \(verdict.but)\n\n> \(verdict.summary)\n\n## Scorecards\n"
        for card in cards {
            out += "\n### \(card.name) - \(card.recommendation.label)\n\n_\(banks.persona(card.interviewer)?.title ?? card.role.title); rounds \(card.rounds.map(String.init).joined(separator: ", ")); \(cell(card.recommendationReason))_\n\n"
            out += "| Competency | Rating | Evidence |\n|---|---|---|\n"
            for r in card.ratings { out += "| \(banks.name(ofCompetency: r.competency)) | \(r.rating)/4 | \(cell(r.justification)) |\n" }
            for flag in card.redFlags {
                out += "\n- **Red flag** (round \(flag.round)): \(banks.name(ofSignal: flag.signal)) - \u{201C}\(cell(flag.quote))\u{201D}" + (flag.adaptation.map { "; when challenged: \($0.label)" } ?? "") + "\n"
            }
        }
        out += "\n## Competencies\n\n| Competency | Raw | Normalized | Weight |\n|---|---|---|---|\n"
        for c in verdict.competencies { out += "| \(c.name) | \(String(format: "%.2f", c.raw)) | \(String(format: "%.2f", c.normalized)) | \(String(format: "%.2f", c.weight)) |\n" }
        out += "\n## How the decision was reached\n\n" + verdict.decision.steps.map { "- \($0)\n" }.joined()
        out += "- **Rule:** \(verdict.decision.rule).\n"
        if let r = verdict.decision.toResolve { out += "- **To resolve:** \(r).\n" }
        out += "\n## Practice plan\n\n"
        for (i, item) in verdict.practicePlan.enumerated() { out += "\(i + 1). **\(item.title)** - \(item.why) \(item.drill)\n" }
        return out
    }
}
