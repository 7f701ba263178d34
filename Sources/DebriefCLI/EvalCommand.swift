import ArgumentParser
import DebriefEngine
import Foundation

/// `debrief eval`: how the engine does on labeled answers.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate the engine on labeled answers: pairwise accuracy, Spearman with levels, by category.",
        discussion: """
        Each line of FILE is a JSON object, either a pair
          {"questionId": ID, "weaker": TEXT, "stronger": TEXT, "category": C, "id": X}
        or a graded answer
          {"questionId": ID, "answer": TEXT, "level": 1-4, "category": C, "id": X}
        ("question": TEXT may replace "questionId"; category and id are optional).
        Exit status: 0 when the thresholds are met, 1 when one is missed, 65 when a line was
        invalid (it is named and skipped; the rest is still evaluated).
        """
    )

    @Argument(help: ArgumentHelp("JSON Lines files of labeled answers.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("min-accuracy"), help: ArgumentHelp("Fail below this pairwise accuracy (0-1).", valueName: "x"))
    var minAccuracy: Double?

    @Option(name: .customLong("min-spearman"), help: ArgumentHelp("Fail below this Spearman correlation with the levels (-1 to 1).", valueName: "x"))
    var minSpearman: Double?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var banks: BankOptions

    func validate() throws {
        if let minAccuracy, !(0...1).contains(minAccuracy) { throw ValidationError("--min-accuracy must be between 0 and 1") }
        if let minSpearman, !(-1...1).contains(minSpearman) { throw ValidationError("--min-spearman must be between -1 and 1") }
    }

    func run() throws {
        let banks = try self.banks.load()
        var items: [EvalItem] = []
        var problems: [Diagnostic] = []
        for file in files {
            let text = try Self.read(file)
            let (parsed, issues) = EvalFile.parse(text, file: file, banks: banks)
            items += parsed
            problems += issues
        }
        let report = Evaluator(banks: banks).run(items)
        var failures: [String] = []
        if let minAccuracy, let accuracy = report.overall.pairAccuracy, accuracy < minAccuracy {
            failures.append(String(format: "pairwise accuracy %.3f is below --min-accuracy %.3f", accuracy, minAccuracy))
        } else if minAccuracy != nil, report.overall.pairAccuracy == nil {
            failures.append("no pairs to measure against --min-accuracy")
        }
        if let minSpearman, let spearman = report.overall.spearman, spearman < minSpearman {
            failures.append(String(format: "Spearman %.3f is below --min-spearman %.3f", spearman, minSpearman))
        } else if minSpearman != nil, report.overall.spearman == nil {
            failures.append("no graded answers to measure against --min-spearman")
        }

        switch format {
        case .json:
            struct Output: Encodable {
                var report: EvalReport
                var problems: [Diagnostic]
                var failures: [String]
            }
            try Console.out(JSONOutput.encode(Output(report: report, problems: problems, failures: failures)))
        case .text, .markdown:
            try Console.out(EvalRenderer(markdown: format == .markdown).render(report, files: files))
        }
        for problem in problems { Console.err(problem.description + "\n") }
        if !problems.isEmpty {
            throw CLIError(message: "error: \(problems.count) line(s) skipped; the figures above leave them out", code: CLIError.dataCode)
        }
        if !failures.isEmpty {
            throw CLIError(message: failures.map { "error: " + $0 }.joined(separator: "\n"), code: 1)
        }
    }
}

extension EvalCommand {
    /// Evaluation files are bounded: 32 MB is thousands of items.
    static let maximumBytes = 32 << 20

    /// Reads a regular file as UTF-8, refusing directories, pipes and oversized files.
    static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw CLIError.io("\(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CLIError.io("\(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw CLIError.io("\(path): not a regular file; give a .jsonl file of labeled answers")
        }
        guard info.st_size <= maximumBytes else {
            throw CLIError.data("\(path): \(info.st_size) bytes is more than the \(maximumBytes >> 20) MB an evaluation file may hold; split it")
        }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch { throw CLIError.io("\(path): \(error.localizedDescription)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.data("\(path): not valid UTF-8; save it as UTF-8")
        }
        return text
    }
}

/// The evaluation report as a table.
struct EvalRenderer {
    var markdown: Bool

    func render(_ report: EvalReport, files: [String]) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        var out = markdown ? "# Engine evaluation\n\n" : ""
        let o = report.overall
        out += "\(files.joined(separator: ", ")): \(report.items) items\n"
        if o.pairs > 0 {
            out += "  pairs \(o.pairs): accuracy \(f(o.pairAccuracy)) (\(o.pairsRight) right, \(o.pairs - o.pairsRight) wrong or tied); weaker answer named a concern in \(f(o.concernShare))\n"
        }
        if o.graded > 0 {
            out += "  graded \(o.graded): Spearman \(f(o.spearman)), mean absolute error \(f(o.meanAbsoluteError)), length bias \(f(o.lengthBias))\n"
        }
        out += "\n"
        let header = ["category", "pairs", "accuracy", "concern", "graded", "spearman", "mae"]
        let rows = report.categories.map { g in
            [g.category, "\(g.pairs)", f(g.pairAccuracy), f(g.concernShare), "\(g.graded)", f(g.spearman), f(g.meanAbsoluteError)]
        }
        if markdown {
            out += "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        } else {
            let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
            func line(_ cells: [String]) -> String {
                "  " + cells.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) : cell.leftPad(widths[i]) }
                    .joined(separator: "  ") + "\n"
            }
            out += line(header)
            for row in rows { out += line(row) }
        }
        if !report.misses.isEmpty {
            out += "\n" + (markdown ? "## " : "") + "Wrong or tied pairs, graded answers off by 1.5 or more\n"
            for miss in report.misses { out += (markdown ? "- " : "  ") + "\(miss.id) (\(miss.file):\(miss.line)): \(miss.detail)\n" }
        }
        return out
    }
}
