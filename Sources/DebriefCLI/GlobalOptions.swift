import ArgumentParser
import DebriefEngine
import Foundation

/// Output forms for commands that produce a report.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// Where the banks come from: `--banks`, `$DEBRIEF_BANKS`, `./QuestionBanks`, then the banks
/// installed beside the binary.
struct BankOptions: ParsableArguments {
    @Option(name: .customLong("banks"), help: ArgumentHelp("Question banks directory.", valueName: "dir"))
    var directory: String?

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let directory { return directory }
        if let fromEnvironment = environment["DEBRIEF_BANKS"], !fromEnvironment.isEmpty { return fromEnvironment }
        let fm = FileManager.default
        let local = "QuestionBanks"
        if fm.fileExists(atPath: (local as NSString).appendingPathComponent(BankLoader.signalsFile)) { return local }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in ["QuestionBanks", "../share/debrief/QuestionBanks"] {
            let path = executable.appendingPathComponent(candidate).standardizedFileURL.path
            if fm.fileExists(atPath: (path as NSString).appendingPathComponent(BankLoader.signalsFile)) { return path }
        }
        throw CLIError.io("no question banks found; pass --banks DIR, set DEBRIEF_BANKS, or run from the directory that holds QuestionBanks/")
    }

    func load() throws -> Banks {
        let root = try resolve()
        do { return try BankLoader.loadValid(root: root) } catch { throw CLIError(error) }
    }
}
