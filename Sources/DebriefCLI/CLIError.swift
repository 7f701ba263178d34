import DebriefEngine

/// An error the command line reports as a message and an exit code.
struct CLIError: Error {
    var message: String
    var code: Int32

    static let usageCode: Int32 = 2
    static let dataCode: Int32 = 65
    static let ioCode: Int32 = 74

    static func usage(_ message: String) -> CLIError { CLIError(message: "error: \(message)", code: usageCode) }
    static func data(_ message: String) -> CLIError { CLIError(message: "error: \(message)", code: dataCode) }
    static func io(_ message: String) -> CLIError { CLIError(message: "error: \(message)", code: ioCode) }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    init(_ error: BankLoadError) {
        switch error {
        case .unreadable:
            self = .io("cannot read the question banks: \(error.description)")
        case .invalid(let diagnostics):
            self = CLIError(message: diagnostics.map(\.description).joined(separator: "\n")
                                + "\nerror: the question banks have \(diagnostics.count) problem(s); fix them and run 'debrief banks lint'",
                            code: Self.dataCode)
        }
    }
}
