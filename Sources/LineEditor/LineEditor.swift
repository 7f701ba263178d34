import CLibEdit
import Foundation

/// What one read from the user produced.
public enum LineEvent: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: discard what is being typed, keep the session.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
    /// SIGTERM, SIGHUP or SIGQUIT (and SIGINT on piped input): save and leave.
    case terminated(Int32)
}

/// A source of lines: the terminal through libedit, or piped standard input.
public protocol LineReader: AnyObject {
    /// Whether a person is typing (prompts and colours make sense).
    var isInteractive: Bool { get }
    func read(prompt: String) -> LineEvent
    /// Adds a line to the history (and saves it, so a killed session keeps it).
    func remember(_ line: String)
}

/// Chooses the reader for this process: libedit on a terminal, plain lines otherwise.
public enum LineReaders {
    public static func standard(program: String, historyFile: String?, completer: LineEditor.Completer?) -> LineReader {
        dbr_install_signal_handlers()
        if isatty(0) == 1 && isatty(1) == 1 {
            return LineEditor(program: program, historyFile: historyFile, completer: completer)
        }
        return PipedLineReader()
    }
}

/// Reads lines from standard input when it is not a terminal: no prompts, same rules.
/// It reads with read(2) itself, so a signal ends the read at once: SIGTERM or SIGHUP as
/// in a terminal, and SIGINT too, since nobody is there to keep typing the session.
public final class PipedLineReader: LineReader {
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let descriptor: Int32

    public init(descriptor: Int32 = STDIN_FILENO) { self.descriptor = descriptor }
    public var isInteractive: Bool { false }

    public func read(prompt: String) -> LineEvent {
        var scanned = start
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                return .line(take(upTo: newline, skipping: 1))
            }
            scanned = buffer.count
            if atEnd {
                return start < buffer.count ? .line(take(upTo: buffer.count, skipping: 0)) : .endOfInput
            }
            if start > 0 && start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            switch dbr_wait_input(descriptor) {
            case ..<0: return .terminated(dbr_take_signal())
            case 0:
                if dbr_take_events() & Int32(DBR_STOP) != 0 { dbr_stop_now() }
                continue
            default: break
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                atEnd = true
            } else if errno == EINTR {
                continue // the next wait sees the signal
            } else {
                atEnd = true
            }
        }
    }

    /// The bytes from `start` to `end` as a line (a CR before the newline dropped).
    private func take(upTo end: Int, skipping separator: Int) -> String {
        var bytes = buffer[start..<end]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        start = end + separator
        if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func remember(_ line: String) {}
}

/// The system libedit: prompt, emacs key bindings, history saved to a file (mode 0600),
/// tab completion, UTF-8, and Ctrl-C / Ctrl-D handled as a REPL should.
public final class LineEditor: LineReader {
    /// Given the text before the cursor, the candidates for the word being typed.
    public typealias Completer = (String) -> [String]

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private let completer: Completer?
    private var promptBuffer: UnsafeMutablePointer<CChar>

    public var isInteractive: Bool { true }

    public init(program: String, historyFile: String?, completer: Completer?) {
        dbr_use_utf8_locale()
        self.historyFile = historyFile
        self.completer = completer
        promptBuffer = strdup("> ")
        editLine = dbr_el_init(program)
        history = dbr_history_init()
        dbr_history_setsize(history, 1000)
        dbr_history_setunique(history, 1)
        if let historyFile, FileManager.default.fileExists(atPath: historyFile) {
            dbr_history_load(history, historyFile)
        }
        dbr_el_set_editor(editLine, "emacs")
        // Signals are ours, not libedit's: see dbr_read_char in shim.h.
        dbr_el_set_signal(editLine, 0)
        dbr_el_use_own_reader(editLine)
        dbr_el_set_hist(editLine, history)
        dbr_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        dbr_el_set_prompt(editLine) { el in
            guard let el, let data = dbr_el_get_clientdata(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
        }
        dbr_el_addfn(editLine, "debrief-complete", "Complete a command or id") { el, _ in
            guard let el, let data = dbr_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete(el)
        }
        dbr_el_bind(editLine, "^I", "debrief-complete")
        el_source(editLine, nil) // the user's ~/.editrc, if any
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    public func read(prompt: String) -> LineEvent {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        var count: Int32 = 0
        dbr_el_prepare(editLine)
        guard let raw = el_gets(editLine, &count) else {
            let signal = dbr_take_signal()
            if signal == SIGINT || (count < 0 && dbr_errno() == EINTR && signal == 0) {
                el_reset(editLine)
                return .interrupted
            }
            if signal != 0 { return .terminated(signal) } // SIGTERM, SIGHUP, SIGQUIT
            return .endOfInput
        }
        let signal = dbr_take_signal()
        if signal != 0 && signal != SIGINT { return .terminated(signal) }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        dbr_history_enter(history, line)
        save()
    }

    /// Writes the history file, creating its directory (0700) and keeping the file 0600.
    public func save() {
        guard let historyFile else { return }
        let directory = (historyFile as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(historyFile, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd) }
        dbr_history_save(history, historyFile)
        chmod(historyFile, 0o600)
    }

    private func complete(_ el: OpaquePointer) -> UInt8 {
        guard let completer, let info = el_line(el) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length), as: UTF8.self)
        let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let candidates = completer(before).filter { $0.hasPrefix(word) }
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            el_insertstr(el, String(candidates[0].dropFirst(word.count)) + " ")
            return UInt8(CC_REFRESH)
        }
        let common = Self.commonPrefix(candidates)
        if common.count > word.count {
            el_insertstr(el, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        let listing = Array(("\n" + candidates.joined(separator: "  ") + "\n").utf8)
        _ = listing.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        return UInt8(CC_REDISPLAY)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
