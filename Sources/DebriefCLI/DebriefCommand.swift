import ArgumentParser
import DebriefEngine
import Foundation

/// The root command: `debrief`.
public struct DebriefCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "Practise ML and behavioral interviews - and the debrief that decides the offer.",
        version: "debrief \(EngineInfo.version)",
        subcommands: [DrillCommand.self, ReplayCommand.self, ScoreCommand.self, EvalCommand.self, BanksCommand.self]
    )
    public init() {}
}

/// Runs the command line and exits with the codes of DESIGN.md: 0 success, 1 runtime
/// failure, 2 usage error, 65 bad data, 74 I/O error.
public enum DebriefMain {
    public static func run(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try DebriefCommand.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as CLIError {
            Console.err(error.message + "\n")
            exit(error.code)
        } catch {
            let code = DebriefCommand.exitCode(for: error)
            let message = DebriefCommand.fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    do { try Console.out(message + "\n") } catch let failed as CLIError {
                        Console.err(failed.message + "\n")
                        exit(failed.code)
                    } catch {}
                } else {
                    Console.err(message + "\n")
                }
            }
            // ArgumentParser reports usage errors as EX_USAGE (64); the contract says 2.
            exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
