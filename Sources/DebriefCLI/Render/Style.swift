import Foundation

/// ANSI styling, on only when standard output is a terminal, `NO_COLOR` is unset and
/// `--no-color` was not given.
struct Style: Sendable {
    var enabled: Bool

    static func detect(noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let unset = environment["NO_COLOR"].map { $0.isEmpty } ?? true
        return Style(enabled: !noColor && unset && isatty(1) == 1 && environment["TERM"] != "dumb")
    }

    private func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    /// ●●●○ - a 1–4 rating read at a glance, coloured by level. Values outside 0...4 (only a
    /// hand-edited journal has them) are drawn at the nearest end rather than trusted.
    func rating(_ value: Int) -> String {
        let filled = max(0, min(4, value))
        let bar = String(repeating: "●", count: filled) + String(repeating: "○", count: 4 - filled)
        switch filled {
        case ...1: return red(bar)
        case 2: return yellow(bar)
        default: return green(bar)
        }
    }

    /// A rating given as a score (for example a normalized composite).
    func rating(score: Double) -> String {
        rating(score.isFinite ? Int(max(0, min(4, score)).rounded()) : 0)
    }
}

/// Word-wrapping for an 80-column terminal.
enum Layout {
    static let width = 80

    static func wrap(_ text: String, indent: Int = 0, first: String? = nil, width: Int = Layout.width) -> String {
        let pad = String(repeating: " ", count: indent)
        // The first line may start with a label ("Lena: ") wider than the indent.
        let firstIndent = first.map(visibleLength) ?? indent
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let room = width - (lines.isEmpty ? firstIndent : indent)
                if !line.isEmpty, line.count + 1 + word.count > room {
                    lines.append(line)
                    line = ""
                }
                line += line.isEmpty ? String(word) : " " + word
            }
            lines.append(line)
        }
        return lines.enumerated().map { index, line in
            (index == 0 && first != nil ? first! : pad) + line
        }.joined(separator: "\n") + "\n"
    }

    /// Columns a string takes on screen: ANSI escape sequences take none.
    static func visibleLength(_ text: String) -> Int {
        var count = 0
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping { if scalar == "m" { escaping = false }; continue }
            if scalar == "\u{1B}" { escaping = true; continue }
            count += 1
        }
        return count
    }

    static func rule(_ title: String, style: Style) -> String {
        let head = "━━ \(title) "
        return style.bold(head + String(repeating: "━", count: max(3, width - head.count))) + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
