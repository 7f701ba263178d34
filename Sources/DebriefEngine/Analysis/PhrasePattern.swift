/// A phrase from the lexicon, compiled to a sequence of token tests.
///
/// Syntax (documented in docs/FORMATS.md):
/// - words separated by spaces, matched case-insensitively against whole words;
/// - `word*` matches any word starting with `word`;
/// - `a/b/c` matches any one of the alternatives (each may end in `*`);
/// - `#num` matches a word containing a digit (`12%`, `0.8`, `3x`);
/// - `...` skips zero to four words inside the same sentence;
/// - `~` skips zero to twelve words inside the same sentence (two ideas said together).
/// Matching is bounded by the pattern's length, so scanning an answer is linear in its length.
public struct PhrasePattern: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case word([Alternative])
        case number
        case gap(Int)
    }

    public enum Alternative: Sendable, Equatable {
        case exact(String)
        case prefix(String)

        func matches(_ word: String) -> Bool {
            switch self {
            case .exact(let text): return word == text
            case .prefix(let text): return word.hasPrefix(text)
            }
        }
    }

    public let source: String
    public let elements: [Element]
    /// The exact words the pattern names, so a negator that is part of the phrase itself
    /// ("not my call") is not mistaken for a negation of it.
    let literals: Set<String>

    public static let maximumGap = 4
    public static let maximumLongGap = 12

    /// Compiles `source`; throws a message naming what is wrong.
    public init(_ source: String) throws(PatternError) {
        self.source = source
        var elements: [Element] = []
        let parts = source.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" })
        for part in parts {
            if part == "..." || part == "~" {
                if elements.isEmpty { throw PatternError("'\(part)' cannot start a pattern") }
                if case .gap = elements.last { throw PatternError("two gaps ('...' or '~') in a row") }
                elements.append(.gap(part == "~" ? Self.maximumLongGap : Self.maximumGap))
                continue
            }
            if part == "#num" {
                elements.append(.number)
                continue
            }
            var alternatives: [Alternative] = []
            for alternative in part.split(separator: "/", omittingEmptySubsequences: false) {
                var word = String(alternative)
                let isPrefix = word.hasSuffix("*")
                if isPrefix { word.removeLast() }
                word = word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"()"))
                if word.isEmpty { throw PatternError("empty word in '\(part)'") }
                if word.contains("*") { throw PatternError("'*' may only end a word, in '\(part)'") }
                if word.unicodeScalars.contains(where: { !($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "'" || $0 == "%" || $0 == "." || $0 == "_") }) {
                    throw PatternError("'\(word)' contains a character that never occurs inside a word")
                }
                alternatives.append(isPrefix ? .prefix(word) : .exact(word))
            }
            elements.append(.word(alternatives))
        }
        if elements.isEmpty { throw PatternError("the pattern is empty") }
        if case .gap = elements.last { throw PatternError("a pattern cannot end with '...' or '~'") }
        self.elements = elements
        var literals: Set<String> = []
        for case .word(let alternatives) in elements {
            for case .exact(let word) in alternatives { literals.insert(word) }
        }
        self.literals = literals
    }

    /// Tries to match at token `index`; returns the index one past the last matched token.
    func match(in tokens: [Token], at index: Int) -> Int? {
        match(elements[...], tokens, index, sentence: tokens[index].sentence)
    }

    private func match(_ rest: ArraySlice<Element>, _ tokens: [Token], _ index: Int, sentence: Int) -> Int? {
        guard let element = rest.first else { return index }
        switch element {
        case .gap(let limit):
            let after = rest.dropFirst()
            var skip = 0
            while skip <= limit, index + skip < tokens.count, tokens[index + skip].sentence == sentence {
                if let end = match(after, tokens, index + skip, sentence: sentence) { return end }
                skip += 1
            }
            return nil
        case .number:
            guard index < tokens.count, tokens[index].hasDigit, tokens[index].sentence == sentence else { return nil }
            return match(rest.dropFirst(), tokens, index + 1, sentence: sentence)
        case .word(let alternatives):
            guard index < tokens.count, tokens[index].sentence == sentence else { return nil }
            let word = tokens[index].text
            guard alternatives.contains(where: { $0.matches(word) }) else { return nil }
            return match(rest.dropFirst(), tokens, index + 1, sentence: sentence)
        }
    }
}

public struct PatternError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}

import Foundation

/// Patterns cross file boundaries (a question's key points in JSON output) as their source text.
extension PhrasePattern: Codable {
    public init(from decoder: Decoder) throws {
        let source = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(source) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }
}
