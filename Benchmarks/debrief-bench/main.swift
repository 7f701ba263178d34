// Measures answer analysis. Run: swift run -c release debrief-bench [QuestionBanks]
import DebriefEngine
import Foundation

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "QuestionBanks"
let banks: Banks
do { banks = try BankLoader.loadValid(root: root) } catch {
    FileHandle.standardError.write(Data("cannot load banks at \(root): \(error)\n".utf8))
    exit(65)
}
guard let question = banks.questions.first(where: { $0.track == .ml }) else { exit(65) }

// A 300-word answer built from varied sentences, some of which fire signals.
let sentences = [
    "I chose gradient-boosted trees over a deep model because we had only 40k labelled rows.",
    "Offline AUC is only a proxy, so I'd confirm the gain with a two-week A/B test.",
    "We did some testing on the holdout set and the calibration looked reasonable.",
    "If precision drops below 0.9 for an hour, I roll back to the previous model.",
    "The team decided to move the launch, and I owned the rollout plan with the on-call engineer.",
    "Seasonality shifts the inputs every December, so I'd alert on drift in the top ten features.",
    "There are trade-offs between latency and recall that we discussed with the product manager.",
    "My recommendation is to ship it behind a flag to 5% of traffic first.",
]
var words: [Substring] = []
var i = 0
while words.count < 300 { words += sentences[i % sentences.count].split(separator: " "); i += 1 }
let answer = words.prefix(300).joined(separator: " ")
let analyzer = Analyzer(banks: banks)

func measure(_ iterations: Int) -> [Double] {
    var samples: [Double] = []
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        let analysis = analyzer.analyze(answer, for: question)
        let end = DispatchTime.now().uptimeNanoseconds
        precondition(!analysis.evidence.isEmpty)
        samples.append(Double(end - start) / 1000)
    }
    return samples.sorted()
}

func time(_ label: String, _ body: () -> Void) {
    var runs: [Double] = []
    for _ in 0..<1000 {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
    }
    runs.sort()
    print("  " + label.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "median %7.1f µs", runs[500]))
}

_ = measure(50) // warm-up
print("stages, 300-word answer")
time("tokenize") { _ = Tokenizer.tokenize(answer) }
let tokenized = Tokenizer.tokenize(answer)
time("lexicon scan") { _ = banks.lexicon.scan(tokenized) }
time("evidence (scan + quotes)") { _ = analyzer.scan(answer, source: .answer) }
let samples = measure(2000)
let median = samples[samples.count / 2], p95 = samples[samples.count * 95 / 100]
print("analysis of a 300-word answer (\(answer.unicodeScalars.count) characters), 2000 runs")
print(String(format: "  median %.1f µs   p95 %.1f µs   min %.1f µs", median, p95, samples[0]))

// Spoken register: the same words with no punctuation at all, one run-on sentence, and
// fillers. Clause reading and '~' patterns must stay linear here too.
let spoken = words.prefix(300).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:")) }
    .enumerated().map { $0.offset % 12 == 5 ? "um like " + $0.element : $0.element }.joined(separator: " ")
/// Sorted analysis times of `text`, in microseconds.
func analysisTimes(_ text: String, runs: Int) -> [Double] {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = analyzer.analyze(text, for: question)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
    }
    return times.sorted()
}

let spokenRuns = analysisTimes(spoken, runs: 500)
print(String(format: "spoken, unpunctuated 300-word answer: median %.1f µs   p95 %.1f µs", spokenRuns[250], spokenRuns[475]))

// Linearity: time per word should stay flat as answers grow.
for size in [300, 1200, 4800] {
    var longer: [Substring] = []
    var k = 0
    while longer.count < size { longer += sentences[k % sentences.count].split(separator: " "); k += 1 }
    let runs = analysisTimes(longer.prefix(size).joined(separator: " "), runs: 200)
    print(String(format: "  %5d words: median %8.1f µs  (%.2f µs/word)", size, runs[100], runs[100] / Double(size)))
}
