/// A problem found in a bank or session file, pinned to the place that causes it.
///
/// Rendered as `file:line:column: error: message` followed by a hint line, the form
/// editors and terminals turn into a link.
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String, hint: String? = nil) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Thrown when content cannot be used; carries every problem found, not just the first.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
