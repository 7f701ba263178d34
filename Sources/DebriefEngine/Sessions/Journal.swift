import Foundation

/// Appends session events to a JSON Lines file, one line per event, flushed and fsync'd as
/// it is written, so a killed process loses only the answer still being typed (an answer is
/// journaled when its closing empty line is entered).
///
/// Files are created 0600, and a directory created here 0700 (they hold personal career details), with
/// O_EXCL so a session never overwrites another.
public final class JournalWriter {
    public let path: String
    private let fd: Int32
    private let encoder: JSONEncoder

    public enum WriteError: Error, Sendable, CustomStringConvertible {
        case cannotCreateDirectory(String, String)
        case cannotCreateFile(String, String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case let .cannotCreateDirectory(path, reason): "cannot create the sessions directory \(path): \(reason)"
            case let .cannotCreateFile(path, reason): "cannot create a session file in \(path): \(reason)"
            case let .cannotWrite(path, reason): "cannot write to \(path): \(reason)"
            }
        }
    }

    /// Creates a new journal in `directory` named from `stem`; adds -2, -3, ... if taken.
    public init(directory: String, stem: String) throws(WriteError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreateDirectory(directory, Self.reason(errno: Self.posixCode(of: error), fallback: error.localizedDescription))
            }
        } else if !isDirectory.boolValue {
            throw .cannotCreateDirectory(directory, "a file with that name exists")
        }
        var attempt = 1
        var descriptor: Int32 = -1
        var candidate = ""
        while descriptor < 0 {
            candidate = (directory as NSString).appendingPathComponent(attempt == 1 ? "\(stem).jsonl" : "\(stem)-\(attempt).jsonl")
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
            if descriptor < 0 {
                if errno == EEXIST && attempt < 1000 { attempt += 1; continue }
                throw .cannotCreateFile(directory, Self.reason(errno: errno, fallback: "unknown error"))
            }
        }
        fchmod(descriptor, 0o600)
        path = candidate
        fd = descriptor
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit { close(fd) }

    /// Writes one event as one line and forces it to disk.
    public func append(_ event: SessionEvent) throws(WriteError) {
        let data: Data
        do { data = try encoder.encode(event) } catch { throw .cannotWrite(path, "\(error)") }
        var bytes = [UInt8](data)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path, Self.reason(errno: errno, fallback: "write failed"))
            }
            offset += written
        }
        if fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
            throw .cannotWrite(path, Self.reason(errno: errno, fallback: "fsync failed"))
        }
    }

    /// The POSIX error behind a Foundation error, if any (errno itself may be stale by then).
    static func posixCode(of error: Error) -> Int32 {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey]
        if let posix = underlying as? POSIXError { return posix.code.rawValue }
        if let nested = underlying as? NSError, nested.domain == NSPOSIXErrorDomain { return Int32(nested.code) }
        return 0
    }

    static func reason(errno code: Int32, fallback: String) -> String {
        guard code != 0, let message = strerror(code) else { return fallback }
        return String(cString: message)
    }
}

/// A journal read back: its events, and whether it ended cleanly.
public struct Journal: Sendable {
    public var header: SessionHeader
    public var events: [SessionEvent]
    /// The file ends in the middle of a line (the process was killed while writing).
    public var cutMidLine: Bool

    /// The recorded end, if the session reached one.
    public var end: SessionEvent? { events.last { $0.type == .end } }
    /// The session stopped without an end event, or mid-line.
    public var endedAbruptly: Bool { cutMidLine || end == nil }

    public enum ReadError: Error, Sendable, CustomStringConvertible {
        case notAJournal(String, String)
        case badLine(String, line: Int, String)

        public var description: String {
            switch self {
            case let .notAJournal(path, reason): "\(path):1:1: not a Debrief session journal: \(reason)"
            case let .badLine(path, line, reason): "\(path):\(line):1: \(reason)"
            }
        }
    }

    /// Parses a journal. A last line without its newline that does not parse is the mark of
    /// a killed process: everything before it is kept. A bad line anywhere else is an error.
    public static func parse(_ data: Data, path: String) throws(ReadError) -> Journal {
        let bytes = [UInt8](data)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        let tail = start < bytes.count ? bytes[start...] : nil
        let decoder = JSONDecoder()
        guard let first = lines.first ?? tail else { throw .notAJournal(path, "the file is empty") }
        guard let firstEvent = try? decoder.decode(SessionEvent.self, from: Data(first)), firstEvent.type == .header,
              let header = firstEvent.header else {
            throw .notAJournal(path, "the first line is not a session header (expected a JSON object with \"type\":\"header\")")
        }
        guard header.schema <= SessionHeader.currentSchema else {
            throw .notAJournal(path, "schema \(header.schema) is newer than this debrief understands (\(SessionHeader.currentSchema)); update debrief")
        }
        var events: [SessionEvent] = [firstEvent]
        for (index, line) in lines.enumerated().dropFirst() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            guard let event = try? decoder.decode(SessionEvent.self, from: Data(line)) else {
                throw .badLine(path, line: index + 1, "not a session event; the journal may have been edited by hand")
            }
            events.append(event)
        }
        var cut = false
        if let tail, !lines.isEmpty {
            if let event = try? decoder.decode(SessionEvent.self, from: Data(tail)) { events.append(event) } else { cut = true }
        }
        return Journal(header: header, events: events, cutMidLine: cut)
    }

    /// The exchanges as recorded, grouped into rounds.
    public var recordedRounds: [RoundRecord] {
        var rounds: [RoundRecord] = []
        for event in events {
            switch event.type {
            case .roundStarted:
                if let number = event.round, let interviewer = event.interviewer, let track = event.track {
                    rounds.append(RoundRecord(number: number, interviewer: interviewer, track: track, exchanges: []))
                }
            case .exchange:
                if let exchange = event.exchange, let number = event.round, let index = rounds.lastIndex(where: { $0.number == number }) {
                    rounds[index].exchanges.append(exchange)
                }
            default:
                break
            }
        }
        return rounds.filter { !$0.exchanges.isEmpty }
    }

    public var recordedScorecards: [Scorecard]? { events.last { $0.type == .scorecards }?.scorecards }
    public var recordedVerdict: Verdict? { events.last { $0.type == .verdict }?.verdict }
}
