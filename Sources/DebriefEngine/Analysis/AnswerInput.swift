/// Checks and cleans an answer before analysis.
///
/// Answers come from terminals, files and pipes; this is the one place that decides what
/// the engine accepts, so every entry point refuses the same things with the same words.
public enum AnswerInput {
    /// About 10,000 words: far beyond any spoken answer, small enough to analyze instantly.
    public static let maximumBytes = 64 * 1024

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case noWords
        case tooLong(bytes: Int)
        case invalidUTF8(byteOffset: Int)

        public var description: String {
            switch self {
            case .empty:
                return "the answer is empty; write what you would say to the interviewer"
            case .noWords:
                return "the answer has no words, only punctuation or symbols; write what you would say to the interviewer"
            case .tooLong(let bytes):
                let size = bytes > AnswerInput.maximumBytes + 1 ? "\(bytes) bytes" : "more than \(AnswerInput.maximumBytes) bytes"
                return "the answer is \(size); answers are limited to \(AnswerInput.maximumBytes) bytes (about 10,000 words) - shorten it to what you would say out loud"
            case .invalidUTF8(let offset):
                return "the answer is not valid UTF-8 (first bad byte at offset \(offset)); save it as UTF-8"
            }
        }
    }

    /// Decodes bytes as strict UTF-8, then validates.
    public static func validate(bytes: [UInt8]) -> Result<String, Problem> {
        if bytes.count > maximumBytes { return .failure(.tooLong(bytes: bytes.count)) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.invalidUTF8(byteOffset: firstInvalidByte(bytes)))
        }
        return validate(text)
    }

    /// Normalizes line endings, turns control characters (other than line breaks and tabs)
    /// into spaces, and refuses empty, word-less or oversized answers.
    public static func validate(_ text: String) -> Result<String, Problem> {
        let size = text.utf8.count
        if size > maximumBytes { return .failure(.tooLong(bytes: size)) }
        var cleaned = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" { cleaned.append("\n"); previousWasCR = true; continue }
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            switch scalar.properties.generalCategory {
            case .control where scalar != "\n" && scalar != "\t":
                cleaned.append(" ")
            case .format where scalar == "\u{FEFF}":
                continue
            default:
                cleaned.append(scalar)
            }
        }
        let result = String(cleaned)
        if result.allSatisfy({ $0.isWhitespace }) { return .failure(.empty) }
        if Tokenizer.tokenize(result).tokens.isEmpty { return .failure(.noWords) }
        return .success(result)
    }

    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}
