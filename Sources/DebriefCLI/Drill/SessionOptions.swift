import ArgumentParser
import DebriefEngine
import Foundation

/// Where sessions and the input history live: `--sessions-dir`, `$DEBRIEF_SESSIONS_DIR`,
/// `./Sessions`, then `$XDG_DATA_HOME/debrief/Sessions` (or `~/.local/share/debrief/Sessions`).
struct SessionOptions: ParsableArguments {
    @Option(name: .customLong("sessions-dir"), help: ArgumentHelp("Where session journals are saved.", valueName: "dir"))
    var directory: String?

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory { return directory }
        if let fromEnvironment = environment["DEBRIEF_SESSIONS_DIR"], !fromEnvironment.isEmpty { return fromEnvironment }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "Sessions", isDirectory: &isDirectory), isDirectory.boolValue { return "Sessions" }
        return (Self.dataHome(environment) as NSString).appendingPathComponent("Sessions")
    }

    /// `$XDG_DATA_HOME/debrief`, or `~/.local/share/debrief`.
    static func dataHome(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return (xdg as NSString).appendingPathComponent("debrief") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/debrief")
    }

    static func historyFile(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (dataHome(environment) as NSString).appendingPathComponent("history")
    }
}

/// Wall-clock time for journal lines; the engine never reads a clock itself.
enum Clock {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// A file-name-safe stamp: 2026-11-23T01-02-03Z.
    static func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date()).replacingOccurrences(of: ":", with: "-")
    }
}

extension DecisionModelKind: ExpressibleByArgument {}
extension DrillSelection.TrackChoice: ExpressibleByArgument {}
