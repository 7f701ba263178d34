import Foundation
import Yams

/// Why banks could not be loaded.
public enum BankLoadError: Error, Sendable, CustomStringConvertible {
    /// The directory or file does not exist or cannot be read (an I/O problem, exit 74).
    case unreadable(path: String, reason: String)
    /// The content has problems (exit 65); every one found is listed.
    case invalid([Diagnostic])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case let .invalid(diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}

/// Loads and cross-checks a `QuestionBanks/` directory.
///
/// `load` gathers every problem of every file before deciding, so `banks lint` and a drill
/// that refuses to start report the same complete list.
public enum BankLoader {
    public static let competenciesFile = "competencies.yaml"
    public static let signalsFile = "signals.yaml"
    public static let panelsFile = "panels.yaml"
    /// Signals the adaptation classifier relies on; the lexicon must define them.
    public static let adaptationSignals = ["receptiveness", "defensiveness", "gives-reasons", "deflection"]

    /// Loads the banks at `root`, plus any extra bank files (for linting a single file).
    /// Returns the banks (nil when there are errors) and all diagnostics, warnings included.
    public static func load(root: String, extraFiles: [String] = []) throws(BankLoadError) -> (Banks?, [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw .unreadable(path: root, reason: "no such directory; point --banks (or $DEBRIEF_BANKS) at a QuestionBanks directory")
        }
        guard isDirectory.boolValue else {
            throw .unreadable(path: root, reason: "not a directory; banks are a directory holding competencies.yaml, signals.yaml, panels.yaml and bank folders")
        }
        var loader = Loading(root: root)
        try loader.run(extraFiles: extraFiles)
        return loader.finish()
    }

    /// Loads the banks or throws every error found.
    public static func loadValid(root: String) throws(BankLoadError) -> Banks {
        let (banks, diagnostics) = try load(root: root)
        guard let banks else { throw .invalid(diagnostics.filter { $0.severity == .error }) }
        return banks
    }
}

/// One load of a banks directory: parses each file, then checks references between them.
private struct Loading {
    let root: String
    var diagnostics: [Diagnostic] = []
    var files: [BankFile] = []

    var competencies: [Competency] = []
    var competencyNodes: [String: Node] = [:]
    var tracks: [Track: TrackProfile] = [:]
    var trackNodes: [(Track, Fields)] = []
    var signals: [SignalDefinition] = []
    var signalFields: [(SignalDefinition, Fields)] = []
    var questions: [(Question, Fields, [(AuthoredPushback, Fields)])] = []
    var personas: [(Persona, Fields)] = []
    var loops: [(Loop, Fields, [(LoopRound, Fields)])] = []
    var pools: [Pool] = []
    var decision = DecisionSettings()
    var areaFiles: [(Track, String, [String], [KeyPoint], Fields)] = []

    init(root: String) { self.root = root }

    mutating func run(extraFiles: [String]) throws(BankLoadError) {
        let fm = FileManager.default
        for name in [BankLoader.competenciesFile, BankLoader.signalsFile, BankLoader.panelsFile] {
            let path = (root as NSString).appendingPathComponent(name)
            if !fm.fileExists(atPath: path) {
                diagnostics.append(Diagnostic(file: display(path), line: 1, column: 1, message: "missing \(name)",
                                              hint: "every banks directory needs \(name); see docs/FORMATS.md"))
            }
        }
        if let (text, reader) = try read(BankLoader.competenciesFile) { parseCompetencies(text, reader) }
        if let (text, reader) = try read(BankLoader.signalsFile) { parseSignals(text, reader) }
        if let (text, reader) = try read(BankLoader.panelsFile) { parsePanels(text, reader) }

        var bankFiles: [String] = []
        if let enumerator = fm.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
                guard relative.contains("/") else { continue } // top-level files are the three above
                bankFiles.append(relative)
            }
        }
        for extra in extraFiles {
            let standardized = (extra as NSString).standardizingPath
            let rootPrefix = ((root as NSString).standardizingPath as NSString).appendingPathComponent("")
            let relative = standardized.hasPrefix(rootPrefix) ? String(standardized.dropFirst(rootPrefix.count)) : extra
            if !bankFiles.contains(relative) { bankFiles.append(relative.hasPrefix("/") ? relative : extra) }
        }
        for relative in bankFiles.sorted() {
            if let (text, reader) = try read(relative) { parseBank(text, reader) }
        }
        crossCheck()
    }

    func display(_ path: String) -> String {
        path.hasPrefix("/") || path.hasPrefix(".") ? path : path
    }

    /// Reads a file relative to the root (or an absolute path) as strict UTF-8.
    mutating func read(_ relative: String) throws(BankLoadError) -> (String, YAMLReader)? {
        let path = relative.hasPrefix("/") ? relative : (root as NSString).appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot be read (check its permissions)")
        }
        let bytes = [UInt8](data)
        files.append(BankFile(path: relative, hash: BankFile.hash(bytes)))
        let reader = YAMLReader(file: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8(bytes)
            let line = bytes[..<offset].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            diagnostics.append(Diagnostic(file: path, line: line, column: 1,
                                          message: "not valid UTF-8 (byte \(offset))", hint: "save the file as UTF-8"))
            return nil
        }
        return (text, reader)
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var low = 0, high = bytes.count
        // The longest valid prefix, found by bisection on the decoder.
        while low < high {
            let mid = (low + high + 1) / 2
            if String(validating: bytes[..<mid], as: UTF8.self) != nil || (mid < bytes.count && (bytes[mid] & 0xC0) == 0x80 && String(validating: bytes[..<max(0, mid - 3)], as: UTF8.self) != nil) {
                low = mid
            } else {
                high = mid - 1
            }
        }
        return low
    }

    // MARK: competencies.yaml

    mutating func parseCompetencies(_ text: String, _ reader: YAMLReader) {
        defer { diagnostics += reader.diagnostics }
        guard let top = reader.fields(reader.compose(text), of: "competencies.yaml", allowed: ["competencies", "tracks"]) else { return }
        for item in top.list("competencies") ?? [] {
            guard let f = reader.fields(item, of: "a competency", allowed: ["id", "name", "description", "practice"]) else { continue }
            guard let id = f.string("id") else { continue }
            checkID(id, at: f.node("id"), reader)
            if competencyNodes[id] != nil {
                reader.error(at: f.node("id"), "duplicate competency id '\(id)'", hint: "each competency id must be unique")
                continue
            }
            competencyNodes[id] = f.node("id")
            competencies.append(Competency(id: id, name: f.string("name") ?? id, description: f.string("description") ?? "",
                                           practice: f.string("practice") ?? ""))
        }
        for (name, key, value) in top.mapping("tracks") ?? [] {
            guard let track = Track(rawValue: name) else {
                reader.error(at: key, "unknown track '\(name)'", hint: "tracks are: \(Track.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let f = reader.fields(value, of: "track '\(name)'", allowed: ["weights", "defaultCompetencies", "defaultStrongSignals", "keywords"]) else { continue }
            var weights: [String: Double] = [:]
            for (competency, _, weightNode) in f.mapping("weights") ?? [] {
                guard let weight = weightNode.scalar.flatMap({ Double($0.string) }), weight >= 0 else {
                    reader.error(at: weightNode, "weight of '\(competency)' must be a number ≥ 0")
                    continue
                }
                weights[competency] = weight
            }
            let profile = TrackProfile(track: track, weights: weights,
                                       defaultCompetencies: (f.strings("defaultCompetencies") ?? []).map(\.0),
                                       defaultStrongSignals: (f.strings("defaultStrongSignals") ?? []).map(\.0),
                                       keywords: (f.strings("keywords") ?? []).map { $0.0.lowercased() })
            tracks[track] = profile
            trackNodes.append((track, f))
        }
    }

    // MARK: signals.yaml

    mutating func parseSignals(_ text: String, _ reader: YAMLReader) {
        defer { diagnostics += reader.diagnostics }
        guard let top = reader.fields(reader.compose(text), of: "signals.yaml", allowed: ["signals"]) else { return }
        var seen: [String: Int] = [:]
        for item in top.list("signals") ?? [] {
            let allowed = ["id", "name", "polarity", "severity", "weight", "competencies", "patterns", "except", "negatable",
                           "scope", "unlessPresent", "remedies", "contradicts", "gap", "practice", "pushbacks", "examples", "derived"]
            guard let f = reader.fields(item, of: "a signal", allowed: allowed), let id = f.string("id") else { continue }
            checkID(id, at: f.node("id"), reader)
            if let line = seen[id] {
                reader.error(at: f.node("id"), "duplicate signal id '\(id)' (first defined on line \(line))")
                continue
            }
            seen[id] = item.mark?.line ?? 1
            let polarityText = f.string("polarity") ?? "positive"
            guard let polarity = Polarity(rawValue: polarityText) else {
                reader.error(at: f.node("polarity"), "unknown polarity '\(polarityText)'", hint: "use positive, negative or neutral")
                continue
            }
            var severity = Severity.moderate
            if let text = f.string("severity", required: polarity == .negative) {
                if let value = Severity(rawValue: text) { severity = value } else {
                    reader.error(at: f.node("severity"), "unknown severity '\(text)'", hint: "use minor, moderate or severe")
                }
            }
            var scope = SignalScope.anywhere
            if let text = f.string("scope", required: false) {
                if let value = SignalScope(rawValue: text) { scope = value } else {
                    reader.error(at: f.node("scope"), "unknown scope '\(text)'", hint: "use anywhere or ending")
                }
            }
            func compile(_ key: String, minimum: Int) -> [PhrasePattern] {
                var result: [PhrasePattern] = []
                for (source, node) in f.strings(key, required: minimum > 0, minimum: minimum) ?? [] {
                    do { result.append(try PhrasePattern(source)) } catch {
                        reader.error(at: node, "pattern '\(source)' of signal '\(id)': \(error)",
                                     hint: "patterns are words, 'word*', 'a/b', '#num' and '...'; see docs/FORMATS.md")
                    }
                }
                return result
            }
            // A derived signal is emitted by the engine (a dismissed safeguard, an off-topic
            // answer): it has no patterns or examples of its own.
            let derived = f.bool("derived") ?? false
            var fires: [String] = [], misses: [String] = []
            if let examples = reader.fields(f.node("examples"), of: "examples of '\(id)'", allowed: ["fires", "misses"]) {
                fires = (examples.strings("fires", minimum: 1) ?? []).map(\.0)
                misses = (examples.strings("misses", minimum: 1) ?? []).map(\.0)
            } else if !f.has("examples") && !derived {
                reader.error(at: f.node("id"), "signal '\(id)' has no examples",
                             hint: "add 'examples:' with 'fires:' (text that must match) and 'misses:' (a near-miss that must not)")
            }
            let signal = SignalDefinition(
                id: id, name: f.string("name") ?? id, polarity: polarity, severity: severity,
                weight: f.double("weight", required: false, range: 0...5) ?? 1.0,
                competencies: (f.strings("competencies", required: polarity != .neutral) ?? []).map(\.0),
                patterns: compile("patterns", minimum: derived ? 0 : 1), except: compile("except", minimum: 0),
                negatable: f.bool("negatable") ?? true, scope: scope,
                unlessPresent: (f.strings("unlessPresent", required: false) ?? []).map(\.0),
                remedies: (f.strings("remedies", required: false) ?? []).map(\.0),
                contradicts: (f.strings("contradicts", required: false) ?? []).map(\.0),
                gap: f.string("gap", required: polarity != .neutral) ?? "",
                practice: f.string("practice", required: polarity != .neutral) ?? "",
                pushbacks: (f.strings("pushbacks", required: false) ?? []).map(\.0),
                fires: fires, misses: misses, file: reader.file, line: item.mark?.line ?? 1, derived: derived)
            signals.append(signal)
            signalFields.append((signal, f))
        }
    }

    // MARK: panels.yaml

    mutating func parsePanels(_ text: String, _ reader: YAMLReader) {
        defer { diagnostics += reader.diagnostics }
        guard let top = reader.fields(reader.compose(text), of: "panels.yaml", allowed: ["personas", "loops", "decision", "pools"]) else { return }
        var personaIDs: Set<String> = []
        for item in top.list("personas") ?? [] {
            guard let f = reader.fields(item, of: "a persona", allowed: ["id", "name", "role", "title", "competencies", "strictness"]),
                  let id = f.string("id") else { continue }
            checkID(id, at: f.node("id"), reader)
            if !personaIDs.insert(id).inserted { reader.error(at: f.node("id"), "duplicate persona id '\(id)'"); continue }
            let roleText = f.string("role") ?? "interviewer"
            guard let role = InterviewerRole(rawValue: roleText) else {
                reader.error(at: f.node("role"), "unknown role '\(roleText)'",
                             hint: "roles are: \(InterviewerRole.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            let persona = Persona(id: id, name: f.string("name") ?? id, role: role, title: f.string("title") ?? role.title,
                                  competencies: (f.strings("competencies", minimum: 1) ?? []).map(\.0),
                                  strictness: f.double("strictness", range: -1.5...1.5) ?? 0)
            personas.append((persona, f))
        }
        var loopIDs: Set<String> = []
        for item in top.list("loops") ?? [] {
            guard let f = reader.fields(item, of: "a loop", allowed: ["id", "description", "decisionModel", "rounds"]),
                  let id = f.string("id") else { continue }
            checkID(id, at: f.node("id"), reader)
            if !loopIDs.insert(id).inserted { reader.error(at: f.node("id"), "duplicate loop id '\(id)'"); continue }
            let modelText = f.string("decisionModel") ?? "standard"
            guard let model = DecisionModelKind(rawValue: modelText) else {
                reader.error(at: f.node("decisionModel"), "unknown decision model '\(modelText)'",
                             hint: "use one of: \(DecisionModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            var rounds: [(LoopRound, Fields)] = []
            for roundNode in f.list("rounds") ?? [] {
                guard let r = reader.fields(roundNode, of: "a round of loop '\(id)'", allowed: ["interviewer", "track", "questions", "areas"]) else { continue }
                let trackText = r.string("track") ?? "ml"
                guard let track = Track(rawValue: trackText) else {
                    reader.error(at: r.node("track"), "unknown track '\(trackText)'", hint: "use ml or behavioral")
                    continue
                }
                guard let interviewer = r.string("interviewer") else { continue }
                let round = LoopRound(interviewer: interviewer, track: track, questions: r.int("questions", range: 1...20) ?? 1,
                                      areas: (r.strings("areas", required: false) ?? []).map(\.0))
                rounds.append((round, r))
            }
            if rounds.isEmpty && f.has("rounds") { reader.error(at: f.node("rounds"), "loop '\(id)' has no rounds") }
            loops.append((Loop(id: id, description: f.string("description", required: false) ?? "", decisionModel: model,
                               rounds: rounds.map(\.0)), f, rounds))
        }
        if let d = reader.fields(top.node("decision"), of: "decision", allowed: ["alignment", "barPercentile", "defaultPool"]) {
            decision = DecisionSettings(alignment: d.double("alignment", required: false, range: 0...1) ?? 0.75,
                                        barPercentile: d.double("barPercentile", required: false, range: 0...100) ?? 50,
                                        defaultPool: d.string("defaultPool", required: false) ?? "typical")
        }
        var poolIDs: Set<String> = []
        for item in top.list("pools") ?? [] {
            guard let f = reader.fields(item, of: "a pool", allowed: ["id", "description", "mean", "sd"]), let id = f.string("id") else { continue }
            if !poolIDs.insert(id).inserted { reader.error(at: f.node("id"), "duplicate pool id '\(id)'"); continue }
            guard let mean = f.double("mean", range: 1...4), let sd = f.double("sd", range: 0.05...2) else { continue }
            pools.append(Pool(id: id, description: f.string("description", required: false) ?? "", mean: mean, standardDeviation: sd))
        }
        if poolIDs.isEmpty {
            reader.error(at: top.node("pools") ?? top.node, "no calibration pool is defined",
                         hint: "add 'pools:' with at least one entry: {id: typical, mean: 2.7, sd: 0.4}")
        } else if !poolIDs.contains(decision.defaultPool) {
            reader.error(at: top.node("decision"), "default pool '\(decision.defaultPool)' is not defined under 'pools'")
        }
    }

    // MARK: bank files

    mutating func parseBank(_ text: String, _ reader: YAMLReader) {
        defer { diagnostics += reader.diagnostics }
        guard let top = reader.fields(reader.compose(text), of: "a bank file", allowed: ["track", "area", "keywords", "areaKeyPoints", "questions"]) else { return }
        let trackText = top.string("track") ?? "ml"
        guard let track = Track(rawValue: trackText) else {
            reader.error(at: top.node("track"), "unknown track '\(trackText)'", hint: "use ml or behavioral")
            return
        }
        let area = top.string("area") ?? "general"
        var areaPoints: [KeyPoint] = []
        var areaPointIDs: Set<String> = []
        for node in top.list("areaKeyPoints", required: false) ?? [] {
            guard let point = parseKeyPoint(node, reader, owner: "area '\(area)'", globalID: { KeyPoint.globalID(area: area, point: $0) }) else { continue }
            if !areaPointIDs.insert(point.localID).inserted {
                reader.error(at: node, "duplicate key point id '\(point.localID)' in area '\(area)'")
                continue
            }
            areaPoints.append(point)
        }
        if !top.has("areaKeyPoints") {
            reader.error(at: top.node, "bank file of area '\(area)' has no 'areaKeyPoints'",
                         hint: "add 3-5 key points any question of this area shares; they judge questions asked in the user's own words (docs/FORMATS.md)")
        }
        areaFiles.append((track, area, (top.strings("keywords", required: false) ?? []).map { $0.0.lowercased() }, areaPoints, top))
        for item in top.list("questions") ?? [] {
            let allowed = ["id", "level", "competencies", "prompt", "strongSignals", "redFlags", "pushbacks", "hint", "note", "examples",
                           "keyPoints", "misconceptions"]
            guard let f = reader.fields(item, of: "a question", allowed: allowed), let id = f.string("id") else { continue }
            checkID(id, at: f.node("id"), reader)
            let levelText = f.string("level") ?? "senior"
            let level = Level(rawValue: levelText) ?? {
                reader.error(at: f.node("level"), "unknown level '\(levelText)'", hint: "use junior, senior or staff")
                return .senior
            }()
            var pushbacks: [(AuthoredPushback, Fields)] = []
            for node in f.list("pushbacks") ?? [] {
                guard let p = reader.fields(node, of: "a pushback of '\(id)'",
                                            allowed: ["id", "flag", "missing", "missingPoint", "misconception", "requires", "text"]),
                      let pid = p.string("id"), let text = p.string("text") else { continue }
                let given = ["flag", "missing", "missingPoint", "misconception"].compactMap { key in
                    p.string(key, required: false).map { (key, $0) }
                }
                guard given.count == 1, let (key, value) = given.first else {
                    if given.isEmpty {
                        reader.error(at: node, "pushback '\(pid)' has no trigger",
                                     hint: "add one of 'flag: <red flag id>', 'missing: <signal id>', 'missingPoint: <key point id>' or 'misconception: <misconception id>'")
                    } else {
                        reader.error(at: p.keyNode(given[1].0), "pushback '\(pid)' has \(given.map { "'\($0.0)'" }.joined(separator: " and "))",
                                     hint: "a pushback is triggered by one thing: a red flag or misconception seen, or a signal or key point absent")
                    }
                    continue
                }
                let trigger: PushbackTrigger
                switch key {
                case "flag": trigger = .flag(value)
                case "missing": trigger = .missing(value)
                case "missingPoint": trigger = .missing(KeyPoint.globalID(question: id, point: value))
                default: trigger = .flag(Misconception.globalID(question: id, misconception: value))
                }
                var requires: [PhrasePattern] = []
                for (source, patternNode) in p.strings("requires", required: false, minimum: 1) ?? [] {
                    do { requires.append(try PhrasePattern(source)) } catch {
                        reader.error(at: patternNode, "pattern '\(source)' in 'requires' of pushback '\(pid)': \(error)",
                                     hint: "patterns are words, 'word*', 'a/b', '#num', '...' and '~'; see docs/FORMATS.md")
                    }
                }
                pushbacks.append((AuthoredPushback(id: pid, trigger: trigger, text: text, requires: requires), p))
            }
            var examples: ExampleAnswers? = nil
            if let e = reader.fields(f.node("examples"), of: "examples of '\(id)'", allowed: ["strong", "weak", "weakFlags"]) {
                examples = ExampleAnswers(strong: e.string("strong", required: false), weak: e.string("weak", required: false),
                                          weakFlags: e.strings("weakFlags", required: false)?.map(\.0))
            }
            let competencies = (f.strings("competencies", minimum: 1) ?? []).map(\.0)
            var keyPoints: [KeyPoint] = []
            for node in f.list("keyPoints") ?? [] {
                guard let point = parseKeyPoint(node, reader, owner: "question '\(id)'",
                                                globalID: { KeyPoint.globalID(question: id, point: $0) }) else { continue }
                if keyPoints.contains(where: { $0.localID == point.localID }) {
                    reader.error(at: node, "duplicate key point id '\(point.localID)' in question '\(id)'")
                    continue
                }
                for competency in point.competencies where !competencies.contains(competency) {
                    reader.error(at: node, "key point '\(point.localID)' of '\(id)' informs '\(competency)', which the question does not rate",
                                 hint: "a key point's competencies are some of the question's: \(competencies.joined(separator: ", "))")
                }
                keyPoints.append(point)
            }
            if let list = f.list("keyPoints", required: false), !(3...6).contains(list.count) {
                reader.error(at: f.keyNode("keyPoints"), "question '\(id)' has \(list.count) key points; give it 3 to 6",
                             hint: "one idea each, the crux with weight 3 (docs/FORMATS.md)")
            }
            if !keyPoints.isEmpty, !keyPoints.contains(where: \.isCrux) {
                reader.error(at: f.keyNode("keyPoints"), "question '\(id)' has no crux: no key point has weight 3",
                             hint: "give the one or two things a strong answer must see weight 3")
            }
            var misconceptions: [Misconception] = []
            for node in f.list("misconceptions") ?? [] {
                guard let m = parseMisconception(node, reader, question: id, questionCompetencies: competencies) else { continue }
                if misconceptions.contains(where: { $0.localID == m.localID }) {
                    reader.error(at: node, "duplicate misconception id '\(m.localID)' in question '\(id)'")
                    continue
                }
                misconceptions.append(m)
            }
            if let list = f.list("misconceptions", required: false), list.isEmpty {
                reader.error(at: f.keyNode("misconceptions"), "question '\(id)' has no misconception",
                             hint: "add at least one tempting wrong claim or miss of the crux, with a severity")
            }
            let question = Question(
                id: id, track: track, area: area, level: level,
                competencies: competencies,
                prompt: f.string("prompt") ?? "",
                strongSignals: (f.strings("strongSignals", minimum: 1) ?? []).map(\.0),
                redFlags: (f.strings("redFlags", required: false) ?? []).map(\.0),
                pushbacks: pushbacks.map(\.0), hint: f.string("hint") ?? "", note: f.string("note") ?? "",
                examples: examples, file: reader.file, line: item.mark?.line ?? 1,
                keyPoints: keyPoints, misconceptions: misconceptions)
            questions.append((question, f, pushbacks))
        }
    }

    // MARK: key points and misconceptions

    /// The fields a key point and a misconception share: text, patterns, examples, misses.
    func parseDetectable(_ f: Fields, _ reader: YAMLReader, what: String) -> (String, [PhrasePattern], [String], [String])? {
        guard let text = f.string("text") else { return nil }
        var patterns: [PhrasePattern] = []
        for (source, node) in f.strings("patterns", minimum: 1) ?? [] {
            do { patterns.append(try PhrasePattern(source)) } catch {
                reader.error(at: node, "pattern '\(source)' of \(what): \(error)",
                             hint: "patterns are words, 'word*', 'a/b', '#num', '...' and '~'; see docs/FORMATS.md")
            }
        }
        let examples = f.strings("examples", minimum: 1) ?? []
        if examples.count > 4 {
            reader.warning(at: f.keyNode("examples"), "\(what) has \(examples.count) examples; 2-3 read best")
        }
        let misses = f.strings("misses", required: false) ?? []
        // Every example must be detected and every near miss must not, as for signals.
        if patterns.count == (f.strings("patterns", required: false) ?? []).count {
            for (example, node) in examples where !PointDetector.detects(patterns, in: example) {
                reader.error(at: node, "example of \(what) is not detected: \"\(example)\"",
                             hint: PointDetector.explainMiss(patterns, in: example))
            }
            for (miss, node) in misses where PointDetector.detects(patterns, in: miss) {
                reader.error(at: node, "near miss of \(what) is detected: \"\(miss)\"",
                             hint: "narrow the patterns (or add words) so this sentence no longer matches")
            }
        }
        return (text, patterns, examples.map(\.0), misses.map(\.0))
    }

    func parseKeyPoint(_ node: Node, _ reader: YAMLReader, owner: String, globalID: (String) -> String) -> KeyPoint? {
        guard let f = reader.fields(node, of: "a key point of \(owner)",
                                    allowed: ["id", "text", "competencies", "weight", "patterns", "examples", "misses"]),
              let id = f.string("id") else { return nil }
        checkID(id, at: f.node("id"), reader)
        guard let (text, patterns, examples, misses) = parseDetectable(f, reader, what: "key point '\(id)' of \(owner)") else { return nil }
        return KeyPoint(id: globalID(id), localID: id, text: text,
                        competencies: (f.strings("competencies", minimum: 1) ?? []).map(\.0),
                        weight: f.double("weight", range: 1...3) ?? 1, patterns: patterns, examples: examples, misses: misses,
                        file: reader.file, line: node.mark?.line ?? 1)
    }

    func parseMisconception(_ node: Node, _ reader: YAMLReader, question: String, questionCompetencies: [String]) -> Misconception? {
        guard let f = reader.fields(node, of: "a misconception of '\(question)'",
                                    allowed: ["id", "text", "severity", "competencies", "patterns", "examples", "misses"]),
              let id = f.string("id") else { return nil }
        checkID(id, at: f.node("id"), reader)
        var severity = Severity.moderate
        if let text = f.string("severity") {
            if let value = Severity(rawValue: text) { severity = value } else {
                reader.error(at: f.node("severity"), "unknown severity '\(text)'", hint: "use minor, moderate or severe")
            }
        }
        guard let (text, patterns, examples, misses) = parseDetectable(f, reader, what: "misconception '\(id)' of '\(question)'") else { return nil }
        let competencies = (f.strings("competencies", required: false) ?? []).map(\.0)
        return Misconception(id: Misconception.globalID(question: question, misconception: id), localID: id, text: text,
                             severity: severity, competencies: competencies.isEmpty ? questionCompetencies : competencies,
                             patterns: patterns, examples: examples, misses: misses, file: reader.file, line: node.mark?.line ?? 1)
    }

    // MARK: references between files

    func checkID(_ id: String, at node: Node?, _ reader: YAMLReader) {
        let valid = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !valid {
            reader.error(at: node, "id '\(id)' must use lowercase letters, digits and '-' only",
                         hint: "ids are typed at the prompt and in file names; try '\(id.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-"))'")
        }
    }

    mutating func warning(_ file: String, _ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, severity: .warning,
                                      message: message, hint: hint))
    }

    mutating func error(_ file: String, _ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message, hint: hint))
    }

    mutating func crossCheck() {
        let competencyIDs = Set(competencies.map(\.id))
        let signalByID = Dictionary(signals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let knownCompetencies = competencies.map(\.id).sorted().joined(separator: ", ")
        let competenciesFile = (root as NSString).appendingPathComponent(BankLoader.competenciesFile)
        let signalsFile = (root as NSString).appendingPathComponent(BankLoader.signalsFile)
        let panelsFile = (root as NSString).appendingPathComponent(BankLoader.panelsFile)

        func suggest(_ id: String, _ candidates: some Sequence<String>) -> String {
            YAMLReader.closest(to: id, in: Array(candidates).sorted()).map { "did you mean '\($0)'? " } ?? ""
        }
        func competency(_ id: String, _ node: Node?, _ file: String, _ owner: String) {
            if !competencyIDs.contains(id) && !competencies.isEmpty {
                error(file, node, "\(owner) names competency '\(id)', which competencies.yaml does not define",
                      hint: suggest(id, competencyIDs) + "defined: \(knownCompetencies)")
            }
        }
        func signal(_ id: String, _ node: Node?, _ file: String, _ owner: String, polarity: Polarity?) {
            guard let definition = signalByID[id] else {
                if !signals.isEmpty {
                    error(file, node, "\(owner) names signal '\(id)', which signals.yaml does not define",
                          hint: suggest(id, signalByID.keys) + "add it to signals.yaml or fix the id")
                }
                return
            }
            if let polarity, definition.polarity != polarity {
                error(file, node, "\(owner) names '\(id)' as a \(polarity.rawValue) signal, but it is \(definition.polarity.rawValue)",
                      hint: polarity == .negative ? "red flags and 'flag:' triggers take negative signals" : "strong signals and 'missing:' triggers take positive signals")
            }
        }

        for (track, f) in trackNodes {
            for (id, key, _) in f.mapping("weights", required: false) ?? [] { competency(id, key, competenciesFile, "track '\(track.rawValue)' weights") }
            for (id, node) in f.strings("defaultCompetencies", required: false) ?? [] { competency(id, node, competenciesFile, "track '\(track.rawValue)'") }
            for (id, node) in f.strings("defaultStrongSignals", required: false) ?? [] { signal(id, node, competenciesFile, "track '\(track.rawValue)'", polarity: .positive) }
        }
        for track in Track.allCases where tracks[track] == nil && !competencies.isEmpty {
            error(competenciesFile, nil, "track '\(track.rawValue)' has no weights", hint: "add it under 'tracks:' in competencies.yaml")
        }

        for (definition, f) in signalFields {
            for (id, node) in f.strings("competencies", required: false) ?? [] { competency(id, node, signalsFile, "signal '\(definition.id)'") }
            for (id, node) in f.strings("unlessPresent", required: false) ?? [] { signal(id, node, signalsFile, "signal '\(definition.id)' unlessPresent", polarity: nil) }
            for (id, node) in f.strings("remedies", required: false) ?? [] { signal(id, node, signalsFile, "signal '\(definition.id)' remedies", polarity: .positive) }
            for (id, node) in f.strings("contradicts", required: false) ?? [] { signal(id, node, signalsFile, "signal '\(definition.id)' contradicts", polarity: nil) }
        }
        if !signals.isEmpty {
            for id in BankLoader.adaptationSignals where signalByID[id] == nil {
                error(signalsFile, nil, "signals.yaml must define '\(id)'", hint: "the adaptation classifier reads it to judge responses to pushback")
            }
            for id in Analyzer.Derived.all where signalByID[id]?.derived != true {
                error(signalsFile, nil, "signals.yaml must define '\(id)' with 'derived: true'",
                      hint: "the engine emits it; its name, gap, practice and pushbacks come from signals.yaml")
            }
            // Generic pushbacks are asked of any answer, so they may not refer to what was said.
            for (definition, f) in signalFields {
                for (text, node) in f.strings("pushbacks", required: false) ?? [] {
                    if let presupposed = PushbackText.presupposition(in: text) {
                        error(signalsFile, node, "a generic pushback of '\(definition.id)' refers to something the candidate may not have said (\"\(presupposed)\")",
                              hint: "generic pushbacks are asked of any answer with this gap; reword it so it presupposes nothing, or use {quote}")
                    }
                }
            }
        }

        let personaIDs = Set(personas.map(\.0.id))
        for (persona, f) in personas {
            for (id, node) in f.strings("competencies", required: false) ?? [] { competency(id, node, panelsFile, "persona '\(persona.id)'") }
        }
        let areasByTrack = Dictionary(grouping: questions.map(\.0), by: \.track).mapValues { Set($0.map(\.area)) }
        for (loop, _, rounds) in loops {
            for (round, r) in rounds {
                if !personaIDs.contains(round.interviewer) {
                    error(panelsFile, r.node("interviewer"), "loop '\(loop.id)' names interviewer '\(round.interviewer)', who is not a persona",
                          hint: suggest(round.interviewer, personaIDs) + "personas: \(personaIDs.sorted().joined(separator: ", "))")
                }
                for (area, node) in r.strings("areas", required: false) ?? [] where !(areasByTrack[round.track]?.contains(area) ?? false) && !questions.isEmpty {
                    error(panelsFile, node, "loop '\(loop.id)' asks for area '\(area)' of track \(round.track.rawValue), which no bank file has",
                          hint: "areas of \(round.track.rawValue): \((areasByTrack[round.track] ?? []).sorted().joined(separator: ", "))")
                }
            }
        }

        for (_, area, _, points, _) in areaFiles {
            for point in points {
                for id in point.competencies where !competencyIDs.contains(id) && !competencies.isEmpty {
                    diagnostics.append(Diagnostic(file: point.file, line: point.line, column: 1,
                                                  message: "key point '\(point.localID)' of area '\(area)' names competency '\(id)', which competencies.yaml does not define",
                                                  hint: suggest(id, competencyIDs) + "defined: \(knownCompetencies)"))
                }
            }
        }

        var firstSeen: [String: Question] = [:]
        for (question, f, pushbacks) in questions {
            if let first = firstSeen[question.id] {
                error(question.file, f.node("id"), "duplicate question id '\(question.id)' (also at \(first.file):\(first.line))",
                      hint: "question ids must be unique across all bank files")
            } else {
                firstSeen[question.id] = question
            }
            for (id, node) in f.strings("competencies", required: false) ?? [] { competency(id, node, question.file, "question '\(question.id)'") }
            for (id, node) in f.strings("strongSignals", required: false) ?? [] { signal(id, node, question.file, "question '\(question.id)'", polarity: .positive) }
            for (id, node) in f.strings("redFlags", required: false) ?? [] { signal(id, node, question.file, "question '\(question.id)'", polarity: .negative) }
            if let e = reader(f), let list = e.strings("weakFlags", required: false) {
                for (id, node) in list { signal(id, node, question.file, "examples of '\(question.id)' weakFlags", polarity: .negative) }
            }
            // The question's own substance gets challenged: its crux when missing, a misconception when said.
            if !question.keyPoints.isEmpty {
                let cruxIDs = Set(question.keyPoints.filter(\.isCrux).map(\.id))
                if !question.pushbacks.contains(where: { cruxIDs.contains($0.trigger.signal) }) {
                    warning(question.file, f.node("id"), "question '\(question.id)' has no pushback for a missing crux",
                            hint: "add a pushback with 'missingPoint: <a key point of weight 3>'; without one a missed crux is never challenged")
                }
                if !question.misconceptions.isEmpty, !question.pushbacks.contains(where: { Misconception.isMisconceptionID($0.trigger.signal) }) {
                    warning(question.file, f.node("id"), "question '\(question.id)' has no pushback for a misconception",
                            hint: "add a pushback with 'misconception: <a misconception id>'; without one a misconception is never challenged")
                }
            }
            var pushbackIDs: Set<String> = []
            for (pushback, p) in pushbacks {
                if !pushbackIDs.insert(pushback.id).inserted {
                    error(question.file, p.node("id"), "duplicate pushback id '\(pushback.id)' in question '\(question.id)'")
                }
                let owner = "pushback '\(pushback.id)' of '\(question.id)'"
                if let presupposed = PushbackText.presupposition(in: pushback.text), pushback.requires.isEmpty {
                    error(question.file, p.node("text"), "\(owner) refers to something the candidate may not have said (\"\(presupposed)\") and has no 'requires'",
                          hint: "add 'requires: [pattern, ...]' naming what the answer must contain for this text to make sense, or reword it so it presupposes nothing")
                }
                switch pushback.trigger {
                case .missing(let id) where KeyPoint.isKeyPointID(id):
                    if question.keyPoint(id) == nil {
                        let local = String(id.split(separator: "/", maxSplits: 1).last ?? "")
                        error(question.file, p.node("missingPoint"), "\(owner) targets key point '\(local)', which the question does not define",
                              hint: suggest(local, question.keyPoints.map(\.localID)) + "key points: \(question.keyPoints.map(\.localID).joined(separator: ", "))")
                    }
                case .flag(let id) where Misconception.isMisconceptionID(id):
                    if question.misconception(id) == nil {
                        let local = String(id.split(separator: "/", maxSplits: 1).last ?? "")
                        error(question.file, p.node("misconception"), "\(owner) targets misconception '\(local)', which the question does not define",
                              hint: suggest(local, question.misconceptions.map(\.localID)) + "misconceptions: \(question.misconceptions.map(\.localID).joined(separator: ", "))")
                    }
                case .flag(let id): signal(id, p.node("flag"), question.file, owner, polarity: .negative)
                case .missing(let id):
                    signal(id, p.node("missing"), question.file, "pushback '\(pushback.id)' of '\(question.id)'", polarity: .positive)
                    if signalByID[id] != nil, !question.strongSignals.contains(id) {
                        error(question.file, p.node("missing"), "pushback '\(pushback.id)' of '\(question.id)' is triggered by missing '\(id)', which is not in the question's strongSignals",
                              hint: "a signal the question does not ask for is never missing, so this pushback could never be asked; add '\(id)' to strongSignals or change the trigger")
                    }
                }
            }
        }
    }

    /// One profile per (track, area): the files' keywords and area key points, and the
    /// competencies its questions rate, most frequent first.
    func areaProfiles() -> [AreaProfile] {
        var profiles: [AreaProfile] = []
        for (track, area, keywords, points, _) in areaFiles {
            if let index = profiles.firstIndex(where: { $0.track == track && $0.area == area }) {
                profiles[index].keywords += keywords.filter { !profiles[index].keywords.contains($0) }
                profiles[index].keyPoints += points
                continue
            }
            var counts: [String: Int] = [:]
            var order: [String] = []
            for question in questions.map(\.0) where question.track == track && question.area == area {
                for competency in question.competencies {
                    if counts[competency] == nil { order.append(competency) }
                    counts[competency, default: 0] += 1
                }
            }
            let ranked = order.enumerated().sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
            profiles.append(AreaProfile(track: track, area: area, keywords: keywords, keyPoints: points, competencies: ranked))
        }
        return profiles.sorted { ($0.track.rawValue, $0.area) < ($1.track.rawValue, $1.area) }
    }

    /// The `examples` fields of a question, already checked when parsed.
    func reader(_ f: Fields) -> Fields? {
        guard let node = f.node("examples"), node.mapping != nil else { return nil }
        return Fields(node: node, what: "examples", values: Dictionary(node.mapping!.compactMap { k, v in k.string.map { ($0, v) } }, uniquingKeysWith: { first, _ in first }),
                      keys: [:], reader: f.reader)
    }

    func finish() -> (Banks?, [Diagnostic]) {
        let sorted = diagnostics.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        guard !sorted.contains(where: { $0.severity == .error }) else { return (nil, sorted) }
        var banks = Banks(root: root, competencies: competencies, tracks: tracks, lexicon: Lexicon(signals: signals),
                          questions: questions.map(\.0), personas: personas.map(\.0), loops: loops.map(\.0), pools: pools,
                          decision: decision, files: files.sorted { $0.path < $1.path }, areas: areaProfiles())
        banks.index()
        return (banks, sorted)
    }
}
