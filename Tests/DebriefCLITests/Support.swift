import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the real `debrief` binary for the command-line tests (score, banks) and captures
/// what it prints.
///
/// Standard input, output and error go through temporary files rather than pipes: no pipe
/// buffer can fill up and deadlock the test, and a program that exits without reading all
/// of its input cannot raise SIGPIPE in the test process. Every run has a time limit.
enum CLI {
    /// The package root (the directory holding Package.swift), found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return url
    }()

    /// The committed question banks.
    static let banks = packageRoot.appendingPathComponent("QuestionBanks").path

    /// The `debrief` executable: `$DEBRIEF_TEST_BINARY` if set, else the sibling of the test
    /// bundle (`swift test` runs `<scratch>/debug/DebriefPackageTests.xctest`; on macOS the
    /// bundle's parent is one level further up).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DEBRIEF_TEST_BINARY"], !path.isEmpty { return path }
        let fm = FileManager.default
        let first = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
        var candidates: [URL] = []
        for start in [first, Bundle.main.bundleURL.standardizedFileURL] {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("debrief"))
                directory.deleteLastPathComponent()
            }
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return candidate.path
            }
        }
        return candidates.first?.path ?? "debrief"
    }()

    /// What one run of the binary did.
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
        /// The run was killed for exceeding its time limit.
        var timedOut: Bool
        var elapsed: TimeInterval

        var description: String {
            "exit \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", elapsed)) s\n--- stdout\n\(stdout.prefix(2000))\n--- stderr\n\(stderr.prefix(2000))"
        }
    }

    /// An environment without anything that would pick other banks or add colour.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DEBRIEF_BANKS"] = nil
        environment["NO_COLOR"] = "1"
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    /// Runs `debrief arguments...` in `directory` (the package root by default) with `input`
    /// on standard input; kills it after `timeout` seconds.
    /// `outputPath` sends standard output to that file instead (for example /dev/full).
    static func run(_ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                    directory: URL? = nil, timeout: TimeInterval = 20, outputPath: String? = nil) throws -> Outcome {
        let scratch = try ScratchDirectory(prefix: "debrief-run")
        defer { scratch.remove() }
        let inputURL = scratch.url.appendingPathComponent("stdin")
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        try input.write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputPath.map { URL(fileURLWithPath: $0) } ?? outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment ?? Self.environment
        process.currentDirectoryURL = directory ?? packageRoot
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }

        let start = Date()
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(start)

        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err, as: UTF8.self), stdoutData: out, timedOut: timedOut, elapsed: elapsed)
    }

    static func run(_ arguments: [String], input: String, environment: [String: String]? = nil,
                    directory: URL? = nil, timeout: TimeInterval = 20) throws -> Outcome {
        try run(arguments, input: Data(input.utf8), environment: environment, directory: directory, timeout: timeout)
    }

    /// `debrief score` with the committed banks.
    static func score(_ arguments: [String], input: Data = Data(), timeout: TimeInterval = 20) throws -> Outcome {
        try run(["score"] + arguments + ["--banks", banks], input: input, timeout: timeout)
    }

    /// `debrief score ... --format json`, decoded as a JSON object.
    static func scoreJSON(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let outcome = try score(arguments + ["--format", "json"])
        try #require(outcome.status == 0, "\(outcome)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: outcome.stdoutData)
        return try #require(object as? [String: Any], "not a JSON object: \(outcome.stdout.prefix(300))", sourceLocation: sourceLocation)
    }
}

/// A temporary directory removed by `remove()`.
struct ScratchDirectory {
    let url: URL
    var path: String { url.path }

    init(prefix: String = "debrief-cli-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `data` to `name` (a path relative to the directory); returns the full path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    /// A copy of the committed QuestionBanks inside this directory; returns its path.
    func copyOfBanks(named name: String = "QuestionBanks") throws -> String {
        let destination = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.banks), to: destination)
        return destination.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// One `path:line:column: severity: message` line of lint output, with its `hint:` line.
struct LintLine: CustomStringConvertible {
    var path: String
    var line: Int
    var column: Int
    var severity: String
    var message: String
    var hint: String?

    var description: String { "\(path):\(line):\(column): \(severity): \(message)" + (hint.map { " [hint: \($0)]" } ?? "") }

    /// Parses every diagnostic in `output`; lines that are not diagnostics or hints are ignored.
    static func parse(_ output: String) -> [LintLine] {
        var result: [LintLine] = []
        let pattern = try! NSRegularExpression(pattern: #"^(.+):(\d+):(\d+): (error|warning): (.+)$"#)
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("    hint: "), !result.isEmpty {
                result[result.count - 1].hint = String(line.dropFirst("    hint: ".count))
                continue
            }
            let range = NSRange(line.startIndex..., in: line)
            guard let match = pattern.firstMatch(in: line, range: range) else { continue }
            func group(_ i: Int) -> String { String(line[Range(match.range(at: i), in: line)!]) }
            result.append(LintLine(path: group(1), line: Int(group(2))!, column: Int(group(3))!,
                                   severity: group(4), message: group(5), hint: nil))
        }
        return result
    }
}

/// The Unicode scalars of `text` at `[start, end)`, or nil when out of range.
func scalarSlice(_ text: String, _ start: Int, _ end: Int) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard start >= 0, start <= end, end <= scalars.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
}
