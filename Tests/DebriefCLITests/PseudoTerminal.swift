import CPseudoTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `debrief` binary running on a pseudo-terminal, driven like a person would.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Everything the program has printed so far.
    private(set) var screen = ""
    private var consumed = 0

    /// The built `debrief` executable, beside the test bundle.
    static var binary: String {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("debrief").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return directory.appendingPathComponent("debrief").path
    }

    /// Runs `program` (the built `debrief` unless told otherwise) with `arguments`.
    init(program: String = PseudoTerminal.binary, arguments: [String], environment: [String: String],
         columns: UInt16 = 100, rows: UInt16 = 40) throws {
        let path = program
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var fd: Int32 = -1
        var child: pid_t = 0
        let result = dbr_pty_spawn(path, argv, envp, columns, rows, &fd, &child)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        master = fd
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    static let tab = "\t", enter = "\r", ctrlC = "\u{03}", ctrlD = "\u{04}", ctrlU = "\u{15}", up = "\u{1B}[A"

    /// Reads output until `text` appears after what earlier expectations consumed.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10) -> Bool {
        expect(anyOf: [text], timeout: timeout) != nil
    }

    /// Reads output until one of `texts` appears; returns the one that came first, if any.
    func expect(anyOf texts: [String], timeout: TimeInterval = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let rest = screen[screen.index(screen.startIndex, offsetBy: consumed)...]
            let found = texts.compactMap { text in rest.range(of: text).map { (text, $0) } }
                .min { $0.1.lowerBound < $1.1.lowerBound }
            if let (text, range) = found {
                consumed = screen.distance(from: screen.startIndex, to: range.upperBound)
                return text
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 || !pump(timeout: min(remaining, 0.2)) && exited { return nil }
        }
    }

    private var exitStatus: Int32?
    private var exited: Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status; return true }
        return false
    }

    /// Reads what is available within `timeout`; false when nothing came.
    @discardableResult
    private func pump(timeout: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        screen += String(decoding: buffer[..<count], as: UTF8.self)
        return true
    }

    /// Waits for the program to exit; returns its exit code, or 128+signal.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(timeout: 0.1)
            if exited, let status = exitStatus {
                while pump(timeout: 0.05) {}
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
        }
        return nil
    }

    func signal(_ signo: Int32) { kill(pid, signo) }

    func send(bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Changes the terminal's size; the program gets SIGWINCH.
    func resize(columns: UInt16, rows: UInt16) { _ = dbr_pty_resize(master, columns, rows) }

    /// Whether the terminal is in canonical (line) mode rather than the line editor's raw mode.
    var isCanonical: Bool { dbr_pty_canonical(master) == 1 }

    /// Puts the terminal in canonical mode, as a shell does while a job is stopped.
    func makeCanonical() { _ = dbr_pty_make_canonical(master) }

    /// The process state letter from /proc (R, S, T for stopped...).
    var state: Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ")", options: .backwards) else { return nil }
        return stat[close.upperBound...].dropFirst().first
    }

    /// Waits until `condition` holds, up to `timeout`, reading output meanwhile.
    @discardableResult
    func wait(timeout: TimeInterval = 10, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { return false }
            pump(timeout: 0.02)
        }
        return true
    }

    /// The pid of a child of this process (found through /proc), waiting up to `timeout`.
    func child(timeout: TimeInterval = 10) -> pid_t? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let candidate = pid_t(entry),
                      let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                      let close = stat.range(of: ")", options: .backwards) else { continue }
                // After "pid (comm)": state, then the parent's pid.
                let fields = stat[close.upperBound...].split(separator: " ")
                if fields.count > 1, pid_t(fields[1]) == pid { return candidate }
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }
}
