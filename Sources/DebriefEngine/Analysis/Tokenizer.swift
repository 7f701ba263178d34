/// A word of an answer, with where it sits.
///
/// Offsets count Unicode scalars from the start of the answer (the same unit as a Python
/// `str` index), so a quoted span can be checked by any consumer of the JSON output.
public struct Token: Sendable, Equatable {
    /// Lower-cased, with typographic apostrophes made straight.
    public var text: String
    public var start: Int
    public var end: Int
    /// Index of the sentence the token is in (split at . ! ? ; and line breaks).
    public var sentence: Int
    /// Index of the clause (sentences split further at , : and dashes); negation does not cross it.
    public var clause: Int
    public var hasDigit: Bool
}

/// The tokens of an answer plus the boundaries needed to quote it.
public struct TokenizedText: Sendable {
    public var text: String
    public var scalars: [Unicode.Scalar]
    public var tokens: [Token]
    /// Scalar offset where each sentence starts and ends (exclusive), trimmed of spaces.
    public var sentenceRanges: [Range<Int>]

    public var wordCount: Int { tokens.count }

    /// The exact text between two scalar offsets.
    public func slice(_ range: Range<Int>, flattened: Bool = false) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        var view = String.UnicodeScalarView()
        if flattened {
            // Line breaks and tabs become spaces, so a quote reads on one line.
            for scalar in scalars[lower..<upper] { view.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar) }
        } else {
            view.append(contentsOf: scalars[lower..<upper])
        }
        return String(view)
    }
}

/// Splits text into word tokens in one pass. Linear in the length of the text.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> TokenizedText {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var sentenceRanges: [Range<Int>] = []
        var sentence = 0
        var clause = 0
        var sentenceStart: Int? = nil
        var lastNonSpace = 0
        var current = String.UnicodeScalarView()
        var tokenStart = 0
        var hasDigit = false

        // ASCII is checked by value; other scalars by their Unicode properties.
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 128 {
                return (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57) || v == 95
            }
            return s.properties.isAlphabetic || s.properties.numericType != nil
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 128 { return v >= 48 && v <= 57 }
            return s.properties.numericType != nil
        }

        func flush(at end: Int) {
            guard !current.isEmpty else { return }
            tokens.append(Token(text: String(current), start: tokenStart, end: end,
                                sentence: sentence, clause: clause, hasDigit: hasDigit))
            current = String.UnicodeScalarView()
            hasDigit = false
        }

        func endSentence() {
            if let start = sentenceStart {
                sentenceRanges.append(start..<lastNonSpace)
                sentence += 1
                clause += 1
            }
            sentenceStart = nil
        }

        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let previous: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if isWordScalar(s) {
                if current.isEmpty { tokenStart = i }
                if s.value < 128 {
                    current.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s)
                } else {
                    for lower in s.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
                }
                if isDigit(s) { hasDigit = true }
                if sentenceStart == nil { sentenceStart = i }
                lastNonSpace = i + 1
                i += 1
                continue
            }
            // Apostrophes inside a word ("didn't", "team's") belong to it.
            if (s == "'" || s == "\u{2019}"), !current.isEmpty, let next, isWordScalar(next) {
                current.append("'")
                lastNonSpace = i + 1
                i += 1
                continue
            }
            // Decimal points and thousands separators inside numbers ("0.8", "1,200").
            if (s == "." || s == ","), hasDigit, let previous, let next,
               previous.properties.numericType != nil, next.properties.numericType != nil {
                current.append(s)
                lastNonSpace = i + 1
                i += 1
                continue
            }
            // A percent sign stays with its number ("12%").
            if s == "%", hasDigit, !current.isEmpty {
                current.append(s)
                lastNonSpace = i + 1
                i += 1
                continue
            }
            flush(at: i)
            switch s {
            case ".", "!", "?", ";", "\n", "\r":
                if s == "." || s == "!" || s == "?" || s == ";" {
                    if sentenceStart != nil { lastNonSpace = i + 1 }
                }
                endSentence()
            case ",", ":", "\u{2014}", "\u{2013}", "(", ")":
                clause += 1
                if sentenceStart != nil { lastNonSpace = i + 1 }
            default:
                if !(s == " " || s.properties.isWhitespace) {
                    if sentenceStart == nil, s.properties.generalCategory != .control { sentenceStart = i }
                    if sentenceStart != nil { lastNonSpace = i + 1 }
                }
            }
            i += 1
        }
        flush(at: scalars.count)
        endSentence()
        return TokenizedText(text: text, scalars: scalars, tokens: tokens, sentenceRanges: sentenceRanges)
    }
}

extension TokenizedText {
    /// The same text with the register of speech taken out of the token stream: fillers
    /// ("um", "you know", "kind of", a filler "like") and false starts ("I I think", "we we").
    /// Offsets are kept, so quotes still come from the answer as written.
    public func withoutFillers() -> TokenizedText {
        var kept: [Token] = []
        kept.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let word = token.text
            if i + 1 < tokens.count, tokens[i + 1].sentence == token.sentence,
               Words.fillerPairs.contains(word + " " + tokens[i + 1].text) {
                i += 2
                continue
            }
            if Words.fillers.contains(word) { i += 1; continue }
            if word == "like" {
                let before = kept.last.flatMap { $0.sentence == token.sentence ? $0.text : nil }
                if before == nil || !Words.likeKeepers.contains(before!) { i += 1; continue }
            }
            // A false start repeats the word just said: "I I decided", "the the model".
            if let last = kept.last, last.text == word, last.sentence == token.sentence, !token.hasDigit, word != "very" {
                i += 1
                continue
            }
            kept.append(token)
            i += 1
        }
        var copy = self
        copy.tokens = kept
        return copy
    }
}
