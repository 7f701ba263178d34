import DebriefEngine
import Foundation

/// Renders a `ScoreReport` as text, Markdown or JSON.
struct ScoreRenderer {
    let banks: Banks

    func render(_ report: ScoreReport, as format: OutputFormat) -> String {
        switch format {
        case .json: return JSONOutput.encode(report)
        case .text: return text(report)
        case .markdown: return markdown(report)
        }
    }

    private func questionLine(_ report: ScoreReport) -> String {
        if report.question.matched {
            return "\(report.question.id) (\(report.track.rawValue))" + (report.question.similarity < 1 ? ", matched at \(Int(report.question.similarity * 100))% word overlap" : "")
        }
        let area = report.question.area.map { $0 == "free-text" ? "" : ", area \($0)" } ?? ""
        return "free text, judged as \(report.track.rawValue)\(area) (no bank question close enough)"
    }

    private func bar(_ rating: Int) -> String {
        String(repeating: "●", count: rating) + String(repeating: "○", count: max(0, 4 - rating))
    }

    func text(_ report: ScoreReport) -> String {
        var out = "Question  \(questionLine(report))\n"
        out += "Score     \(String(format: "%.2f", report.score)) / 4   (\(report.wordCount) words)\n\n"
        out += "Ratings\n"
        for competency in report.question.competencies {
            guard let entry = report.ratings[competency] else { continue }
            out += "  \(bar(entry.rating)) \(entry.rating)  \(banks.name(ofCompetency: competency))\n"
            out += wrap(entry.justification, indent: 10)
        }
        let points = report.evidence.filter { KeyPoint.isKeyPointID($0.signal) }
        let missedPoints = report.gaps.filter { KeyPoint.isKeyPointID($0.signal) }
        if !points.isEmpty || !missedPoints.isEmpty {
            out += "\nKey points\n"
            for e in points { out += wrap("✓ \(banks.name(ofSignal: e.signal)) \u{201C}\(e.quote)\u{201D}", indent: 2) }
            for gap in missedPoints {
                let crux = banks.keyPoint(gap.signal)?.isCrux == true ? " (the crux)" : ""
                out += wrap("✗ \(gap.description)\(crux)", indent: 2)
            }
        }
        let positives = report.evidence.filter { $0.polarity == .positive && !KeyPoint.isKeyPointID($0.signal) }
        if !positives.isEmpty {
            out += "\nEvidence\n"
            for e in positives { out += "  + \(banks.name(ofSignal: e.signal)): \u{201C}\(e.quote)\u{201D} [\(e.start)-\(e.end)]\n" }
        }
        if !report.redFlags.isEmpty {
            out += "\nRed flags\n"
            for f in report.redFlags { out += "  ! \(banks.name(ofSignal: f.signal)) (\(f.severity.rawValue)): \u{201C}\(f.quote)\u{201D} [\(f.start)-\(f.end)]\n" }
        }
        if !report.negated.isEmpty {
            out += "\nNegated or dismissed (not counted)\n"
            for e in report.negated { out += "  - \(banks.name(ofSignal: e.signal)): \u{201C}\(e.excerpt)\u{201D}\n" }
        }
        let missing = report.gaps.filter { !KeyPoint.isKeyPointID($0.signal) }
        if !missing.isEmpty {
            out += "\nMissing\n"
            for gap in missing { out += "  - \(gap.description)\n" }
        }
        out += "\nPushback\n"
        if let pushback = report.pushback {
            out += wrap("\u{201C}\(pushback.text)\u{201D}", indent: 2)
            out += "  (targets: \(pushback.targets.kind == "flag" ? "red flag" : "missing") \(banks.name(ofSignal: pushback.targets.signal)))\n"
        } else {
            out += "  none - the answer covers what this question asks for\n"
        }
        return out
    }

    func markdown(_ report: ScoreReport) -> String {
        var out = "## Score: \(String(format: "%.2f", report.score)) / 4\n\n"
        out += "**Question:** \(questionLine(report))\n\n> \(report.question.prompt.replacingOccurrences(of: "\n", with: " "))\n\n"
        out += "| Competency | Rating | Justification |\n|---|---|---|\n"
        for competency in report.question.competencies {
            guard let entry = report.ratings[competency] else { continue }
            out += "| \(banks.name(ofCompetency: competency)) | \(entry.rating)/4 | \(entry.justification.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        if !report.evidence.isEmpty {
            out += "\n### Evidence\n\n"
            for e in report.evidence {
                out += "- \(e.polarity == .negative ? "**red flag** " : "")\(banks.name(ofSignal: e.signal)): \u{201C}\(e.quote)\u{201D}\n"
            }
        }
        if !report.gaps.isEmpty {
            out += "\n### Missing\n\n" + report.gaps.map { "- \($0.description)\n" }.joined()
        }
        out += "\n### Pushback\n\n" + (report.pushback.map { "> \($0.text)\n" } ?? "None: the answer covers what the question asks for.\n")
        return out
    }

    func wrap(_ text: String, indent: Int, width: Int = 80) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width - indent {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        let pad = String(repeating: " ", count: indent)
        return lines.map { pad + $0 + "\n" }.joined()
    }
}
