import Foundation

/// Standard output and standard error, written with write(2). A failed write (a full disk,
/// a closed descriptor) becomes an I/O error with exit code 74, where FileHandle.write
/// would crash and print() would lose the output silently.
final class Console: @unchecked Sendable {
    static let standardOutput = Console(descriptor: STDOUT_FILENO, name: "standard output")
    static let standardError = Console(descriptor: STDERR_FILENO, name: "standard error")

    private let descriptor: Int32
    private let name: String
    /// Why the first failed write failed; later writes are skipped.
    private(set) var failure: String?

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Writes all of `text`, or records why it could not.
    func write(_ text: String) {
        guard failure == nil else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Throws the I/O error for a failed write, if there was one.
    func check() throws {
        if let failure { throw CLIError.io("cannot write to \(name): \(failure)") }
    }

    /// Writes `text` to standard output; throws when that fails.
    static func out(_ text: String) throws {
        standardOutput.write(text)
        try standardOutput.check()
    }

    /// Writes `text` to standard error; there is nowhere to report a failure of that.
    static func err(_ text: String) {
        standardError.write(text)
    }
}
