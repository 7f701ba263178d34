/// Reads authored pushback text for what it takes for granted about the answer.
public enum PushbackText {
    /// Phrases that refer to what the candidate said or chose.
    static let presupposing = [
        "you said", "you've said", "you say", "you keep", "you mentioned", "you chose", "you picked", "you proposed",
        "you suggested", "you ended up", "you went with", "you decided", "you've told me", "you told me",
        "so far i've heard", "you're proposing", "you now", "your plan", "your proposal", "you called", "you described",
        "you've described", "you claimed", "you've chosen", "you've picked", "you argued", "you blamed",
    ]

    /// The words that presuppose content (a phrase above, or a quotation of the candidate),
    /// or nil when the text stands on its own. `{quote}` is filled from the answer: always safe.
    public static func presupposition(in text: String) -> String? {
        // "{quote}" is filled with the words that fired the flag: "You said {quote}" is true.
        if text.contains("{quote}") { return nil }
        let lowered = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        for phrase in presupposing {
            var from = lowered.startIndex
            while let range = lowered.range(of: phrase, range: from..<lowered.endIndex) {
                let startsWord = range.lowerBound == lowered.startIndex || !lowered[lowered.index(before: range.lowerBound)].isLetter
                let endsWord = range.upperBound == lowered.endIndex || !lowered[range.upperBound].isLetter
                if startsWord && endsWord { return String(text[range]) }
                from = range.upperBound
            }
        }
        // A quotation of two or more words: "we aligned", “the team decided”.
        let scalars = Array(text.replacingOccurrences(of: "{quote}", with: "").unicodeScalars)
        var open: Int? = nil
        for (i, scalar) in scalars.enumerated() where scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}" {
            if let start = open, scalar != "\u{201C}" {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[(start + 1)..<i])
                let quoted = String(view)
                if quoted.split(separator: " ").count >= 2 { return quoted }
                open = nil
            } else {
                open = i
            }
        }
        return nil
    }
}

import Foundation
