import Foundation
import Yams

/// Reads one YAML file into nodes and collects every problem with its position.
///
/// Bank loading never stops at the first problem: each accessor records a diagnostic and
/// returns nil, so `debrief banks lint` can report all of them at once.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Parses `text`; nil (with a diagnostic) when it is not valid YAML.
    func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(at: nil, "the file is empty", hint: "see docs/FORMATS.md for an example of this file")
                return nil
            }
            return node
        } catch let yamlError as YamlError {
            let (line, column, problem) = Self.describe(yamlError, in: text)
            diagnostics.append(Diagnostic(file: file, line: line, column: column, message: "invalid YAML: \(problem)",
                                          hint: "check indentation and quoting near this line; quote text that contains ': ' or starts with '*', '&', '!', '[' or '{'"))
            return nil
        } catch {
            self.error(at: nil, "invalid YAML: \(error)")
            return nil
        }
    }

    static func describe(_ error: YamlError, in text: String) -> (Int, Int, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text), " } ?? ""
            return (mark.line, mark.column, prefix + problem)
        case let .reader(problem, offset, _, _):
            guard let offset else { return (1, 1, problem) }
            let before = text.prefix(offset)
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return (line, column, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, context.mark.column, "duplicate key(s) \(duplicates.sorted().joined(separator: ", "))")
        default:
            return (1, 1, "\(error)")
        }
    }

    func error(at node: Node?, _ message: String, hint: String? = nil) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, hint: hint))
    }

    func warning(at node: Node?, _ message: String, hint: String? = nil) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                      severity: .warning, message: message, hint: hint))
    }

    // MARK: Typed access

    /// A mapping's fields, checked against the keys the format allows.
    func fields(_ node: Node?, of what: String, allowed: [String]) -> Fields? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            error(at: node, "\(what) must be a mapping of keys to values", hint: "write it as 'key: value' lines")
            return nil
        }
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                error(at: key, "a key in \(what) is not text")
                continue
            }
            if !allowed.contains(name) {
                let suggestion = Self.closest(to: name, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                error(at: key, "unknown key '\(name)' in \(what)",
                      hint: "\(suggestion)allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            values[name] = value
            keys[name] = key
        }
        return Fields(node: node, what: what, values: values, keys: keys, reader: self)
    }

    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The fields of one YAML mapping, with accessors that report what is missing or mistyped.
struct Fields {
    let node: Node
    let what: String
    let values: [String: Node]
    let keys: [String: Node]
    // Strong: cross-file checks read fields after their file's parse has returned.
    let reader: YAMLReader

    func has(_ key: String) -> Bool { values[key] != nil }
    func node(_ key: String) -> Node? { values[key] }
    func keyNode(_ key: String) -> Node? { keys[key] }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let value = values[key] else {
            if required { reader.error(at: node, "\(what) is missing '\(key)'", hint: "add a '\(key):' line to it") }
            return nil
        }
        guard let scalar = value.scalar else {
            reader.error(at: value, "'\(key)' in \(what) must be text, not a list or mapping")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty && required {
            reader.error(at: value, "'\(key)' in \(what) is empty", hint: "write a value after '\(key):'")
            return nil
        }
        return text
    }

    func double(_ key: String, required: Bool = true, range: ClosedRange<Double>? = nil) -> Double? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Double(text), number.isFinite else {
            reader.error(at: values[key], "'\(key)' in \(what) must be a number, not '\(text)'")
            return nil
        }
        if let range, !range.contains(number) {
            reader.error(at: values[key], "'\(key)' in \(what) is \(text), outside \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return number
    }

    func int(_ key: String, required: Bool = true, range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Int(text) else {
            reader.error(at: values[key], "'\(key)' in \(what) must be a whole number, not '\(text)'")
            return nil
        }
        if let range, !range.contains(number) {
            reader.error(at: values[key], "'\(key)' in \(what) is \(number), outside \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let text = string(key, required: false) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            reader.error(at: values[key], "'\(key)' in \(what) must be true or false, not '\(text)'")
            return nil
        }
    }

    /// A list of scalars with the node of each, for positions in later checks.
    func strings(_ key: String, required: Bool = true, minimum: Int = 0) -> [(String, Node)]? {
        guard let value = values[key] else {
            if required { reader.error(at: node, "\(what) is missing '\(key)'", hint: "add '\(key): [...]' to it") }
            return nil
        }
        if let scalar = value.scalar {
            // A single value where a list is expected reads as a one-element list.
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if minimum > 0 { reader.error(at: value, "'\(key)' in \(what) needs at least \(minimum) item(s)") }
                return []
            }
            return [(text, value)]
        }
        guard let sequence = value.sequence else {
            reader.error(at: value, "'\(key)' in \(what) must be a list")
            return nil
        }
        var items: [(String, Node)] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                reader.error(at: item, "each item of '\(key)' in \(what) must be text")
                continue
            }
            items.append((text.trimmingCharacters(in: .whitespacesAndNewlines), item))
        }
        if items.count < minimum {
            reader.error(at: value, "'\(key)' in \(what) has \(items.count) item(s); at least \(minimum) needed")
        }
        return items
    }

    func list(_ key: String, required: Bool = true) -> [Node]? {
        guard let value = values[key] else {
            if required { reader.error(at: node, "\(what) is missing '\(key)'", hint: "add a '\(key):' list to it") }
            return nil
        }
        guard let sequence = value.sequence else {
            reader.error(at: value, "'\(key)' in \(what) must be a list (lines starting with '- ')")
            return nil
        }
        return Array(sequence)
    }

    func mapping(_ key: String, required: Bool = true) -> [(String, Node, Node)]? {
        guard let value = values[key] else {
            if required { reader.error(at: node, "\(what) is missing '\(key)'") }
            return nil
        }
        guard let mapping = value.mapping else {
            reader.error(at: value, "'\(key)' in \(what) must be a mapping")
            return nil
        }
        return mapping.compactMap { pair in
            guard let name = pair.key.string else { return nil }
            return (name, pair.key, pair.value)
        }
    }
}
