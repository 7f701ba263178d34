import Foundation

/// One labeled item of an evaluation file (`debrief eval`, docs/FORMATS.md).
public struct EvalItem: Sendable, Equatable {
    public enum Label: Sendable, Equatable {
        /// An experienced interviewer rates `stronger` above `weaker`.
        case pair(weaker: String, stronger: String)
        /// A calibrated interviewer gives `answer` this level, 1–4.
        case graded(answer: String, level: Int)
    }

    public var id: String
    public var category: String
    public var question: Question
    public var label: Label
    public var file: String
    public var line: Int
}

/// Reads JSON Lines of pairs and graded answers; a bad line is reported and skipped.
public enum EvalFile {
    public static func parse(_ text: String, file: String, banks: Banks) -> ([EvalItem], [Diagnostic]) {
        var items: [EvalItem] = []
        var problems: [Diagnostic] = []
        let matcher = QuestionMatcher(banks: banks)
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            func problem(_ message: String, _ hint: String) {
                problems.append(Diagnostic(file: file, line: line, column: 1, message: message, hint: hint))
            }
            guard let data = trimmed.data(using: .utf8),
                  let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                problem("not a JSON object", "each line is one object: {\"questionId\": …, \"weaker\": …, \"stronger\": …} or {…, \"answer\": …, \"level\": 1-4}")
                continue
            }
            func text(_ key: String) -> String? {
                guard let value = object[key] as? String else { return nil }
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            let question: Question
            if let given = object["questionId"] {
                guard let id = given as? String, let found = banks.question(id) else {
                    let shown = "\(given)"
                    let near = YAMLReader.closest(to: shown, in: banks.questions.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                    problem("unknown question id '\(shown)'", near + "ids are listed by 'debrief banks list'")
                    continue
                }
                question = found
            } else if let free = text("question") {
                question = matcher.match(free).question
            } else {
                problem("no question: give \"questionId\" (a bank id) or \"question\" (its text)", "add one of the two fields")
                continue
            }
            let id = text("id") ?? "line-\(line)"
            let category = text("category") ?? "uncategorized"
            if object["weaker"] != nil || object["stronger"] != nil {
                guard let weaker = text("weaker"), let stronger = text("stronger") else {
                    problem("a pair needs both \"weaker\" and \"stronger\" as non-empty text", "add the missing answer")
                    continue
                }
                items.append(EvalItem(id: id, category: category, question: question, label: .pair(weaker: weaker, stronger: stronger),
                                      file: file, line: line))
            } else if object["answer"] != nil || object["level"] != nil {
                guard let answer = text("answer") else {
                    problem("a graded item needs \"answer\" as non-empty text", "add the answer")
                    continue
                }
                let rawLevel = object["level"]
                // JSON true/false also bridge to numbers; a level is a whole number, not a flag.
                let isFlag = rawLevel.map { String(describing: type(of: $0)).contains("Bool") } ?? false
                let level = isFlag ? nil : (rawLevel as? NSNumber).flatMap { number -> Int? in
                    let value = number.doubleValue
                    return value == value.rounded() && abs(value) < 100 ? Int(value) : nil
                }
                guard let level, (1...4).contains(level) else {
                    problem("\"level\" must be a whole number from 1 to 4, not \(rawLevel.map { "\($0)" } ?? "missing")",
                            "1 misses the crux or shows a severe flag; 4 is the crux, a decision with its trade-off, the risk, specific")
                    continue
                }
                items.append(EvalItem(id: id, category: category, question: question, label: .graded(answer: answer, level: level),
                                      file: file, line: line))
            } else {
                problem("neither a pair nor a graded answer", "give \"weaker\" and \"stronger\", or \"answer\" and \"level\"")
            }
        }
        return (items, problems)
    }
}

/// The engine's figures on labeled answers.
public struct EvalReport: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        public var category: String
        public var pairs: Int
        public var pairsRight: Int
        public var pairAccuracy: Double? = nil
        /// Weaker answers that carry a named concern (a red flag, a misconception, the crux missed).
        public var concernShare: Double? = nil
        public var graded: Int
        public var spearman: Double? = nil
        public var meanAbsoluteError: Double? = nil
        /// Spearman of (score − level) with word count: length beyond what the levels carry.
        public var lengthBias: Double? = nil
    }
    public struct Miss: Sendable, Codable, Equatable {
        public var id: String
        public var category: String
        public var line: Int
        public var file: String
        /// For a pair: weaker and stronger scores; for a graded item: score and level.
        public var detail: String
    }

    public var items: Int
    public var overall: Group
    public var categories: [Group]
    public var misses: [Miss]
}

/// Runs the engine on labeled items. Pure: same banks and items, same report.
public struct Evaluator: Sendable {
    public let banks: Banks
    public init(banks: Banks) { self.banks = banks }

    struct Scored {
        var item: EvalItem
        var right: Bool? = nil
        var concern: Bool? = nil
        var score: Double? = nil
        var level: Int? = nil
        var words: Int? = nil
        var detail: String
    }

    public func run(_ items: [EvalItem]) -> EvalReport {
        let analyzer = Analyzer(banks: banks)
        var scored: [Scored] = []
        for item in items {
            switch item.label {
            case let .pair(weaker, stronger):
                let w = analyzer.analyze(weaker, for: item.question)
                let s = analyzer.analyze(stronger, for: item.question)
                scored.append(Scored(item: item, right: s.score > w.score, concern: hasConcern(w),
                                     detail: String(format: "weaker %.2f, stronger %.2f", w.score, s.score)))
            case let .graded(answer, level):
                let a = analyzer.analyze(answer, for: item.question)
                scored.append(Scored(item: item, score: a.score, level: level, words: a.wordCount,
                                     detail: String(format: "score %.2f, level %d", a.score, level)))
            }
        }
        var categories: [String] = []
        for s in scored where !categories.contains(s.item.category) { categories.append(s.item.category) }
        // Wrong or tied pairs, and graded answers scored a level and a half or more away.
        let missed = scored.filter { s in
            if let right = s.right { return !right }
            guard let score = s.score, let level = s.level else { return false }
            return abs(score - Double(level)) >= 1.5
        }
        let misses = missed.map { EvalReport.Miss(id: $0.item.id, category: $0.item.category, line: $0.item.line, file: $0.item.file, detail: $0.detail) }
        let groups = categories.sorted().map { c in group(c, scored.filter { $0.item.category == c }) }
        return EvalReport(items: items.count, overall: group("all", scored), categories: groups, misses: misses)
    }

    func group(_ name: String, _ scored: [Scored]) -> EvalReport.Group {
        let pairs = scored.filter { $0.right != nil }
        let right = pairs.filter { $0.right == true }.count
        let concerns = pairs.filter { $0.concern == true }.count
        let graded = scored.filter { $0.score != nil }
        let scores: [Double] = graded.map { $0.score ?? 0 }
        let levels: [Double] = graded.map { Double($0.level ?? 0) }
        let residuals: [Double] = zip(scores, levels).map { $0 - $1 }
        let words: [Double] = graded.map { Double($0.words ?? 0) }
        var group = EvalReport.Group(category: name, pairs: pairs.count, pairsRight: right, graded: graded.count)
        if !pairs.isEmpty {
            let count = Double(pairs.count)
            group.pairAccuracy = Self.round3(Double(right) / count)
            group.concernShare = Self.round3(Double(concerns) / count)
        }
        if !graded.isEmpty {
            let total: Double = residuals.map { abs($0) }.reduce(0, +)
            group.meanAbsoluteError = Self.round3(total / Double(graded.count))
        }
        if graded.count >= 3 {
            group.spearman = Self.spearman(scores, levels).map(Self.round3)
            group.lengthBias = Self.spearman(residuals, words).map(Self.round3)
        }
        return group
    }

    /// A weaker answer the engine can say something about: a red flag or misconception, an
    /// off-topic or repeated answer, or the question's crux missed.
    func hasConcern(_ analysis: AnswerAnalysis) -> Bool {
        if !analysis.redFlags.isEmpty || analysis.offTopic == true { return true }
        return (analysis.keyPointsMissed ?? []).contains { banks.keyPoint($0)?.isCrux == true }
    }

    /// Spearman's rank correlation, ties given their average rank; nil when either side is constant.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let rx = ranks(x), ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { result[order[k]] = rank }
            i = j + 1
        }
        return result
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
