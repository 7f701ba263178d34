import DebriefEngine
import Foundation
import Testing

/// The JSON shapes docs/FORMATS.md promises for journals and `score --format json`.
@Suite("JSON encodings")
struct EncodingTests {
    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("a pushback trigger is {\"flag\": id} or {\"missing\": id}; the older {\"_0\": id} form still reads")
    func trigger() throws {
        #expect(try json(PushbackTrigger.flag("blame")) == #"{"flag":"blame"}"#)
        #expect(try json(PushbackTrigger.missing("rollback-plan")) == #"{"missing":"rollback-plan"}"#)
        let decoder = JSONDecoder()
        #expect(try decoder.decode(PushbackTrigger.self, from: Data(#"{"missing":"rollback-plan"}"#.utf8)) == .missing("rollback-plan"))
        #expect(try decoder.decode(PushbackTrigger.self, from: Data(#"{"flag":{"_0":"blame"}}"#.utf8)) == .flag("blame"))
        #expect(throws: DecodingError.self) { try decoder.decode(PushbackTrigger.self, from: Data(#"{"other":"x"}"#.utf8)) }
    }

    @Test("an evidence source is \"answer\" or {\"response\": n}; the older forms still read")
    func source() throws {
        #expect(try json([EvidenceSource.answer]) == #"["answer"]"#)
        #expect(try json(EvidenceSource.response(1)) == #"{"response":1}"#)
        let decoder = JSONDecoder()
        #expect(try decoder.decode([EvidenceSource].self, from: Data(#"["answer",{"response":2}]"#.utf8)) == [.answer, .response(2)])
        #expect(try decoder.decode([EvidenceSource].self, from: Data(#"[{"answer":{}},{"response":{"_0":0}}]"#.utf8)) == [.answer, .response(0)])
        #expect(throws: DecodingError.self) { try decoder.decode([EvidenceSource].self, from: Data(#"["question"]"#.utf8)) }
    }
}
